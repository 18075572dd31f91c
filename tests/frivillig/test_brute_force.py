"""Repeated failed logins lock the account out from that address for a while (django-axes),
and many attempts at one account from many addresses are slowed down."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from frivillig.models import RateLimitHit
from tests import factories
from tests.factories import PASSWORD


@pytest.fixture(autouse=True)
def _axes_on(settings):
    settings.AXES_ENABLED = True


def login(client, email, password, address="192.0.2.10"):
    return client.post(
        reverse("login"), {"username": email, "password": password}, REMOTE_ADDR=address
    )


def test_five_failures_lock_the_account_out_even_with_the_right_password(client, faaborg, alice):
    for _ in range(4):
        assert login(client, alice.email, "forkert-kodeord").status_code == 200
    response = login(client, alice.email, "forkert-kodeord")
    assert response.status_code == 429
    assert "For mange mislykkede login" in response.content.decode()
    assert login(client, alice.email, PASSWORD).status_code == 429


def test_the_lockout_ends_after_the_cool_off(client, faaborg, alice, settings):
    for _ in range(5):
        login(client, alice.email, "forkert-kodeord")
    AccessAttempt.objects.update(attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME * 2)
    assert login(client, alice.email, PASSWORD).status_code == 302


def test_a_lockout_from_one_address_does_not_stop_the_owner_elsewhere(client, faaborg, alice):
    for _ in range(5):
        login(client, alice.email, "forkert-kodeord", address="198.51.100.7")
    assert login(client, alice.email, PASSWORD, address="192.0.2.10").status_code == 302


def test_a_successful_login_resets_the_count(client, faaborg, alice):
    for _ in range(4):
        login(client, alice.email, "forkert-kodeord")
    assert login(client, alice.email, PASSWORD).status_code == 302
    client.logout()
    for _ in range(4):
        assert login(client, alice.email, "forkert-kodeord").status_code == 200


def test_behind_a_load_balancer_the_client_address_comes_from_x_forwarded_for(
    client, faaborg, alice, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        client.post(
            reverse("login"),
            {"username": alice.email, "password": "forkert-kodeord"},
            REMOTE_ADDR="10.0.0.2",
            HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.7",
        )
    locked = client.post(
        reverse("login"),
        {"username": alice.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.3",
        HTTP_X_FORWARDED_FOR="5.6.7.8, 198.51.100.7",
    )
    assert locked.status_code == 429, "a forged left-hand entry must not escape the lockout"
    other = client.post(
        reverse("login"),
        {"username": alice.email, "password": PASSWORD},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="192.0.2.44",
    )
    assert other.status_code == 302, "another visitor behind the same balancer is not locked"


def test_case_and_spaces_in_the_address_do_not_escape_the_lockout(client, faaborg, alice):
    for spelling in (
        "alice@example.com",
        "Alice@example.com",
        "ALICE@EXAMPLE.COM",
        " alice@example.com ",
        "aLiCe@Example.Com",
    ):
        login(client, spelling, "forkert-kodeord")
    assert login(client, "Alice@Example.com", PASSWORD).status_code == 429


def test_case_variants_do_not_escape_the_lockout_of_the_admin_login(client, faaborg, consultant):
    for spelling in (
        "konsulent@example.com",
        "Konsulent@example.com",
        "KONSULENT@EXAMPLE.COM",
        "  konsulent@example.com",
        "konsulent@EXAMPLE.com ",
    ):
        client.post(
            reverse("admin:login"),
            {"username": spelling, "password": "forkert-kodeord"},
            REMOTE_ADDR="192.0.2.10",
        )
    response = client.post(
        reverse("admin:login"),
        {"username": "Konsulent@Example.com", "password": PASSWORD},
        REMOTE_ADDR="192.0.2.10",
    )
    assert response.status_code == 429


def test_many_addresses_guessing_one_account_are_slowed_down(client, faaborg, alice):
    for number in range(10):
        login(client, alice.email, "forkert-kodeord", address=f"198.51.100.{number}")
    response = login(client, alice.email, PASSWORD, address="203.0.113.99")
    assert response.status_code == 200
    assert throttled(response)
    assert not response.context["user"].is_authenticated


def throttled(response):
    errors = response.context["form"].non_field_errors().as_data() if response.context else []
    return [error.code for error in errors] == ["login_throttled"]


def guess_from_many_addresses(client, email, count, first=0):
    for number in range(first, first + count):
        login(client, email, "forkert-kodeord", address=f"198.51.100.{number}")


def minutes_pass(minutes):
    RateLimitHit.objects.update(created_at=F("created_at") - timedelta(minutes=minutes))


def test_the_throttle_counts_the_address_in_any_spelling(client, faaborg, alice):
    for number in range(10):
        spelling = " ALICE@example.com" if number % 2 else "Alice@Example.com "
        login(client, spelling, "forkert-kodeord", address=f"198.51.100.{number}")
    assert throttled(login(client, "alice@example.com", PASSWORD, address="203.0.113.99"))


def test_the_throttled_owner_logs_in_again_after_five_minutes(client, faaborg, alice):
    guess_from_many_addresses(client, alice.email, 10)
    minutes_pass(6)
    assert login(client, alice.email, PASSWORD, address="203.0.113.99").status_code == 302


def test_after_twenty_attempts_in_half_an_hour_the_account_waits_longer(client, faaborg, alice):
    guess_from_many_addresses(client, alice.email, 10)
    minutes_pass(6)
    guess_from_many_addresses(client, alice.email, 10, first=10)
    minutes_pass(6)
    assert throttled(login(client, alice.email, PASSWORD, address="203.0.113.99"))
    minutes_pass(20)
    assert login(client, alice.email, PASSWORD, address="203.0.113.99").status_code == 302


def test_the_throttle_of_one_account_leaves_other_accounts_alone(client, faaborg, alice):
    guess_from_many_addresses(client, alice.email, 10)
    bob = factories.user(email="bob@example.com")
    assert login(client, bob.email, PASSWORD, address="203.0.113.99").status_code == 302


def test_the_admin_login_is_throttled_per_account_too(client, faaborg, consultant):
    for number in range(10):
        client.post(
            reverse("admin:login"),
            {"username": consultant.email, "password": "forkert-kodeord"},
            REMOTE_ADDR=f"198.51.100.{number}",
        )
    response = client.post(
        reverse("admin:login"),
        {"username": consultant.email, "password": PASSWORD},
        REMOTE_ADDR="203.0.113.99",
    )
    assert throttled(response)
