"""Volunteer jobs (frivilligjob): approved associations post them, citizens answer.

The tables keep the names they had when the models lived in `foreninger`
(migrations/0001_initial.py moved them without touching the database).
"""

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from foreninger.models import Activity, Association, danish_search_vector
from frivillig.models import Region, TargetGroup


class Opportunity(models.Model):
    """A volunteer job an approved association posts, for citizens who want to help."""

    class TimeCommitment(models.TextChoices):
        ONE_OFF = "one_off", _("One-off")
        WEEKLY = "weekly", _("Weekly")
        MONTHLY = "monthly", _("Monthly")
        FLEXIBLE = "flexible", _("Occasionally or flexible")

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="opportunities",
        verbose_name=_("association"),
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("activity"),
        help_text=_(
            "Optional. When the activity involves children under 15, volunteers need a børneattest."
        ),
    )
    title = models.CharField(_("task"), max_length=150)
    description = models.TextField(_("description of the task"))
    time_commitment = models.CharField(_("time commitment"), max_length=10, choices=TimeCommitment)
    skills = models.TextField(
        _("skills wanted"), blank=True, help_text=_("Optional. What helps in this task?")
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="opportunities",
        verbose_name=_("region"),
        help_text=_("Leave empty when the task is anywhere in the municipality."),
    )
    target_groups = models.ManyToManyField(
        TargetGroup,
        blank=True,
        related_name="opportunities",
        verbose_name=_("target groups"),
        db_table="foreninger_opportunity_target_groups",
    )
    starts_on = models.DateField(_("start date"), null=True, blank=True)
    answer_by = models.DateField(
        _("last day to answer"),
        help_text=_("The opportunity leaves the website after this day."),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_vector = models.GeneratedField(
        expression=danish_search_vector(("title", "A"), ("skills", "B"), ("description", "C")),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        db_table = "foreninger_opportunity"
        ordering = ["answer_by", "title", "pk"]
        verbose_name = _("volunteer opportunity")
        verbose_name_plural = _("volunteer opportunities")
        indexes = [
            GinIndex(fields=["search_vector"], name="opportunity_search_gin"),
            # The public list: open opportunities whose last day has not passed.
            models.Index(
                fields=["answer_by"],
                condition=models.Q(closed_at__isnull=True),
                name="opportunity_open_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(title=""), name="opportunity_title_not_empty"
            ),
            models.CheckConstraint(
                condition=models.Q(starts_on__isnull=True)
                | models.Q(answer_by__lte=models.F("starts_on")),
                name="opportunity_answer_by_not_after_start",
                violation_error_message=_("The last day to answer cannot be after the start date."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("foreninger:opportunity", args=[self.pk])

    @property
    def needs_child_certificate(self):
        """The rule of play: volunteers in an activity with children under 15 need a børneattest."""
        return self.activity is not None and self.activity.involves_children_under_15


class OpportunityAnswer(models.Model):
    """A citizen's answer to an opportunity: personal data, read by the association only."""

    opportunity = models.ForeignKey(
        Opportunity,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("volunteer opportunity"),
    )
    name = models.CharField(_("name"), max_length=100)
    email = models.EmailField(_("e-mail address"))
    phone = models.CharField(_("phone"), max_length=30, blank=True)
    message = models.TextField(_("message"))
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    handled_at = models.DateTimeField(_("handled"), null=True, blank=True)
    handled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("handled by"),
    )

    class Meta:
        db_table = "foreninger_opportunityanswer"
        ordering = ["-created_at", "-pk"]
        verbose_name = _("answer to a volunteer opportunity")
        verbose_name_plural = _("answers to volunteer opportunities")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(handled_by__isnull=True) | models.Q(handled_at__isnull=False),
                name="opportunity_answer_handled_by_has_time",
            ),
            models.CheckConstraint(
                condition=~models.Q(name="") & ~models.Q(email="") & ~models.Q(message=""),
                name="opportunity_answer_not_empty",
            ),
        ]

    def __str__(self):
        return self.name
