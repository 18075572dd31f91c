"""Demo meeting places, action plans and award winners (`manage.py seed_demo`), from
demo_core.yaml (the demo events are the events app's)."""

import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from frivillig.datafile import yaml_file
from frivillig.models import (
    ActionPlan,
    AwardCategory,
    FocusArea,
    GoalStatusUpdate,
    MeetingPlace,
    Nomination,
    OpeningHours,
    Region,
)
from frivillig.text import danish_slugify

DATA_FILE = Path(__file__).with_name("demo_core.yaml")
DEMO_MARK = "(Demo – findes ikke.)"
# Status updates of a goal are spread over the plan's first months, one a quarter.
STATUS_EVERY_DAYS = 90


def demo_data():
    return yaml_file(DATA_FILE)


def _missing(data):
    """What the demo data refers to that the loaded municipality lacks, as readable text."""
    regions = {row["region"] for row in data["meeting_places"]}
    awards = {slug for year in data["winners"].values() for slug in year}
    lacking = [
        ("regions", regions - set(Region.objects.values_list("slug", flat=True))),
        (
            "focus areas",
            set(data["action_plans"]) - set(FocusArea.objects.values_list("number", flat=True)),
        ),
        ("award categories", awards - set(AwardCategory.objects.values_list("slug", flat=True))),
    ]
    return "; ".join(
        f"{name} {', '.join(sorted(map(str, keys)))}" for name, keys in lacking if keys
    )


def _seed_plan(area, row, *, starts_on, ends_on, values):
    plan, new = ActionPlan.objects.get_or_create(
        focus_area=area,
        starts_on=starts_on,
        defaults={
            "title": f"Handleplan {starts_on.year}–{ends_on.year}",
            "ends_on": ends_on,
            "summary": f"{row['summary']} {DEMO_MARK}",
            "published": True,
            **{f"value_{key}": text for key, text in values.items()},
        },
    )
    if new:
        for order, goal_row in enumerate(row["goals"], start=1):
            goal = plan.goals.create(
                order=order, text=goal_row["text"], success_criteria=goal_row["success_criteria"]
            )
            GoalStatusUpdate.objects.bulk_create(
                GoalStatusUpdate(
                    goal=goal,
                    date=starts_on + datetime.timedelta(days=STATUS_EVERY_DAYS * number),
                    status=status,
                )
                for number, status in enumerate(goal_row["status"], start=1)
            )
    return new


def _seed_plans(plans, values, today):
    # The current plans started on the first of the month about ten months ago and run two
    # years, so that they are in force and already have status updates in the past.
    starts_on = (today - datetime.timedelta(days=300)).replace(day=1)
    ends_on = starts_on.replace(year=starts_on.year + 2) - datetime.timedelta(days=1)
    created = 0
    for area in FocusArea.objects.filter(number__in=plans):
        row = plans[area.number]
        created += _seed_plan(area, row, starts_on=starts_on, ends_on=ends_on, values=values)
        if "earlier" in row:
            created += _seed_plan(
                area,
                row["earlier"],
                starts_on=starts_on.replace(year=starts_on.year - 2),
                ends_on=starts_on - datetime.timedelta(days=1),
                values=values,
            )
    return created


def _seed_winners(winners, today):
    created = 0
    categories = {category.slug: category for category in AwardCategory.objects.all()}
    for years_ago, awards in winners.items():
        year = today.year - years_ago
        for slug, (nominee, association) in awards.items():
            _winner, new = Nomination.objects.get_or_create(
                category=categories[slug],
                year=year,
                is_winner=True,
                defaults={
                    "nominee_name": nominee,
                    "nominee_association": association,
                    "reason": DEMO_MARK,
                    "citation": f"For en særlig indsats for fællesskabet. {DEMO_MARK}",
                    "nominator_name": "Demo",
                    "nominator_email": "demo@example.org",
                    "status": Nomination.Status.SHORTLISTED,
                },
            )
            created += new
    return created


def _seed_meeting_places(rows, today):
    created = 0
    regions = {region.slug: region for region in Region.objects.all()}
    for order, row in enumerate(rows, start=1):
        place, new = MeetingPlace.objects.get_or_create(
            slug=danish_slugify(row["name"]),
            defaults={
                "name": row["name"],
                "address": row["address"],
                "region": regions[row["region"]],
                "description": DEMO_MARK,
                "order": order,
            },
        )
        if not new:
            continue
        created += 1
        period = (
            {
                "valid_from": today.replace(month=9, day=1),
                "valid_to": today.replace(month=11, day=30),
            }
            if row.get("autumn_only")
            else {}
        )
        OpeningHours.objects.bulk_create(
            OpeningHours(
                place=place,
                weekday=weekday,
                opens=datetime.time.fromisoformat(opens),
                closes=datetime.time.fromisoformat(closes),
                **period,
            )
            for weekday, opens, closes in row["hours"]
        )
    return created


@transaction.atomic
def seed():
    """Create the demo meeting places, plans and winners that do not exist yet; leave the rest
    alone."""
    data = demo_data()
    missing = _missing(data)
    if missing:
        # Another municipality's data file is loaded; this content belongs to Faaborg-Midtfyn.
        return f"Demo meeting places, action plans and award winners skipped: no {missing}."
    today = timezone.localdate()
    places = _seed_meeting_places(data["meeting_places"], today)
    plans = _seed_plans(data["action_plans"], data["values"], today)
    winners = _seed_winners(data["winners"], today)
    return (
        f"Demo meeting places and recognition: {places} new meeting places, "
        f"{plans} new action plans, {winners} new award winners"
    )
