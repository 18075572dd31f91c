import csv
import io
from datetime import date

import pytest
from django.urls import reverse

from foreninger.models import Activity, Association
from frivillig.models import FocusArea, Region, TargetGroup

URL = reverse("foreninger:directory_csv")


def _association(**fields):
    number = Association.objects.count() + 1
    terms = {name: fields.pop(name, []) for name in ("focus_areas", "regions", "target_groups")}
    fields.setdefault("name", f"Forening {number}")
    fields.setdefault("slug", f"forening-{number}")
    fields.setdefault("short_description", "Vi mødes og hjælper hinanden.")
    fields.setdefault("email", f"forening{number}@example.org")
    fields.setdefault("confirmed_on", date(2026, 1, 15))
    fields.setdefault("status", Association.Status.APPROVED)
    association = Association.objects.create(**fields)
    for name, objects in terms.items():
        getattr(association, name).set(objects)
    return association


def _activity(association, **fields):
    target_groups = fields.pop("target_groups", [])
    fields.setdefault("title", "Fællesspisning")
    fields.setdefault("description", "Vi spiser sammen hver uge.")
    fields.setdefault("street", "Torvet 1")
    fields.setdefault("postcode", "5600")
    fields.setdefault("town", "Faaborg")
    activity = Activity.objects.create(association=association, **fields)
    activity.target_groups.set(target_groups)
    return activity


def _rows(response):
    """The rows as Danish Excel reads them: UTF-8 with a byte order mark, semicolons."""
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))


def _names(response):
    return sorted(row[0] for row in _rows(response)[1:])


@pytest.fixture
def terms(faaborg):
    return {
        "area": FocusArea.objects.get(number=1),
        "other_area": FocusArea.objects.get(number=2),
        "region": Region.objects.get(name="Faaborgegnen"),
        "elderly": TargetGroup.objects.get(name="Ældre"),
        "children": TargetGroup.objects.get(name="Børn og unge"),
    }


def test_it_downloads_the_directory_as_a_csv_file_for_danish_excel(client, terms):
    association = _association(
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
    )
    _activity(association, wants_volunteers=True)
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
    _association(name="Godkendt")
    _association(
        name="Skjult",
        status=status,
        rejection_reason="Mangler oplysninger" if status == Association.Status.REJECTED else "",
    )
    assert _names(client.get(URL)) == ["Godkendt"]


def test_it_never_exports_private_fields(client, terms):
    association = _association(
        email="hemmelig@example.org",
        agreement_date=date(2017, 7, 17),
        agreement_file="samarbejdsaftaler/hemmelig-aftale.pdf",
        child_certificate_checked_on=date(2019, 9, 19),
        reminded_on=date(2018, 8, 18),
    )
    _activity(association, contact_name="Privat Kontaktperson", contact_phone="8765 4321")
    _association(status=Association.Status.REJECTED, rejection_reason="Hemmelig begrundelse")
    content = client.get(URL).content.decode("utf-8-sig")
    for secret in [
        "hemmelig@example.org",
        "hemmelig-aftale",
        "2017-07-17",
        "2019-09-19",
        "2018-08-18",
        "Privat Kontaktperson",
        "8765 4321",
        "Hemmelig begrundelse",
    ]:
        assert secret not in content


def test_it_applies_the_directory_filters(client, terms):
    in_area = _association(name="I området", focus_areas=[terms["area"]])
    in_region = _association(name="I egnen")
    _activity(in_region, region=terms["region"], involves_children_under_15=True)
    for_elderly = _association(name="For ældre", target_groups=[terms["elderly"]])
    _activity(for_elderly, wants_volunteers=True)
    _association(name="Strikkeklubben", short_description="Vi strikker.")
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
    _association(name="A")
    _association(name="B")
    assert _names(client.get(URL, {"omraade": "findes-ikke"})) == ["A", "B"]


def test_it_keeps_spreadsheets_from_running_a_cell_as_a_formula(client, terms):
    _association(name='=HYPERLINK("https://example.org")', phone="+45 62 61 00 00")
    [row] = _rows(client.get(URL))[1:]
    assert row[0] == '\'=HYPERLINK("https://example.org")'
    assert row[7] == "'+45 62 61 00 00"


def _populate(count, terms):
    for _ in range(count):
        association = _association(
            focus_areas=[terms["area"], terms["other_area"]],
            regions=[terms["region"]],
            target_groups=[terms["elderly"], terms["children"]],
        )
        _activity(association, involves_children_under_15=True)


@pytest.mark.parametrize(
    ("params", "queries"),
    [
        ({}, 5),
        ({"q": "forening", "omraade": "oeget-mangfoldighed", "egn": "faaborgegnen"}, 7),
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
