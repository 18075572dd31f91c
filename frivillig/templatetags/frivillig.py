import datetime

from django import template
from django.utils import dateformat, timezone
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


# A day and a time of day the way each language writes them: “søndag 27. december 2026,
# kl. 19.00” and “Sunday 27 December 2026, 19:00”.
MOMENT_FORMATS = {
    "da": {"day": "l j. F Y", "time": "H.i", "time_alone": r"\k\l. H.i"},
    "en": {"day": "l j F Y", "time": "H:i", "time_alone": "H:i"},
}


def _moment(value, part):
    if not value:
        return ""
    formats = MOMENT_FORMATS.get((get_language() or "da")[:2], MOMENT_FORMATS["da"])
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return dateformat.format(value, formats[part])


@register.filter
def long_date(value):
    """The weekday and the date in full: “søndag 27. december 2026”."""
    return _moment(value, "day")


@register.filter
def clock(value):
    """The time of day after a date or another time: “19.00” (Danish), “19:00” (English)."""
    return _moment(value, "time")


@register.filter
def clock_alone(value):
    """The time of day on its own: “kl. 19.00” (Danish), “19:00” (English)."""
    return _moment(value, "time_alone")


@register.simple_tag
def lang_da(obj, name):
    """` lang="da"` for an element showing `obj`'s text `name` in Danish to an English reader,
    because no English is given (WCAG 3.1.2, language of parts); otherwise nothing."""
    if (get_language() or "").startswith("en") and not getattr(obj, f"{name}_en", ""):
        return mark_safe(' lang="da"')
    return ""
