import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from foreninger.models import Association
from tests import factories

URL = reverse("foreninger:directory_csv")


def _rows(response):
    """The rows as Danish Excel reads them: UTF-8 with a byte order mark, semicolons."""
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _names(response):
    return sorted(row[0] for row in _rows(response)[1:])


@pytest.fixture
def terms(faaborg):
    return factories.faaborg_terms()


def test_it_downloads_the_directory_as_a_csv_file_for_danish_excel(client, terms):
    association = factories.association(
        name="Ældresagen Faaborg",
        cvr="12345678",
        kind=Association.Kind.LOCAL_BRANCH,
        short_description="Vi er til for ældre.",
        street="Torvet 1",
        postcode="5600",
        town="Faaborg",
        phone="62 61 00 00",
        website="https://example.org/",
        focus_areas=[terms["area"], terms["other_area"]],
        regions=[terms["region"]],
        target_groups=[terms["elderly"]],
        confirmed_on=date(2026, 1, 15),
    )
    factories.activity(association, wants_volunteers=True)
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="foreninger.csv"'
    header, row = _rows(response)
    assert len(header) == len(row) == 16
    assert header[0] == "Navn"
    assert header[9] == "Indsatsområder"
    assert row == [
        "Ældresagen Faaborg",
        "12345678",
        str(Association.Kind.LOCAL_BRANCH.label),
        "Vi er til for ældre.",
        "Torvet 1",
        "5600",
        "Faaborg",
        "62 61 00 00",
        "https://example.org/",
        f"{terms['area'].title}, {terms['other_area'].title}",
        "Faaborgegnen",
        "Ældre",
        "Nej",
        "Ja",
        f"http://testserver{association.get_absolute_url()}",
        "2026-01-15",
    ]


@pytest.mark.parametrize(
    "status", [Association.Status.PENDING, Association.Status.INACTIVE, Association.Status.REJECTED]
)
def test_it_leaves_out_associations_that_are_not_approved(client, terms, status):
    factories.association(name="Godkendt")
    factories.association(name="Skjult", status=status)
    assert _names(client.get(URL)) == ["Godkendt"]


def test_it_never_exports_private_fields(client, terms):
    factories.secretive_association()
    factories.association(
        status=Association.Status.REJECTED, rejection_reason="Hemmelig begrundelse"
    )
    content = client.get(URL).content.decode("utf-8-sig")
    for secret in [*factories.SECRETS, "Hemmelig begrundelse"]:
        assert secret not in content, secret


def test_it_applies_the_directory_filters(client, terms):
    in_area = factories.association(name="I området", focus_areas=[terms["area"]])
    in_region = factories.association(name="I egnen")
    factories.activity(in_region, region=terms["region"], involves_children_under_15=True)
    for_elderly = factories.association(name="For ældre", target_groups=[terms["elderly"]])
    factories.activity(for_elderly, wants_volunteers=True)
    factories.association(name="Strikkeklubben", short_description="Vi strikker.")
    expectations = [
        ({"omraade": terms["area"].slug}, [in_area.name]),
        ({"egn": terms["region"].slug}, [in_region.name]),
        ({"maalgruppe": terms["elderly"].slug}, [for_elderly.name]),
        ({"boern": "on"}, [in_region.name]),
        ({"frivillige": "on"}, [for_elderly.name]),
        ({"q": "strik"}, ["Strikkeklubben"]),
        ({"omraade": terms["area"].slug, "boern": "on"}, []),
    ]
    for params, names in expectations:
        assert _names(client.get(URL, params)) == names, params


def test_it_ignores_an_unknown_filter_value_like_the_directory(client, terms):
    factories.association(name="A")
    factories.association(name="B")
    assert _names(client.get(URL, {"omraade": "findes-ikke"})) == ["A", "B"]


def test_it_keeps_spreadsheets_from_running_a_cell_as_a_formula(client, terms):
    factories.association(name='=HYPERLINK("https://example.org")', phone="+45 62 61 00 00")
    [row] = _rows(client.get(URL))[1:]
    assert row[0] == '\'=HYPERLINK("https://example.org")'
    assert row[7] == "'+45 62 61 00 00"


def _populate(count, terms):
    for _ in range(count):
        association = factories.association(
            focus_areas=[terms["area"], terms["other_area"]],
            regions=[terms["region"]],
            target_groups=[terms["elderly"], terms["children"]],
        )
        factories.activity(association, involves_children_under_15=True)


@pytest.mark.parametrize(
    ("params", "queries"),
    [
        # Four of them read the filters' choices again, as the data has changed since the
        # last request (they are kept per data version).
        ({}, 10),
        ({"q": "forening", "omraade": "oeget-mangfoldighed", "egn": "faaborgegnen"}, 11),
    ],
)
def test_it_runs_the_same_number_of_queries_for_5_and_50_associations(
    client, terms, django_assert_num_queries, params, queries
):
    # Whether pg_trgm is installed is asked once per process; ask it before counting.
    client.get(URL, {"q": "x"})
    _populate(5, terms)
    with django_assert_num_queries(queries):
        assert len(_rows(client.get(URL, params))) == 6
    _populate(45, terms)
    with django_assert_num_queries(queries):
        assert len(_rows(client.get(URL, params))) == 51
