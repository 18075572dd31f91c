"""Meeting places (mødesteder) and their opening hours: from the data file, on a public page."""

import datetime
import textwrap

import pytest
from django.core.cache import cache
from django.db import IntegrityError, connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from frivillig import datafile
from frivillig.datafile import municipality_load
from frivillig.models import MeetingPlace, OpeningHours, Region
from tests.frivillig.test_load_municipality import MINIMAL, error_for
from tests.htmlcheck import html_errors

PLACES = textwrap.dedent(
    """\
    regions:
      - name: Midtfyn
    meeting_places:
      - name: Frivillighuset
        address: Torvet 1
        postcode: "8400"
        town: Ebeltoft
        region: midtfyn
        description: Kom forbi til en snak om frivillighed.
        accessibility: Niveaufri adgang og handicaptoilet.
        opening_hours:
          - weekday: tuesday
            opens: "10:00"
            closes: "13.30"
          - weekday: thursday
            opens: "16:00"
            closes: "18:00"
            valid_from: 2026-09-01
            valid_to: 2026-11-30
            note: lige uger
    """
)


def load(extra=PLACES):
    municipality_load(data=datafile.parse(MINIMAL + extra))


def test_it_loads_a_meeting_place_with_weekly_and_periodic_opening_hours(db):
    load()
    place = MeetingPlace.objects.get()
    assert (place.slug, place.town, place.region.name) == ("frivillighuset", "Ebeltoft", "Midtfyn")
    hours = list(place.opening_hours.order_by("weekday"))
    assert [(h.weekday, h.opens, h.closes) for h in hours] == [
        (OpeningHours.Weekday.TUESDAY, datetime.time(10), datetime.time(13, 30)),
        (OpeningHours.Weekday.THURSDAY, datetime.time(16), datetime.time(18)),
    ]
    assert (hours[1].valid_from, hours[1].valid_to, hours[1].note) == (
        datetime.date(2026, 9, 1),
        datetime.date(2026, 11, 30),
        "lige uger",
    )


def test_loading_the_file_twice_changes_nothing(db):
    load()
    load()
    assert (MeetingPlace.objects.count(), OpeningHours.objects.count()) == (1, 2)


def test_a_place_made_in_the_admin_is_kept_when_the_file_is_loaded_again(db):
    load()
    MeetingPlace.objects.create(name="Biblioteket", slug="biblioteket")
    load("")
    assert sorted(MeetingPlace.objects.values_list("slug", flat=True)) == [
        "biblioteket",
        "frivillighuset",
    ]


def test_a_region_can_be_removed_while_a_place_still_refers_to_it(db):
    load()
    load(PLACES.replace("region: midtfyn", "region: ").replace("- name: Midtfyn", "[]"))
    assert not Region.objects.exists()
    assert MeetingPlace.objects.get().region is None


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ("region: midtfyn", "meeting_places[1].region", "slug of a region"),
        ("weekday: tuesday", "meeting_places[1].opening_hours[1].weekday", "monday"),
        ('opens: "10:00"', "meeting_places[1].opening_hours[1].opens", "HH:MM"),
        ('closes: "13.30"', "meeting_places[1].opening_hours[1].closes", "after opens"),
        ("valid_to: 2026-11-30", "meeting_places[1].opening_hours[2].valid_to", "before"),
    ],
)
def test_a_wrong_meeting_place_is_reported_by_line_and_field(change, field, message):
    wrong = {
        "region: midtfyn": "region: vestfyn",
        "weekday: tuesday": "weekday: tirsdag",
        'opens: "10:00"': 'opens: "kl. ti"',
        'closes: "13.30"': 'closes: "09:00"',
        "valid_to: 2026-11-30": "valid_to: 2026-08-01",
    }[change]
    with translation.override("en"):
        error = error_for(MINIMAL + PLACES.replace(change, wrong))
    assert error.field == field
    assert message in error.message
    assert error.line > len(MINIMAL.splitlines())


def test_the_database_refuses_opening_hours_that_close_before_they_open(db):
    place = MeetingPlace.objects.create(name="Huset", slug="huset")
    with pytest.raises(IntegrityError, match="opening_hours_close_after_open"):
        OpeningHours.objects.create(
            place=place, weekday=0, opens=datetime.time(12), closes=datetime.time(11)
        )


def test_the_database_refuses_a_period_that_ends_before_it_starts(db):
    place = MeetingPlace.objects.create(name="Huset", slug="huset")
    with pytest.raises(IntegrityError, match="opening_hours_period_ordered"):
        OpeningHours.objects.create(
            place=place,
            weekday=0,
            opens=datetime.time(10),
            closes=datetime.time(11),
            valid_from=datetime.date(2026, 5, 1),
            valid_to=datetime.date(2026, 4, 30),
        )


def test_the_page_shows_the_places_with_their_hours_in_danish(client, db):
    load()
    html = client.get(reverse("meeting_places")).content.decode()
    assert "Frivillighuset" in html
    assert "Torvet 1" in html
    assert "Tirsdag" in html and "10.00–13.30" in html
    assert "Niveaufri adgang" in html


def test_the_page_leaves_out_hours_whose_period_has_ended(client, db, settings):
    load()
    OpeningHours.objects.filter(weekday=OpeningHours.Weekday.THURSDAY).update(
        valid_from=datetime.date(2020, 1, 1), valid_to=datetime.date(2020, 3, 1)
    )
    html = client.get(reverse("meeting_places")).content.decode()
    assert "Tirsdag" in html
    assert "Torsdag" not in html


def test_the_page_says_when_a_coming_period_starts(client, db):
    load()
    OpeningHours.objects.filter(weekday=OpeningHours.Weekday.THURSDAY).update(
        valid_from=datetime.date(2999, 1, 4), valid_to=datetime.date(2999, 3, 1)
    )
    html = client.get(reverse("meeting_places")).content.decode()
    assert "4. januar 2999 til 1. marts 2999" in html


def test_the_page_says_so_when_there_are_no_meeting_places(client, db):
    load("")
    html = client.get(reverse("meeting_places")).content.decode()
    assert "ikke oplyst nogen mødesteder" in html


def test_the_footer_links_to_the_meeting_places(client, db):
    load("")
    assert reverse("meeting_places") in client.get(reverse("home")).content.decode()


def test_the_page_reads_the_same_number_of_queries_for_many_places(client, db):
    load()

    def queries():
        cache.clear()  # the page's own queries, not the cached copy's one
        with CaptureQueriesContext(connection) as context:
            assert client.get(reverse("meeting_places")).status_code == 200
        return len(context)

    few = queries()
    for number in range(20):
        place = MeetingPlace.objects.create(name=f"Sted {number}", slug=f"sted-{number}")
        OpeningHours.objects.create(
            place=place, weekday=number % 7, opens=datetime.time(9), closes=datetime.time(12)
        )
    assert queries() == few


def test_the_page_is_valid_html_with_and_without_places(client, db):
    load()
    errors = html_errors(client, [reverse("meeting_places")])
    MeetingPlace.objects.all().delete()
    errors += html_errors(client, [reverse("meeting_places")])
    assert errors == []
