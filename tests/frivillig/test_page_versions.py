"""Data versions kept by PostgreSQL, and the front page and focus-area pages cached under them."""

import re

import pytest
from django.db import connection, transaction
from django.urls import reverse

from foreninger import services as association_services
from foreninger.models import Association
from frivillig import datafile
from frivillig.datafile import municipality_load
from frivillig.models import ExampleInitiative, FocusArea, Municipality
from puljer.models import Pool
from tests import factories
from tests.conftest import DATA_DIR

CSRF = r'name="csrfmiddlewaretoken" value="[^"]+"'
HOME = reverse("home")


def versions():
    with connection.cursor() as cursor:
        cursor.execute("SELECT scope, number FROM frivillig_version")
        return dict(cursor.fetchall())


def visit(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def without_csrf(html):
    return re.sub(CSRF, "", html)


@pytest.fixture
def area(faaborg):
    return FocusArea.objects.get(number=1)


@pytest.mark.parametrize(
    ("write", "scope"),
    [
        (lambda: FocusArea.objects.update(goal="Nyt mål."), "frivillig"),
        (lambda: Municipality.objects.update(name="Frivilligby"), "frivillig"),
        (lambda: ExampleInitiative.objects.all().delete(), "frivillig"),
        (lambda: factories.association(), "foreninger"),
        (lambda: Association.objects.update(town="Ringe"), "foreninger"),
        (lambda: Pool.objects.update(name="Pulje"), "puljer"),
    ],
)
def test_every_write_gives_its_scope_and_only_its_scope_a_new_number(faaborg, write, scope):
    before = versions()
    write()
    after = versions()
    assert after[scope] > before[scope]
    assert {name: number for name, number in after.items() if name != scope} == {
        name: number for name, number in before.items() if name != scope
    }


def test_a_rolled_back_write_leaves_the_number_as_it_was(faaborg):
    before = versions()
    with pytest.raises(RuntimeError), transaction.atomic():
        FocusArea.objects.update(title="Spøgelse")
        assert versions()["frivillig"] > before["frivillig"]
        raise RuntimeError
    assert versions() == before


def test_the_front_page_comes_from_the_cache_with_the_frames_one_query(
    client, faaborg, django_assert_num_queries
):
    # The frame, then the next events, the newest volunteer jobs, the focus areas, the regions.
    with django_assert_num_queries(5):
        first = visit(client, HOME)
    with django_assert_num_queries(1):
        again = visit(client, HOME)
    assert without_csrf(again) == without_csrf(first)


def test_a_focus_area_renamed_by_a_queryset_update_shows_on_both_pages_at_once(client, area):
    assert area.title in visit(client, HOME)
    assert area.title in visit(client, area.get_absolute_url())
    FocusArea.objects.filter(pk=area.pk).update(title="Fællesskab for alle")
    for url in (HOME, area.get_absolute_url()):
        html = visit(client, url)
        assert "Fællesskab for alle" in html and area.title not in html


def test_a_reloaded_data_file_shows_on_the_front_page_at_once(client, faaborg):
    visit(client, HOME)
    data = datafile.read(DATA_DIR / "faaborg-midtfyn.yaml")
    data["municipality"]["strategy_title"] = "En ny strategi for frivilligheden"
    municipality_load(data=data)
    assert "En ny strategi for frivilligheden" in visit(client, HOME)


def test_a_rolled_back_rename_leaves_the_cached_pages_right(client, area):
    visit(client, area.get_absolute_url())
    with pytest.raises(RuntimeError), transaction.atomic():
        FocusArea.objects.filter(pk=area.pk).update(title="Spøgelse")
        assert "Spøgelse" in visit(client, area.get_absolute_url())
        raise RuntimeError
    html = visit(client, area.get_absolute_url())
    assert area.title in html and "Spøgelse" not in html
    FocusArea.objects.filter(pk=area.pk).update(title="Virkeligt")
    assert "Virkeligt" in visit(client, area.get_absolute_url())


def test_a_focus_area_page_comes_from_the_cache_with_the_frames_one_query(
    client, area, django_assert_num_queries
):
    first = visit(client, area.get_absolute_url())
    with django_assert_num_queries(1):
        again = visit(client, area.get_absolute_url())
    assert without_csrf(again) == without_csrf(first)


def test_each_section_of_a_focus_area_page_shows_a_change_on_the_next_request(client, area, alice):
    url = area.get_absolute_url()
    visit(client, url)
    club = factories.association(name="Mangfoldighedsklubben", focus_areas=[area])
    assert "Mangfoldighedsklubben" in visit(client, url)
    association_services.association_update(
        association=club, user=alice, fields={"name": "Klubben for Alle"}
    )
    assert "Klubben for Alle" in visit(client, url)
    factories.action_plan(area, title="Handleplan for mangfoldighed")
    assert "Handleplan for mangfoldighed" in visit(client, url)
    factories.award_category(name="Årets mangfoldighedspris", focus_area=area)
    assert "Årets mangfoldighedspris" in visit(client, url)


def test_an_unknown_focus_area_is_not_found_and_not_remembered(client, faaborg):
    url = reverse("focus_area", args=["nyt-omraade"])
    assert client.get(url).status_code == 404
    factories.focus_area(number=9, slug="nyt-omraade", title="Nyt område")
    assert "Nyt område" in visit(client, url)


def test_a_logged_in_visitor_gets_their_own_frame_around_the_cached_pages(client, area, alice):
    for url in (HOME, area.get_absolute_url()):
        anonymous = visit(client, url)
        client.force_login(alice)
        own = visit(client, url)
        client.logout()
        dashboard = f'href="{reverse("foreninger:dashboard")}"'
        assert dashboard in own and dashboard not in anonymous
        assert set(re.findall(CSRF, own)).isdisjoint(re.findall(CSRF, anonymous))
