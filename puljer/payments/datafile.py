"""The `payments` section of a municipality's data file: how each pool's grants are paid and
paid back, only as the municipality's documents say (each entry names its source)."""

from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.datafile import Choice, DataFileError, Int, List, Rule, Section, Str, node_line
from puljer.models import Pool
from puljer.payments.models import PaymentRules

SCHEMA = List(
    Rule(
        {
            "pool": Choice(Pool.Kind.values, required=True),
            "decision_percent": Int(required=True, minimum=1, maximum=100),
            "account_code": Str(max_length=40),
            "statement_text": Str(max_length=20),
            "repayment_days": Int(minimum=1, maximum=3650),
        }
    )
)


def check(items, nodes):
    kinds = [item["pool"] for item in items]
    for index, (item, node) in enumerate(zip(items, nodes, strict=True)):
        if kinds.count(item["pool"]) > 1:
            raise DataFileError(
                node_line(node), f"payments[{index + 1}].pool", _("each pool may appear once")
            )


def load(items):
    """This year's pools get the file's payment rules; pools the file leaves out keep theirs."""
    year = timezone.localdate().year
    for index, item in enumerate(items, start=1):
        pool = Pool.objects.filter(year=year, kind=item["pool"]).first()
        if pool is None:
            raise DataFileError(
                0, f"payments[{index}].pool", _("the pools section has no such pool")
            )
        PaymentRules.objects.update_or_create(
            pool=pool,
            defaults={
                "decision_percent": item["decision_percent"],
                "account_code": item["account_code"] or "",
                "statement_text": item["statement_text"] or "",
                "repayment_days": item["repayment_days"],
                "source": item["source"],
            },
        )


PAYMENTS = Section(name="payments", schema=SCHEMA, load=load, check=check)
