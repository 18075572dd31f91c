"""The directory's search finds what citizens look for, on the demo data (issue #23).

Each row is a query as a citizen would type it and the associations that must be among the
first five results. The demo associations are invented; the rows name them as the demo does.
"""

import pytest

from foreninger import demo, synonyms
from foreninger.models import Association, SearchSynonym
from foreninger.selectors import directory_search, regions_of_place
from frivillig.datafile import municipality_load
from frivillig.models import Region
from tests.conftest import data_file, seeded_once

QUALITY = [
    ("ensomme ældre", ["Besøgsvennerne i Faaborg", "Gislev Seniortræf"]),
    ("demens", ["Demenscaféen Kværndrup"]),
    ("hjertepatienter", ["Hjerteholdet Faaborg"]),
    ("sorg", ["Sorggrupper på Midtfyn"]),
    ("efterladte", ["Sorggrupper på Midtfyn"]),
    ("mistet min mand", ["Sorggrupper på Midtfyn"]),
    ("gæld", ["Økonomihjælpen Faaborg"]),
    ("lektiehjælp", ["Lektiehjælpen Ringe", "Lektiecaféen Korinth"]),
    ("lære dansk", ["Sprogcaféen Faaborg"]),
    ("parkinson", ["Parkinsoncaféen Faaborg"]),
    ("lungesygdom", ["Lungekoret i Ringe"]),
    ("diabetes", ["Diabetesnetværket Årslev"]),
    ("gigt", ["Gigtholdet Ferritslev"]),
    ("angst", ["Angstnetværket Midtfyn"]),
    ("pårørende", ["Pårørendenetværket Forstadsbåndet"]),
    ("kørsel til lægen", ["Kørselsvennerne Kværndrup"]),
    ("besøgsven", ["Besøgsvennerne i Faaborg", "Ældrevennerne i Ringe"]),
    (
        "fællesspisning",
        [
            "Fællesspisning i Svanninge",
            "Spisefællesskabet Nr. Lyndelse",
            "Ryslinge Spisefællesskab",
        ],
    ),
    ("seniorer", ["Gislev Seniortræf", "Seniorcaféen Ferritslev", "Horne Seniorsang"]),
    ("pensionister", ["Gislev Seniortræf", "Seniorcaféen Ferritslev"]),
    ("hjælp til computer", ["IT-caféen Årslev"]),
    ("ungdomsklub", ["Ungdomsklubben Værket", "Ungdomsklubben Loftet"]),
    ("mænd", ["Mandeværkstedet Faaborg"]),
    ("kvinder", ["Kvindenetværket Sdr. Nærå", "Kvindecaféen Faaborg"]),
    ("juleaften", ["Juleaften i fællesskab Årslev"]),
    ("telefon", ["Telefonkæden Midtfyn"]),
    ("frivilig", ["Frivilligstuen Årslev"]),
    ("mentor", ["Mentorkorpset Ringe"]),
    ("legestue", ["Legestuen i Sdr. Nærå"]),
    ("kor", ["Lungekoret i Ringe"]),
    ("alene", ["Besøgsvennerne i Faaborg"]),
]

# Words and a place typed in the postcode-or-town box: the associations of the place's egn that
# must be among the first five. Faaborg and Ringe are the data file's towns, the others the demo's.
PLACES = [
    ("ensomme ældre", "5750", ["Ældrevennerne i Ringe", "Gislev Seniortræf"]),
    ("lektiehjælp", "Ringe", ["Lektiehjælpen Ringe"]),
    ("besøgsven", "5600 Faaborg", ["Besøgsvennerne i Faaborg"]),
    ("diabetes", "Aarslev", ["Diabetesnetværket Årslev"]),
    ("fællesspisning", "Nørre Lyndelse", ["Spisefællesskabet Nr. Lyndelse"]),
    ("demens", "Kværndrup", ["Demenscaféen Kværndrup"]),
]


def _seed():
    municipality_load(data=data_file("faaborg-midtfyn.yaml"))
    # The migration installs the default synonyms; a test that empties the tables removes them.
    synonyms.install_defaults(SearchSynonym)
    return demo.seed()


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    with seeded_once(django_db_blocker, _seed) as summary:
        yield summary


@pytest.fixture
def demo_data(seeded, db):
    return seeded


def first_five(text, **filters):
    return [association.name for association in directory_search(text=text, **filters)[:5]]


@pytest.mark.parametrize(("text", "expected"), QUALITY)
def test_a_citizens_query_finds_the_associations_it_should(demo_data, text, expected):
    found = first_five(text)
    assert set(expected) <= set(found), found


@pytest.mark.parametrize(("text", "place", "expected"), PLACES)
def test_a_citizens_query_and_place_find_the_associations_of_its_egn(
    demo_data, text, place, expected
):
    [region] = regions_of_place(place)
    found = first_five(text, region=region)
    assert set(expected) <= set(found), found


def test_demens_finds_the_dementia_cafe_and_not_every_demo_association(demo_data):
    assert [association.name for association in directory_search(text="demens")] == [
        "Demenscaféen Kværndrup"
    ]


def test_the_demo_marker_is_shown_but_not_searchable(demo_data):
    assert Association.objects.filter(short_description__contains="Demoforening").count() >= 40
    assert not directory_search(text="Demoforening").exists()


def test_lonely_elderly_in_ringeegnen_lists_the_elderly_associations_there(demo_data):
    ringeegnen = Region.objects.get(slug="ringeegnen")
    found = [a.name for a in directory_search(text="ensomme ældre", region=ringeegnen)]
    assert {
        "Ældrevennerne i Ringe",
        "Gislev Seniortræf",
        "Gå-gruppen Ryslinge",
        "Kørselsvennerne Kværndrup",
        "Demenscaféen Kværndrup",
        "Lungekoret i Ringe",
        "Ryslinge Spisefællesskab",
        "Telefonkæden Midtfyn",
        "Sorggrupper på Midtfyn",
    } <= set(found)
    assert found.index("Ældrevennerne i Ringe") < found.index("Ung-til-ung Ringe")
