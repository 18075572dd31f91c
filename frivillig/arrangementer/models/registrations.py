"""The associations' sign-up for events, and the events held regularly.

The tables keep the names they had in the follow-up group's app."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.dates import MONTHS
from django.utils.translation import gettext_lazy as _

from foreninger.models import Association
from frivillig.arrangementer.models.events import Event
from frivillig.models.translated import Localized, english


class EventRegistration(models.Model):
    """An association's sign-up for an event, with how many people come."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="registrations", verbose_name=_("event")
    )
    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="event_registrations",
        verbose_name=_("association"),
    )
    attendees = models.PositiveSmallIntegerField(
        _("number of people"), validators=[MinValueValidator(1), MaxValueValidator(500)]
    )
    note = models.CharField(
        _("note"),
        max_length=500,
        blank=True,
        help_text=_("For example diets or accessibility needs."),
    )
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("registered by"),
    )
    created_at = models.DateTimeField(_("signed up"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        db_table = "folgegruppe_eventregistration"
        ordering = ["event", "association__name"]
        verbose_name = _("event sign-up")
        verbose_name_plural = _("event sign-ups")
        constraints = [
            models.UniqueConstraint(
                fields=["event", "association"],
                name="registration_once_per_association",
                violation_error_message=_("The association is already signed up for this event."),
            ),
            models.CheckConstraint(
                condition=models.Q(attendees__gte=1), name="registration_attendees_gte_1"
            ),
        ]

    def __str__(self):
        return f"{self.association} – {self.event}"


class RecurringEvent(Localized, models.Model):
    """An event the municipality holds regularly, before it has a date (from the data file)."""

    name = models.CharField(_("name"), max_length=200)
    name_en = english(name)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Event.Kind.choices)
    description = models.TextField(_("description"), blank=True)
    description_en = english(description)
    every_years = models.PositiveSmallIntegerField(
        _("every how many years"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_("1 for every year, 4 for every fourth year."),
    )
    month = models.PositiveSmallIntegerField(
        _("month"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
        help_text=_("Empty when the month is not fixed."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        db_table = "folgegruppe_recurringevent"
        ordering = ["order", "name"]
        verbose_name = _("recurring event")
        verbose_name_plural = _("recurring events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(every_years__gte=1, every_years__lte=10),
                name="recurring_every_years_range",
            ),
            models.CheckConstraint(
                condition=models.Q(month__isnull=True) | models.Q(month__gte=1, month__lte=12),
                name="recurring_month_range",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def month_name(self):
        return MONTHS[self.month] if self.month else ""
