from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from frivillig.models import LogEntry
from puljer.models import Application, Pool


class PaymentRules(models.Model):
    """How a pool's grants are paid and paid back. Data, as the pool's other rules: set in the
    admin or the data file, each with the document it comes from. A pool without rules pays each
    grant in one payment at the decision."""

    pool = models.OneToOneField(
        Pool, on_delete=models.CASCADE, related_name="payment_rules", verbose_name=_("pool")
    )
    decision_percent = models.PositiveSmallIntegerField(
        _("paid at the decision (%)"),
        default=100,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_(
            "100 pays the grant in one payment. Less pays the rest when the report is approved, "
            "for example 80."
        ),
    )
    account_code = models.CharField(
        _("account code in the finance system"),
        max_length=40,
        blank=True,
        help_text=_("Put on every line of the finance file for this pool."),
    )
    statement_text = models.CharField(
        _("text on the bank statement"),
        max_length=20,
        blank=True,
        help_text=_("The case reference is added after it, for example “Tilskud”."),
    )
    repayment_days = models.PositiveSmallIntegerField(
        _("days to pay back unspent money"),
        null=True,
        blank=True,
        help_text=_(
            "Counted from the approval of the report. Only used when the pool's rules say "
            "unspent money is paid back; empty sets no deadline."
        ),
    )
    source = models.CharField(
        _("source of the rules"),
        max_length=200,
        help_text=_("The document and section these rules come from."),
    )

    class Meta:
        verbose_name = _("payment rules")
        verbose_name_plural = _("payment rules")
        constraints = [
            models.CheckConstraint(
                condition=Q(decision_percent__gte=1, decision_percent__lte=100),
                name="paymentrules_decision_percent_range",
                violation_error_message=_("The share paid at the decision is 1–100 %."),
            ),
        ]

    def __str__(self):
        return str(self.pool)


class PaymentLine(models.Model):
    """One payment of a grant: its amount, when it falls due and how far it has come."""

    class Trigger(models.TextChoices):
        DECISION = "decision", _("at the decision")
        REPORT = "report", _("after the approved report")

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waits for the approved report")
        HELD = "held", _("Held")
        TO_PAY = "to_pay", _("To pay")
        SENT = "sent", _("Sent to finance")
        PAID = "paid", _("Paid")
        CANCELLED = "cancelled", _("Not paid: the money was not spent")

    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="payment_lines",
        verbose_name=_("application"),
    )
    number = models.PositiveSmallIntegerField(_("instalment"))
    trigger = models.CharField(_("paid"), max_length=10, choices=Trigger)
    amount = models.PositiveIntegerField(_("amount (kr.)"))
    # What the plan gave, as the decision letter states it; `amount` is less where unspent
    # money was kept back.
    planned_amount = models.PositiveIntegerField(_("planned amount (kr.)"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.TO_PAY, db_index=True
    )
    held_reason = models.CharField(_("why it is held"), max_length=300, blank=True)
    export = models.ForeignKey(
        "FinanceExport",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="lines",
        verbose_name=_("finance file"),
    )
    paid_on = models.DateField(_("paid on"), null=True, blank=True)
    paid_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("paid recorded by"),
    )

    class Meta:
        ordering = ["application", "number"]
        verbose_name = _("payment")
        verbose_name_plural = _("payments")
        constraints = [
            models.UniqueConstraint(
                fields=["application", "number"], name="paymentline_one_number_per_application"
            ),
            models.CheckConstraint(
                condition=Q(amount__gt=0) | Q(status="cancelled", amount=0),
                name="paymentline_amount_positive",
            ),
            models.CheckConstraint(
                condition=Q(planned_amount__gte=models.F("amount")),
                name="paymentline_at_most_planned",
            ),
            models.CheckConstraint(
                condition=~Q(status="held") | ~Q(held_reason=""),
                name="paymentline_held_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status="waiting") | Q(due_on__isnull=False),
                name="paymentline_released_has_due_date",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=["sent", "paid"]) | Q(export__isnull=False),
                name="paymentline_sent_in_a_file",
            ),
            models.CheckConstraint(
                condition=Q(status="paid", paid_on__isnull=False)
                | (~Q(status="paid") & Q(paid_on__isnull=True)),
                name="paymentline_paid_has_date",
            ),
        ]

    def __str__(self):
        return self.reference

    @property
    def reference(self):
        """The line's reference in the finance file and its receipt."""
        return f"{self.application.reference}-{self.number}"


class FinanceExport(models.Model):
    """A file of due payments sent to the finance system; the lines in it are “sent”."""

    created_at = models.DateTimeField(_("made"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("made by"),
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("finance file")
        verbose_name_plural = _("finance files")

    def __str__(self):
        return f"{self.pk}"


class RepaymentClaim(models.Model):
    """Unspent money to be paid back, where the pool's rules say so."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        RECEIVED = "received", _("Received")
        WAIVED = "waived", _("Waived")

    application = models.OneToOneField(
        Application,
        on_delete=models.CASCADE,
        related_name="repayment_claim",
        verbose_name=_("application"),
    )
    amount = models.PositiveIntegerField(_("amount (kr.)"))
    due_on = models.DateField(_("due on"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.OPEN)
    waive_reason = models.TextField(_("reason for waiving"), blank=True)
    settled_on = models.DateField(_("settled on"), null=True, blank=True)
    settled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("settled by"),
    )
    created_at = models.DateTimeField(_("made"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("repayment claim")
        verbose_name_plural = _("repayment claims")
        constraints = [
            models.CheckConstraint(
                condition=Q(amount__gt=0), name="repaymentclaim_amount_positive"
            ),
            models.CheckConstraint(
                condition=~Q(status="waived") | ~Q(waive_reason=""),
                name="repaymentclaim_waived_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(status="open", settled_on__isnull=True)
                | (~Q(status="open") & Q(settled_on__isnull=False)),
                name="repaymentclaim_settled_has_date",
            ),
        ]

    def __str__(self):
        return f"{self.application.reference}"


class PaymentEvent(LogEntry):
    """The payments' log: exports, receipts, claims, and a superuser's overriding of the
    segregation of duties."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="payment_events"
    )
    action = models.CharField(_("action"), max_length=30)

    class Meta(LogEntry.Meta):
        verbose_name = _("payment log entry")
        verbose_name_plural = _("payment log")

    def __str__(self):
        return self.action
