"""Arbitrary input to the public directory, API and forms: always a clear 2xx/4xx, never a 500,
and nothing saved from a rejected form."""

import pytest
from django.core import mail
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from foreninger.models import Association
from frivillig.models import RateLimitHit
from tests import factories

# Text as people and robots send it: any Unicode (minus surrogates, which HTTP cannot carry),
# numbers, SQL and tsquery syntax, and very long values.
TEXT = st.one_of(
    st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=300),
    st.sampled_from(["'", "\\", "a:* & !b", "1 OR 1=1", "%", "_", "ﬁ", "ß", "\x00", "9" * 40]),
    st.integers().map(str),
)
FUZZ = settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
DIRECTORY_PARAMS = ["q", "omraade", "egn", "maalgruppe", "boern", "frivillige", "side"]
API_PARAMS = [
    "page",
    "per_page",
    "search",
    "taxonomy_term_id",
    "postcode",
    "modified_after",
    "organization_id",
    "taxonomy_id",
]
API_LISTS = ["organizations", "services", "locations", "taxonomies", "taxonomy_terms"]


@pytest.fixture
def directory(faaborg):
    club = factories.association(name="Ældresagen Faaborg")
    factories.activity(club, wants_volunteers=True)
    return club


@FUZZ
@given(params=st.dictionaries(st.sampled_from(DIRECTORY_PARAMS), TEXT, max_size=7))
def test_the_directory_answers_any_query(client, directory, params):
    for url in (reverse("foreninger:directory"), reverse("foreninger:directory_csv")):
        assert client.get(url, params).status_code == 200


@FUZZ
@given(
    endpoint=st.sampled_from(API_LISTS),
    params=st.dictionaries(st.sampled_from(API_PARAMS), TEXT, max_size=8),
    detail=TEXT,
)
def test_the_api_answers_any_query_with_json(client, directory, endpoint, params, detail):
    response = client.get(f"/api/v1/{endpoint}/", params)
    assert response.status_code in (200, 400)
    assert response["Content-Type"].startswith("application/json")
    response = client.get(f"/api/v1/{endpoint}/", {"id": detail})
    assert response.status_code in (200, 400)


@FUZZ
@given(data=st.dictionaries(st.sampled_from(["name", "email", "message", "homepage"]), TEXT))
def test_the_contact_form_takes_any_input_without_failing(client, directory, data):
    RateLimitHit.objects.all().delete()
    mail.outbox.clear()
    response = client.post(reverse("foreninger:contact", args=[directory.slug]), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert mail.outbox == []


@FUZZ
@given(
    data=st.dictionaries(
        st.sampled_from(
            [
                "name",
                "cvr",
                "kind",
                "short_description",
                "postcode",
                "email",
                "website",
                "focus_areas",
                "regions",
                "agreement_date",
            ]
        ),
        TEXT,
    )
)
def test_registration_saves_nothing_from_invalid_input(client, faaborg, alice, data):
    client.force_login(alice)
    before = Association.objects.count()
    response = client.post(reverse("foreninger:register"), data)
    assert response.status_code in (200, 302)
    if response.status_code == 200:
        assert Association.objects.count() == before
