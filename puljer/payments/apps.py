from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    """The money out and back: each grant's payment plan, the file for the finance system, its
    receipt, and repayment claims. An app of its own beside puljer, which it reads."""

    name = "puljer.payments"
    label = "payments"
    verbose_name = _("Payments")
    consultant_permissions = [
        *(f"payments.{action}_paymentrules" for action in ("add", "change", "view")),
        "payments.view_paymentline",
        "payments.change_paymentline",
        "payments.view_financeexport",
        "payments.view_repaymentclaim",
        "payments.change_repaymentclaim",
        "payments.view_paymentevent",
    ]
    # The plan is made with the decision, before its letter, which states it.
    grant_decided_hooks = ["puljer.payments.services.plan_on_decision"]
    datafile_sections = ["puljer.payments.datafile.PAYMENTS"]
    demo_seeds = ["puljer.payments.demo.seed"]
    association_export_sections = ["puljer.payments.services.association_payment_data"]
