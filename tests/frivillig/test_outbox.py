"""The outbox: a message is queued in its transaction and delivered with retries."""

import datetime
import smtplib

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from frivillig.mail import send_templated
from frivillig.outbox.models import Message
from frivillig.outbox.services import deliver_due, message_enqueue, messages_apply_retention


class Down:
    """A delivery backend whose mail server refuses every connection."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise smtplib.SMTPConnectError(421, "the mail server is down")

    def close(self):
        pass


@pytest.fixture
def smtp_down(settings):
    settings.OUTBOX_DELIVERY_BACKEND = f"{__name__}.Down"


def queue(**fields):
    return message_enqueue(to=["bo@example.org"], subject="Kvittering", body="Tak.", **fields)


def test_a_rolled_back_transaction_queues_and_sends_nothing(db):
    with pytest.raises(RuntimeError, match="the change failed"), transaction.atomic():
        queue()
        raise RuntimeError("the change failed")
    assert Message.objects.count() == 0
    assert mail.outbox == []


def test_send_templated_queues_the_message_and_the_worker_sends_it_with_its_message_id(db):
    message = send_templated(
        template="registration/signup_exists_email.txt",
        context={"user": None, "reset_url": "http://testserver/nulstil/"},
        to=["bo@example.org"],
        attachments=[("moede.ics", "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n", "text/calendar")],
    )
    assert message.status == "queued"
    assert deliver_due() == {"sent": 1, "retry": 0, "failed": 0}
    [sent] = mail.outbox
    assert sent.extra_headers["Message-ID"] == message.message_id
    assert sent.message()["Message-ID"] == message.message_id
    assert sent.attachments[0].filename == "moede.ics"
    message.refresh_from_db()
    assert message.status == "sent"
    assert message.sent_at is not None


def test_no_recipient_queues_nothing(db):
    assert message_enqueue(to=[], subject="Til ingen", body="Tak.") is None
    assert Message.objects.count() == 0


def test_the_database_refuses_a_message_without_recipients(db):
    with pytest.raises(IntegrityError, match="outbox_message_has_recipients"):
        Message.objects.create(
            recipients=[], subject="s", body="b", message_id="<1@x>", next_attempt_at=timezone.now()
        )


def test_a_failed_delivery_is_tried_again_after_a_minute_then_two(db, smtp_down):
    message = queue()
    before = timezone.now()
    assert deliver_due() == {"sent": 0, "retry": 1, "failed": 0}
    message.refresh_from_db()
    assert message.status == "queued"
    assert message.attempts == 1
    assert "the mail server is down" in message.last_error
    wait = message.next_attempt_at - before
    assert datetime.timedelta(seconds=59) < wait < datetime.timedelta(seconds=62)
    Message.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    before = timezone.now()
    deliver_due()
    message.refresh_from_db()
    assert message.attempts == 2
    wait = message.next_attempt_at - before
    assert datetime.timedelta(seconds=119) < wait < datetime.timedelta(seconds=122)


def test_a_message_is_not_tried_before_its_time(db, smtp_down):
    queue()
    deliver_due()
    assert deliver_due() == {"sent": 0, "retry": 0, "failed": 0}


def test_the_last_allowed_attempt_marks_the_message_failed(db, smtp_down, settings):
    settings.OUTBOX_MAX_ATTEMPTS = 3
    message = queue()
    Message.objects.filter(pk=message.pk).update(attempts=2)
    assert deliver_due() == {"sent": 0, "retry": 0, "failed": 1}
    message.refresh_from_db()
    assert message.status == "failed"
    assert message.attempts == 3


def test_a_claim_that_ran_out_is_sent_again_with_the_same_message_id(db):
    """A worker stopped between sending and marking: after its claim the message goes again."""
    message = queue()
    Message.objects.filter(pk=message.pk).update(
        status="sending", attempts=1, next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    assert deliver_due() == {"sent": 1, "retry": 0, "failed": 0}
    assert mail.outbox[0].extra_headers["Message-ID"] == message.message_id


def test_a_claim_still_running_is_left_to_its_worker(db):
    message = queue()
    Message.objects.filter(pk=message.pk).update(
        status="sending", next_attempt_at=timezone.now() + datetime.timedelta(minutes=4)
    )
    assert mail.outbox == []


def test_djangos_own_mail_goes_through_the_outbox(db):
    mail.send_mail("Nulstil", "Tak.", None, ["bo@example.org"])
    [message] = Message.objects.all()
    assert (message.subject, message.recipients, message.status) == (
        "Nulstil",
        ["bo@example.org"],
        "queued",
    )


def test_the_retention_run_deletes_sent_and_failed_messages_after_30_days(db):
    old_sent, old_failed, old_queued, recent = queue(), queue(), queue(), queue()
    Message.objects.filter(pk=old_sent.pk).update(status="sent", sent_at=timezone.now())
    Message.objects.filter(pk=old_failed.pk).update(status="failed", last_error="421")
    Message.objects.filter(pk__in=[old_sent.pk, old_failed.pk, old_queued.pk]).update(
        created_at=timezone.now() - datetime.timedelta(days=31)
    )
    assert messages_apply_retention() == "outbox: 2 messages deleted"
    assert set(Message.objects.values_list("pk", flat=True)) == {old_queued.pk, recent.pk}


def test_the_consultant_sends_a_failed_message_again_with_the_same_message_id(
    client, consultant, smtp_down, settings
):
    failed, sent = queue(), queue()
    Message.objects.filter(pk=failed.pk).update(status="failed", attempts=10, last_error="421")
    Message.objects.filter(pk=sent.pk).update(status="sent", sent_at=timezone.now())
    client.force_login(consultant)
    page = client.get(reverse("admin:outbox_message_change", args=[failed.pk]))
    assert "421" in page.content.decode()
    response = client.post(
        reverse("admin:outbox_message_changelist"),
        {"action": "resend", "_selected_action": [failed.pk, sent.pk]},
        follow=True,
    )
    assert [(m.tags, str(m)[0]) for m in response.context["messages"]] == [
        ("success", "1"),
        ("warning", "1"),
    ]
    failed.refresh_from_db()
    assert (failed.status, failed.attempts) == ("queued", 0)
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert mail.outbox[0].extra_headers["Message-ID"] == failed.message_id
