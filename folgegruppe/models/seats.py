"""The group's seats: fixed for an organisation, or elected for a term."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from foreninger.models import Association
from frivillig.models.translated import Localized, english


class GroupSeat(Localized, models.Model):
    """A seat in the group: fixed for an organisation, or elected for a term."""

    fixed = models.BooleanField(_("fixed seat"), default=False)
    organisation = models.CharField(
        _("organisation"),
        max_length=150,
        blank=True,
        help_text=_("For a fixed seat: the organisation that holds it."),
    )
    organisation_en = english(organisation)
    person_name = models.CharField(_("member"), max_length=150, blank=True)
    association = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="group_seats",
        verbose_name=_("association"),
        help_text=_("The association in the directory whose target groups the seat covers."),
    )
    term_start = models.DateField(_("term from"), null=True, blank=True)
    term_end = models.DateField(_("term to"), null=True, blank=True)
    candidate = models.OneToOneField(
        "Candidate",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="seat",
        verbose_name=_("elected as candidate"),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["-fixed", "order", "term_start", "person_name"]
        verbose_name = _("seat")
        verbose_name_plural = _("seats")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(fixed=False) | ~models.Q(organisation=""),
                name="seat_fixed_has_organisation",
                violation_error_message=_("A fixed seat needs the name of its organisation."),
            ),
            models.CheckConstraint(
                condition=models.Q(fixed=True)
                | (
                    ~models.Q(person_name="")
                    & models.Q(term_start__isnull=False, term_end__isnull=False)
                ),
                name="seat_elected_has_person_and_term",
                violation_error_message=_("An elected seat needs the member's name and a term."),
            ),
            models.CheckConstraint(
                condition=models.Q(term_start__isnull=True)
                | models.Q(term_end__isnull=True)
                | models.Q(term_end__gte=models.F("term_start")),
                name="seat_term_ordered",
                violation_error_message=_("The term must end after it starts."),
            ),
            models.UniqueConstraint(
                fields=["organisation"],
                condition=models.Q(fixed=True),
                name="seat_fixed_organisation_unique",
                violation_error_message=_("This organisation already has a fixed seat."),
            ),
        ]

    def __str__(self):
        if self.person_name and self.holder:
            return f"{self.person_name} ({self.holder})"
        return self.person_name or self.holder

    @property
    def holder(self):
        """The organisation or association the member sits for."""
        return self.localized("organisation") or (self.association.name if self.association else "")

    def is_current(self, today=None):
        today = today or timezone.localdate()
        started = self.term_start is None or self.term_start <= today
        return started and (self.term_end is None or today <= self.term_end)
