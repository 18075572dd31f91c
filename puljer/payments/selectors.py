"""Reads of the payments: the rules that apply, the letter's terms and the overview."""

from django.db.models import OuterRef, Q, Subquery, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from puljer.models import GRANTED_STATUSES, Application, ApplicationEvent, Pool
from puljer.payments.models import PaymentLine, PaymentRules, RepaymentClaim
from puljer.payments.plans import hold_reason, plan_for


def rules_for(pool):
    """The pool's payment rules; without any, one payment at the decision."""
    try:
        return pool.payment_rules
    except PaymentRules.DoesNotExist:
        return PaymentRules(pool=pool)


def approval_date(application):
    """The Copenhagen day the report was approved, from the timeline."""
    event = (
        ApplicationEvent.objects.filter(application=application, action="approve_report")
        .order_by("-created_at")
        .first()
    )
    return timezone.localdate(event.created_at if event else timezone.now())


def _sum(queryset, field="amount"):
    return queryset.aggregate(total=Sum(field))["total"] or 0


def money_overview():
    """Per pool, then per round of it: budget, granted, paid, to pay, repaid and remaining."""
    rows = []
    for pool in Pool.objects.prefetch_related("rounds").order_by("-year", "kind"):
        scopes = [(None, Q(round__pool=pool))] + [
            (round_, Q(round=round_)) for round_ in pool.rounds.order_by("opens_on")
        ]
        for round_, where in scopes:
            applications = Application.objects.filter(where)
            granted = _sum(applications.filter(status__in=GRANTED_STATUSES), "amount_granted")
            lines = PaymentLine.objects.filter(application__in=applications)
            paid = _sum(lines.filter(status=PaymentLine.Status.PAID))
            repaid = _sum(
                RepaymentClaim.objects.filter(
                    application__in=applications, status=RepaymentClaim.Status.RECEIVED
                )
            )
            budget = pool.budget if round_ is None else None
            rows.append(
                {
                    "pool": pool,
                    "round": round_,
                    "budget": budget,
                    "granted": granted,
                    "paid": paid,
                    "to_pay": _sum(lines.exclude(status=PaymentLine.Status.PAID)),
                    "repaid": repaid,
                    "remaining": None if budget is None else budget - granted,
                }
            )
    return rows


def grant_money(applications, *, by):
    """The `grant_money` hook: what was paid out and paid back for the applications, summed
    per value of their field `by`, in one query (each application's sums are subqueries, so a
    claim is not counted once per line)."""
    paid = (
        PaymentLine.objects.filter(application=OuterRef("pk"), status=PaymentLine.Status.PAID)
        .values("application")
        .annotate(total=Sum("amount"))
        .values("total")
    )
    repaid = RepaymentClaim.objects.filter(
        application=OuterRef("pk"), status=RepaymentClaim.Status.RECEIVED
    ).values("amount")
    rows = (
        applications.order_by()
        .values(by)
        .annotate(
            paid=Sum(Coalesce(Subquery(paid), 0)),
            repaid=Sum(Coalesce(Subquery(repaid), 0)),
        )
    )
    return {row[by]: {"paid": row["paid"], "repaid": row["repaid"]} for row in rows}


def payment_terms(application):
    """The decision letter's payment terms: the grant's lines as they stand, or as the pool's
    rules will make them, and the repayment rule."""
    rules = rules_for(application.round.pool)
    lines = list(application.payment_lines.order_by("number"))
    if lines:
        parts = [(line.trigger, line.planned_amount) for line in lines]
    else:
        parts = plan_for(rules=rules, amount=application.amount_granted)
    return {
        "lines": [
            {"at_decision": trigger == PaymentLine.Trigger.DECISION, "amount": amount}
            for trigger, amount in parts
        ],
        "no_cvr": bool(hold_reason(application.association)),
        "statement_text": " ".join(filter(None, [rules.statement_text, application.reference])),
        "repayment": application.round.pool.requires_repayment,
        "repayment_days": rules.repayment_days,
    }


def letter_section(application):
    """The `decision_letter_sections` hook: the payment terms in a grant's decision letter."""
    return "puljer/letters/_payment_terms.html", payment_terms(application)


# The finance file's columns (README, “Udbetalinger”): fixed names a finance system can map once.
EXPORT_COLUMNS = [
    "cvr",
    "association",
    "amount",
    "account_code",
    "reference",
    "case_reference",
    "statement_text",
    "due_on",
]


def export_rows(export):
    """The finance file's rows: one a line, amounts in whole kroner, dates as YYYY-MM-DD."""
    lines = export.lines.select_related("application__association", "application__round__pool")
    rows = []
    for line in lines.order_by("application__reference", "number"):
        application = line.application
        rules = rules_for(application.round.pool)
        rows.append(
            [
                application.association.cvr,
                application.association.name,
                line.amount,
                rules.account_code,
                line.reference,
                application.reference,
                " ".join(filter(None, [rules.statement_text, application.reference])),
                line.due_on.isoformat(),
            ]
        )
    return rows


def export_total(export):
    return _sum(export.lines.all())
