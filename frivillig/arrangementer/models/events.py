"""The public calendar."""

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from frivillig.models.municipality import Region
from frivillig.models.translated import Localized, english
from frivillig.timewindow import window_open


class Event(Localized, models.Model):
    """A public event in the calendar: the New Year reception, the fair, meetings in the regions,
    workshops that collect input. An event without a fixed date has a date in words instead."""

    class Kind(models.TextChoices):
        NYTAARSKUR = "nytaarskur", _("New Year reception")
        FAIR = "fair", _("Volunteer fair")
        VOLUNTEER_DAY = "volunteer_day", _("Volunteer day")
        REGIONAL_MEETING = "regional_meeting", _("Regional meeting")
        WORKSHOP = "workshop", _("Workshop")
        OTHER = "other", _("Other event")

    title = models.CharField(_("title"), max_length=200)
    title_en = english(title)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    starts_at = models.DateTimeField(
        _("starts"), null=True, blank=True, help_text=_("Leave empty when there is no fixed date.")
    )
    date_text = models.CharField(
        _("date in words"),
        max_length=100,
        blank=True,
        help_text=_("For an event without a fixed start, e.g. “Spring 2019”."),
    )
    date_text_en = english(date_text)
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    place_en = english(place)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Blank line between paragraphs.")
    )
    description_en = english(description)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("region"),
        help_text=_("Leave empty for events for the whole municipality."),
    )
    registration_open = models.BooleanField(_("registration open"), default=False)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)
    input_open = models.BooleanField(
        _("input open"),
        default=False,
        help_text=_(
            "Participants can answer the workshop's questions on its page, before and after "
            "the workshop, until the input deadline or until this is switched off."
        ),
    )
    input_closes_at = models.DateTimeField(
        _("input deadline"),
        null=True,
        blank=True,
        help_text=_("Leave empty to keep input open until it is switched off."),
    )
    workshop_summary = models.TextField(
        _("summary of the input"),
        blank=True,
        help_text=_("Blank line between paragraphs. Shown on the event's page when published."),
    )
    summary_published = models.BooleanField(_("summary published"), default=False)

    class Meta:
        # The table keeps the name it had in the core app, where events began.
        db_table = "frivillig_event"
        ordering = ["starts_at", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(starts_at__isnull=False) | ~models.Q(date_text=""),
                name="event_has_start_or_date_text",
                violation_error_message=_("An event needs a start or a date in words."),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True) | models.Q(starts_at__isnull=False),
                name="event_end_needs_start",
                violation_error_message=_("An event without a start cannot have an end."),
            ),
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("An event must end after it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(registration_open=False, registration_deadline__isnull=True)
                | models.Q(starts_at__isnull=False),
                name="event_registration_needs_start",
                violation_error_message=_("Sign-up needs a start."),
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1),
                name="event_capacity_gte_1",
                violation_error_message=_(
                    "The capacity must be at least 1, or empty for no limit."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(input_open=False, input_closes_at__isnull=True)
                | models.Q(kind="workshop"),
                name="event_input_only_for_workshops",
                violation_error_message=_("Only a workshop collects input."),
            ),
            models.CheckConstraint(
                condition=models.Q(summary_published=False) | ~models.Q(workshop_summary=""),
                name="event_published_summary_not_empty",
                violation_error_message=_("Write the summary before publishing it."),
            ),
        ]
        indexes = [models.Index(fields=["starts_at"], name="event_starts_at_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("event_detail", args=[self.slug])

    @property
    def registration_closes_at(self):
        """Sign-up closes at its deadline, and at the latest when the event starts."""
        if self.starts_at is None:
            return None
        return min(self.registration_deadline or self.starts_at, self.starts_at)

    def registration_open_at(self, now=None):
        """The one rule for sign-up, for the badge and the services alike: switched on, and
        before it closes (frivillig.timewindow: open until, not at, that moment)."""
        return (
            self.registration_open
            and self.starts_at is not None
            and window_open(None, self.registration_closes_at, now=now)
        )

    @property
    def registration_is_open(self):
        return self.registration_open_at()

    def input_is_open(self, now=None):
        """A workshop takes answers while input is switched on and its deadline, if any, has
        not passed; the start does not matter, as people answer before and after it."""
        return (
            self.kind == self.Kind.WORKSHOP
            and self.input_open
            and window_open(None, self.input_closes_at, now=now)
        )
