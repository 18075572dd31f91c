"""Password-reset e-mails are limited per account and per client address, and the form answers
the same whatever happens, so that it neither floods an inbox nor tells which accounts exist."""

from datetime import timedelta

from django.core import mail
from django.db.models import F
from django.urls import reverse

from frivillig.models import RateLimitHit
from tests import factories


def reset(client, email, address="192.0.2.10"):
    return client.post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=address)


def test_many_resets_for_one_account_send_three_emails_an_hour(client, alice):
    spellings = ["alice@example.com", "ALICE@example.com", " Alice@Example.com "] * 4
    responses = [
        reset(client, email, address=f"198.51.100.{number}")
        for number, email in enumerate(spellings)
    ]
    assert {(response.status_code, response.url) for response in responses} == {
        (302, "/konto/password_reset/done/")
    }
    assert len(mail.outbox) == 3


def test_one_address_asking_for_many_accounts_gets_ten_emails_an_hour(client, db):
    for number in range(12):
        factories.user(email=f"person{number}@example.com")
    responses = [reset(client, f"person{number}@example.com") for number in range(12)]
    assert {(response.status_code, response.url) for response in responses} == {
        (302, "/konto/password_reset/done/")
    }
    assert len(mail.outbox) == 10


def test_the_limits_of_one_hour_end_after_the_hour(client, alice):
    for _ in range(4):
        reset(client, alice.email)
    RateLimitHit.objects.update(created_at=F("created_at") - timedelta(minutes=61))
    reset(client, alice.email)
    assert len(mail.outbox) == 4


def test_a_limited_address_still_gets_the_same_answer_for_an_unknown_account(client, db):
    for number in range(10):
        reset(client, f"ukendt{number}@example.com")
    response = reset(client, "ukendt@example.com")
    assert (response.status_code, response.url) == (302, "/konto/password_reset/done/")
    assert mail.outbox == []
