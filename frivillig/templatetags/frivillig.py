from django import template
from django.utils import timezone

from frivillig import timewindow
from frivillig.models.translated import localized_text
from frivillig.text import kroner, render_text

register = template.Library()


register.filter("kroner", kroner)


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
