"""Associations sign up for an event with how many come; capacity holds; the consultant exports."""

import csv
import datetime
import io
import re
import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import timezone

from frivillig.arrangementer import services
from frivillig.arrangementer.models import Event, EventRegistration
from tests import factories


def _event(**fields):
    now = timezone.now()
    fields.setdefault("title", "Frivillig Social Nytårskur")
    fields.setdefault("slug", f"nytaarskur-{Event.objects.count() + 1}")
    fields.setdefault("kind", Event.Kind.NYTAARSKUR)
    fields.setdefault("starts_at", now + timedelta(days=30))
    fields.setdefault("place", "Borgernes Hus")
    fields.setdefault("registration_open", True)
    fields.setdefault("registration_deadline", now + timedelta(days=20))
    return Event.objects.create(**fields)


@pytest.fixture
def club(faaborg, alice):
    return factories.association(name="Besøgsvennerne", members=[alice])


def _url(event):
    return reverse("folgegruppe:event_signup", args=[event.slug])


def test_a_member_signs_up_changes_and_cancels(client, club, alice):
    event = _event(capacity=50)
    client.force_login(alice)
    assert client.get(_url(event)).status_code == 200
    client.post(_url(event), {"association": club.pk, "attendees": 4, "note": "1 kørestol"})
    registration = EventRegistration.objects.get()
    assert (registration.association, registration.attendees) == (club, 4)
    assert registration.registered_by == alice
    client.post(_url(event), {"association": club.pk, "attendees": 6, "note": ""})
    assert EventRegistration.objects.get().attendees == 6
    response = client.get(_url(event))
    assert response.context["places_left"] == 44
    client.post(reverse("folgegruppe:event_signup_cancel", args=[event.slug, registration.pk]))
    assert not EventRegistration.objects.exists()


def test_the_capacity_is_respected(club):
    event = _event(capacity=10)
    services.event_register(
        event=event, association=factories.association(), attendees=8, user=None
    )
    with pytest.raises(
        services.RegistrationError, match=re.escape("Der er kun 2 pladser tilbage.")
    ):
        services.event_register(event=event, association=club, attendees=3, user=None)
    services.event_register(event=event, association=club, attendees=2, user=None)
    assert sum(EventRegistration.objects.values_list("attendees", flat=True)) == 10


def test_changing_a_sign_up_counts_only_the_others(club):
    event = _event(capacity=5)
    services.event_register(event=event, association=club, attendees=5, user=None)
    services.event_register(event=event, association=club, attendees=4, user=None)
    assert EventRegistration.objects.get().attendees == 4


@pytest.mark.parametrize(
    "fields",
    [
        {"registration_open": False},
        {"registration_deadline": timezone.now() - timedelta(minutes=1)},
    ],
)
def test_nobody_signs_up_when_sign_up_is_closed(client, club, alice, fields):
    event = _event(**fields)
    client.force_login(alice)
    response = client.post(_url(event), {"association": club.pk, "attendees": 2})
    assert response.status_code == 200
    assert response.context["open"] is False
    assert not EventRegistration.objects.exists()
    with pytest.raises(
        services.RegistrationError,
        match=re.escape("Tilmeldingen til dette arrangement er lukket."),
    ):
        services.event_register(event=event, association=club, attendees=1, user=alice)


def test_a_sign_up_cannot_be_cancelled_after_the_deadline(club):
    event = _event()
    registration = services.event_register(event=event, association=club, attendees=2, user=None)
    Event.objects.filter(pk=event.pk).update(registration_deadline=timezone.now())
    with pytest.raises(
        services.RegistrationError, match=re.escape("Tilmeldingsfristen er udløbet.")
    ):
        services.event_registration_cancel(registration=registration)


def test_only_members_of_approved_associations_sign_up(client, faaborg, alice):
    event = _event()
    assert client.get(_url(event)).status_code == 302
    factories.association(members=[alice], status="pending")
    client.force_login(alice)
    assert client.get(_url(event)).status_code == 403


def test_nobody_cancels_another_association_s_sign_up(client, club, alice):
    event = _event()
    other = services.event_register(
        event=event, association=factories.association(), attendees=2, user=None
    )
    client.force_login(alice)
    response = client.post(reverse("folgegruppe:event_signup_cancel", args=[event.slug, other.pk]))
    assert response.status_code == 404
    assert EventRegistration.objects.filter(pk=other.pk).exists()


def test_the_event_page_invites_associations_to_sign_up_and_to_its_election(client, faaborg):
    event = _event(capacity=30)
    election = factories.election(event=event, status="nominating")
    page = client.get(event.get_absolute_url()).content.decode()
    assert _url(event) in page
    assert election.get_absolute_url() in page


def test_two_sign_ups_for_the_last_places_at_once_cannot_both_succeed(transactional_db, faaborg):
    event = _event(capacity=10)
    first, second = factories.association(), factories.association()
    barrier = threading.Barrier(2)
    outcomes = []

    def sign_up(association):
        try:
            barrier.wait()
            services.event_register(event=event, association=association, attendees=6, user=None)
            outcomes.append("ok")
        except services.RegistrationError:
            outcomes.append("full")
        finally:
            connection.close()

    threads = [threading.Thread(target=sign_up, args=[a]) for a in (first, second)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    assert sorted(outcomes) == ["full", "ok"]
    assert sum(EventRegistration.objects.values_list("attendees", flat=True)) == 6


def test_the_consultant_exports_the_sign_ups_for_excel(client, consultant, club, alice):
    event = _event()
    services.event_register(event=event, association=club, attendees=3, user=alice, note="=1+1")
    client.force_login(consultant)
    response = client.post(
        reverse("admin:arrangementer_eventregistration_changelist"),
        {
            "action": "export_csv",
            "_selected_action": list(EventRegistration.objects.values_list("pk", flat=True)),
        },
    )
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 2
    assert rows[1][:4] == [event.title, club.name, "3", "'=1+1"]
    assert rows[1][5] == alice.email


def test_sign_up_closes_when_the_event_starts_even_with_a_later_deadline(client, club, alice):
    now = timezone.now()
    event = _event(
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=2),
        registration_deadline=now + timedelta(days=1),
    )
    assert event.registration_is_open is False
    assert services.registration_open(event) is False
    with pytest.raises(
        services.RegistrationError, match=r"^Tilmeldingen til dette arrangement er lukket\.$"
    ):
        services.event_register(event=event, association=club, attendees=2, user=alice)
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Tilmeldingen er lukket." in page
    assert not EventRegistration.objects.exists()


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        ("2027-01-20 11:59:59", True),
        ("2027-01-20 12:00:00", False),
    ],
)
def test_sign_up_is_open_until_the_deadline_itself_not_at_it(now, expected):
    copenhagen = timezone.get_current_timezone()
    event = Event(
        title="Kuren",
        kind=Event.Kind.NYTAARSKUR,
        starts_at=datetime.datetime(2027, 2, 5, 17, tzinfo=copenhagen),
        registration_open=True,
        registration_deadline=datetime.datetime(2027, 1, 20, 12, tzinfo=copenhagen),
    )
    moment = datetime.datetime.fromisoformat(now).replace(tzinfo=copenhagen)
    assert services.registration_open(event, now=moment) is expected
