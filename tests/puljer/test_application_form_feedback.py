"""Every action tells what happened: the grants on “My associations”, the consultant's note and
report decisions, the sign-up for an event with its calendar file, the login wall's reason."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from frivillig.arrangementer.models import Event
from puljer import services
from puljer.models import Status
from tests.puljer.conftest import submitted


def test_my_associations_shows_the_grant_applications(client, club_a, round_18, alice):
    submitted(
        club_a,
        round_18,
        title="Fællesspisning",
        status=Status.GRANTED,
        amount_granted=8000,
    )
    client.force_login(alice)
    html = client.get(reverse("foreninger:dashboard")).content.decode()
    assert "Fællesspisning" in html
    assert "Bevilget" in html
    assert "bevilget 8.000 kr." in html
    assert reverse("puljer:applications", args=[club_a.pk]) in html


def _messages(response):
    return [str(message) for message in response.context["messages"]]


def test_the_consultant_is_told_the_note_is_saved(client, club_a, round_18, consultant):
    application = submitted(club_a, round_18)
    client.force_login(consultant)
    response = client.post(
        reverse("admin:puljer_application_note", args=[application.pk]),
        {"note": "Ring til formanden."},
        follow=True,
    )
    assert _messages(response) == ["Den interne note er gemt."]


def test_approving_a_report_says_so_and_mails_the_association(
    client, club_a, round_18, alice, consultant, django_capture_on_commit_callbacks
):
    application = submitted(
        club_a,
        round_18,
        status=Status.GRANTED,
        amount_granted=10000,
        report_due_on=timezone.localdate() + datetime.timedelta(days=60),
    )
    services.report_submit(
        application=application,
        user=alice,
        fields={
            "amount_spent": 10000,
            "participants_reached": 20,
            "volunteers": 4,
            "account": "Det gik godt.",
            "declaration": True,
        },
    )
    client.force_login(consultant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("admin:puljer_application_report", args=[application.pk, "godkend"]),
            # The page's form sends its CSRF token; the test client sends none.
            {"csrfmiddlewaretoken": "x"},
            follow=True,
        )
    assert _messages(response) == ["Afrapporteringen er godkendt; foreningen får besked på e-mail."]
    assert mail.outbox[-1].to == sorted({"karen@example.com", club_a.email})
    assert "er godkendt" in mail.outbox[-1].subject


@pytest.fixture
def new_year(faaborg):
    return Event.objects.create(
        title="Frivillig Social Nytårskur",
        slug="nytaarskur-test",
        kind=Event.Kind.NYTAARSKUR,
        starts_at=datetime.datetime(2027, 1, 8, 16, 0, tzinfo=datetime.UTC),
        place="Borgernes Hus",
        registration_open=True,
        registration_deadline=timezone.now() + datetime.timedelta(days=20),
    )


def test_signing_up_for_the_new_year_reception_mails_a_confirmation_with_the_event(
    client, club_a, alice, new_year, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    url = reverse("folgegruppe:event_signup", args=[new_year.slug])
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"association": club_a.pk, "attendees": 3}, follow=True)
    assert _messages(response) == ["Klub A er tilmeldt Frivillig Social Nytårskur."]
    [confirmation] = mail.outbox
    assert confirmation.to == sorted({"alice@example.com", club_a.email})
    assert confirmation.subject == "Klub A er tilmeldt Frivillig Social Nytårskur"
    assert "med 3 personer" in confirmation.body
    [(name, content, kind)] = confirmation.attachments
    assert (name, kind) == ("nytaarskur-test.ics", "text/calendar")
    assert "DTSTART:20270108T160000Z" in content
    assert "SUMMARY:Frivillig Social Nytårskur" in content


def test_the_login_wall_says_why_and_leads_back(client, new_year):
    url = reverse("folgegruppe:event_signup", args=[new_year.slug])
    response = client.get(url, follow=True)
    assert response.redirect_chain[0][0] == f"{reverse('login')}?next={url}"
    assert _messages(response) == ["Log ind for at tilmelde jeres forening."]
