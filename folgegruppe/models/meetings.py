"""The group's meetings, the rule for how many a year, agendas, minutes and proposals."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from foreninger.models import Association
from frivillig.models.translated import Localized, english
from frivillig.uploads import DocumentValidator, GeneratedName


class MeetingSettings(models.Model):
    """How often the group meets and who else takes part; from the data file, one row."""

    meetings_per_year = models.PositiveSmallIntegerField(
        _("meetings a year"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Empty when the municipality has no rule."),
    )
    participants = models.TextField(
        _("standing participants"),
        blank=True,
        help_text=_("Who takes part besides the group, one per line. New meetings start with it."),
    )

    class Meta:
        verbose_name = _("meeting rules")
        verbose_name_plural = _("meeting rules")
        constraints = [
            models.CheckConstraint(condition=models.Q(id=1), name="meeting_settings_singleton")
        ]

    def __str__(self):
        return str(self._meta.verbose_name).capitalize()

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)


class MeetingPartner(Localized, models.Model):
    """Someone the group must meet a number of times a year, such as the social committee."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    name_en = english(name)
    is_committee = models.BooleanField(
        _("the political committee"),
        default=False,
        help_text=_(
            "The pages then show the committee's name as set on the municipality, so a renamed "
            "committee is renamed everywhere."
        ),
    )
    meetings_per_year = models.PositiveSmallIntegerField(
        _("meetings a year at least"), default=1, validators=[MinValueValidator(1)]
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("meeting partner")
        verbose_name_plural = _("meeting partners")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(meetings_per_year__gte=1), name="partner_meetings_gte_1"
            ),
            models.UniqueConstraint(
                fields=["is_committee"],
                condition=models.Q(is_committee=True),
                name="partner_one_committee",
                violation_error_message=_("Only one partner can be the political committee."),
            ),
        ]

    def __str__(self):
        return self.name

    def shown_name(self, committee_name):
        """The committee's current name from the municipality's data; another partner's own."""
        return committee_name if self.is_committee and committee_name else self.localized("name")


class Meeting(models.Model):
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    partners = models.ManyToManyField(
        MeetingPartner, blank=True, related_name="meetings", verbose_name=_("also with")
    )
    participants = models.TextField(
        _("participants besides the group"), blank=True, help_text=_("One per line.")
    )
    cancelled = models.BooleanField(_("cancelled"), default=False)
    proposal_deadline = models.DateTimeField(
        _("deadline for proposed agenda items"),
        null=True,
        blank=True,
        help_text=_("Approved associations may propose items until then. Empty: no proposals."),
    )
    agenda = models.TextField(
        _("agenda"), blank=True, help_text=_("One item per line, starting with “- ”.")
    )
    agenda_published_at = models.DateTimeField(
        _("agenda published"), null=True, blank=True, editable=False
    )
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_published_at = models.DateTimeField(
        _("minutes published"), null=True, blank=True, editable=False
    )

    class Meta:
        ordering = ["starts_at"]
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="meeting_ends_after_start",
                violation_error_message=_("A meeting must end after it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(proposal_deadline__isnull=True)
                | models.Q(proposal_deadline__lte=models.F("starts_at")),
                name="meeting_proposals_before_start",
                violation_error_message=_("The deadline for proposals must be before the meeting."),
            ),
            models.CheckConstraint(
                condition=models.Q(agenda_published_at__isnull=True) | ~models.Q(agenda=""),
                name="meeting_published_agenda_not_empty",
            ),
            models.CheckConstraint(
                condition=models.Q(minutes_published_at__isnull=True) | ~models.Q(minutes=""),
                name="meeting_published_minutes_not_empty",
            ),
        ]
        indexes = [models.Index(fields=["starts_at"], name="meeting_starts_at_idx")]

    def __str__(self):
        local = timezone.localtime(self.starts_at)
        return f"{local:%d.%m.%Y} – {self.place}"

    def get_absolute_url(self):
        return reverse("folgegruppe:meeting", args=[self.pk])

    @property
    def year(self):
        return timezone.localtime(self.starts_at).year

    @property
    def participant_list(self):
        return [line.strip() for line in self.participants.splitlines() if line.strip()]


class MeetingAttachment(models.Model):
    """A file for the agenda or the minutes, public once that part of the meeting is."""

    class Part(models.TextChoices):
        AGENDA = "agenda", _("Agenda")
        MINUTES = "minutes", _("Minutes")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="attachments", verbose_name=_("meeting")
    )
    part = models.CharField(_("belongs to"), max_length=10, choices=Part, default=Part.AGENDA)
    title = models.CharField(_("title"), max_length=200)
    file = models.FileField(
        _("file (PDF or DOCX)"),
        upload_to=GeneratedName("moeder"),
        validators=[DocumentValidator()],
    )

    class Meta:
        ordering = ["part", "title"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.title

    def is_public(self):
        published = (
            self.meeting.agenda_published_at
            if self.part == self.Part.AGENDA
            else self.meeting.minutes_published_at
        )
        return published is not None


class AgendaProposal(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting decision")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="proposals", verbose_name=_("meeting")
    )
    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="agenda_proposals",
        verbose_name=_("association"),
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("proposed by"),
    )
    title = models.CharField(_("item"), max_length=200)
    description = models.TextField(_("what the group should discuss, and why"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, editable=False
    )
    decision_reason = models.TextField(_("reason"), blank=True, editable=False)
    created_at = models.DateTimeField(_("proposed"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["meeting", "created_at"]
        verbose_name = _("proposed agenda item")
        verbose_name_plural = _("proposed agenda items")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="declined") | ~models.Q(decision_reason=""),
                name="proposal_declined_has_reason",
                violation_error_message=_("Give the association a reason for declining."),
            )
        ]

    def __str__(self):
        return self.title
