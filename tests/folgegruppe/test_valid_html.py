"""Every page of the group checked with the Nu HTML Checker (as tests/frivillig/test_valid_html)."""

from datetime import timedelta

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from folgegruppe import services
from folgegruppe.models import AgendaProposal, Election, GroupSeat, MeetingAttachment
from frivillig.arrangementer import services as event_services
from frivillig.arrangementer.models import Event
from frivillig.models import TargetGroup
from tests import factories
from tests.htmlcheck import html_errors

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def _published_election_with_a_draw(consultant):
    election = factories.voting_election(seats=1, candidates=2)
    first, second = election.candidates.order_by("pk")
    for candidate in (first, second, None):
        services.ballot_cast(
            election=election,
            association=factories.association(),
            candidates=[candidate] if candidate else [],
            user=None,
        )
    services.election_close(election=election, user=consultant)
    services.election_publish(election=election, user=consultant)
    return election


def test_every_page_of_the_group_is_valid_html(client, faaborg, alice, consultant):
    club = factories.association(
        name="Besøgsvennerne", members=[alice], target_groups=TargetGroup.objects.all()[:2]
    )
    GroupSeat.objects.filter(fixed=True).update(person_name="Lone Berg")
    published = _published_election_with_a_draw(consultant)
    nominating = factories.election(status=Election.Status.NOMINATING)
    candidate = factories.candidate(nominating, consented=False, association=club)
    factories.candidate(nominating, association=club, presentation="Jeg vil gerne.\n\n- Ældre")
    voting = factories.voting_election()
    meeting = factories.meeting(
        agenda="- Velkomst\n- Nytårskuren",
        proposal_deadline=timezone.now() + timedelta(days=3),
        participants="Frivilligkonsulenten",
    )
    meeting.partners.set(meeting.partners.model.objects.all()[:1])
    services.meeting_publish_agenda(meeting=meeting)
    MeetingAttachment.objects.create(
        meeting=meeting, title="Bilag", file=SimpleUploadedFile("b.pdf", PDF)
    )
    proposal = AgendaProposal.objects.create(
        meeting=meeting, association=club, title="Kørsel", description="Hvem kører?"
    )
    services.agenda_proposal_decide(proposal=proposal, accept=True)
    event = Event.objects.create(
        title="Frivillig Social Nytårskur",
        slug="nytaarskur",
        kind=Event.Kind.NYTAARSKUR,
        starts_at=timezone.now().replace(second=0, microsecond=0) + timedelta(days=30),
        place="Borgernes Hus",
        registration_open=True,
        capacity=100,
    )
    event_services.event_register(
        event=event, association=club, attendees=3, user=alice, note="Kaffe"
    )
    Election.objects.filter(pk=nominating.pk).update(event=event)

    public = [
        reverse("folgegruppe:group"),
        published.get_absolute_url(),
        reverse("folgegruppe:results", args=[published.pk]),
        nominating.get_absolute_url(),
        voting.get_absolute_url(),
        reverse("folgegruppe:consent", args=[candidate.token]),
        reverse("folgegruppe:meetings"),
        meeting.get_absolute_url(),
        reverse("folgegruppe:recurring_events"),
        event.get_absolute_url(),
    ]
    members = [
        reverse("folgegruppe:nominate", args=[nominating.pk]),
        reverse("folgegruppe:vote", args=[voting.pk]),
        reverse("folgegruppe:propose", args=[meeting.pk]),
        reverse("folgegruppe:event_signup", args=[event.slug]),
    ]
    assert html_errors(client, public) == []
    client.force_login(alice)
    assert html_errors(client, members) == []
