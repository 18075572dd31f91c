from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityConfig(AppConfig):
    name = "frivillig.identity"
    label = "identity"
    verbose_name = _("Login with MitID")

    def ready(self):
        from frivillig.identity import checks  # noqa: F401  (registers the system checks)
