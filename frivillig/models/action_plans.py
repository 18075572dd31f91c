"""Action plans for the focus areas: their goals and each goal's status over time."""

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
