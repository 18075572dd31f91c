"""Third-party apps under a Danish name in the admin: django-axes gives its app none (the admin
would show “Axes”). Their models' own names are translated in the catalogue."""

from axes.apps import AppConfig as AxesAppConfig
from django.utils.translation import gettext_lazy as _


class AxesConfig(AxesAppConfig):
    verbose_name = _("Login lockouts")
