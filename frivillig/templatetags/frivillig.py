from django import template
from django.utils import timezone
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from frivillig import timewindow
from frivillig.models.translated import localized_text
from frivillig.text import MOMENT_FORMATS, kroner, moment_text, one_full_stop, render_text

register = template.Library()


register.filter("kroner", kroner)
register.filter("one_full_stop", one_full_stop, is_safe=True)


@register.filter(name="rich_text")
def rich_text_filter(value):
    return render_text(value or "")


@register.filter
def minutes(value):
    """A timedelta as whole minutes, for sentences such as “blocked for 15 minutes”."""
    return int(value.total_seconds() // 60) if value else 0


@register.filter
def has_passed(moment):
    """For a template: the deadline or expiry has passed by the rule of frivillig.timewindow."""
    return timewindow.has_passed(moment)


@register.filter
def machine_time(value):
    """A datetime for <time datetime>, in local time to the second: the HTML checker refuses
    the microseconds that `date:"c"` prints."""
    if not value:
        return ""
    return timezone.localtime(value).replace(microsecond=0).isoformat()


@register.filter
def localized(obj, name):
    """`{{ page|localized:"title" }}`: the English text in English when given, else the Danish."""
    return localized_text(obj, name)


def _moment_filter(kind):
    def moment(value):
        return moment_text(value, kind)

    return moment


# The date and time filters: long_date, clock, clock_alone, day, day_time and timestamp.
for _kind in MOMENT_FORMATS:
    register.filter(_kind, _moment_filter(_kind))


@register.simple_tag
def lang_da(obj, name):
    """` lang="da"` for an element showing `obj`'s text `name` in Danish to an English reader,
    because no English is given (WCAG 3.1.2, language of parts); otherwise nothing."""
    if (get_language() or "").startswith("en") and not getattr(obj, f"{name}_en", ""):
        return mark_safe(' lang="da"')
    return ""


@register.filter
def localized_part(obj, name):
    """`obj`'s text `name` inside a sentence: as `localized`, and marked ` lang="da"` where an
    English reader gets the Danish."""
    text = localized_text(obj, name)
    return format_html('<span lang="da">{}</span>', text) if lang_da(obj, name) else text


@register.filter
def danish_name(text, name):
    """`text` with the Danish `name` in it (a committee, a document) marked ` lang="da"` for an
    English reader: “<span lang="da">Socialudvalget</span> decides on the applications.”"""
    text = conditional_escape(text)
    if not name or not (get_language() or "").startswith("en"):
        return text
    name = conditional_escape(name)
    marked = format_html('<span lang="da">{}</span>', name)
    return mark_safe(text.replace(name, marked, 1))  # noqa: S308 - both parts are escaped above
