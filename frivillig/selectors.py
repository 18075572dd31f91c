import contextlib
import contextvars
import datetime
from operator import attrgetter

from django.db.models import OuterRef, Prefetch, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from frivillig.models import (
    ActionPlan,
    ActionPlanGoal,
    AwardCategory,
    ExampleInitiative,
    FocusArea,
    GoalStatusUpdate,
    MeetingPlace,
    Municipality,
    Nomination,
    OpeningHours,
    User,
)
from frivillig.roles import CONSULTANT_GROUP

# The municipality as the current request read it (municipality_read_once): the admin's app
# list, the group's name and two-factor each ask for it, and one query answers them all.
_read = contextvars.ContextVar("municipality_read", default=None)


def municipality_get():
    """The municipality of this deployment, or None before its data file is loaded; read once
    a request."""
    read = _read.get()
    if read is None:
        return Municipality.objects.filter(pk=1).first()
    if "municipality" not in read:
        read["municipality"] = Municipality.objects.filter(pk=1).first()
    return read["municipality"]


@contextlib.contextmanager
def municipality_read_once():
    """Within the block (a request: frivillig.middleware), municipality_get reads the database
    once, and again after the municipality is saved."""
    token = _read.set({})
    try:
        yield
    finally:
        _read.reset(token)


def municipality_forget(**kwargs):
    """post_save of Municipality: the next municipality_get of the request reads it again."""
    read = _read.get()
    if read is not None:
        read.pop("municipality", None)


def focus_area_list():
    return FocusArea.objects.order_by("number")


def focus_area_with_examples(slug):
    return (
        FocusArea.objects.prefetch_related(
            Prefetch("examples", queryset=ExampleInitiative.objects.order_by("order"))
        )
        .filter(slug=slug)
        .first()
    )


def consultant_recipients():
    """Where notices for the volunteer consultant go: the municipality's address, else the role."""
    municipality = municipality_get()
    if municipality and municipality.email:
        return [municipality.email]
    return list(
        User.objects.filter(groups__name=CONSULTANT_GROUP, is_active=True)
        .order_by("email")
        .values_list("email", flat=True)
    )


def action_plans_published(area):
    """The published action plans of a focus area, the latest period first."""
    # The focus area comes along for the plans' URLs.
    return (
        ActionPlan.objects.filter(focus_area=area, published=True)
        .select_related("focus_area")
        .order_by("-starts_on", "-pk")
    )


def action_plan_current(plans, *, today=None):
    """The plan in force today; of overlapping plans the one that started last. None if none."""
    today = today or timezone.localdate()
    return next((plan for plan in plans if plan.starts_on <= today <= plan.ends_on), None)


def action_plans_by_period(plans, *, today=None):
    """The plan in force, the coming plans (soonest first) and the earlier ones (latest first)."""
    today = today or timezone.localdate()
    current = action_plan_current(plans, today=today)
    coming = sorted((plan for plan in plans if plan.starts_on > today), key=attrgetter("starts_on"))
    earlier = [plan for plan in plans if plan != current and plan.starts_on <= today]
    return current, coming, earlier


def goals_with_latest_status(plan):
    """A plan's goals, each with its latest status, the label of it and its date, in one query."""
    latest = GoalStatusUpdate.objects.filter(goal=OuterRef("pk")).order_by("-date", "-pk")
    goals = list(
        plan.goals.annotate(
            latest_status=Subquery(latest.values("status")[:1]),
            latest_status_date=Subquery(latest.values("date")[:1]),
        ).order_by("order")
    )
    for goal in goals:
        goal.latest_status_label = (
            GoalStatusUpdate.Status(goal.latest_status).label if goal.latest_status else ""
        )
    return goals


def action_plan_with_history(area, pk):
    """A published plan of the area with its goals and each goal's status updates, newest first."""
    return (
        action_plans_published(area)
        .prefetch_related(
            Prefetch(
                "goals",
                queryset=ActionPlanGoal.objects.order_by("order").prefetch_related(
                    Prefetch(
                        "status_updates",
                        queryset=GoalStatusUpdate.objects.order_by("-date", "-pk"),
                    )
                ),
            )
        )
        .filter(pk=pk)
        .first()
    )


def award_categories_open():
    return AwardCategory.objects.filter(is_open=True).order_by("order", "name")


def award_category_open(slug):
    return award_categories_open().filter(slug=slug).first()


def award_categories_of(area):
    """The award categories linked to a focus area, for a link from its page."""
    return list(AwardCategory.objects.filter(focus_area=area).order_by("order", "name"))


def award_winners():
    """Every winner, newest year first and in the categories' order within a year."""
    return (
        Nomination.objects.filter(is_winner=True)
        .select_related("category")
        .order_by("-year", "category__order", "category__name")
    )


def meeting_places_with_hours(*, today=None):
    """The meeting places with the opening hours that have not ended, soonest period first."""
    today = today or timezone.localdate()
    current = OpeningHours.objects.filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=today)
    ).order_by(Coalesce("valid_from", datetime.date.min), "weekday", "opens")
    return MeetingPlace.objects.select_related("region").prefetch_related(
        Prefetch("opening_hours", queryset=current, to_attr="current_hours")
    )
