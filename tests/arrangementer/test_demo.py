"""The demo events and sign-ups: current, marked and idempotent."""

import datetime

import pytest

from foreninger import demo as association_demo
from frivillig import datafile
from frivillig.arrangementer import demo, selectors
from frivillig.arrangementer.models import Event, EventRegistration, WorkshopQuestion
from frivillig.datafile import municipality_load
from tests.conftest import DATA_DIR


@pytest.fixture
def summary(faaborg):
    return demo.seed()


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


def test_the_demo_associations_sign_up_for_the_coming_new_year_reception(faaborg):
    association_demo.seed()
    assert "2 sign-ups for the coming Nytårskur" in demo.seed()
    assert sorted(EventRegistration.objects.values_list("association__name", "attendees")) == [
        ("Besøgsvennerne i Faaborg", 4),
        ("Sprogcaféen Faaborg", 6),
    ]


def test_seeding_again_after_reloading_the_data_file_changes_nothing(summary):
    before = snapshot()
    municipality_load(data=datafile.read(DATA_DIR / "faaborg-midtfyn.yaml"))
    again = demo.seed()
    assert snapshot() == before
    assert "0 new events" in again


def test_another_municipality_is_skipped_with_a_reason(toender):
    assert "skipped" in demo.seed()
    assert not Event.objects.exists()
