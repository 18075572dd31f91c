"""The year page from a versioned cache: one query when repeated, fresh after any change."""

import re

import pytest
from django.db import transaction
from django.urls import reverse

from foreninger.models import Association
from frivillig.models import FocusArea, Municipality
from puljer import services
from puljer.models import Application, Pool, Status
from tests import factories
from tests.puljer.conftest import open_round, submitted
from tests.puljer.test_transparency import grant

CSRF = r'name="csrfmiddlewaretoken" value="[^"]+"'


@pytest.fixture
def round_(faaborg):
    return open_round()


@pytest.fixture
def url(round_):
    return reverse("puljer:year", args=[round_.pool.year])


def visit(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_repeated_visit_comes_from_the_cache_with_the_frames_one_query(
    client, round_, url, django_assert_num_queries
):
    grant(round_, "Spisevenner", 60_000, focus_areas=[FocusArea.objects.get(number=1)])
    first = visit(client, url)
    with django_assert_num_queries(1):
        again = visit(client, url)
    assert re.sub(CSRF, "", again) == re.sub(CSRF, "", first)


def test_a_decision_through_the_service_shows_at_once(client, round_, url, consultant):
    application = submitted(
        factories.association(name="Besøgsvennerne"), round_, status=Status.UNDER_REVIEW
    )
    assert "Besøgsvennerne" not in visit(client, url)
    services.grant_decide(application=application, user=consultant, amount=10_000)
    html = visit(client, url)
    assert "Besøgsvennerne" in html and "10.000 kr." in html


def test_a_bulk_update_that_leaves_updated_at_alone_shows_at_once(client, round_, url):
    grant(round_, "Spisevenner", 60_000)
    assert "60.000 kr." in visit(client, url)
    Application.objects.update(amount_granted=55_000)
    assert "55.000 kr." in visit(client, url)


def test_an_association_renamed_or_a_focus_area_retitled_shows_at_once(client, round_, url):
    area = FocusArea.objects.get(number=1)
    grant(round_, "Spisevenner", 60_000, focus_areas=[area])
    visit(client, url)
    Association.objects.filter(name="Spisevenner").update(name="Madvennerne")
    FocusArea.objects.filter(pk=area.pk).update(title="Fællesskab for alle")
    Municipality.objects.update(focus_area_label_plural="temaer")
    html = visit(client, url)
    assert "Madvennerne" in html and "Spisevenner" not in html
    assert "Fællesskab for alle" in html and "Temaer" in html


def test_a_rolled_back_decision_leaves_the_page_right(client, round_, url):
    grant(round_, "Spisevenner", 60_000)
    visit(client, url)
    with pytest.raises(RuntimeError), transaction.atomic():
        Application.objects.update(amount_granted=1)
        assert "1 kr." in visit(client, url)
        raise RuntimeError
    assert "60.000 kr." in visit(client, url)


def test_a_year_without_pools_is_not_found_until_it_has_one(client, round_):
    year = round_.pool.year + 5
    assert client.get(reverse("puljer:year", args=[year])).status_code == 404
    Pool.objects.create(year=year, kind=Pool.Kind.SECTION_18, name="§ 18-puljen")
    assert "§ 18-puljen" in visit(client, reverse("puljer:year", args=[year]))


def test_a_new_co_creation_grant_shows_on_the_focus_area_page_at_once(client, faaborg):
    area = FocusArea.objects.get(number=1)
    visit(client, area.get_absolute_url())
    grant(open_round(Pool.Kind.CO_CREATION), "Samskaberne", 20_000, focus_areas=[area])
    assert "Samskaberne" in visit(client, area.get_absolute_url())
