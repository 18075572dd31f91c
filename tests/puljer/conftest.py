import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from frivillig.models import FocusArea, TargetGroup
from puljer.models import Application, Attachment, BudgetLine, Pool, Round, Status
from tests import factories

PDF = b"%PDF-1.7\n%%EOF\n"


@pytest.fixture
def bob(db):
    return factories.user(email="bob@example.com", first_name="Bob")


@pytest.fixture
def club_a(faaborg, alice):
    return factories.association(name="Klub A", members=[alice])


@pytest.fixture
def club_b(faaborg, bob):
    return factories.association(name="Klub B", members=[bob])


def pool(kind=Pool.Kind.SECTION_18):
    return Pool.objects.get(year=timezone.localdate().year, kind=kind)


def open_round(kind=Pool.Kind.SECTION_18, **fields):
    today = timezone.localdate()
    fields.setdefault("opens_on", today - datetime.timedelta(days=5))
    fields.setdefault("deadline", today + datetime.timedelta(days=20))
    return Round.objects.create(pool=pool(kind), title="Runde", **fields)


@pytest.fixture
def round_18(faaborg):
    return open_round()


def complete_draft(association, round_, **fields):
    """A draft with everything submission checks, built directly in the database."""
    fields.setdefault("title", "Fællesspisning")
    fields.setdefault("purpose", "Vi spiser sammen.")
    fields.setdefault("expected_participants", 20)
    fields.setdefault("expected_volunteers", 4)
    # A period that has started, so that a grant can be reported on at once.
    today = timezone.localdate()
    fields.setdefault("period_start", today - datetime.timedelta(days=30))
    fields.setdefault("period_end", today + datetime.timedelta(days=335))
    fields.setdefault("contact_name", "Karen")
    fields.setdefault("contact_email", "karen@example.com")
    fields.setdefault("amount_applied", 10000)
    focus_areas = fields.pop("focus_areas", [])
    application = Application.objects.create(round=round_, association=association, **fields)
    application.target_groups.set(TargetGroup.objects.all()[:1])
    application.focus_areas.set(focus_areas)
    BudgetLine.objects.create(
        application=application, kind="expense", description="Mad", amount=15000
    )
    BudgetLine.objects.create(
        application=application, kind="own", description="Egenbetaling", amount=5000
    )
    for kind in (Attachment.Kind.ACCOUNTS, Attachment.Kind.BUDGET):
        Attachment.objects.create(
            application=application,
            kind=kind,
            file=SimpleUploadedFile(f"{kind}.pdf", PDF),
            original_name=f"{kind}.pdf",
        )
    return application


def submitted(association, round_, status=Status.SUBMITTED, **fields):
    number = Application.objects.exclude(reference="").count() + 1
    return complete_draft(association, round_, status=status, reference=f"T-{number:04d}", **fields)


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def first_focus_area(faaborg):
    return FocusArea.objects.get(number=1)
