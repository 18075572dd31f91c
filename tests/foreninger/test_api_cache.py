"""The organizations list from a versioned cache: one query when repeated, never stale."""

import pytest
from django.db import transaction
from django.urls import reverse

from foreninger import services
from foreninger.models import Association
from frivillig.models import FocusArea
from tests import factories

URL = reverse("api:organizations")


@pytest.fixture
def club(faaborg):
    return factories.association(
        name="Besøgsvennerne", focus_areas=[FocusArea.objects.get(number=1)]
    )


def names(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    return sorted(item["name"] for item in response.json()["contents"])


def test_a_repeated_call_is_the_same_json_from_one_query(client, club, django_assert_num_queries):
    first = client.get(URL, {"per_page": 10})
    with django_assert_num_queries(1):
        again = client.get(URL, {"per_page": 10})
    assert again.content == first.content
    assert again["Content-Type"] == "application/json"


def test_an_unknown_parameter_shares_the_copy_of_the_known_ones(
    client, club, django_assert_num_queries
):
    client.get(URL, {"per_page": 10})
    with django_assert_num_queries(1):
        assert client.get(URL, {"per_page": 10, "ny": "1"}).status_code == 200
    assert names(client, per_page=10, search="besøg") == ["Besøgsvennerne"]


def test_changes_by_a_service_and_a_bulk_update_show_on_the_next_call(client, club, alice):
    assert names(client) == ["Besøgsvennerne"]
    factories.association(name="Spisevennerne")
    assert names(client) == ["Besøgsvennerne", "Spisevennerne"]
    services.association_update(association=club, user=alice, fields={"name": "Gåvennerne"})
    assert names(client) == ["Gåvennerne", "Spisevennerne"]
    Association.objects.filter(name="Spisevennerne").update(status=Association.Status.INACTIVE)
    assert names(client) == ["Gåvennerne"]


def test_a_focus_area_edit_shows_in_the_terms_on_the_next_call(client, club):
    client.get(URL)
    FocusArea.objects.filter(number=1).update(goal="Et nyt mål.")
    terms = [
        attribute["taxonomy_term"]["description"]
        for attribute in client.get(URL).json()["contents"][0]["attributes"]
    ]
    assert "Et nyt mål." in terms


def test_a_rolled_back_change_leaves_the_list_right(client, club):
    names(client)
    with pytest.raises(RuntimeError), transaction.atomic():
        factories.association(name="Spøgelsesklubben")
        assert "Spøgelsesklubben" in names(client)
        raise RuntimeError
    assert names(client) == ["Besøgsvennerne"]


def test_a_bad_parameter_is_answered_every_time_and_not_kept(client, club):
    for _ in range(2):
        response = client.get(URL, {"per_page": "1000"})
        assert response.status_code == 400
        assert response.json()["parameter"] == "per_page"


def test_each_language_and_host_has_its_own_copy(client, club, settings):
    settings.ALLOWED_HOSTS = ["testserver", "data.example.dk"]
    danish = client.get(URL).json()["contents"][0]
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(URL).json()["contents"][0]
    assert danish["legal_status"] != english["legal_status"]
    other = client.get(URL, HTTP_HOST="data.example.dk").json()["contents"][0]
    term_uris = [attribute["taxonomy_term"]["term_uri"] for attribute in other["attributes"]]
    assert any(uri and uri.startswith("http://data.example.dk/") for uri in term_uris)


def test_a_post_is_still_refused(client, club):
    client.get(URL)
    assert client.post(URL).status_code == 405
