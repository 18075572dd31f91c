from django import template
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from frivillig import timewindow
from frivillig.models.translated import localized_text
from frivillig.text import kroner, one_full_stop, render_text

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


@register.simple_tag
def lang_da(obj, name):
    """` lang="da"` for an element showing `obj`'s text `name` in Danish to an English reader,
    because no English is given (WCAG 3.1.2, language of parts); otherwise nothing."""
    if (get_language() or "").startswith("en") and not getattr(obj, f"{name}_en", ""):
        return mark_safe(' lang="da"')
    return ""
