from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

CVR = r"^[0-9]{8}$"


class Message(models.Model):
    class Channel(models.TextChoices):
        EMAIL = "email", _("E-mail")
        DIGITAL_POST = "digital_post", _("Digital Post")

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    channel = models.CharField(_("channel"), max_length=20, choices=Channel, default=Channel.EMAIL)
    from_email = models.CharField(_("sender"), max_length=254)
    recipients = ArrayField(models.CharField(max_length=254), verbose_name=_("recipients"))
    reply_to = ArrayField(
        models.CharField(max_length=254), default=list, blank=True, verbose_name=_("reply to")
    )
    subject = models.CharField(_("subject"), max_length=998)
    body = models.TextField(_("body"))
    # What the message is about, as object keys (services.object_key): the model objects its
    # template showed and those they refer to, so that anonymising an association finds every
    # message with its data, whoever it went to.
    about = ArrayField(
        models.CharField(max_length=150), default=list, blank=True, verbose_name=_("about")
    )
    # Made when the message is queued, so that a message sent twice (a worker stopped between
    # sending and marking it sent) is recognisably the same message.
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)
    status = models.CharField(_("status"), max_length=10, choices=Status, default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    # When a queued message is next tried; while one is being sent, when its claim runs out and
    # another worker may send it again.
    next_attempt_at = models.DateTimeField(_("next attempt"))
    last_error = models.TextField(_("last error"), blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    # Digital Post (frivillig.outbox.digitalpost): from the municipality's CVR number to the
    # association's; `recipients` keep the e-mail addresses the letter falls back to.
    sender_cvr = models.CharField(_("sender's CVR number"), max_length=8, blank=True)
    sender_name = models.CharField(_("sender's name"), max_length=256, blank=True)
    recipient_cvr = models.CharField(_("recipient's CVR number"), max_length=8, blank=True)
    recipient_name = models.CharField(_("recipient's name"), max_length=256, blank=True)
    mandatory = models.BooleanField(_("obligatory post"), default=False)
    legal_notification = models.BooleanField(_("legal notification"), default=False)
    # The MeMo message's messageUUID, made when the message is queued: a message sent again
    # is the same message to Digital Post.
    memo_uuid = models.UUIDField(_("MeMo message UUID"), null=True, blank=True, unique=True)
    # What the transport answered when it took the message: the file written, or SF1601's
    # transaction id and answer.
    receipt = models.TextField(_("receipt"), blank=True)
    # The e-mail sent instead of a Digital Post letter that failed.
    fallback_for = models.OneToOneField(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="fallback",
        verbose_name=_("sent by e-mail instead of"),
    )

    class Meta:
        verbose_name = _("message")
        verbose_name_plural = _("messages")
        ordering = ["-created_at"]
        permissions = [("resend_message", _("Can send a message again"))]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="outbox_due")]
        constraints = [
            models.CheckConstraint(
                condition=Q(status__in=["queued", "sending", "sent", "failed"]),
                name="outbox_message_status_valid",
            ),
            models.CheckConstraint(
                condition=Q(channel__in=["email", "digital_post"]),
                name="outbox_message_channel_valid",
            ),
            models.CheckConstraint(
                condition=~Q(channel="digital_post")
                | Q(sender_cvr__regex=CVR, recipient_cvr__regex=CVR, memo_uuid__isnull=False),
                name="outbox_message_digital_post_addressed",
            ),
            models.CheckConstraint(
                condition=Q(recipients__len__gte=1), name="outbox_message_has_recipients"
            ),
            models.CheckConstraint(
                condition=Q(status="sent", sent_at__isnull=False)
                | (~Q(status="sent") & Q(sent_at__isnull=True)),
                name="outbox_message_sent_at_iff_sent",
            ),
            models.CheckConstraint(
                condition=~Q(status="failed") | ~Q(last_error=""),
                name="outbox_message_failed_has_error",
            ),
        ]

    def __str__(self):
        return self.subject


class Attachment(models.Model):
    """A file sent with a message (a decision letter, a calendar entry); kept in the database so
    that it is written and rolled back with the message."""

    message = models.ForeignKey(Message, models.CASCADE, related_name="attachments")
    filename = models.CharField(_("file name"), max_length=255)
    content_type = models.CharField(_("content type"), max_length=100)
    content = models.BinaryField(_("content"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        constraints = [
            models.CheckConstraint(
                condition=~Q(filename=""), name="outbox_attachment_has_filename"
            ),
        ]

    def __str__(self):
        return self.filename


class LetterKind(models.TextChoices):
    """The letters to an association whose channel the municipality chooses."""

    DECISION = "decision", _("Decisions")
    HEARING = "hearing", _("Hearings")
    REMINDER = "reminder", _("Report reminders")


class LetterChannel(models.Model):
    """How the municipality sends a kind of letter to an association with a CVR number; an
    association without one, or a kind without a row, gets e-mail."""

    kind = models.CharField(_("letter"), max_length=20, choices=LetterKind, unique=True)
    channel = models.CharField(
        _("channel"), max_length=20, choices=Message.Channel, default=Message.Channel.EMAIL
    )
    # MeMo's two flags: the municipality's legal judgement, which no document of its gives.
    mandatory = models.BooleanField(
        _("obligatory post"),
        default=False,
        help_text=_("By Digital Post as obligatory post (MeMo's mandatory)."),
    )
    legal_notification = models.BooleanField(
        _("legal notification"),
        default=False,
        help_text=_(
            "By Digital Post as a notification with legal effect (MeMo's legalNotification)."
        ),
    )

    class Meta:
        verbose_name = _("channel of a letter")
        verbose_name_plural = _("channels of letters")
        ordering = ["kind"]
        constraints = [
            models.CheckConstraint(
                condition=Q(kind__in=["decision", "hearing", "reminder"]),
                name="outbox_letterchannel_kind_valid",
            ),
            models.CheckConstraint(
                condition=Q(channel__in=["email", "digital_post"]),
                name="outbox_letterchannel_channel_valid",
            ),
        ]

    def __str__(self):
        return self.get_kind_display()
