"""The public page per year: budgets, granted, remaining and who got what."""

import pytest
from django.urls import reverse

from puljer.models import Pool, Status
from tests import factories
from tests.puljer.conftest import open_round, submitted


def grant(round_, name, amount, **fields):
    club = factories.association(name=name)
    return submitted(
        club, round_, status=Status.GRANTED, amount_applied=amount, amount_granted=amount, **fields
    )


def test_the_year_page_shows_budget_granted_remaining_and_the_grants(client, faaborg):
    round_ = open_round()
    grant(round_, "Spisevenner", 60_000)
    submitted(factories.association(name="Venter Endnu"), round_, amount_applied=5_000)
    response = client.get(reverse("puljer:year", args=[round_.pool.year]))
    html = response.content.decode()
    assert "1.710.000 kr." in html
    assert "60.000 kr." in html
    assert "1.650.000 kr." in html
    assert "Spisevenner" in html
    assert "Venter Endnu" not in html


def test_a_pool_without_an_amount_says_not_set(client, toender):
    year = Pool.objects.get().year
    assert "ikke fastsat" in client.get(reverse("puljer:year", args=[year])).content.decode()


def test_the_grants_download_as_csv(client, faaborg, first_focus_area):
    round_ = open_round(Pool.Kind.CO_CREATION)
    grant(round_, "Samskaberne", 20_000, focus_areas=[first_focus_area])
    response = client.get(reverse("puljer:year_csv", args=[round_.pool.year]))
    text = response.content.decode("utf-8-sig")
    assert response["Content-Disposition"].startswith("attachment;")
    assert "Samskaberne;Fællesspisning;20000;Øget mangfoldighed" in text


def test_the_focus_area_page_lists_its_co_creation_grants(client, faaborg, first_focus_area):
    grant(open_round(Pool.Kind.CO_CREATION), "Samskaberne", 20_000, focus_areas=[first_focus_area])
    html = client.get(first_focus_area.get_absolute_url()).content.decode()
    assert "Samskaberne" in html and "20.000 kr." in html


@pytest.mark.parametrize("page", ["year", "index"])
def test_the_pages_run_the_same_queries_for_few_and_many_grants(
    client, faaborg, django_assert_max_num_queries, first_focus_area, page
):
    round_ = open_round()
    url = (
        reverse("puljer:year", args=[round_.pool.year])
        if page == "year"
        else reverse("puljer:index")
    )
    grant(round_, "Første", 1_000, focus_areas=[first_focus_area])
    with django_assert_max_num_queries(100) as few:
        client.get(url)
    for number in range(30):
        grant(round_, f"Forening {number}", 1_000, focus_areas=[first_focus_area])
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200


def test_the_cached_grant_table_shows_a_new_decision_at_once(client, faaborg):
    round_ = open_round()
    url = reverse("puljer:year", args=[round_.pool.year])
    grant(round_, "Første Forening", 1_000)
    assert "Første Forening" in client.get(url).content.decode()
    grant(round_, "Anden Forening", 2_000)
    assert "Anden Forening" in client.get(url).content.decode()
