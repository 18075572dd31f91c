"""Receipts go to an address the visitor types, so they say what was received, when and to whom,
and never repeat what the visitor wrote: otherwise the portal relays text to anyone."""

from datetime import timedelta

from django.core import mail
from django.utils import timezone

from folgegruppe import services as group_services
from folgegruppe.models import Election
from foreninger.frivilligjob import services as opportunities
from foreninger.frivilligjob.models import Opportunity
from frivillig import awards
from frivillig.arrangementer import workshops
from frivillig.arrangementer.models import Event
from frivillig.models import AwardCategory
from tests import factories

MARKER = "KLIK-HER-spam.example"


def _sent(receipt):
    return f"{receipt.subject}\n{receipt.body}"


def test_the_award_nomination_receipt_repeats_nothing_the_nominator_wrote(
    faaborg, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        awards.award_nomination_submit(
            category=AwardCategory.objects.get(slug="aarets-ildsjael"),
            nominee_name=f"Grethe {MARKER}",
            nominee_association=f"Klub {MARKER}",
            reason=f"Grethe er sød. {MARKER}",
            nominator_name=f"Bo {MARKER}",
            nominator_email="victim@example.org",
        )
    receipt = mail.outbox[0]
    assert receipt.to == ["victim@example.org"]
    assert "Årets Ildsjæl" in _sent(receipt)
    assert MARKER not in _sent(receipt)


def test_the_workshop_receipt_repeats_nothing_the_participant_wrote(
    faaborg, django_capture_on_commit_callbacks
):
    event = factories.event(title="Workshop i Gråsten", kind=Event.Kind.WORKSHOP, input_open=True)
    question = event.questions.create(text="Hvad skal politikken indeholde?", order=1)
    with django_capture_on_commit_callbacks(execute=True):
        workshops.workshop_response_submit(
            event=event,
            name=f"Karen {MARKER}",
            email="victim@example.org",
            organisation=f"Forening {MARKER}",
            answers={question: f"Mit svar. {MARKER}"},
            consent=True,
        )
    [receipt] = mail.outbox
    assert receipt.to == ["victim@example.org"]
    assert "Workshop i Gråsten" in _sent(receipt)
    assert "Hvad skal politikken indeholde?" in receipt.body
    assert MARKER not in _sent(receipt)


def test_the_job_answer_receipt_repeats_nothing_the_citizen_wrote(
    faaborg, django_capture_on_commit_callbacks
):
    club = factories.association(name="Klub A")
    posted = Opportunity.objects.create(
        association=club,
        title="Chauffør",
        description="Kør ældre til lægen.",
        time_commitment=Opportunity.TimeCommitment.WEEKLY,
        answer_by=timezone.localdate() + timedelta(days=14),
    )
    with django_capture_on_commit_callbacks(execute=True):
        opportunities.opportunity_answer(
            opportunity=posted,
            name=f"Bo {MARKER}",
            email="victim@example.org",
            phone="12 34 56 78",
            message=f"Jeg har kørekort. {MARKER}",
        )
    to_association, receipt = mail.outbox
    assert MARKER in to_association.body
    assert receipt.to == ["victim@example.org"]
    assert "Chauffør" in _sent(receipt)
    assert "Klub A" in receipt.body
    assert MARKER not in _sent(receipt)
    assert "12 34 56 78" not in _sent(receipt)


def test_the_candidate_nomination_mail_repeats_not_the_presentation(
    faaborg, alice, django_capture_on_commit_callbacks
):
    club = factories.association(name="Besøgsvennerne", members=[alice])
    election = factories.election(status=Election.Status.NOMINATING)
    with django_capture_on_commit_callbacks(execute=True):
        group_services.candidate_nominate(
            election=election,
            nominated_by=club,
            user=alice,
            name="Karen Holm",
            email="victim@example.org",
            association=club,
            presentation=f"Karen kan alt. {MARKER}",
        )
    [consent] = mail.outbox
    assert consent.to == ["victim@example.org"]
    assert "Valg til følgegruppen" in _sent(consent)
    assert MARKER not in _sent(consent)
