from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PuljerConfig(AppConfig):
    name = "puljer"
    verbose_name = _("Grants")
