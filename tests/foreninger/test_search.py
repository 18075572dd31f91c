"""The directory's search document, synonyms, compound words and the empty result (issue #23)."""

import pytest
from django.db import IntegrityError, connection
from django.urls import reverse

from foreninger import synonyms
from foreninger.models import SearchSynonym
from foreninger.selectors import directory_search, search_suggestions
from frivillig.models import Region, TargetGroup
from tests import factories

URL = reverse("foreninger:directory")


def names(associations):
    return [association.name for association in associations]


@pytest.fixture(autouse=True)
def default_synonyms(db):
    """The groups migration 0013 installs: a transactional test run before this module in the
    same process flushed them with the rest of the database."""
    synonyms.install_defaults(SearchSynonym)


@pytest.fixture
def elderly(faaborg):
    return TargetGroup.objects.get(slug="aeldre")


def test_a_target_group_name_is_searchable_text(elderly):
    factories.association(name="Onsdagsklubben", target_groups=[elderly])
    factories.association(name="Torsdagsklubben")
    assert names(directory_search(text="ældre")) == ["Onsdagsklubben"]


def test_an_activity_and_its_target_group_keep_the_document_up_to_date(faaborg, elderly):
    club = factories.association(name="Onsdagsklubben")
    activity = factories.activity(club, title="Banko", target_groups=[elderly])
    assert names(directory_search(text="banko ældre")) == ["Onsdagsklubben"]
    activity.delete()
    assert names(directory_search(text="banko")) == []


def test_renaming_a_target_group_renames_it_in_the_search(elderly):
    factories.association(name="Onsdagsklubben", target_groups=[elderly])
    elderly.name = "Seniorer"
    elderly.save()
    assert names(directory_search(text="seniorer")) == ["Onsdagsklubben"]


def test_a_synonym_finds_the_other_words_of_its_group(faaborg):
    SearchSynonym.objects.create(words="strikning, strikke, strikkeklub")
    factories.association(name="Strikkeklubben", short_description="Vi mødes og strikker.")
    assert names(directory_search(text="strikning")) == ["Strikkeklubben"]


def test_a_compound_word_finds_its_parts(faaborg):
    factories.association(
        name="Hjerteholdet", short_description="Motion for patienter med en hjertesygdom."
    )
    assert names(directory_search(text="hjertepatienter")) == ["Hjerteholdet"]


def test_a_short_stem_is_no_prefix_of_everything(faaborg):
    factories.association(name="Demenscaféen", short_description="For demensramte.")
    factories.association(name="Demokrativærkstedet", short_description="Demonstrationer.")
    assert names(directory_search(text="demens")) == ["Demenscaféen"]


def test_the_name_weighs_more_than_the_description(faaborg):
    factories.association(name="Kaffeklubben", description="Vi spiller også banko.")
    factories.association(name="Bankoklubben", description="Vi drikker kaffe.")
    assert names(directory_search(text="banko")) == ["Bankoklubben", "Kaffeklubben"]


def test_a_synonym_group_is_lowercase_words_separated_by_commas(faaborg):
    with pytest.raises(IntegrityError, match="search_synonym_words_listed"):
        SearchSynonym.objects.create(words="Ensom;alene")


def test_the_admin_stores_synonyms_as_the_search_reads_them(client, superuser):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:foreninger_searchsynonym_add"), {"words": "Ensom ,ALENE,, isoleret"}
    )
    assert response.status_code == 302
    assert SearchSynonym.objects.filter(words="ensom, alene, isoleret").exists()


def test_no_result_suggests_the_filters_and_the_nearest_names(client, faaborg, elderly):
    factories.association(name="Ældrevennerne")
    html = client.get(URL, {"q": "ældrevenerne pensionister", "egn": "ringeegnen"}).content
    html = html.decode()
    assert "0 foreninger" in html
    assert '?q=%C3%A6ldrevenerne+pensionister"' in html
    assert '?maalgruppe=aeldre">Ældre</a>' in html
    assert ">Ældrevennerne</a>" in html


def test_the_nearest_names_leave_the_trigram_threshold_as_it_was(faaborg):
    """The suggestions lower pg_trgm's threshold for their own query only: the typo-tolerant
    search after them, in the same transaction, still needs a word similarity of 0.6."""
    factories.association(name="Ældrevennerne")
    nearest = search_suggestions("ældrevenerne pensionister")["nearest"]
    assert names(nearest) == ["Ældrevennerne"]
    with connection.cursor() as cursor:
        cursor.execute("SHOW pg_trgm.word_similarity_threshold")
        assert cursor.fetchone() == ("0.6",)


@pytest.mark.parametrize(
    "params",
    [
        {"q": "ensomme pensionister", "maalgruppe": "aeldre"},
        # The postcode-or-town box finds the egn in the same number of queries.
        {"q": "ensomme pensionister", "maalgruppe": "aeldre", "sted": "5750 Ringe"},
    ],
)
def test_a_search_runs_the_same_queries_for_5_and_50_associations(
    client, faaborg, elderly, params, django_assert_max_num_queries
):
    club = {"target_groups": [elderly], "regions": [Region.objects.get(slug="ringeegnen")]}
    for number in range(5):
        factories.association(name=f"Seniorklub {number}", **club)
    client.get(URL, params)
    factories.association(name="Seniorklub 5", **club)
    with django_assert_max_num_queries(100) as few:
        client.get(URL, params)
    for number in range(6, 50):
        factories.association(name=f"Seniorklub {number}", **club)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        assert "50 foreninger" in client.get(URL, params).content.decode()
    assert len(many.captured_queries) == len(few.captured_queries)
