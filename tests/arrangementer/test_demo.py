"""The demo events and sign-ups: current, marked and idempotent."""

import datetime

import pytest

from frivillig.arrangementer import demo, selectors
from frivillig.arrangementer.models import Event, EventRegistration, WorkshopQuestion
from frivillig.datafile import municipality_load
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
        for model in (Event, WorkshopQuestion, EventRegistration)
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


def test_every_demo_text_says_it_is_invented(summary):
    assert all("Demo" in event.description for event in Event.objects.all())


def test_the_demo_workshop_takes_input_on_its_questions_until_two_weeks_after(client, summary):
    workshop = Event.objects.get(kind=Event.Kind.WORKSHOP)
    assert workshop.input_is_open()
    assert workshop.questions.count() == 2
    assert workshop.input_closes_at - workshop.starts_at == datetime.timedelta(days=14)
    html = client.get(workshop.get_absolute_url()).content.decode()
    assert "Hvad skal den næste strategi gøre anderledes?" in html


def test_seeding_again_after_reloading_the_data_file_changes_nothing(summary):
    before = snapshot()
    municipality_load(data=data_file("faaborg-midtfyn.yaml"))
    again = demo.seed()
    assert snapshot() == before
    assert "0 new events" in again
