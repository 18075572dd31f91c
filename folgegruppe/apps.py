from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FolgegruppeConfig(AppConfig):
    name = "folgegruppe"
    verbose_name = _("Follow-up group")
