"""Staff sessions end after 30 minutes without activity and 8 hours in all; other people's after
14 days without activity."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tests import factories

START = datetime(2026, 3, 2, 8, 0, tzinfo=UTC)


@pytest.fixture
def clock(monkeypatch):
    """Sets the time the portal sees to START plus the given time."""

    def at(**elapsed):
        monkeypatch.setattr(timezone, "now", lambda: START + timedelta(**elapsed))

    at()
    return at


def stored_expiry():
    return Session.objects.get().expire_date


def logged_in(client):
    return client.get(reverse("home")).context["user"].is_authenticated


def test_a_staff_session_ends_after_30_minutes_without_activity(client, faaborg, consultant, clock):
    factories.login_verified(client, consultant)
    assert client.get(reverse("admin:index")).status_code == 200
    clock(minutes=31)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_a_staff_session_ends_after_8_hours_however_active(client, faaborg, consultant, clock):
    factories.login_verified(client, consultant)
    for minutes in range(0, 8 * 60, 20):
        clock(minutes=minutes)
        assert client.get(reverse("admin:index")).status_code == 200, minutes
    clock(hours=8, minutes=1)
    assert not logged_in(client)


def test_a_member_who_comes_back_within_14_days_stays_logged_in(client, faaborg, alice, clock):
    client.force_login(alice)
    assert logged_in(client)
    clock(days=10)
    assert logged_in(client)
    clock(days=20)
    assert logged_in(client)


def test_a_staff_session_survives_29_minutes_without_activity(client, faaborg, consultant, clock):
    factories.login_verified(client, consultant)
    assert client.get(reverse("admin:index")).status_code == 200
    clock(minutes=29)
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_member_session_ends_after_14_days_without_activity(client, faaborg, alice, clock):
    client.force_login(alice)
    assert logged_in(client)
    clock(days=14, minutes=1)
    assert not logged_in(client)


def test_a_member_session_has_no_limit_in_all(client, faaborg, alice, clock):
    client.force_login(alice)
    for days in range(0, 60, 13):
        clock(days=days)
        assert logged_in(client), days


def test_a_session_ended_for_inactivity_says_so(client, faaborg, alice, clock):
    client.force_login(alice)
    assert logged_in(client)
    clock(days=14, minutes=1)
    response = client.get(reverse("home"))
    assert [message.message for message in response.context["messages"]] == [
        "Dit login er udløbet. Log venligst ind igen."
    ]


def test_logging_in_again_starts_the_staff_limit_anew(client, faaborg, consultant, clock):
    factories.login_verified(client, consultant)
    assert client.get(reverse("admin:index")).status_code == 200
    for minutes in range(20, 8 * 60, 20):
        clock(minutes=minutes)
        client.get(reverse("admin:index"))
    clock(hours=8, minutes=1)
    factories.login_verified(client, consultant)
    clock(hours=8, minutes=20)
    assert client.get(reverse("admin:index")).status_code == 200


def test_activity_writes_the_session_at_most_once_a_minute_for_staff(
    client, faaborg, consultant, clock
):
    factories.login_verified(client, consultant)
    client.get(reverse("home"))
    assert stored_expiry() == START + timedelta(minutes=31)
    clock(seconds=50)
    client.get(reverse("home"))
    assert stored_expiry() == START + timedelta(minutes=31)
    clock(seconds=70)
    client.get(reverse("home"))
    assert stored_expiry() == START + timedelta(minutes=32, seconds=10)


def test_a_login_through_the_form_writes_no_session_on_the_next_page(client, faaborg, alice, clock):
    client.post(reverse("login"), {"username": alice.email, "password": factories.PASSWORD})
    clock(minutes=5)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("privacy")).status_code == 200
    session_queries = [query["sql"] for query in queries if "django_session" in query["sql"]]
    assert [sql.split()[0] for sql in session_queries] == ["SELECT"]
