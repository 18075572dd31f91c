"""The directory's postcode-or-town box finds the egn, from the towns the data file and the
admin list (issue #23)."""

import html
import re
from pathlib import Path

import pytest
from django.urls import reverse

from foreninger.models import RegionPlace
from foreninger.selectors import regions_of_place
from frivillig import datafile
from frivillig.models import Region
from tests import factories
from tests.htmlcheck import html_errors

URL = reverse("foreninger:directory")
FAABORG_FILE = Path("frivillig/data/faaborg-midtfyn.yaml")


@pytest.fixture
def egne(faaborg):
    return {region.slug: region for region in Region.objects.all()}


@pytest.fixture
def clubs(egne):
    factories.association(name="Ringe Seniorklub", regions=[egne["ringeegnen"]])
    factories.association(name="Faaborg Seniorklub", regions=[egne["faaborgegnen"]])


def names_listed(page):
    return re.findall(r'<h3 class="h5 card-title"><a href="[^"]+">([^<]+)</a>', page)


def visit(client, **params):
    response = client.get(URL, params)
    assert response.status_code == 200
    return html.unescape(response.content.decode())


def test_the_data_file_lists_the_towns_its_documents_name(faaborg):
    assert list(RegionPlace.objects.values_list("town", "postcode", "region__slug")) == [
        ("Faaborg", "5600", "faaborgegnen"),
        ("Ringe", "5750", "ringeegnen"),
    ]


def test_a_postcode_lists_the_associations_of_its_egn_and_says_which(client, clubs):
    page = visit(client, sted="5750")
    assert names_listed(page) == ["Ringe Seniorklub"]
    assert "“5750” hører til Ringeegnen: listen viser foreningerne der." in page
    assert f'<a href="{URL}">Fjern postnummer eller by</a>' in page


def test_removing_the_place_keeps_the_other_words_and_filters(client, clubs):
    page = visit(client, q="seniorklub", sted="Ringe", frivillige="")
    assert f'<a href="{URL}?q=seniorklub&frivillige=">Fjern postnummer eller by</a>' in page


@pytest.mark.parametrize("typed", ["Ringe", "ringe", " RINGE ", "5750 Ringe", "5750"])
def test_a_town_is_found_by_its_name_in_any_case_or_its_postcode(egne, typed):
    assert regions_of_place(typed) == [egne["ringeegnen"]]


@pytest.mark.parametrize("typed", ["Fåborg", "Aarslev", "Årslev", "Nørre Lyndelse", "nr lyndelse"])
def test_aa_and_the_short_forms_of_town_names_are_the_same_town(egne, typed):
    forstadsbaandet = egne["forstadsbaandet"]
    RegionPlace.objects.create(town="Årslev", postcode="5792", region=forstadsbaandet)
    RegionPlace.objects.create(town="Nr. Lyndelse", postcode="5792", region=forstadsbaandet)
    expected = egne["faaborgegnen"] if typed == "Fåborg" else forstadsbaandet
    assert regions_of_place(typed) == [expected]


def test_an_unknown_place_says_so_and_filters_nothing(client, clubs):
    page = visit(client, sted="Odense")
    assert "<title>Fejl:" in page
    assert (
        "Vi ved ikke, hvilken egn “Odense” hører til. Tjek postnummeret eller stavningen, "
        "vælg en egn på listen, eller søg efter byen i søgefeltet."
    ) in page
    assert names_listed(page) == ["Faaborg Seniorklub", "Ringe Seniorklub"]


def test_a_postcode_of_towns_in_two_egne_asks_for_the_town(client, egne, clubs):
    RegionPlace.objects.create(town="Espe", postcode="5750", region=egne["faaborgegnen"])
    page = visit(client, sted="5750")
    assert (
        "“5750” hører til mere end én egn: Faaborgegnen, Ringeegnen. Skriv byens navn, eller "
        "vælg en egn på listen."
    ) in page
    assert names_listed(visit(client, sted="Espe")) == ["Faaborg Seniorklub"]


def test_a_place_in_another_egn_than_the_chosen_one_is_an_error(client, clubs):
    page = visit(client, sted="Ringe", egn="faaborgegnen")
    assert (
        "“Ringe” hører til Ringeegnen, ikke til Faaborgegnen. Vælg “Alle” under Egn, eller "
        "fjern postnummeret eller byen."
    ) in page
    assert names_listed(page) == ["Faaborg Seniorklub"]


def test_a_place_added_in_the_admin_renews_the_cached_directory(client, superuser, egne, clubs):
    assert "Vi ved ikke, hvilken egn “Korinth” hører til." in visit(client, sted="Korinth")
    client.force_login(superuser)
    response = client.post(
        reverse("admin:foreninger_regionplace_add"),
        {"town": "Korinth", "postcode": "5600", "region": egne["faaborgegnen"].pk},
    )
    assert response.status_code == 302
    client.logout()
    assert names_listed(visit(client, sted="Korinth")) == ["Faaborg Seniorklub"]


def test_the_admin_refuses_a_town_already_listed_and_a_bad_postcode(client, superuser, egne):
    client.force_login(superuser)
    response = client.post(
        reverse("admin:foreninger_regionplace_add"),
        {"town": "ringe", "postcode": "575", "region": egne["faaborgegnen"].pk},
    )
    page = html.unescape(response.content.decode())
    assert "Byen står allerede under en egn." in page
    assert "Skriv et dansk postnummer på fire cifre." in page
    assert RegionPlace.objects.count() == 2


def test_the_box_is_left_out_where_no_town_is_listed(client, toender):
    assert 'name="sted"' not in visit(client)


def test_the_places_are_loaded_again_unchanged_and_the_admins_kept(egne):
    RegionPlace.objects.create(town="Korinth", postcode="5600", region=egne["faaborgegnen"])
    datafile.municipality_load(data=datafile.read(FAABORG_FILE))
    datafile.municipality_load(data=datafile.read(FAABORG_FILE))
    assert list(RegionPlace.objects.values_list("town", "postcode", "region__slug")) == [
        ("Faaborg", "5600", "faaborgegnen"),
        ("Korinth", "5600", "faaborgegnen"),
        ("Ringe", "5750", "ringeegnen"),
    ]


def _line_of(text, needle):
    return next(number for number, line in enumerate(text.splitlines(), 1) if needle in line)


def test_a_place_of_no_region_in_the_file_is_refused_at_its_line(faaborg):
    text = FAABORG_FILE.read_text(encoding="utf-8").replace(
        "{region: ringeegnen, town: Ringe", "{region: ringe, town: Ringe"
    )
    with pytest.raises(datafile.DataFileError) as error:
        datafile.municipality_load(data=datafile.parse(text))
    assert (error.value.line, error.value.field) == (
        _line_of(text, "{region: ringe, town: Ringe"),
        "region_places[2].region",
    )
    assert RegionPlace.objects.get(town="Ringe").region.slug == "ringeegnen"


def test_a_town_listed_twice_is_refused_at_its_line(db):
    text = FAABORG_FILE.read_text(encoding="utf-8").replace(
        "town: Ringe, postcode", "town: faaborg, postcode"
    )
    with pytest.raises(datafile.DataFileError) as error:
        datafile.parse(text)
    assert (error.value.line, error.value.field, error.value.message) == (
        _line_of(text, "town: faaborg"),
        "region_places[2].town",
        "“faaborg” er brugt to gange",
    )


def test_the_found_unknown_and_conflicting_places_are_valid_html(client, clubs):
    assert (
        html_errors(
            client,
            [f"{URL}?sted=5750", f"{URL}?sted=Odense", f"{URL}?sted=Ringe&egn=faaborgegnen"],
        )
        == []
    )
