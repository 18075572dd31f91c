"""The decided grants in the 360Giving Data Standard, validated against its schema 1.4.

For the demo data of each of the four municipalities (its data file + `seed_demo`), loaded once
per municipality: the demo grants are Faaborg-Midtfyn's, decided last year.
"""

import csv
import io
import json
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from jsonschema import Draft202012Validator
from openpyxl import load_workbook
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from foreninger.models import Association
from frivillig.datafile import municipality_load
from frivillig.models import Municipality
from tests.conftest import data_file, seeded_once

STANDARD = Path(__file__).parent.parent / "standards" / "360giving-1.4"
MUNICIPALITIES = ["faaborg-midtfyn.yaml", "soenderborg.yaml", "syddjurs.yaml", "toender.yaml"]


def _validator():
    package = json.loads((STANDARD / "360-giving-package-schema.json").read_text())
    grant = DRAFT202012.create_resource(
        json.loads((STANDARD / "360-giving-schema.json").read_text())
    )
    # The package schema (1.4.3) refers to the grant schema by its 1.4.2 address.
    registry = Registry().with_resources(
        [
            (grant.id(), grant),
            (grant.id().replace("/1.4.3/", "/1.4.2/"), grant),
        ]
    )
    return Draft202012Validator(
        package, registry=registry, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


PACKAGE = _validator()


def _errors(document):
    return sorted(
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in PACKAGE.iter_errors(document)
    )


def pytest_generate_tests(metafunc):
    """Each test for each municipality's demo data, or for Faaborg-Midtfyn's alone."""
    if "demo" in metafunc.fixturenames:
        names = MUNICIPALITIES[:1] if "faaborg_demo" in metafunc.fixturenames else MUNICIPALITIES
        metafunc.parametrize("demo", names, indirect=True, scope="module")


def _seed(name):
    municipality_load(data=data_file(name))
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture(scope="module")
def demo(request, django_db_setup, django_db_blocker):
    with seeded_once(django_db_blocker, lambda: _seed(request.param)):
        yield request.param


@pytest.fixture
def last_year():
    return timezone.localdate().year - 1


@pytest.fixture
def english(client):
    """The messages below are checked in English, whatever the Danish catalogue says."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def _package(client, year):
    return client.get(reverse("puljer:threesixtygiving_json", args=[year]))


def test_each_year_with_decided_grants_has_a_package_that_validates(
    client, demo, db, english, last_year
):
    index = client.get(reverse("puljer:threesixtygiving")).json()
    years = [package["year"] for package in index["packages"]]
    if demo == "faaborg-midtfyn.yaml":
        assert years == [last_year]
    else:
        assert years == []
    for year in [last_year, last_year + 1]:
        response = _package(client, year)
        if year in years:
            assert response.status_code == 200
            assert _errors(response.json()) == []
        else:
            assert response.status_code == 404
            assert "no 360Giving file" in response.json()["error"]


def test_the_schema_checks_formats_and_needs_a_grant():
    grant = {
        "id": "360G-x-1",
        "title": "T",
        "description": "D",
        "currency": "DKK",
        "amountAwarded": 1,
        "awardDate": "2025-04-28",
        "recipientOrganization": [{"id": "DK-CVR-12345678", "name": "A"}],
        "fundingOrganization": [{"id": "360G-x-municipality", "name": "K"}],
    }
    assert _errors({"grants": [grant], "license": "https://example.org/"}) == []
    assert _errors({"grants": [], "license": "ikke en adresse"}) == [
        "grants: [] should be non-empty",
        "license: 'ikke en adresse' is not a 'uri'",
    ]
    wrong = {**grant, "awardDate": "28.4.2025", "currency": "kr"}
    assert [error.split(":")[0] for error in _errors({"grants": [wrong]})] == [
        "grants/0/awardDate",
        "grants/0/currency",
    ]


@pytest.fixture
def faaborg_demo(demo):
    """Faaborg-Midtfyn's demo data, where the demo grants are."""


def test_a_grant_names_recipient_funder_pool_egn_and_focus_areas(
    client, faaborg_demo, db, last_year
):
    grants = {grant["title"]: grant for grant in _package(client, last_year).json()["grants"]}
    assert sorted(grants) == [
        "Besøgsvenner til ensomme",
        "Ny frivilligrekruttering sammen",
        "Sprogcafé med jobcentret",
        "Åben eftermiddagscafé for ældre",
    ]
    visits = grants["Besøgsvenner til ensomme"]
    association = Association.objects.get(slug="besoegsvennerne-i-faaborg")
    assert visits["id"] == f"360G-faaborg-midtfyn-kommune-{last_year}-S18-0001"
    assert visits["currency"] == "DKK"
    assert visits["amountAwarded"] == 60000
    assert visits["awardDate"] == f"{last_year}-04-28"
    assert visits["plannedDates"] == [
        {"startDate": f"{last_year}-05-01", "endDate": f"{last_year}-12-31"}
    ]
    assert visits["recipientOrganization"] == [
        {
            "id": f"360G-faaborg-midtfyn-kommune-association-{association.pk}",
            "name": "Besøgsvennerne i Faaborg",
            "postalCode": "5600",
            "addressLocality": "Faaborg",
            "addressCountry": "DK",
        }
    ]
    assert visits["fundingOrganization"] == [
        {
            "id": "360G-faaborg-midtfyn-kommune-municipality",
            "name": "Faaborg-Midtfyn Kommune",
            "department": "Sundhed, ældre og Socialområdet",
        }
    ]
    [programme] = visits["grantProgramme"]
    assert (programme["code"], programme["title"]) == (f"s18-{last_year}", "§18-puljen")
    assert programme["description"].startswith("Serviceloven § 18")
    assert visits["beneficiaryLocation"] == [{"name": "Faaborgegnen", "countryCode": "DK"}]
    assert "classifications" not in visits
    [area] = grants["Sprogcafé med jobcentret"]["classifications"]
    assert (area["code"], area["title"]) == ("oeget-mangfoldighed", "Øget mangfoldighed")


def test_cvr_numbers_identify_the_funder_and_the_recipient(client, faaborg_demo, db, last_year):
    Municipality.objects.update(cvr="29189129", threesixtygiving_prefix="fmk")
    Association.objects.filter(slug="besoegsvennerne-i-faaborg").update(cvr="12345678")
    data = _package(client, last_year).json()
    visits = next(grant for grant in data["grants"] if grant["title"].startswith("Besøg"))
    assert visits["id"] == f"360G-fmk-{last_year}-S18-0001"
    assert visits["recipientOrganization"][0]["id"] == "DK-CVR-12345678"
    assert visits["fundingOrganization"][0]["id"] == "DK-CVR-29189129"
    assert data["publisher"]["identifier"] == "DK-CVR-29189129"
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_the_package_holds_only_decided_grants_and_nothing_personal(
    client, faaborg_demo, db, last_year
):
    content = _package(client, last_year).content.decode()
    assert "Sorggrupper for voksne" not in content  # declined
    for personal in ["Demo Kontakt", "@", "Puljen er søgt af mange"]:
        assert personal not in content


def test_the_flattened_files_have_the_standards_column_titles(client, faaborg_demo, db, last_year):
    response = client.get(reverse("puljer:threesixtygiving_csv", args=[last_year]))
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert rows[0][:8] == [
        "Identifier",
        "Title",
        "Description",
        "Currency",
        "Amount Awarded",
        "Award Date",
        "Planned Dates:Start Date",
        "Planned Dates:End Date",
    ]
    assert "Recipient Org:Identifier" in rows[0]
    assert "Beneficiary Location:0:Name" in rows[0]
    assert "Classifications:0:Code" in rows[0]
    assert len(rows) == 5
    response = client.get(reverse("puljer:threesixtygiving_xlsx", args=[last_year]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.title == "grants"
    assert [cell.value for cell in sheet[1]] == rows[0]
    assert sheet.max_row == 5


def test_a_year_without_decided_grants_has_no_file_and_its_page_says_so(
    client, faaborg_demo, db, english, last_year
):
    for name in ["threesixtygiving_csv", "threesixtygiving_xlsx"]:
        response = client.get(reverse(f"puljer:{name}", args=[last_year + 1]))
        assert response.status_code == 404
        assert "no 360Giving file" in response.content.decode()
    page = client.get(reverse("puljer:year", args=[last_year + 1])).content.decode()
    assert "no 360Giving file" in page
    page = client.get(reverse("puljer:year", args=[last_year])).content.decode()
    assert reverse("puljer:threesixtygiving_json", args=[last_year]) in page


def test_the_api_index_links_the_packages(client, faaborg_demo, db):
    urls = [endpoint["url"] for endpoint in client.get(reverse("api:index")).json()["endpoints"]]
    assert "http://testserver/puljer/360giving.json" in urls
