"""Demo data of the assessment for `manage.py seed_demo`: example scales, weights and reason
texts (no document of the municipality gives them, so each is marked as an example), and a
panel for this year's co-creation round."""

import datetime

from django.db import transaction
from django.utils import timezone

from puljer.assessment.models import Criterion, Panel, ReasonBlock
from puljer.models import Pool, Round

EXAMPLE_SCALE, EXAMPLE_WEIGHT = 5, 1
EXAMPLE_REASONS = [
    ("Bevilget som søgt (eksempel)", "Aktiviteten opfylder puljens kriterier. (Eksempeltekst.)"),
    (
        "Delvis bevilling (eksempel)",
        "Puljen er søgt af mange, og aktiviteten prioriteres med et mindre beløb. (Eksempeltekst.)",
    ),
    (
        "Afslag (eksempel)",
        "Aktiviteten opfylder ikke puljens kriterier i tilstrækkelig grad. (Eksempeltekst.)",
    ),
]
EXAMPLE_CONFIDENTIALITY = (
    "Eksempeltekst (demo) – kommunen skriver sin egen: Jeg bekræfter, at jeg ikke videregiver "
    "oplysninger fra de ansøgninger, jeg ser som bedømmer."
)


@transaction.atomic
def seed():
    year = timezone.localdate().year
    pools = Pool.objects.filter(year=year)
    examples = Criterion.objects.filter(pool__in=pools, scale_max__isnull=True).update(
        scale_max=EXAMPLE_SCALE, weight=EXAMPLE_WEIGHT, example=True
    )
    for pool in pools:
        for title, text in EXAMPLE_REASONS:
            ReasonBlock.objects.get_or_create(
                pool=pool, title=title, defaults={"text": text, "example": True}
            )
    round_ = (
        Round.objects.filter(pool__year=year, pool__kind=Pool.Kind.CO_CREATION)
        .order_by("deadline")
        .first()
    )
    if round_ is not None:
        Panel.objects.get_or_create(
            round=round_,
            defaults={
                "deadline": round_.deadline + datetime.timedelta(days=14),
                "confidentiality_text": EXAMPLE_CONFIDENTIALITY,
            },
        )
    return f"Demo assessment: example scales on {examples} criteria, example reason texts."
