"""The `assessment_criteria` and `reason_blocks` sections of a municipality's data file.

Each item is a rule with its source: what the municipality's documents say a pool's
applications are assessed against, or a standard reason text they give. The scale and the
weight of a criterion are not in the file: no document gives them, so the consultant sets
them in the admin (the demo data has examples)."""

from django.utils import timezone

from frivillig.datafile import Choice, List, Rule, Section, Str, Text
from puljer.assessment.models import Criterion, ReasonBlock
from puljer.models import Pool

POOL = Choice(Pool.Kind.values, required=True)


def _pools():
    return {pool.kind: pool for pool in Pool.objects.filter(year=timezone.localdate().year)}


def criteria_load(items):
    """This year's pools get the file's criteria, numbered in the file's order per pool; a
    scale and a weight set in the admin stay."""
    pools, numbers = _pools(), {}
    for item in items:
        pool = pools.get(item["pool"])
        if pool is None:
            continue
        numbers[pool.pk] = numbers.get(pool.pk, 0) + 1
        Criterion.objects.update_or_create(
            pool=pool,
            number=numbers[pool.pk],
            defaults={"text": str(item["text"]), "source": item["source"]},
        )


def reason_blocks_load(items):
    pools = _pools()
    for item in items:
        pool = pools.get(item["pool"])
        if pool is not None:
            ReasonBlock.objects.update_or_create(
                pool=pool,
                title=item["title"],
                defaults={"text": str(item["text"]), "source": item["source"]},
            )


CRITERIA = Section(
    name="assessment_criteria",
    schema=List(Rule({"pool": POOL, "text": Text(required=True)})),
    load=criteria_load,
)
REASON_BLOCKS = Section(
    name="reason_blocks",
    schema=List(
        Rule(
            {"pool": POOL, "title": Str(required=True, max_length=100), "text": Text(required=True)}
        )
    ),
    load=reason_blocks_load,
)
