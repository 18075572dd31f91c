"""The pure rules of a payment plan: how a grant is split, and when a line must be held."""

from django.utils.translation import gettext as _

from puljer.payments.models import PaymentLine


def instalments_split(*, total, percents):
    """`total` whole kroner in parts of `percents` (adding up to 100), in whole kroner that
    always add up to the total: each part rounded down, and the kroner left over go one each to
    the parts that lost most in the rounding (the earlier part on a tie)."""
    if sum(percents) != 100 or any(percent <= 0 for percent in percents):
        raise ValueError("the shares must be positive and add up to 100")
    exact = [total * percent for percent in percents]
    parts = [value // 100 for value in exact]
    left = total - sum(parts)
    by_loss = sorted(range(len(percents)), key=lambda index: (-(exact[index] % 100), index))
    for index in by_loss[:left]:
        parts[index] += 1
    return parts


def plan_for(*, rules, amount):
    """[(trigger, amount)] of a grant of `amount` under the pool's payment rules."""
    shares = [
        (PaymentLine.Trigger.DECISION, rules.decision_percent),
        (PaymentLine.Trigger.REPORT, 100 - rules.decision_percent),
    ]
    shares = [(trigger, percent) for trigger, percent in shares if percent]
    parts = instalments_split(total=amount, percents=[percent for _t, percent in shares])
    # A part of a very small grant may round to nothing: it is no payment.
    return [(trigger, part) for (trigger, _p), part in zip(shares, parts, strict=True) if part]


def hold_reason(association):
    """Why the association's payments are held, or "" when they can be paid."""
    if association.cvr:
        return ""
    return _(
        "The association has no CVR number, and the finance system pays through NemKonto by CVR "
        "number. The association can register a CVR number for free."
    )
