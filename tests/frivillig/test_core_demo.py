"""The demo meeting places, action plans and winners: valid, current, marked and idempotent."""

import pytest
from django.urls import reverse
from django.utils import timezone

from frivillig import demo, selectors
from frivillig.datafile import municipality_load
from frivillig.models import (
    ActionPlan,
    FocusArea,
    GoalStatusUpdate,
    MeetingPlace,
    Nomination,
    OpeningHours,
)
from tests.conftest import data_file, seeded_once


def _seed():
    municipality_load(data=data_file("faaborg-midtfyn.yaml"))
    return demo.seed()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Faaborg-Midtfyn's file and the demo, seeded once for the module's tests."""
    with seeded_once(django_db_blocker, _seed) as summary:
        yield summary


@pytest.fixture
def summary(seeded, db):
    return seeded


def snapshot():
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in (
            *(ActionPlan, GoalStatusUpdate, Nomination),
            *(MeetingPlace, OpeningHours),
        )
    }


def test_the_summary_is_one_line(summary):
    assert "\n" not in summary


def test_every_focus_area_has_a_plan_in_force_with_goals_and_past_status_updates(summary):
    today = timezone.localdate()
    for area in FocusArea.objects.all():
        plan = selectors.action_plan_current(list(selectors.action_plans_published(area)))
        assert plan is not None, area
        assert plan.goals.exists()
        assert plan.value_citizens
    assert not GoalStatusUpdate.objects.filter(date__gt=today).exists()
    plans = ActionPlan.objects.filter(focus_area__number=1)
    assert plans.count() == 2


def test_past_winners_are_listed_and_marked_as_demo(client, summary):
    winners = Nomination.objects.filter(is_winner=True)
    assert winners.count() == 5
    assert all(winner.year < timezone.localdate().year for winner in winners)
    assert all("demo" in winner.citation.lower() for winner in winners)
    html = client.get(reverse("awards")).content.decode()
    assert all(winner.nominee_name in html for winner in winners)


def test_every_demo_text_says_it_is_invented(summary):
    assert all("Demo" in plan.summary for plan in ActionPlan.objects.all())
    assert all("Demo" in place.description for place in MeetingPlace.objects.all())


def test_the_demo_meeting_places_have_opening_hours_one_of_them_for_the_autumn(client, summary):
    assert MeetingPlace.objects.count() == 2
    assert OpeningHours.objects.filter(valid_from__isnull=False).count() == 1
    html = client.get(reverse("meeting_places")).content.decode()
    assert "Frivilligcafé i Ringe" in html and "10.00–12.00" in html


def test_seeding_again_after_reloading_the_data_file_changes_nothing(summary):
    before = snapshot()
    municipality_load(data=data_file("faaborg-midtfyn.yaml"))
    again = demo.seed()
    assert snapshot() == before
    assert "0 new meeting places, 0 new action plans, 0 new award winners" in again
