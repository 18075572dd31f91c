"""The open data API's volunteer opportunities: current ones only, never the answers."""

import uuid
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from frivillig.models import FocusArea, Region, TargetGroup
from tests import factories
from tests.frivilligjob.test_opportunities import answer, opportunity


def _id(name):
    """The documented id scheme: UUID 5 of "<kind>:<key>" in the portal's fixed namespace."""
    return str(uuid.uuid5(uuid.UUID("5d1c3f0e-5b0c-4f4e-9a53-6f70656e6461"), name))


def _list(client, **params):
    return client.get(reverse("api:opportunities"), params)


def _titles(response):
    return sorted(item["title"] for item in response.json()["contents"])


@pytest.fixture
def club(faaborg):
    return factories.association(name="Klub A", email="hemmelig@forening.example.org")


def test_it_lists_current_opportunities_in_a_page(client, club):
    region = Region.objects.get(slug="ringeegnen")
    elderly = TargetGroup.objects.get(slug="aeldre")
    activity = factories.activity(club, involves_children_under_15=True)
    posted = opportunity(
        club,
        title="Chauffør",
        skills="Kørekort",
        region=region,
        activity=activity,
        target_groups=[elderly],
        starts_on=timezone.localdate() + timedelta(days=30),
    )
    page = _list(client).json()
    assert {key: value for key, value in page.items() if key != "contents"} == {
        "total_items": 1,
        "total_pages": 1,
        "page_number": 1,
        "size": 1,
        "first_page": True,
        "last_page": True,
        "empty": False,
    }
    [item] = page["contents"]
    assert item == {
        "id": _id(f"opportunity:{posted.pk}"),
        "title": "Chauffør",
        "description": posted.description,
        "skills_wanted": "Kørekort",
        "time_commitment": {"code": "weekly", "name": item["time_commitment"]["name"]},
        # The terms as /taxonomy_terms/ gives them.
        "region": {
            "id": _id(f"region:{region.pk}"),
            "code": "ringeegnen",
            "name": "Ringeegnen",
            "description": "Hånden og Ånden",
            "taxonomy_id": _id("taxonomy:region"),
        },
        "target_groups": [
            {
                "id": _id(f"target_group:{elderly.pk}"),
                "code": "aeldre",
                "name": "Ældre",
                "description": "",
                "taxonomy_id": _id("taxonomy:target_group"),
            }
        ],
        "start_date": posted.starts_on.isoformat(),
        "answer_by": posted.answer_by.isoformat(),
        "child_certificate_required": True,
        "organization": {
            "id": _id(f"association:{club.pk}"),
            "name": "Klub A",
            "url": f"http://testserver{club.get_absolute_url()}",
        },
        "service_id": _id(f"activity:{activity.pk}"),
        "url": f"http://testserver{posted.get_absolute_url()}",
        "last_modified": item["last_modified"],
    }


def test_an_opportunity_for_the_whole_municipality_leaves_out_what_it_does_not_have(client, club):
    opportunity(club, skills="")
    [item] = _list(client).json()["contents"]
    # As in HSDS, an absent value is left out rather than null.
    for absent in ["region", "service_id", "skills_wanted", "start_date"]:
        assert absent not in item
    assert item["child_certificate_required"] is False
    assert None not in item.values()


def test_it_shows_one_current_opportunity_by_its_id(client, club):
    posted = opportunity(club, title="Chauffør")
    response = client.get(reverse("api:opportunity", args=[_id(f"opportunity:{posted.pk}")]))
    assert response.status_code == 200
    assert response.json()["title"] == "Chauffør"
    assert response["Access-Control-Allow-Origin"] == "*"


def test_expired_closed_and_unapproved_opportunities_are_never_published(client, club):
    today = timezone.localdate()
    hidden = [
        opportunity(club, title="Udløbet", answer_by=today - timedelta(days=1)),
        opportunity(club, title="Lukket", closed_at=timezone.now()),
        opportunity(factories.association(status="pending"), title="Afventer"),
    ]
    opportunity(club, title="Aktuel", answer_by=today)
    assert _titles(_list(client)) == ["Aktuel"]
    for item in hidden:
        response = client.get(reverse("api:opportunity", args=[_id(f"opportunity:{item.pk}")]))
        assert response.status_code == 404
        assert "error" in response.json()


def test_it_never_publishes_answers_or_the_associations_address(client, club):
    answer(opportunity(club), name="Privat Borger", email="privat@example.com", phone="8765 4321")
    body = _list(client).content.decode()
    for secret in ["Privat Borger", "privat@example.com", "8765 4321", "hemmelig@forening"]:
        assert secret not in body


def test_it_filters_by_region_term_including_the_whole_municipality(client, club):
    ringe = Region.objects.get(slug="ringeegnen")
    opportunity(club, title="I Ringe", region=ringe)
    opportunity(club, title="I Faaborg", region=Region.objects.get(slug="faaborgegnen"))
    opportunity(club, title="Hele kommunen")
    response = _list(client, taxonomy_term_id=_id(f"region:{ringe.pk}"))
    assert _titles(response) == ["Hele kommunen", "I Ringe"]


def test_it_filters_by_target_group_focus_area_and_the_childrens_feature(client, club):
    elderly = TargetGroup.objects.get(slug="aeldre")
    area = FocusArea.objects.get(number=1)
    other = factories.association(name="Klub B", focus_areas=[area])
    children = factories.activity(club, involves_children_under_15=True)
    opportunity(club, title="Ældre", target_groups=[elderly])
    opportunity(club, title="Børn", activity=children)
    opportunity(other, title="Område")
    assert _titles(_list(client, taxonomy_term_id=_id(f"target_group:{elderly.pk}"))) == ["Ældre"]
    assert _titles(_list(client, taxonomy_term_id=_id(f"focus_area:{area.pk}"))) == ["Område"]
    children_term = _id("feature:children_under_15")
    assert _titles(_list(client, taxonomy_term_id=children_term)) == ["Børn"]


def test_it_filters_by_time_commitment_organization_and_search(client, club):
    other = factories.association(name="Klub B")
    opportunity(club, title="Lektiehjælper", time_commitment="weekly")
    opportunity(club, title="Julehjælper", time_commitment="one_off")
    opportunity(other, title="Lektiecafé", time_commitment="weekly")
    assert _titles(_list(client, time_commitment="one_off")) == ["Julehjælper"]
    organization = _id(f"association:{club.pk}")
    assert _titles(_list(client, organization_id=organization, search="lektie")) == [
        "Lektiehjælper"
    ]


def test_it_pages_with_page_and_per_page(client, club):
    for number in range(5):
        opportunity(club, title=f"Opgave {number}")
    second = _list(client, per_page=2, page=2).json()
    assert (second["total_items"], second["total_pages"], second["size"]) == (5, 3, 2)
    assert [item["title"] for item in second["contents"]] == ["Opgave 2", "Opgave 3"]


@pytest.mark.parametrize(
    ("parameter", "value"),
    [
        ("time_commitment", "sometimes"),
        ("taxonomy_term_id", "not-a-uuid"),
        ("organization_id", str(uuid.uuid4())),
        ("per_page", "101"),
    ],
)
def test_an_invalid_parameter_is_a_json_400_that_names_it(client, faaborg, parameter, value):
    response = _list(client, **{parameter: value})
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter


def test_the_index_lists_the_endpoint(client, faaborg):
    urls = [endpoint["url"] for endpoint in client.get(reverse("api:index")).json()["endpoints"]]
    assert f"http://testserver{reverse('api:opportunities')}" in urls


def _populate(count, club):
    groups = list(TargetGroup.objects.all()[:2])
    activity = factories.activity(club, involves_children_under_15=True)
    for number in range(count):
        opportunity(
            club,
            title=f"Opgave {number}",
            region=Region.objects.first(),
            activity=activity,
            target_groups=groups,
        )


def test_the_list_runs_the_same_number_of_queries_for_5_and_50_opportunities(
    client, club, django_assert_num_queries
):
    _populate(5, club)
    url = reverse("api:opportunities") + "?per_page=100"
    with django_assert_num_queries(3):
        assert len(client.get(url).json()["contents"]) == 5
    _populate(45, club)
    with django_assert_num_queries(3):
        assert len(client.get(url).json()["contents"]) == 50
