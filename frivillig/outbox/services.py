"""The outbox: a message is queued in the transaction that causes it and delivered by the worker,
by e-mail or, for a letter to an association with a CVR number, by Digital Post (digitalpost.py).

Delivery is at least once: a message is claimed for a while (OUTBOX_CLAIM_SECONDS) before it is
sent and marked sent after; a worker stopped in between leaves the claim to run out, and the
message is sent again with the same Message-ID, which lets a mail program recognise the copy.
A Digital Post letter that fails for good is sent by e-mail instead (`fallback`).
"""

import uuid
from datetime import timedelta
from email.utils import make_msgid
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from frivillig.outbox import digitalpost
from frivillig.outbox.models import Attachment, LetterChannel, Message

# The wait after the first failed attempt; it doubles with each attempt after it.
FIRST_RETRY = timedelta(minutes=1)
BATCH = 50


def _request_delivery():
    # Imported here: the task module imports this one.
    from frivillig.outbox.tasks import delivery_request

    delivery_request()


def object_key(model, pk):
    """An object's key in a message's `about`, such as "foreninger.association:12"."""
    return f"{model._meta.label_lower}:{pk}"


def digital_post_choice(*, kind):
    """The municipality's LetterChannel for a kind of letter (LetterKind) to an association with
    a CVR number when it goes by Digital Post; None for e-mail: when the municipality did not
    choose Digital Post, or no transport is configured."""
    if not settings.DIGITAL_POST_TRANSPORT:
        return None
    return LetterChannel.objects.filter(kind=kind, channel=Message.Channel.DIGITAL_POST).first()


def message_enqueue(
    *,
    to,
    subject,
    body,
    reply_to=(),
    from_email=None,
    attachments=(),
    about=(),
    digital_post=None,
):
    """Queue an e-mail in the current transaction; `attachments` are (file name, content,
    content type), the content bytes or text; `about` the keys of the objects it is about. The
    worker is woken when the transaction commits. With no recipient nothing is queued (as
    Django sends nothing) and None is returned. With `digital_post` (a DigitalPostAddress) the
    letter goes by Digital Post, and to the addresses in `to` only if that fails."""
    if not to:
        return None
    address = {}
    if digital_post:
        address = {
            "channel": Message.Channel.DIGITAL_POST,
            "sender_cvr": digital_post.sender_cvr,
            "sender_name": digital_post.sender_name,
            "recipient_cvr": digital_post.recipient_cvr,
            "recipient_name": digital_post.recipient_name,
            "mandatory": digital_post.mandatory,
            "legal_notification": digital_post.legal_notification,
            "memo_uuid": uuid.uuid4(),
        }
    message = Message.objects.create(
        **address,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        recipients=list(to),
        reply_to=list(reply_to or ()),
        subject=subject,
        body=body,
        about=list(about),
        message_id=make_msgid(domain=urlsplit(settings.SITE_URL).hostname),
        next_attempt_at=timezone.now(),
    )
    Attachment.objects.bulk_create(
        Attachment(
            message=message,
            filename=filename,
            content_type=content_type,
            content=content.encode() if isinstance(content, str) else content,
        )
        for filename, content, content_type in attachments
    )
    # Robust: a queue that cannot be reached must not fail the request that already committed;
    # the worker's periodic run delivers the message then.
    transaction.on_commit(_request_delivery, robust=True)
    return message


def _claim(now):
    with transaction.atomic():
        claimed = list(
            Message.objects.select_for_update(skip_locked=True)
            .filter(
                status__in=[Message.Status.QUEUED, Message.Status.SENDING],
                next_attempt_at__lte=now,
            )
            .order_by("next_attempt_at")
            .prefetch_related("attachments")[:BATCH]
        )
        Message.objects.filter(pk__in=[message.pk for message in claimed]).update(
            status=Message.Status.SENDING,
            next_attempt_at=now + timedelta(seconds=settings.OUTBOX_CLAIM_SECONDS),
            attempts=F("attempts") + 1,
        )
    return claimed


def _attachments(message):
    return [
        (attachment.filename, bytes(attachment.content), attachment.content_type)
        for attachment in message.attachments.all()
    ]


def _email(message, connection):
    return EmailMessage(
        subject=message.subject,
        body=message.body,
        from_email=message.from_email,
        to=message.recipients,
        reply_to=message.reply_to,
        headers={"Message-ID": message.message_id},
        connection=connection,
        attachments=_attachments(message),
    )


def _fallback(message):
    """The e-mail sent instead of a Digital Post letter that failed: the same text and files to
    the addresses the letter would have had by e-mail."""
    fallback = message_enqueue(
        to=message.recipients,
        subject=message.subject,
        body=message.body,
        reply_to=message.reply_to,
        from_email=message.from_email,
        attachments=_attachments(message),
        about=message.about,
    )
    fallback.fallback_for = message
    fallback.save(update_fields=["fallback_for"])


def _record_failure(message, error, now):
    attempts = message.attempts + 1
    sending = Message.objects.filter(pk=message.pk, status=Message.Status.SENDING)
    error_text = f"{type(error).__name__}: {error}"[:2000]
    if attempts >= settings.OUTBOX_MAX_ATTEMPTS or isinstance(error, digitalpost.PermanentError):
        with transaction.atomic():
            failed = sending.update(status=Message.Status.FAILED, last_error=error_text)
            # A letter sent again by the consultant that fails again already has its e-mail.
            if (
                failed
                and message.channel == Message.Channel.DIGITAL_POST
                and not Message.objects.filter(fallback_for=message).exists()
            ):
                _fallback(message)
        return "failed"
    sending.update(
        status=Message.Status.QUEUED,
        last_error=error_text,
        next_attempt_at=now + FIRST_RETRY * 2 ** (attempts - 1),
    )
    return "retry"


def _send(message, connection, digital_post):
    """Send one message on its channel; returns the receipt."""
    if message.channel == Message.Channel.EMAIL:
        _email(message, connection).send()
        return ""
    if digital_post is None:
        raise digitalpost.PermanentError("Digital Post is off (DIGITAL_POST_TRANSPORT is empty).")
    return digital_post.send(message)


def deliver_due(*, now=None):
    """Send every message that is due (at `now`, by default the clock's), each with its own
    Message-ID, by e-mail or Digital Post; a failure is tried again later (waits doubling) and
    marked failed after OUTBOX_MAX_ATTEMPTS attempts, at once where trying again cannot help; a
    Digital Post letter that failed is then sent by e-mail. Returns the counts of messages sent,
    to be tried again, and failed."""
    clock = timezone.now if now is None else lambda: now
    counts = {"sent": 0, "retry": 0, "failed": 0}
    connection = get_connection(settings.OUTBOX_DELIVERY_BACKEND)
    digital_post = digitalpost.transport()
    while claimed := _claim(clock()):
        for message in claimed:
            try:
                receipt = _send(message, connection, digital_post)
            except Exception as error:  # any failure of the mail server, the network or SF1601
                counts[_record_failure(message, error, clock())] += 1
            else:
                Message.objects.filter(pk=message.pk, status=Message.Status.SENDING).update(
                    status=Message.Status.SENT, sent_at=clock(), receipt=receipt
                )
                counts["sent"] += 1
    connection.close()
    return counts


def messages_resend(*, messages):
    """Queue failed messages again, with their attempts from zero and the same Message-ID;
    returns how many. Messages that did not fail are left as they are."""
    count = messages.filter(status=Message.Status.FAILED).update(
        status=Message.Status.QUEUED, attempts=0, next_attempt_at=timezone.now()
    )
    if count:
        transaction.on_commit(_request_delivery, robust=True)
    return count


def messages_apply_retention(*, today=None):
    """Delete sent and failed messages (with their attachments) after OUTBOX_RETENTION_DAYS:
    their bodies hold what the person wrote or was sent, which is kept elsewhere as long as the
    rules for it say."""
    today = today or timezone.localdate()
    cutoff = today - timedelta(days=settings.OUTBOX_RETENTION_DAYS)
    _, deleted = Message.objects.filter(
        status__in=[Message.Status.SENT, Message.Status.FAILED], created_at__date__lt=cutoff
    ).delete()
    return f"outbox: {deleted.get('outbox.Message', 0)} messages deleted"


def association_messages_anonymise(association):
    """The messages to an association being anonymised go with its address, and those about it
    (a copy to the consultant, a nomination of its candidate) with what they say of it; one
    being sent is left to finish."""
    Message.objects.filter(
        Q(recipients__contains=[association.email])
        | Q(about__contains=[object_key(association._meta.model, association.pk)])
    ).exclude(status=Message.Status.SENDING).delete()
