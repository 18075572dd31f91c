"""Writes of the payments: each grant's plan, the finance file, its receipt and repayments."""

import csv
import datetime
import io
import re

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.text import kroner, one_full_stop
from puljer.models import GRANTED_STATUSES, Application, Status
from puljer.payments.models import (
    FinanceExport,
    PaymentEvent,
    PaymentLine,
    RepaymentClaim,
)
from puljer.payments.plans import hold_reason, plan_for
from puljer.payments.selectors import approval_date, rules_for

# The receipt from the finance system, one paid line a row (README, “Udbetalinger”).
RECEIPT_COLUMNS = ["reference", "paid_on", "amount"]
REFERENCE = re.compile(r"^\S+-\d+$")


class PaymentError(Exception):
    """A rule of the payments was broken; the message is for the user."""


class ReceiptError(PaymentError):
    """The receipt cannot be imported; `errors` says why, line by line."""

    def __init__(self, errors):
        self.errors = errors
        super().__init__(" ".join(errors))


def _log(application, action, *, user=None, note=""):
    PaymentEvent.objects.create(application=application, action=action, user=user, note=note)


def _release(line, *, due_on):
    reason = hold_reason(line.application.association)
    line.due_on = due_on
    line.status = PaymentLine.Status.HELD if reason else PaymentLine.Status.TO_PAY
    line.held_reason = reason


@transaction.atomic
def payment_plan_create(*, application):
    """The grant's payment lines from its pool's rules, made once; none for a decline."""
    if application.status not in GRANTED_STATUSES or not application.amount_granted:
        return []
    existing = list(application.payment_lines.all())
    if existing:
        return existing
    rules = rules_for(application.round.pool)
    decided_on = timezone.localdate(application.decided_at or timezone.now())
    lines = []
    for number, (trigger, amount) in enumerate(
        plan_for(rules=rules, amount=application.amount_granted), start=1
    ):
        line = PaymentLine(
            application=application,
            number=number,
            trigger=trigger,
            amount=amount,
            planned_amount=amount,
        )
        if trigger == PaymentLine.Trigger.DECISION:
            _release(line, due_on=decided_on)
        else:
            line.status = PaymentLine.Status.WAITING
        line.save()
        lines.append(line)
    _log(
        application,
        "plan",
        note=_("Payment plan: %(lines)s.")
        % {
            "lines": ", ".join(
                f"{kroner(line.amount)} {line.get_trigger_display()}" for line in lines
            )
        },
    )
    return lines


def plan_on_decision(*, application, user):
    """grant_decided_hooks: a grant gets its payment plan in the decision's transaction."""
    payment_plan_create(application=application)


def sync_on_report_approval(*, application, user):
    """report_approved_hooks: the approved report releases the instalment that waited for it
    (and claims unspent money back) at once, not at the next sync."""
    payments_sync(application=application)


def _report_settle(application, *, approved_on):
    """An approved report releases the instalments that waited for it. Where the pool's rules
    say unspent money is paid back, the unspent money is first kept back from those instalments
    and the rest becomes a repayment claim."""
    report = getattr(application, "report", None)
    unspent = report.unspent if report else 0
    pool = application.round.pool
    keep_back = unspent if pool.requires_repayment else 0
    released = 0
    for line in application.payment_lines.filter(status=PaymentLine.Status.WAITING):
        kept = min(keep_back, line.amount)
        keep_back -= kept
        if kept == line.amount:
            _log(
                application,
                "cancelled",
                note=_("Instalment %(number)d (%(amount)s) is not paid: the money was not spent.")
                % {"number": line.number, "amount": kroner(line.amount)},
            )
            line.amount, line.status, line.due_on = 0, PaymentLine.Status.CANCELLED, approved_on
            line.save()
            continue
        if kept:
            _log(
                application,
                "reduced",
                note=_("Instalment %(number)d is reduced by %(amount)s of unspent money.")
                % {"number": line.number, "amount": kroner(kept)},
            )
            line.amount -= kept
        _release(line, due_on=approved_on)
        line.save()
        released += 1
    claimed = 0
    if keep_back and not hasattr(application, "repayment_claim"):
        days = rules_for(pool).repayment_days
        claim = RepaymentClaim.objects.create(
            application=application,
            amount=keep_back,
            due_on=approved_on + datetime.timedelta(days=days) if days is not None else None,
        )
        _log(
            application,
            "claim",
            note=_("Repayment claim: %(amount)s") % {"amount": kroner(claim.amount)},
        )
        claimed = 1
    return released, claimed


@transaction.atomic
def payments_sync(*, application=None):
    """Bring the payments up to date with the grant cases, or with the one `application`;
    safe to run any number of times: plans for grants that have none, instalments released and
    repayments claimed by approved reports, and lines held or freed as the associations' CVR
    numbers come and go."""
    only = Q() if application is None else Q(pk=application.pk)
    its_lines = Q() if application is None else Q(application=application.pk)
    planned = 0
    for grant in (
        Application.objects.filter(only, status__in=GRANTED_STATUSES, payment_lines__isnull=True)
        .select_related("round__pool", "association")
        .select_for_update(of=("self",))
    ):
        planned += bool(payment_plan_create(application=grant))
    released = claimed = 0
    approved = Application.objects.filter(only, status=Status.REPORT_APPROVED)
    waiting = approved.filter(payment_lines__status=PaymentLine.Status.WAITING)
    unclaimed = approved.filter(
        round__pool__requires_repayment=True,
        repayment_claim__isnull=True,
        report__amount_spent__lt=F("amount_granted"),
    )
    settle = set(waiting.values_list("pk", flat=True)) | set(unclaimed.values_list("pk", flat=True))
    for case in Application.objects.filter(pk__in=settle).select_related(
        "round__pool", "association", "report"
    ):
        lines, claims = _report_settle(case, approved_on=approval_date(case))
        released += lines
        claimed += claims
    held = freed = 0
    for line in PaymentLine.objects.filter(
        its_lines, status__in=[PaymentLine.Status.TO_PAY, PaymentLine.Status.HELD]
    ).select_related("application__association"):
        reason = hold_reason(line.application.association)
        status = PaymentLine.Status.HELD if reason else PaymentLine.Status.TO_PAY
        if status != line.status:
            held += status == PaymentLine.Status.HELD
            freed += status == PaymentLine.Status.TO_PAY
            line.status, line.held_reason = status, reason
            line.save(update_fields=["status", "held_reason"])
    return {
        "planned": planned,
        "released": released,
        "claimed": claimed,
        "held": held,
        "freed": freed,
    }


@transaction.atomic
def finance_export_create(*, user, today=None):
    """Put every line that is due in a new finance file; the lines are then “sent”."""
    today = today or timezone.localdate()
    payments_sync()
    lines = list(
        PaymentLine.objects.select_for_update()
        .filter(status=PaymentLine.Status.TO_PAY, due_on__lte=today)
        .select_related("application")
    )
    if not lines:
        raise PaymentError(_("No payments are due."))
    export = FinanceExport.objects.create(created_by=user)
    for line in lines:
        line.status, line.export = PaymentLine.Status.SENT, export
        line.save(update_fields=["status", "export"])
        _log(
            line.application,
            "sent",
            user=user,
            note=_("Instalment %(number)d (%(amount)s) sent to finance in file %(file)s.")
            % {"number": line.number, "amount": kroner(line.amount), "file": export.pk},
        )
    return export


def _may_record_paid(line, user):
    """Segregation of duties: whoever decided the grant may not record its payment; a
    superuser may, and it is logged. Returns (allowed, note for the log)."""
    if line.application.decided_by_id != user.pk:
        return True, ""
    if user.is_superuser:
        return True, _("Recorded by a superuser who also decided the grant.")
    return False, ""


def _record_paid(line, *, user, paid_on, source):
    allowed, note = _may_record_paid(line, user)
    if not allowed:
        raise PaymentError(
            _("%(reference)s: you decided the grant, so someone else must record its payment.")
            % {"reference": line.reference}
        )
    line.status, line.paid_on, line.paid_recorded_by = PaymentLine.Status.PAID, paid_on, user
    line.save(update_fields=["status", "paid_on", "paid_recorded_by"])
    text = _("Instalment %(number)d (%(amount)s) paid on %(date)s (%(source)s).") % {
        "number": line.number,
        "amount": kroner(line.amount),
        "date": paid_on.strftime("%d.%m.%Y"),
        "source": source,
    }
    _log(line.application, "paid", user=user, note=" ".join(filter(None, [text, note])))


@transaction.atomic
def payment_mark_paid(*, line, user, paid_on, today=None):
    """Record by hand that a line sent to finance is paid."""
    line = PaymentLine.objects.select_for_update().select_related("application").get(pk=line.pk)
    if line.status != PaymentLine.Status.SENT:
        raise PaymentError(
            _("%(reference)s is not sent to finance, so it cannot be paid.")
            % {"reference": line.reference}
        )
    if paid_on > (today or timezone.localdate()):
        raise PaymentError(_("The paid date cannot be in the future."))
    _record_paid(line, user=user, paid_on=paid_on, source=_("recorded by hand"))
    return line


def _receipt_rows(file):
    """The receipt's rows as (line number, fields), or ReceiptError for a file that is not a
    receipt at all."""
    raw = file.read()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ReceiptError([_("The file is not UTF-8 text.")]) from None
    try:
        rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    except csv.Error as error:
        raise ReceiptError([_("The file is not CSV: %(error)s") % {"error": error}]) from None
    if not rows or [cell.strip().lower() for cell in rows[0]] != RECEIPT_COLUMNS:
        raise ReceiptError(
            [
                _("Line 1: the first line must be the column names %(columns)s.")
                % {"columns": ";".join(RECEIPT_COLUMNS)}
            ]
        )
    numbered = [(number, row) for number, row in enumerate(rows[1:], start=2) if any(row)]
    if not numbered:
        raise ReceiptError([_("The file has no payments.")])
    return numbered


def _receipt_line(fields, *, user, today, seen):
    """The payment line and paid date a receipt row stands for, or the error in it."""
    if len(fields) != len(RECEIPT_COLUMNS):
        return None, _("has %(count)d fields, not %(expected)d (is the file cut off?).") % {
            "count": len(fields),
            "expected": len(RECEIPT_COLUMNS),
        }
    reference, paid_on, amount = (field.strip() for field in fields)
    try:
        paid_on = datetime.date.fromisoformat(paid_on)
    except ValueError:
        return None, _("the paid date “%(value)s” is not a date like 2026-12-06.") % {
            "value": paid_on
        }
    if not amount.isdigit():
        return None, _("the amount “%(value)s” is not whole kroner.") % {"value": amount}
    prefix, _dash, number = reference.rpartition("-")
    line = (
        PaymentLine.objects.select_for_update()
        .select_related("application")
        .filter(application__reference=prefix, number=number)
        .first()
        if REFERENCE.match(reference)
        else None
    )
    if line is None:
        return None, _("no payment has the reference “%(value)s”.") % {"value": reference}
    if line.pk in seen:
        return None, _("%(reference)s is in the file twice.") % {"reference": reference}
    seen.add(line.pk)
    if line.status == PaymentLine.Status.PAID:
        return None, _("%(reference)s is already recorded as paid.") % {"reference": reference}
    if line.status != PaymentLine.Status.SENT:
        return None, _("%(reference)s was not sent to finance.") % {"reference": reference}
    if int(amount) != line.amount:
        return None, one_full_stop(
            _("%(reference)s is for %(expected)s, not %(amount)s.")
            % {
                "reference": reference,
                "expected": kroner(line.amount),
                "amount": kroner(int(amount)),
            }
        )
    if paid_on > today:
        return None, _("the paid date %(date)s is in the future.") % {"date": paid_on.isoformat()}
    if not _may_record_paid(line, user)[0]:
        return None, _("you decided the grant %(reference)s, so someone else must import it.") % {
            "reference": line.application.reference
        }
    return (line, paid_on), ""


@transaction.atomic
def receipt_import(*, file, user, today=None):
    """Record the payments of the finance system's receipt, all of them or none: any error is
    reported with its line number and nothing is recorded."""
    today = today or timezone.localdate()
    seen, paid, errors = set(), [], []
    for number, fields in _receipt_rows(file):
        found, error = _receipt_line(fields, user=user, today=today, seen=seen)
        if error:
            errors.append(_("Line %(number)d: %(error)s") % {"number": number, "error": error})
        else:
            paid.append(found)
    if errors:
        raise ReceiptError(errors)
    for line, paid_on in paid:
        _record_paid(line, user=user, paid_on=paid_on, source=_("the finance system's receipt"))
    return len(paid)


def _claim(claim):
    claim = (
        RepaymentClaim.objects.select_for_update().select_related("application").get(pk=claim.pk)
    )
    if claim.status != RepaymentClaim.Status.OPEN:
        raise PaymentError(
            _("The claim on %(reference)s is already settled.")
            % {"reference": claim.application.reference}
        )
    return claim


@transaction.atomic
def repayment_receive(*, claim, user, received_on, today=None):
    claim = _claim(claim)
    if received_on > (today or timezone.localdate()):
        raise PaymentError(_("The date received cannot be in the future."))
    claim.status, claim.settled_on, claim.settled_by = (
        RepaymentClaim.Status.RECEIVED,
        received_on,
        user,
    )
    claim.save()
    _log(
        claim.application,
        "repaid",
        user=user,
        note=_("Repayment of %(amount)s received on %(date)s.")
        % {"amount": kroner(claim.amount), "date": received_on.strftime("%d.%m.%Y")},
    )
    return claim


@transaction.atomic
def repayment_waive(*, claim, user, reason, today=None):
    claim = _claim(claim)
    reason = reason.strip()
    if not reason:
        raise PaymentError(_("Give the reason for waiving the claim."))
    claim.status, claim.waive_reason = RepaymentClaim.Status.WAIVED, reason
    claim.settled_on, claim.settled_by = today or timezone.localdate(), user
    claim.save()
    _log(
        claim.application,
        "waived",
        user=user,
        note=_("Repayment of %(amount)s waived: %(reason)s")
        % {"amount": kroner(claim.amount), "reason": reason},
    )
    return claim


def sync_summary(counts):
    """What payments_sync did, for the consultant: a count after each label, so no plural."""
    return (
        _(
            "New payment plans: %(planned)d. Instalments released: %(released)d. Repayment "
            "claims: %(claimed)d. Lines held: %(held)d, freed: %(freed)d."
        )
        % counts
    )


def association_payment_data(association):
    """The association's payments and repayment claims, for its data export (foreninger's
    export hook)."""
    lines = PaymentLine.objects.filter(application__association=association).select_related(
        "application"
    )
    claims = RepaymentClaim.objects.filter(application__association=association).select_related(
        "application"
    )
    return {
        "payments": {
            "lines": [
                {
                    "reference": line.reference,
                    "amount": line.amount,
                    "due_on": line.due_on,
                    "status": line.status,
                    "held_reason": line.held_reason,
                    "paid_on": line.paid_on,
                }
                for line in lines.order_by("application__reference", "number")
            ],
            "repayment_claims": [
                {
                    "application": claim.application.reference,
                    "amount": claim.amount,
                    "due_on": claim.due_on,
                    "status": claim.status,
                    "settled_on": claim.settled_on,
                }
                for claim in claims.order_by("application__reference")
            ],
        }
    }
