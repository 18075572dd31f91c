"""The demo calendar, action plans and winners: valid, current, marked and idempotent."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from frivillig import datafile, demo, selectors
from frivillig.datafile import municipality_load
from frivillig.models import (
    ActionPlan,
    Event,
    FocusArea,
    GoalStatusUpdate,
    MeetingPlace,
    Nomination,
    OpeningHours,
    WorkshopQuestion,
)
from tests.conftest import DATA_DIR


@pytest.fixture
def summary(faaborg):
    return demo.seed()


def snapshot():
    return {
        model._meta.label: list(model.objects.order_by("pk").values())
        for model in (
            *(Event, ActionPlan, GoalStatusUpdate, Nomination),
            *(MeetingPlace, OpeningHours, WorkshopQuestion),
        )
    }


def test_the_summary_is_one_line(summary):
    assert "\n" not in summary
    assert "6 new events" in summary


def test_the_calendar_has_the_new_year_reception_open_for_sign_up_a_fair_and_regional_meetings(
    summary,
):
    upcoming = list(selectors.events_upcoming())
    kinds = [event.kind for event in upcoming]
    assert kinds.count(Event.Kind.REGIONAL_MEETING) == 2
    assert Event.Kind.FAIR in kinds
    reception = next(event for event in upcoming if event.kind == Event.Kind.NYTAARSKUR)
    assert reception.registration_is_open
    assert reception.capacity
    assert selectors.event_archive_years()


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
    assert all("Demo" in event.description for event in Event.objects.all())
    assert all("Demo" in plan.summary for plan in ActionPlan.objects.all())
    assert all("Demo" in place.description for place in MeetingPlace.objects.all())


def test_the_demo_workshop_takes_input_on_its_questions_until_two_weeks_after(client, summary):
    workshop = Event.objects.get(kind=Event.Kind.WORKSHOP)
    assert workshop.input_is_open()
    assert workshop.questions.count() == 2
    assert workshop.input_closes_at - workshop.starts_at == datetime.timedelta(days=14)
    html = client.get(workshop.get_absolute_url()).content.decode()
    assert "Hvad skal den næste strategi gøre anderledes?" in html


def test_the_demo_meeting_places_have_opening_hours_one_of_them_for_the_autumn(client, summary):
    assert MeetingPlace.objects.count() == 2
    assert OpeningHours.objects.filter(valid_from__isnull=False).count() == 1
    html = client.get(reverse("meeting_places")).content.decode()
    assert "Frivilligcafé i Ringe" in html and "10.00–12.00" in html


def test_seeding_again_after_reloading_the_data_file_changes_nothing(summary):
    before = snapshot()
    municipality_load(data=datafile.read(DATA_DIR / "faaborg-midtfyn.yaml"))
    again = demo.seed()
    assert snapshot() == before
    assert "0 new events, 0 new meeting places, 0 new action plans, 0 new award winners" in again


def test_another_municipality_is_skipped_with_a_reason(toender):
    before = snapshot()
    assert "skipped" in demo.seed()
    assert snapshot() == before
