from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ForeningerConfig(AppConfig):
    name = "foreninger"
    verbose_name = _("Associations")
