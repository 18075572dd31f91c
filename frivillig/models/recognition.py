"""Action plans for the focus areas, and the yearly awards."""

import datetime

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from frivillig.models.municipality import FocusArea

# An action plan runs one to two years; a day more lets a two-year period end on the
# anniversary of its start, leap day included.
ACTION_PLAN_MAX_DAYS = 2 * 366


class ActionPlan(models.Model):
    """The consultant's plan for a focus area over one to two years, written with the group."""

    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.PROTECT,
        related_name="action_plans",
        verbose_name=_("focus area"),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    summary = models.TextField(_("summary"), blank=True)
    value_citizens = models.TextField(_("value for citizens"), blank=True)
    value_volunteers = models.TextField(_("value for volunteers"), blank=True)
    value_associations = models.TextField(_("value for associations"), blank=True)
    value_municipality = models.TextField(_("value for the municipality"), blank=True)
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Only published plans are shown publicly.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["focus_area", "-starts_on"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="action_plan_ends_after_start",
                violation_error_message=_("The plan must end after it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(
                    ends_on__lte=models.ExpressionWrapper(
                        models.F("starts_on") + datetime.timedelta(days=ACTION_PLAN_MAX_DAYS),
                        output_field=models.DateField(),
                    )
                ),
                name="action_plan_at_most_two_years",
                violation_error_message=_("An action plan covers at most two years."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("action_plan", args=[self.focus_area.slug, self.pk])


class ActionPlanGoal(models.Model):
    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("action plan")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    text = models.TextField(_("goal"))
    success_criteria = models.TextField(_("success criteria"))

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "order"],
                name="action_plan_goal_order_unique",
                violation_error_message=_("Two goals of a plan cannot have the same number."),
            )
        ]

    def __str__(self):
        return f"{self.order}. {self.text}"


class GoalStatusUpdate(models.Model):
    """Where a goal stood on a date; the updates of a goal are its status over time."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        ACHIEVED = "achieved", _("Achieved")
        DROPPED = "dropped", _("Dropped")

    goal = models.ForeignKey(
        ActionPlanGoal,
        on_delete=models.CASCADE,
        related_name="status_updates",
        verbose_name=_("goal"),
    )
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["goal", "-date"]
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "date"],
                name="goal_status_one_per_day",
                violation_error_message=_("The goal already has a status on this date."),
            )
        ]

    def __str__(self):
        return f"{self.date}: {self.get_status_display()}"


class AwardCategory(models.Model):
    """A yearly award, e.g. “Årets Ildsjæl”; loaded from the data file, edited in the admin."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True)
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
