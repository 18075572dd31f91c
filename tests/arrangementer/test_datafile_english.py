"""English beside Danish in the events' sections of the data file: recurring events and
workshops."""

import textwrap

import pytest
from django.conf import settings
from django.urls import reverse

from frivillig import datafile
from frivillig.arrangementer.models import Event
from frivillig.arrangementer.workshops import WORKSHOPS_SECTION
from frivillig.datafile import DataFileError
from tests.conftest import DATA_DIR

FAABORG = (DATA_DIR / "faaborg-midtfyn.yaml").read_text(encoding="utf-8")
WORKSHOP = textwrap.dedent(
    """\
    workshops:
      - title: {da: Workshop i Gråsten, en: Workshop in Gråsten}
        slug: graasten
        place: Gråsten
        date_text: {da: Foråret 2019, en: Spring 2019}
        description: {da: Om den nye politik., en: On the new policy.}
        questions:
          - {da: "Hvad virker?", en: "What works?"}
    """
)


def _with_workshop(workshop=WORKSHOP):
    return FAABORG.rstrip("\n") + "\n" + workshop


def test_a_workshop_page_shows_the_english_and_marks_the_danish_left(faaborg, client):
    WORKSHOPS_SECTION.load(datafile.parse(_with_workshop())["workshops"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(Event.objects.get(slug="graasten").get_absolute_url()).content.decode()
    assert "<h1>Workshop in Gråsten</h1>" in page
    assert "Spring 2019" in page
    assert "<p>On the new policy.</p>" in page
    assert "<li>What works?</li>" in page
    # No English place is given: the Danish is marked as Danish.
    assert '<dd lang="da">Gråsten</dd>' in page


def test_faaborg_s_recurring_events_are_in_english_in_english(faaborg, client):
    url = reverse("folgegruppe:recurring_events")
    assert "Frivillig Social Nytårskur" in client.get(url).content.decode()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(url).content.decode()
    assert ">Voluntary Social New Year Reception</h2>" in page
    assert "Every year Frivilligcenter og Selvhjælp Faaborg-Midtfyn arranges work" in page


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (FAABORG.replace("      da: Politikerpraktik\n", ""), "events[2].name.da"),
        (
            _with_workshop(WORKSHOP.replace('{da: "Hvad virker?", en:', "{en:")),
            "workshops[1].questions[1].da",
        ),
    ],
)
def test_english_without_danish_is_refused(text, field):
    with pytest.raises(DataFileError) as caught:
        datafile.parse(text)
    assert (caught.value.field, caught.value.message) == (field, "skal udfyldes")
