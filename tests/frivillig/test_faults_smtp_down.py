"""The mail server is down while an association submits an application (issue #15, "Faults the
tests survive").

A real SMTP server (aiosmtpd) on a port of its own, not yet started, and the outbox delivering
there with Django's SMTP backend, as in production: the submission commits and shows its
receipt page; delivery fails and keeps the receipt for later; once the server is up, the
receipt arrives once, with the Message-ID the outbox gave it.
"""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from frivillig.models import TargetGroup
from frivillig.outbox.models import Message
from frivillig.outbox.services import deliver_due
from tests import factories
from tests.faults import HOST, Mailbox, smtp_server
from tests.puljer.conftest import complete_draft, open_round

# The worker must see what the request committed, as it does in production.
pytestmark = pytest.mark.django_db(transaction=True)

NOTHING = {"sent": 0, "retry": 0, "failed": 0}


@pytest.fixture
def mail_server(settings):
    """(the mail server, not started, its mailbox); the outbox delivers to it by SMTP."""
    mailbox = Mailbox()
    server = smtp_server(mailbox)
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = HOST
    settings.EMAIL_PORT = server.port
    settings.EMAIL_TIMEOUT = 5
    yield server, mailbox
    server.stop(no_assert=True)


def test_a_submission_while_the_mail_server_is_down_gets_its_receipt_once_it_is_back(
    client, faaborg, alice, mail_server, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    server, mailbox = mail_server
    club = factories.association(name="Klub A", email="klub-a@example.org", members=[alice])
    application = complete_draft(club, open_round(), created_by=alice)
    client.force_login(alice)

    response = client.post(
        reverse("puljer:application", args=[club.pk, application.pk]),
        {
            "title": "Fællesspisning",
            "purpose": "Vi spiser sammen hver torsdag.",
            "target_groups": [TargetGroup.objects.order_by("pk").first().pk],
            "expected_participants": "20",
            "expected_volunteers": "4",
            "period_start": "2027-01-01",
            "period_end": "2027-12-31",
            "amount_applied": "10000",
            "contact_name": "Karen",
            "contact_email": "karen@example.com",
            "budget-TOTAL_FORMS": "1",
            "budget-INITIAL_FORMS": "0",
            "budget-0-kind": "expense",
            "budget-0-description": "Mad",
            "budget-0-amount": "15000",
            "submit": "1",
        },
        follow=True,
    )
    assert response.status_code == 200
    assert "Ansøgningen er indsendt. Der er sendt en kvittering på e-mail." in (
        response.content.decode()
    )
    reference = f"{timezone.localdate().year}-S18-0001"
    [receipt] = Message.objects.all()
    assert receipt.subject == f"Kvittering for jeres ansøgning {reference}"

    tried = timezone.now()
    assert deliver_due() == {"sent": 0, "retry": 1, "failed": 0}
    receipt.refresh_from_db()
    assert receipt.status == "queued"
    assert receipt.last_error == "ConnectionRefusedError: [Errno 111] Connection refused"
    assert receipt.next_attempt_at >= tried + datetime.timedelta(minutes=1)
    assert mailbox.received == []

    server.start()
    # Not due yet: the server being back changes nothing until the next attempt's time.
    assert deliver_due() == NOTHING
    assert deliver_due(now=receipt.next_attempt_at) == {"sent": 1, "retry": 0, "failed": 0}
    assert deliver_due(now=receipt.next_attempt_at + datetime.timedelta(hours=1)) == NOTHING
    [arrived] = mailbox.received
    assert arrived["Message-ID"] == receipt.message_id
    assert arrived["Subject"] == f"Kvittering for jeres ansøgning {reference}"
    assert sorted(address.addr_spec for address in arrived["To"].addresses) == [
        "karen@example.com",
        "klub-a@example.org",
    ]
    receipt.refresh_from_db()
    assert receipt.status == "sent"
