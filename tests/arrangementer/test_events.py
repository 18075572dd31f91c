"""The public calendar: upcoming events, the archive by year, filters and the event page."""

import datetime
import re
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frivillig.arrangementer.models import Event
from frivillig.models import AwardCategory, Region
from tests import factories

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def html_of(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200
    return response.content.decode()


def test_an_event_cannot_end_before_it_starts(db):
    starts = timezone.now()
    with pytest.raises(IntegrityError, match="event_ends_after_start"), transaction.atomic():
        factories.event(starts_at=starts, ends_at=starts)


def test_an_event_capacity_is_at_least_one_when_set(db):
    with pytest.raises(IntegrityError, match="event_capacity_gte_1"), transaction.atomic():
        factories.event(capacity=0)
    assert factories.event(capacity=None).capacity is None


def test_the_event_slug_is_unique(db):
    factories.event(slug="nytaarskur")
    with pytest.raises(IntegrityError, match="frivillig_event_slug_key"), transaction.atomic():
        factories.event(slug="nytaarskur")


def test_a_region_with_events_cannot_be_deleted(faaborg):
    region = Region.objects.first()
    factories.event(region=region)
    with pytest.raises(ProtectedError, match=r"Event\.region"):
        region.delete()


def test_the_calendar_lists_coming_events_soonest_first_and_leaves_out_past_ones(client, faaborg):
    now = timezone.now()
    factories.event(title="Senere", starts_at=now + datetime.timedelta(days=30))
    factories.event(title="Snart", starts_at=now + datetime.timedelta(days=3))
    factories.event(title="Forbi", starts_at=now - datetime.timedelta(days=3))
    html = html_of(client, reverse("event_list"))
    assert html.index("Snart") < html.index("Senere")
    assert "Forbi" not in html


def test_an_event_stays_in_the_calendar_for_the_rest_of_the_day_it_ends(client, faaborg):
    midnight = datetime.datetime.combine(timezone.localdate(), datetime.time.min, COPENHAGEN)
    factories.event(title="Morgenmøde", starts_at=midnight + datetime.timedelta(minutes=1))
    assert "Morgenmøde" in html_of(client, reverse("event_list"))


def test_a_multi_day_event_is_coming_until_it_ends(client, faaborg):
    now = timezone.now()
    factories.event(
        title="Lejr",
        starts_at=now - datetime.timedelta(days=2),
        ends_at=now + datetime.timedelta(days=1),
    )
    assert "Lejr" in html_of(client, reverse("event_list"))


def test_past_events_are_archived_by_year_latest_first(client, faaborg):
    year = timezone.localdate().year - 1
    factories.event(
        title="Forårsmøde", starts_at=datetime.datetime(year, 3, 1, 18, tzinfo=COPENHAGEN)
    )
    factories.event(
        title="Efterårsmøde", starts_at=datetime.datetime(year, 10, 1, 18, tzinfo=COPENHAGEN)
    )
    factories.event(
        title="Gammelt", starts_at=datetime.datetime(year - 3, 5, 1, 18, tzinfo=COPENHAGEN)
    )
    calendar = html_of(client, reverse("event_list"))
    assert reverse("event_archive", args=[year]) in calendar
    assert reverse("event_archive", args=[year - 3]) in calendar
    archive = html_of(client, reverse("event_archive", args=[year]))
    assert archive.index("Efterårsmøde") < archive.index("Forårsmøde")
    assert "Gammelt" not in archive


def test_a_year_without_past_events_is_not_found(client, faaborg):
    assert client.get(reverse("event_archive", args=[1999])).status_code == 404


def test_new_years_eve_in_copenhagen_belongs_to_the_old_year(client, faaborg):
    year = timezone.localdate().year - 1
    # 00:30 on 1 January in Copenhagen is still 31 December in UTC; the archive counts Danish years.
    factories.event(
        title="Nytårsaften",
        starts_at=datetime.datetime(year - 1, 12, 31, 23, 30, tzinfo=COPENHAGEN),
    )
    factories.event(
        title="Nytårsdag", starts_at=datetime.datetime(year, 1, 1, 0, 30, tzinfo=COPENHAGEN)
    )
    archive = html_of(client, reverse("event_archive", args=[year]))
    assert "Nytårsdag" in archive
    assert "Nytårsaften" not in archive


def test_the_calendar_filters_by_kind(client, faaborg):
    factories.event(title="Messen", kind=Event.Kind.FAIR)
    factories.event(title="Kuren", kind=Event.Kind.NYTAARSKUR)
    html = html_of(client, reverse("event_list"), type="fair")
    assert "Messen" in html
    assert "Kuren" not in html


def test_the_region_filter_keeps_events_for_the_whole_municipality(client, faaborg):
    ringe, faaborg_region = (
        Region.objects.get(slug="ringeegnen"),
        Region.objects.get(slug="faaborgegnen"),
    )
    factories.event(title="Ringemøde", region=ringe)
    factories.event(title="Faaborgmøde", region=faaborg_region)
    factories.event(title="Fælles kur", region=None)
    html = html_of(client, reverse("event_list"), egn="ringeegnen")
    assert "Ringemøde" in html
    assert "Fælles kur" in html
    assert "Faaborgmøde" not in html


def test_an_unknown_filter_value_is_explained_and_shows_every_event(client, faaborg):
    factories.event(title="Messen")
    html = html_of(client, reverse("event_list"), egn="atlantis")
    assert "error-summary" in html
    assert "Messen" in html


def test_the_archive_links_keep_the_filters(client, faaborg):
    year = timezone.localdate().year - 1
    factories.event(starts_at=datetime.datetime(year, 3, 1, 18, tzinfo=COPENHAGEN))
    html = html_of(client, reverse("event_list"), type="fair")
    assert f"{reverse('event_archive', args=[year])}?type=fair" in html


def test_an_empty_calendar_says_so_and_offers_to_clear_the_filters(client, faaborg):
    html = html_of(client, reverse("event_list"), type="fair")
    assert "empty-state" in html
    assert f'href="{reverse("event_list")}"' in html


def test_the_event_page_shows_danish_date_and_copenhagen_time_place_and_region(client, faaborg):
    region = Region.objects.get(slug="ringeegnen")
    event = factories.event(
        title="Nytårskur",
        kind=Event.Kind.NYTAARSKUR,
        starts_at=datetime.datetime(2030, 2, 1, 16, 0, tzinfo=datetime.UTC),
        ends_at=datetime.datetime(2030, 2, 1, 19, 0, tzinfo=datetime.UTC),
        place="Borgernes Hus",
        region=region,
        description="Velkommen til kuren.\n\nVi byder på kaffe.",
    )
    html = html_of(client, event.get_absolute_url())
    assert len(re.findall(r"<h1[ >]", html)) == 1
    # 16:00 UTC is 17:00 in Copenhagen in winter; Danish writes the time with a full stop.
    assert "redag 1. februar 2030, kl. 17.00</time>–<time" in html
    assert ">20.00</time>" in html
    assert 'datetime="2030-02-01T17:00:00+01:00"' in html
    assert "Borgernes Hus" in html
    assert "Ringeegnen" in html
    assert "<p>Vi byder på kaffe.</p>" in html


def test_an_unknown_event_is_not_found(client, faaborg):
    assert client.get(reverse("event_detail", args=["findes-ikke"])).status_code == 404


def test_the_event_page_renders_what_other_apps_add(client, faaborg, monkeypatch):
    category = AwardCategory.objects.first()

    def section(request, event):
        return (
            "frivillig/focus_area_awards_section.html",
            {"categories": [category], "open": True},
        )

    monkeypatch.setattr(
        "frivillig.arrangementer.views.app_callables",
        lambda name: [section] if name == "event_sections" else [],
    )
    html = html_of(client, factories.event().get_absolute_url())
    assert category.name in html
    assert reverse("award_nominate") in html


def test_sign_up_is_shown_open_only_before_the_deadline(client, faaborg):
    now = timezone.now()
    factories.event(
        title="Åben", registration_open=True, registration_deadline=now + datetime.timedelta(days=1)
    )
    closed = factories.event(
        title="Lukket",
        registration_open=True,
        registration_deadline=now - datetime.timedelta(hours=1),
    )
    assert not closed.registration_is_open
    html = html_of(client, reverse("event_list"))
    assert html.count('class="badge text-bg-success"') == 1


def test_the_calendar_is_in_the_main_menu(client, faaborg):
    html = html_of(client, reverse("home"))
    assert f'href="{reverse("event_list")}"' in html


def query_count(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def many_events(count):
    """Events of every kind and region, half of them past, some a year ago."""
    regions = list(Region.objects.all())
    now = timezone.now()
    for number in range(count):
        factories.event(
            kind=Event.Kind.values[number % len(Event.Kind.values)],
            region=regions[number % len(regions)] if number % 3 else None,
            starts_at=now + datetime.timedelta(days=(number - count // 2) * 12, hours=1),
        )


@pytest.mark.parametrize(
    "url",
    [
        reverse("event_list"),
        f"{reverse('event_list')}?type=regional_meeting&egn=ringeegnen",
        reverse("event_archive", args=[timezone.localdate().year - 1]),
    ],
)
def test_the_calendar_runs_the_same_number_of_queries_for_few_and_many_events(
    client, faaborg, django_assert_max_num_queries, url
):
    year = timezone.localdate().year - 1
    factories.event(starts_at=datetime.datetime(year, 6, 1, 18, tzinfo=COPENHAGEN))
    many_events(3)
    few = query_count(client, url)
    many_events(60)
    # Cold as the first: after a change to its data the frame is read again, one query more.
    cache.clear()
    with django_assert_max_num_queries(few):
        client.get(url)


def test_the_event_page_runs_a_fixed_number_of_queries(
    client, faaborg, django_assert_max_num_queries
):
    event = factories.event(region=Region.objects.first())
    few = query_count(client, event.get_absolute_url())
    many_events(30)
    # Cold as the first: after a change to its data the frame is read again, one query more.
    cache.clear()
    with django_assert_max_num_queries(few):
        client.get(event.get_absolute_url())
