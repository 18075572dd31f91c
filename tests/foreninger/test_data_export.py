"""The data export (GDPR art. 15/20) holds everything the portal keeps about the association,
in every app, and nothing that others wrote to the municipality about it."""

import datetime
import json

import pytest
from django.urls import reverse

from folgegruppe.models import AgendaProposal, Candidate, Election
from foreninger import services
from foreninger.models import Invitation
from frivillig.arrangementer.models import EventRegistration
from puljer.models import Report, Status
from tests import factories
from tests.puljer.conftest import open_round, submitted

UTC = datetime.UTC


def at(month, day, hour=12):
    return datetime.datetime(2031, month, day, hour, 0, tzinfo=UTC)


def export(client, user, association):
    client.force_login(user)
    response = client.get(reverse("foreninger:data_export", args=[association.pk]))
    return json.loads(response.content)


@pytest.fixture
def club(faaborg, alice):
    return factories.association(name="Klubben", members=[alice])


def test_the_export_has_a_section_for_everything_the_portal_holds(client, club, alice):
    assert sorted(export(client, alice, club)) == [
        "activities",
        "agenda_proposals",
        "applications",
        "association",
        "candidacies",
        "event_registrations",
        "focus_areas",
        "invitations",
        "log",
        "members",
        "opportunities",
        "payments",
        "regions",
        "target_groups",
    ]


def test_the_export_holds_the_event_sign_ups(client, club, alice):
    event = factories.event(title="Sommerfest", starts_at=at(6, 1))
    registration = EventRegistration.objects.create(
        event=event, association=club, attendees=3, note="En i kørestol", registered_by=alice
    )
    EventRegistration.objects.filter(pk=registration.pk).update(created_at=at(5, 1))
    assert export(client, alice, club)["event_registrations"] == [
        {
            "event": "Sommerfest",
            "starts_at": "2031-06-01T12:00:00Z",
            "attendees": 3,
            "note": "En i kørestol",
            "registered_by": "alice@example.com",
            "created_at": "2031-05-01T12:00:00Z",
        }
    ]


def test_the_export_holds_the_agenda_proposals_and_the_groups_answer(client, club, alice):
    meeting = factories.meeting(starts_at=at(9, 10, 17), place="Rådhuset")
    proposal = AgendaProposal.objects.create(
        meeting=meeting,
        association=club,
        proposed_by=alice,
        title="Trafik ved skolen",
        description="Børnene har svært ved at krydse vejen.",
        status=AgendaProposal.Status.DECLINED,
        decision_reason="Hører under teknisk udvalg.",
    )
    AgendaProposal.objects.filter(pk=proposal.pk).update(created_at=at(8, 1), decided_at=at(8, 15))
    assert export(client, alice, club)["agenda_proposals"] == [
        {
            "meeting": "2031-09-10T17:00:00Z",
            "title": "Trafik ved skolen",
            "description": "Børnene har svært ved at krydse vejen.",
            "status": "declined",
            "decision_reason": "Hører under teknisk udvalg.",
            "proposed_by": "alice@example.com",
            "created_at": "2031-08-01T12:00:00Z",
            "decided_at": "2031-08-15T12:00:00Z",
        }
    ]


def test_the_export_holds_its_candidates_and_those_it_nominated(client, club, alice):
    election = factories.election(title="Valg 2031", status=Election.Status.NOMINATING)
    neighbour = factories.association(name="Naboklubben")
    own = factories.candidate(
        election,
        name="Grethe Holm",
        email="grethe@example.org",
        association=club,
        presentation="Formand i ti år.",
        consented_at=at(3, 2),
    )
    theirs = factories.candidate(
        election,
        name="Hans Berg",
        email="hans@example.org",
        association=neighbour,
        nominated_by=club,
        consented=False,
    )
    factories.candidate(election, name="Ikke Vores", association=neighbour)
    Candidate.objects.filter(pk__in=[own.pk, theirs.pk]).update(nominated_at=at(3, 1))
    assert export(client, alice, club)["candidacies"] == [
        {
            "election": "Valg 2031",
            "name": "Grethe Holm",
            "email": "grethe@example.org",
            "association": "Klubben",
            "nominated_by": "Klubben",
            "presentation": "Formand i ti år.",
            "nominated_at": "2031-03-01T12:00:00Z",
            "consented_at": "2031-03-02T12:00:00Z",
            "withdrawn_at": None,
        },
        {
            "election": "Valg 2031",
            "name": "Hans Berg",
            "email": "hans@example.org",
            "association": "Naboklubben",
            "nominated_by": "Klubben",
            "presentation": "",
            "nominated_at": "2031-03-01T12:00:00Z",
            "consented_at": None,
            "withdrawn_at": None,
        },
    ]


def test_the_export_holds_the_invitations(client, club, alice):
    invitation = Invitation.objects.create(
        association=club, email="ny@example.com", invited_by=alice, expires_at=at(1, 8)
    )
    Invitation.objects.filter(pk=invitation.pk).update(created_at=at(1, 1))
    assert export(client, alice, club)["invitations"] == [
        {
            "email": "ny@example.com",
            "invited_by": "alice@example.com",
            "created_at": "2031-01-01T12:00:00Z",
            "expires_at": "2031-01-08T12:00:00Z",
            "accepted_at": None,
        }
    ]


def test_visitors_error_reports_to_the_consultant_are_left_out(client, club, alice):
    services.association_log(association=club, action="updated", user=alice, note="Ny adresse")
    services.error_report(
        association=club, name="Ole", email="ole@example.com", message="De holder op i maj"
    )
    data = export(client, alice, club)
    assert [(entry["action"], entry["note"]) for entry in data["log"]] == [
        ("updated", "Ny adresse")
    ]
    assert "De holder op i maj" not in json.dumps(data, ensure_ascii=False)


def test_the_export_holds_the_report_on_a_grant(client, club, alice, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    application = submitted(club, open_round(), status=Status.GRANTED, amount_granted=8000)
    Report.objects.create(
        application=application,
        amount_spent=7500,
        participants_reached=40,
        volunteers=6,
        account="Vi holdt tolv fællesspisninger.",
        declaration=True,
    )
    assert export(client, alice, club)["applications"][0]["report"] == {
        "amount_spent": 7500,
        "participants_reached": 40,
        "volunteers": 6,
        "account": "Vi holdt tolv fællesspisninger.",
        "declaration": True,
        "audited": False,
        "submitted_at": None,
        "consultant_note": "",
    }
