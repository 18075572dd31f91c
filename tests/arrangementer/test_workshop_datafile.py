"""The `workshops` section of a municipality's data file: Sønderborg's workshops of spring 2019."""

import datetime
import textwrap
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from frivillig import datafile
from frivillig.arrangementer.models import Event, WorkshopAnswer, WorkshopQuestion, WorkshopResponse
from frivillig.datafile import DataFileError, municipality_load
from tests import factories
from tests.conftest import DATA_DIR

FAABORG = DATA_DIR / "faaborg-midtfyn.yaml"
COPENHAGEN = ZoneInfo("Europe/Copenhagen")

WORKSHOPS = textwrap.dedent(
    """\
    workshops:
      - title: Workshop i Gråsten
        place: Gråsten
        date_text: Foråret 2019
        description: |
          Sundhedsudvalget inviterer til workshop om den nye politik.
        questions:
          - Hvordan understøtter kommunen bedst det frivillige arbejde?
          - Hvordan styrker vi samarbejdet mellem kommune og foreninger?
      - title: Workshop i Nordborg
        slug: nordborg
        place: Nordborg
        starts_at: 2019-04-03 17:00
        ends_at: 2019-04-03 20:00
        questions:
          - Hvordan understøtter kommunen bedst det frivillige arbejde?
    """
)


GRAASTEN_QUESTIONS = (
    "      - Hvordan understøtter kommunen bedst det frivillige arbejde?\n"
    "      - Hvordan styrker vi samarbejdet mellem kommune og foreninger?\n"
)


def text_with(section=WORKSHOPS):
    return FAABORG.read_text(encoding="utf-8").rstrip("\n") + "\n" + section


def line_of(text, needle, occurrence=1):
    """The 1-based number of the line holding the `occurrence`th `needle`."""
    lines = [number for number, line in enumerate(text.splitlines(), 1) if needle in line]
    return lines[occurrence - 1]


def load(text):
    municipality_load(data=datafile.parse(text))


def snapshot():
    return [
        list(Event.objects.order_by("pk").values()),
        list(WorkshopQuestion.objects.order_by("pk").values()),
    ]


def error_of(text):
    with pytest.raises(DataFileError) as caught:
        datafile.parse(text)
    return caught.value


def test_the_workshops_are_loaded_as_closed_workshops_with_their_questions(db):
    load(text_with())
    graasten = Event.objects.get(slug="workshop-i-graasten")
    assert (graasten.kind, graasten.starts_at, graasten.date_text, graasten.place) == (
        Event.Kind.WORKSHOP,
        None,
        "Foråret 2019",
        "Gråsten",
    )
    assert not graasten.input_open
    assert not graasten.input_is_open()
    assert list(graasten.questions.values_list("order", "text")) == [
        (1, "Hvordan understøtter kommunen bedst det frivillige arbejde?"),
        (2, "Hvordan styrker vi samarbejdet mellem kommune og foreninger?"),
    ]
    nordborg = Event.objects.get(slug="nordborg")
    assert nordborg.starts_at == datetime.datetime(2019, 4, 3, 17, 0, tzinfo=COPENHAGEN)
    assert nordborg.ends_at == datetime.datetime(2019, 4, 3, 20, 0, tzinfo=COPENHAGEN)


def test_loading_the_file_twice_changes_nothing(db):
    load(text_with())
    before = snapshot()
    load(text_with())
    assert snapshot() == before


def test_the_consultant_s_input_settings_and_summary_survive_a_new_load(db):
    load(text_with())
    Event.objects.filter(slug="nordborg").update(
        input_open=True, workshop_summary="Opsummering", summary_published=True
    )
    load(text_with())
    nordborg = Event.objects.get(slug="nordborg")
    assert (nordborg.input_open, nordborg.summary_published) == (True, True)


def test_a_changed_question_is_updated_and_a_dropped_one_removed(db):
    load(text_with())
    first = Event.objects.get(slug="workshop-i-graasten").questions.get(order=1)
    load(text_with(WORKSHOPS.replace(GRAASTEN_QUESTIONS, "      - Hvad virker i dag?\n")))
    assert list(first.event.questions.values_list("pk", "text")) == [
        (first.pk, "Hvad virker i dag?")
    ]


def test_an_answered_question_the_file_drops_is_refused_with_its_line_and_field(db):
    load(text_with())
    graasten = Event.objects.get(slug="workshop-i-graasten")
    answer_to = graasten.questions.get(order=2)
    response = WorkshopResponse.objects.create(
        event=graasten, name="Karen", email="k@example.org", consented_at=timezone.now()
    )
    WorkshopAnswer.objects.create(response=response, question=answer_to, text="Et svar")
    text = text_with(
        WORKSHOPS.replace(
            "      - Hvordan styrker vi samarbejdet mellem kommune og foreninger?\n", ""
        )
    )
    with pytest.raises(DataFileError, match="som ikke") as caught:
        load(text)
    assert caught.value.field == "workshops[1].questions"
    assert caught.value.line == line_of(text, "- title: Workshop i Gråsten")
    assert WorkshopQuestion.objects.filter(pk=answer_to.pk).exists()


def test_a_workshop_the_file_no_longer_names_is_kept(db):
    load(text_with())
    load(text_with(WORKSHOPS.split("  - title: Workshop i Nordborg")[0]))
    assert Event.objects.filter(slug="nordborg", kind=Event.Kind.WORKSHOP).exists()


def test_a_slug_of_an_event_that_is_not_a_workshop_is_refused(db):
    factories.event(slug="nordborg", kind=Event.Kind.FAIR)
    text = text_with()
    with pytest.raises(DataFileError, match="bruges allerede af et arrangement") as caught:
        load(text)
    assert caught.value.field == "workshops[2].slug"
    assert caught.value.line == line_of(text, "- title: Workshop i Nordborg")
    assert Event.objects.get(slug="nordborg").kind == Event.Kind.FAIR


def test_a_workshop_needs_a_date_in_words_without_a_start():
    text = text_with(WORKSHOPS.replace("    date_text: Foråret 2019\n", ""))
    error = error_of(text)
    assert error.field == "workshops[1].date_text"
    assert error.line == line_of(text, "- title: Workshop i Gråsten")


def test_a_workshop_needs_at_least_one_question():
    text = text_with(
        WORKSHOPS.replace("    questions:\n" + GRAASTEN_QUESTIONS, "    questions: []\n")
    )
    error = error_of(text)
    assert error.field == "workshops[1].questions"
    assert error.line == line_of(text, "questions: []")


def test_the_title_and_place_are_required():
    text = text_with(WORKSHOPS.replace("    place: Nordborg\n", ""))
    error = error_of(text)
    assert error.field == "workshops[2].place"
    assert error.line == line_of(text, "- title: Workshop i Nordborg")


def test_a_start_must_be_a_date_and_time():
    text = text_with(WORKSHOPS.replace("starts_at: 2019-04-03 17:00", "starts_at: 3. april 2019"))
    error = error_of(text)
    assert error.field == "workshops[2].starts_at"
    assert error.line == line_of(text, "starts_at: 3. april 2019")


def test_the_end_must_be_after_the_start():
    text = text_with(WORKSHOPS.replace("ends_at: 2019-04-03 20:00", "ends_at: 2019-04-03 16:00"))
    error = error_of(text)
    assert error.field == "workshops[2].ends_at"
    assert error.line == line_of(text, "ends_at: 2019-04-03 16:00")


def test_an_end_needs_a_start():
    text = text_with(
        WORKSHOPS.replace("    starts_at: 2019-04-03 17:00\n", "    date_text: Foråret 2019\n")
    )
    error = error_of(text)
    assert error.field == "workshops[2].ends_at"
    assert error.line == line_of(text, "ends_at: 2019-04-03 20:00")


def test_a_slug_given_twice_is_refused_at_its_line():
    text = text_with(WORKSHOPS.replace("slug: nordborg", "slug: workshop-i-graasten"))
    error = error_of(text)
    assert error.field == "workshops[2].slug"
    assert error.line == line_of(text, "- title: Workshop i Nordborg")


def test_an_unknown_field_is_named_with_its_line():
    text = text_with(WORKSHOPS.replace("    place: Gråsten\n", "    place: Gråsten\n    room: 2\n"))
    error = error_of(text)
    assert error.field == "workshops[1].room"
    assert error.line == line_of(text, "room: 2")
