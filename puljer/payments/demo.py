"""Demo payment rules and plans for `manage.py seed_demo`, after the demo grants."""

from pathlib import Path

from django.db import transaction
from django.utils import timezone

from frivillig.datafile import yaml_file
from puljer.models import Pool
from puljer.payments.models import PaymentRules
from puljer.payments.services import payments_sync

EXAMPLE_RULES = Path(__file__).with_name("demo_rules.yaml")


@transaction.atomic
def seed():
    data = yaml_file(EXAMPLE_RULES)
    year = timezone.localdate().year
    pools = Pool.objects.filter(year__in=[year - 1, year], kind__in=data["pools"])
    for pool in pools:
        PaymentRules.objects.get_or_create(
            pool=pool, defaults={**data["pools"][pool.kind], "source": data["source"]}
        )
    counts = payments_sync()
    return f"Demo payments: example rules on {len(pools)} pools, {counts['planned']} payment plans."
