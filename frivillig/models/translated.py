"""English beside Danish: a Danish text field `x` may have an optional sibling `x_en`.

The data file gives both (`title: {da: …, en: …}`), the admin shows `x_en` right after `x`, and
pages read `obj.localized("x")` (in templates `obj|localized:"x"`): the English text when the
active language is English and one is given, otherwise the Danish.
"""

from django.db import models
from django.utils.text import format_lazy
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


def english(field):
    """The optional English sibling of the Danish text field `field`."""
    verbose_name = format_lazy("{} ({})", field.verbose_name, _("English"))
    help_text = _("Shown instead of the Danish text when a visitor reads the site in English.")
    if isinstance(field, models.TextField):
        return models.TextField(verbose_name, blank=True, help_text=help_text)
    return models.CharField(
        verbose_name, max_length=field.max_length, blank=True, help_text=help_text
    )


def localized_text(obj, name):
    if (get_language() or "").startswith("en"):
        return getattr(obj, f"{name}_en", "") or getattr(obj, name)
    return getattr(obj, name)


class Localized:
    """Mixin for models with `_en` siblings."""

    def localized(self, name):
        return localized_text(self, name)
