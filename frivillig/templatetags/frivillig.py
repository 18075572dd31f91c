from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from frivillig.text import render_text

register = template.Library()


@register.filter
def kroner(value):
    """Whole kroner in the Danish way: 1.900.000 kr."""
    if value is None or value == "":
        return _("not set")
    return _("%(amount)s kr.") % {"amount": number_format(value, 0, force_grouping=True)}


@register.filter(name="rich_text")
def rich_text_filter(value):
    return render_text(value or "")
