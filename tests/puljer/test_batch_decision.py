"""A committee decides a round's recommendation list in one batch: one transaction under the
pool's lock, one letter per association, and a failure on any line decides nothing."""

import datetime
import io
import threading

import pytest
from django.core import mail
from django.db import connection
from openpyxl import load_workbook
from pypdf import PdfReader

from puljer import letters, services
from puljer.models import Application, CommitteeDecision, Pool, Status
from puljer.workflow import ApplicationError
from tests import factories
from tests.puljer.conftest import open_round, pool, submitted

MEETING = datetime.date(2026, 2, 24)


def _recommended(association, round_, amount, reason=""):
    application = submitted(association, round_, amount_applied=10000)
    Application.objects.filter(pk=application.pk).update(
        recommended_amount=amount, recommendation_reason=reason
    )
    return application


def test_the_committee_decides_the_list_with_its_changes_and_each_gets_a_letter(
    club_a, club_b, round_18, consultant, django_capture_on_commit_callbacks
):
    a = _recommended(club_a, round_18, 10000)
    b = _recommended(club_b, round_18, 6000, "Transporten er for dyr.")
    with django_capture_on_commit_callbacks(execute=True):
        decision = services.round_decide(
            round_=round_18,
            user=consultant,
            meeting_on=MEETING,
            agenda_item="7",
            lines={a.pk: (10000, ""), b.pk: (4000, "Udvalget: transporten er for dyr.")},
        )
    a.refresh_from_db()
    b.refresh_from_db()
    assert (a.status, a.amount_granted) == (Status.GRANTED, 10000)
    assert (b.status, b.amount_granted) == (Status.PARTIALLY_GRANTED, 4000)
    assert a.committee_decision == b.committee_decision == decision
    assert str(decision) == "Socialudvalget 24.02.2026, 7"
    letters = {message.subject: " ".join(message.body.split()) for message in mail.outbox}
    assert sorted(letters) == ["Afgørelse om tilskud: T-0001", "Afgørelse om tilskud: T-0002"]
    for body in letters.values():
        assert "Afgørelsen er truffet af Socialudvalget på mødet den 24. februar 2026, " in body
    assert "Udvalget: transporten er for dyr." in letters["Afgørelse om tilskud: T-0002"]


def test_a_failing_line_decides_nothing(
    club_a, club_b, round_18, consultant, django_capture_on_commit_callbacks
):
    a = _recommended(club_a, round_18, 10000)
    b = _recommended(club_b, round_18, 6000)
    with (
        django_capture_on_commit_callbacks(execute=True),
        pytest.raises(
            ApplicationError,
            match="T-0002: En delvis bevilling eller et afslag kræver en skriftlig begrundelse",
        ),
    ):
        services.round_decide(
            round_=round_18,
            user=consultant,
            meeting_on=MEETING,
            agenda_item="7",
            lines={a.pk: (10000, ""), b.pk: (6000, "")},  # a cut without a reason
        )
    assert set(Application.objects.values_list("status", flat=True)) == {Status.SUBMITTED}
    assert not CommitteeDecision.objects.exists()
    assert len(mail.outbox) == 0


def test_a_pool_the_administration_decides_has_no_committee_list(club_a, round_18, consultant):
    Pool.objects.filter(pk=round_18.pool_id).update(
        decision_authority="administration", decision_authority_name="Socialområdet"
    )
    a = _recommended(club_a, round_18, 10000)
    with pytest.raises(ApplicationError, match="§18-puljen"):
        services.round_decide(
            round_=round_18,
            user=consultant,
            meeting_on=MEETING,
            agenda_item="7",
            lines={a.pk: (10000, "")},
        )
    assert not CommitteeDecision.objects.exists()


@pytest.mark.django_db(transaction=True)
def test_a_batch_racing_a_single_decision_on_the_same_pool_never_overspends(faaborg):
    consultant = factories.user(email="k1@example.com", is_staff=True)
    round_ = open_round(Pool.Kind.CO_CREATION)  # 190.000 kr.
    first, second = (
        submitted(factories.association(name=f"Forening {n}"), round_, amount_applied=150_000)
        for n in (1, 2)
    )
    barrier = threading.Barrier(2)
    outcomes = {}

    def run(name, action):
        try:
            barrier.wait()
            action()
            outcomes[name] = "decided"
        except ApplicationError as error:
            outcomes[name] = str(error)
        finally:
            connection.close()

    batch = threading.Thread(
        target=run,
        args=(
            "batch",
            lambda: services.round_decide(
                round_=round_,
                user=consultant,
                meeting_on=MEETING,
                agenda_item="3",
                lines={first.pk: (150_000, ""), second.pk: (40_000, "Resten af puljen.")},
            ),
        ),
    )
    single = threading.Thread(
        target=run,
        args=(
            "single",
            lambda: services.grant_decide(application=second, user=consultant, amount=150_000),
        ),
    )
    for thread in (batch, single):
        thread.start()
    for thread in (batch, single):
        thread.join()
    granted = services.granted_total(pool(Pool.Kind.CO_CREATION))
    if outcomes["batch"] == "decided":
        # The batch came first: the single decision found the pool spent.
        assert granted == 190_000
        assert outcomes["single"] == "Der er kun 0 kr. tilbage i Samskabelsespuljen."
        assert CommitteeDecision.objects.count() == 1
    else:
        # The single decision came first: the batch decided nothing.
        assert outcomes["single"] == "decided"
        assert granted == 150_000
        assert not CommitteeDecision.objects.exists()
        assert Application.objects.get(pk=first.pk).status == Status.SUBMITTED


def test_the_recommendation_list_is_an_agenda_annex_as_pdf_and_xlsx(
    client, club_a, round_18, consultant
):
    _recommended(club_a, round_18, 6000, "Transporten er for dyr.")
    client.force_login(consultant)
    pdf = client.get(f"/admin/puljer/round/{round_18.pk}/indstilling.pdf")
    text = " ".join(PdfReader(io.BytesIO(pdf.content)).pages[0].extract_text().split())
    assert "Indstilling: §18-puljen – Runde" in text
    assert "Bilag til dagsordenen for Socialudvalget." in text
    assert "T-0001 Klub A: Fællesspisning 10.000 kr. 6.000 kr. Transporten er for dyr." in text
    xlsx = client.get(f"/admin/puljer/round/{round_18.pk}/indstilling.xlsx")
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [list(row) for row in sheet.iter_rows(values_only=True)] == [
        ["Ansøgning", "Ansøgt (kr.)", "Indstillet (kr.)", "Begrundelse"],
        ["T-0001 Klub A: Fællesspisning", 10000, 6000, "Transporten er for dyr."],
    ]


def test_one_application_decided_at_a_meeting_names_it(club_a, round_18, consultant):
    application = submitted(club_a, round_18, amount_applied=10000)
    services.grant_decide_at_meeting(
        application=application,
        user=consultant,
        meeting_on=MEETING,
        agenda_item="12",
        amount=10000,
    )
    application.refresh_from_db()
    assert str(application.committee_decision) == "Socialudvalget 24.02.2026, 12"
    assert "på mødet den 24. februar 2026, dagsordenens punkt 12." in " ".join(
        letters.decision_letter_text(application).split()
    )


def test_an_admin_decision_with_a_meeting_in_a_pool_without_a_committee_is_refused(
    club_a, round_18, consultant
):
    Pool.objects.filter(pk=round_18.pool_id).update(
        decision_authority="administration", decision_authority_name="Socialområdet"
    )
    application = submitted(club_a, round_18, amount_applied=10000)
    with pytest.raises(ApplicationError, match="§18-puljen"):
        services.grant_decide_at_meeting(
            application=application,
            user=consultant,
            meeting_on=MEETING,
            agenda_item="12",
            amount=10000,
        )
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
