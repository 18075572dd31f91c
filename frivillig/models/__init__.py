"""The core app's models, one module per subject; import them from here."""

from frivillig.models.accounts import LogEntry, User, UserManager
from frivillig.models.action_plans import (
    ACTION_PLAN_MAX_DAYS,
    ActionPlan,
    ActionPlanGoal,
    GoalStatusUpdate,
)
from frivillig.models.municipality import (
    DocumentKind,
    ExampleInitiative,
    FocusArea,
    MeetingPlace,
    Municipality,
    OpeningHours,
    Page,
    Region,
    TargetGroup,
    Weekday,
)
from frivillig.models.ratelimit import RateLimitHit
from frivillig.models.recognition import AwardCategory, Nomination

__all__ = [
    "ACTION_PLAN_MAX_DAYS",
    "ActionPlan",
    "ActionPlanGoal",
    "AwardCategory",
    "DocumentKind",
    "ExampleInitiative",
    "FocusArea",
    "GoalStatusUpdate",
    "LogEntry",
    "MeetingPlace",
    "Municipality",
    "Nomination",
    "OpeningHours",
    "Page",
    "RateLimitHit",
    "Region",
    "TargetGroup",
    "User",
    "UserManager",
    "Weekday",
]
