"""The yearly awards and their nominations."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from frivillig.models.municipality import FocusArea
from frivillig.models.translated import Localized, english


class AwardCategory(Localized, models.Model):
    """A yearly award, e.g. “Årets Ildsjæl”; loaded from the data file, edited in the admin."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = english(name)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True)
    description_en = english(description)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="award_categories",
        verbose_name=_("focus area"),
        help_text=_("The focus area whose page links to the awards."),
    )
    is_open = models.BooleanField(
        _("open for nominations"),
        default=True,
        help_text=_("A closed category takes no nominations; its past winners are still shown."),
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("award category")
        verbose_name_plural = _("award categories")

    def __str__(self):
        return self.name


class Nomination(models.Model):
    """A nomination for an award. The reason and the nominator are seen only by the consultant."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        DECLINED = "declined", _("Declined")

    category = models.ForeignKey(
        AwardCategory,
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("award"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    nominee_name = models.CharField(_("nominee"), max_length=150)
    nominee_association = models.CharField(
        _("the nominee's association"), max_length=200, blank=True
    )
    reason = models.TextField(_("reason"))
    nominator_name = models.CharField(_("nominated by"), max_length=150)
    nominator_email = models.EmailField(_("nominator's e-mail address"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    is_winner = models.BooleanField(_("winner"), default=False)
    citation = models.TextField(
        _("public citation"),
        blank=True,
        help_text=_("Why the winner got the award, shown on the public page of winners."),
    )
    decided_by = models.ForeignKey(
        "User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "category", "-created_at"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "year"],
                condition=models.Q(is_winner=True),
                name="nomination_one_winner_per_award_and_year",
                violation_error_message=_("The award already has a winner that year."),
            ),
            models.CheckConstraint(
                condition=models.Q(is_winner=False) | models.Q(status="shortlisted"),
                name="nomination_winner_is_shortlisted",
                violation_error_message=_("A winner must be on the shortlist."),
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=1900),
                name="nomination_year_plausible",
                violation_error_message=_("Give the year as four digits."),
            ),
        ]
        indexes = [models.Index(fields=["is_winner", "year"], name="nomination_winner_year_idx")]

    def __str__(self):
        return f"{self.nominee_name} ({self.category}, {self.year})"
