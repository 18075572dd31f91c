from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OutboxConfig(AppConfig):
    """Every message the portal sends, written in the transaction that causes it and delivered
    by the worker (frivillig.outbox.services.deliver_due), so that a mail server that is down
    costs no request and loses no message; letters to associations by e-mail or Digital Post."""

    name = "frivillig.outbox"
    label = "outbox"
    verbose_name = _("Outbox")
    consultant_permissions = [
        "outbox.view_message",
        "outbox.resend_message",
        "outbox.view_letterchannel",
        "outbox.change_letterchannel",
    ]
    retention_tasks = ["frivillig.outbox.services.messages_apply_retention"]
    admin_dashboard_counts = ["frivillig.outbox.admin.dashboard_counts"]
    association_anonymise_hooks = ["frivillig.outbox.services.association_messages_anonymise"]

    def ready(self):
        from frivillig.outbox import checks  # noqa: F401  (registers the system checks)
