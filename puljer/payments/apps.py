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
    decision_letter_sections = ["puljer.payments.selectors.letter_section"]
    # The approved report releases the instalment that waited for it at once.
    report_approved_hooks = ["puljer.payments.services.sync_on_report_approval"]
    # Paid and repaid per pool on the transparency page, and per grant in its CSV.
    grant_money = ["puljer.payments.selectors.grant_money"]
    # The transparency page reads these; they renew puljer's pages, as the grants do.
    page_scope_models = [
        ("puljer", "payments.PaymentLine"),
        ("puljer", "payments.RepaymentClaim"),
    ]
    datafile_sections = ["puljer.payments.datafile.PAYMENTS"]
    demo_seeds = ["puljer.payments.demo.seed"]
    association_export_sections = ["puljer.payments.services.association_payment_data"]
