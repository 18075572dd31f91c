import json
import uuid
from datetime import date, timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from foreninger.models import Activity, Association
from tests import factories


def _id(name):
    """The documented id scheme: UUID 5 of "<kind>:<key>" in the portal's fixed namespace."""
    return str(uuid.uuid5(uuid.UUID("5d1c3f0e-5b0c-4f4e-9a53-6f70656e6461"), name))


def _get(client, name, *args, **params):
    return client.get(reverse(f"api:{name}", args=args), params)


def _names(response):
    return sorted(item["name"] for item in response.json()["contents"])


def _term_codes(item):
    return sorted(attribute["taxonomy_term"]["code"] for attribute in item["attributes"])


@pytest.fixture
def terms(faaborg):
    return factories.faaborg_terms()


def test_it_describes_itself_and_its_endpoints_at_the_index(client, faaborg):
    response = _get(client, "index")
    data = response.json()
    assert response.status_code == 200
    assert data["version"] == "3.0"
    assert data["publisher"]["name"] == "Faaborg-Midtfyn Kommune"
    urls = [endpoint["url"] for endpoint in data["endpoints"]]
    for name in ["organizations", "services", "locations", "taxonomies", "taxonomy_terms"]:
        assert f"http://testserver{reverse(f'api:{name}')}" in urls
    assert data["csv_url"] == f"http://testserver{reverse('foreninger:directory_csv')}"


def test_it_lets_any_web_page_read_it_and_writes_danish_letters_unescaped(client, terms):
    factories.association(name="Ældresagen Faaborg")
    response = _get(client, "organizations")
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Content-Type"] == "application/json"
    assert "Ældresagen Faaborg" in response.content.decode()


def test_it_answers_only_get(client, faaborg):
    assert client.post(reverse("api:organizations")).status_code == 405
    assert client.head(reverse("api:organizations")).status_code == 200


def test_it_lists_organizations_in_the_hsds_page_shape(client, terms):
    association = factories.association(
        name="Ældresagen Faaborg",
        cvr="12345678",
        short_description="Kort.",
        description="Lang.",
        street="Torvet 1",
        postcode="5600",
        town="Faaborg",
        phone="62 61 00 00",
        website="https://example.org/",
        focus_areas=[terms["area"]],
        regions=[terms["region"]],
        target_groups=[terms["elderly"]],
    )
    factories.activity(association, involves_children_under_15=True)
    page = _get(client, "organizations").json()
    assert {key: value for key, value in page.items() if key != "contents"} == {
        "total_items": 1,
        "total_pages": 1,
        "page_number": 1,
        "size": 1,
        "first_page": True,
        "last_page": True,
        "empty": False,
    }
    [organization] = page["contents"]
    assert organization["id"] == _id(f"association:{association.pk}")
    assert organization["name"] == "Ældresagen Faaborg"
    assert organization["description"] == "Kort.\n\nLang."
    assert organization["website"] == "https://example.org/"
    assert organization["organization_identifiers"] == [
        {
            "id": _id(f"organization_identifier:association:{association.pk}"),
            "organization_id": organization["id"],
            "identifier_scheme": "DK-CVR",
            "identifier_type": "CVR",
            "identifier": "12345678",
        }
    ]
    assert [phone["number"] for phone in organization["phones"]] == ["62 61 00 00"]
    [address] = organization["locations"][0]["addresses"]
    assert (address["address_1"], address["postal_code"], address["city"]) == (
        "Torvet 1",
        "5600",
        "Faaborg",
    )
    assert address["country"] == "DK"
    assert _term_codes(organization) == sorted(
        [terms["area"].slug, terms["region"].slug, terms["elderly"].slug, "children_under_15"]
    )
    assert "services" not in organization


def test_an_organization_without_cvr_phone_or_address_has_empty_lists_and_no_website(client, terms):
    factories.association()
    [organization] = _get(client, "organizations").json()["contents"]
    assert organization["organization_identifiers"] == []
    assert organization["phones"] == []
    assert organization["locations"] == []
    # HSDS allows no null: an absent value is left out.
    assert "website" not in organization


def test_it_shows_one_organization_with_its_services(client, terms):
    association = factories.association(focus_areas=[terms["area"]])
    factories.activity(association, title="Strikkeklub")
    factories.activity(association, title="Lektiecafé online", online=True)
    response = _get(client, "organization", _id(f"association:{association.pk}"))
    assert response.status_code == 200
    services = response.json()["services"]
    assert [service["name"] for service in services] == ["Lektiecafé online", "Strikkeklub"]
    assert {service["organization_id"] for service in services} == {response.json()["id"]}


def test_it_shows_a_service_with_schedule_location_and_organization(client, terms):
    association = factories.association(name="Røde Kors Faaborg", confirmed_on=date(2026, 2, 1))
    activity = factories.activity(
        association,
        title="Besøgsven",
        region=terms["region"],
        target_groups=[terms["elderly"]],
        recurrence=Activity.Recurrence.FORTNIGHTLY,
        weekday=Activity.Weekday.TUESDAY,
        starts_at="14:00",
        ends_at="16:00",
        when="Hver anden tirsdag",
        wants_volunteers=True,
    )
    service = _get(client, "service", _id(f"activity:{activity.pk}")).json()
    assert service["id"] == _id(f"activity:{activity.pk}")
    assert service["name"] == "Besøgsven"
    assert service["status"] == "active"
    assert service["assured_date"] == "2026-02-01"
    assert service["url"] == f"http://testserver{association.get_absolute_url()}"
    assert service["organization"]["name"] == "Røde Kors Faaborg"
    [schedule] = service["schedules"]
    assert {
        key: schedule[key] for key in ["freq", "interval", "byday", "opens_at", "closes_at"]
    } == {
        "freq": "WEEKLY",
        "interval": 2,
        "byday": "TU",
        "opens_at": "14:00",
        "closes_at": "16:00",
    }
    assert schedule["description"] == "Hver anden tirsdag"
    location = service["service_at_locations"][0]["location"]
    assert location["location_type"] == "physical"
    assert location["addresses"][0]["region"] == "Faaborgegnen"
    assert _term_codes(service) == sorted(
        [terms["region"].slug, terms["elderly"].slug, "wants_volunteers"]
    )


def test_an_online_service_has_a_virtual_location_without_address(client, terms):
    activity = factories.activity(factories.association(), online=True)
    service = _get(client, "service", _id(f"activity:{activity.pk}")).json()
    location = service["service_at_locations"][0]["location"]
    assert location["location_type"] == "virtual"
    assert location["addresses"] == []


def test_a_service_has_its_organizations_focus_areas_and_else_its_target_groups_and_regions(
    client, terms
):
    association = factories.association(
        focus_areas=[terms["area"]],
        regions=[terms["other_region"]],
        target_groups=[terms["children"]],
    )
    activity = factories.activity(association)
    service = _get(client, "service", _id(f"activity:{activity.pk}")).json()
    assert _term_codes(service) == sorted(
        [terms["area"].slug, terms["other_region"].slug, terms["children"].slug]
    )


def test_it_lists_locations_of_associations_and_activities(client, terms):
    association = factories.association(
        name="Huset", street="Havnegade 2", postcode="5600", town="Faaborg"
    )
    factories.activity(association, title="Café")
    factories.activity(association, title="Online-snak", online=True)
    factories.association(name="Uden adresse")
    page = _get(client, "locations").json()
    assert page["total_items"] == 3
    assert [item["name"] for item in page["contents"]] == ["Huset", "Café", "Online-snak"]
    assert [item["location_type"] for item in page["contents"]] == [
        "physical",
        "physical",
        "virtual",
    ]
    location_id = page["contents"][1]["id"]
    assert _get(client, "location", location_id).json() == page["contents"][1]


def test_it_names_four_taxonomies_with_the_municipalitys_word_for_focus_areas(client, faaborg):
    page = _get(client, "taxonomies").json()
    assert page["contents"][0]["name"] == "Indsatsområder"
    assert page["total_items"] == 4
    assert {item["id"] for item in page["contents"]} == {
        _id(f"taxonomy:{kind}") for kind in ["focus_area", "region", "target_group", "feature"]
    }
    assert _get(client, "taxonomy", _id("taxonomy:region")).json()["id"] == _id("taxonomy:region")


def test_it_lists_the_terms_of_each_taxonomy(client, terms):
    page = _get(client, "taxonomy_terms", per_page=100).json()
    assert page["total_items"] == 5 + 3 + 5 + 2
    regions = _get(client, "taxonomy_terms", taxonomy_id=_id("taxonomy:region"))
    assert _names(regions) == ["Faaborgegnen", "Forstadsbåndet", "Ringeegnen"]
    term_id = _id(f"focus_area:{terms['area'].pk}")
    term = _get(client, "taxonomy_term", term_id).json()
    assert term["code"] == terms["area"].slug
    assert term["term_uri"] == f"http://testserver{terms['area'].get_absolute_url()}"
    assert term["taxonomy_detail"]["name"] == "Indsatsområder"


@pytest.mark.parametrize(
    "status", [Association.Status.PENDING, Association.Status.INACTIVE, Association.Status.REJECTED]
)
def test_it_never_publishes_an_association_that_is_not_approved(client, terms, status):
    hidden = factories.association(
        name="Skjult forening",
        status=status,
        street="Skjultvej 1",
        postcode="5600",
        town="Faaborg",
        focus_areas=[terms["area"]],
    )
    activity = factories.activity(hidden, title="Skjult aktivitet")
    for name in ["organizations", "services", "locations"]:
        assert _get(client, name).json()["total_items"] == 0
    for name, key in [
        ("organization", f"association:{hidden.pk}"),
        ("service", f"activity:{activity.pk}"),
        ("location", f"location:association:{hidden.pk}"),
        ("location", f"location:activity:{activity.pk}"),
    ]:
        response = _get(client, name, _id(key))
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"
        assert "error" in response.json()
    bad_filter = _get(client, "services", organization_id=_id(f"association:{hidden.pk}"))
    assert bad_filter.status_code == 400


def test_it_never_publishes_private_fields(client, terms):
    association = factories.secretive_association(
        cvr="12345678", street="Torvet 1", postcode="5600", town="Faaborg"
    )
    activity = association.activities.get()
    urls = [
        reverse("api:index"),
        reverse("api:organizations"),
        reverse("api:organization", args=[_id(f"association:{association.pk}")]),
        reverse("api:services"),
        reverse("api:service", args=[_id(f"activity:{activity.pk}")]),
        reverse("api:locations"),
        reverse("api:location", args=[_id(f"location:association:{association.pk}")]),
        reverse("api:location", args=[_id(f"location:activity:{activity.pk}")]),
        reverse("api:taxonomy_terms"),
    ]
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        content = response.content.decode()
        for secret in factories.SECRETS:
            assert secret not in content, (url, secret)


def test_it_filters_organizations_by_each_kind_of_taxonomy_term(client, terms):
    in_area = factories.association(name="I området", focus_areas=[terms["area"]])
    in_region_by_activity = factories.association(name="Aktivitet i egnen")
    factories.activity(
        in_region_by_activity, region=terms["region"], involves_children_under_15=True
    )
    for_elderly = factories.association(name="For ældre", target_groups=[terms["elderly"]])
    factories.activity(for_elderly, wants_volunteers=True)
    factories.association(name="Ingen af delene", focus_areas=[terms["other_area"]])
    expectations = [
        (f"focus_area:{terms['area'].pk}", [in_area.name]),
        (f"region:{terms['region'].pk}", [in_region_by_activity.name]),
        (f"target_group:{terms['elderly'].pk}", [for_elderly.name]),
        ("feature:children_under_15", [in_region_by_activity.name]),
        ("feature:wants_volunteers", [for_elderly.name]),
    ]
    for term, names in expectations:
        assert _names(_get(client, "organizations", taxonomy_term_id=_id(term))) == names, term


def test_it_filters_services_by_their_own_or_their_organizations_terms(client, terms):
    association = factories.association(
        name="Forening",
        focus_areas=[terms["area"]],
        regions=[terms["region"]],
        target_groups=[terms["elderly"]],
    )
    factories.activity(association, title="Arver alt")
    factories.activity(
        association,
        title="Egen egn og målgruppe",
        region=terms["other_region"],
        target_groups=[terms["children"]],
        involves_children_under_15=True,
    )
    factories.activity(
        factories.association(name="Anden"), title="Anden forenings", wants_volunteers=True
    )
    expectations = [
        (f"focus_area:{terms['area'].pk}", ["Arver alt", "Egen egn og målgruppe"]),
        (f"region:{terms['region'].pk}", ["Arver alt"]),
        (f"region:{terms['other_region'].pk}", ["Egen egn og målgruppe"]),
        (f"target_group:{terms['elderly'].pk}", ["Arver alt"]),
        (f"target_group:{terms['children'].pk}", ["Egen egn og målgruppe"]),
        ("feature:children_under_15", ["Egen egn og målgruppe"]),
        ("feature:wants_volunteers", ["Anden forenings"]),
    ]
    for term, names in expectations:
        assert _names(_get(client, "services", taxonomy_term_id=_id(term))) == names, term


def test_it_filters_by_postcode(client, terms):
    here = factories.association(name="Her", street="Torvet 1", postcode="5600", town="Faaborg")
    factories.activity(here, title="Her", postcode="5600")
    elsewhere = factories.association(name="Der", street="Vej 2", postcode="5750", town="Ringe")
    factories.activity(elsewhere, title="Der", postcode="5750")
    factories.activity(elsewhere, title="Der, men her", postcode="5600")
    factories.activity(elsewhere, title="Online", online=True)
    assert _names(_get(client, "organizations", postcode="5600")) == ["Der", "Her"]
    assert _names(_get(client, "services", postcode="5600")) == ["Der, men her", "Her"]
    assert _names(_get(client, "locations", postcode="5750")) == ["Der", "Der"]


def test_it_filters_by_modified_after(client, terms):
    old = factories.association(name="Gammel")
    factories.activity(old, title="Gammel aktivitet")
    new = factories.association(name="Ny")
    factories.activity(new, title="Ny aktivitet")
    long_ago = timezone.now() - timedelta(days=30)
    Association.objects.filter(pk=old.pk).update(updated_at=long_ago)
    Activity.objects.filter(association=old).update(updated_at=long_ago)
    since = (timezone.now() - timedelta(days=1)).date().isoformat()
    assert _names(_get(client, "organizations", modified_after=since)) == ["Ny"]
    assert _names(_get(client, "services", modified_after=since)) == ["Ny aktivitet"]
    moment = (timezone.now() - timedelta(days=2)).isoformat()
    assert _names(_get(client, "locations", modified_after=moment)) == ["Ny aktivitet"]


def test_it_searches_organizations_and_services_by_text(client, terms):
    knitters = factories.association(name="Strikkeklubben", short_description="Vi strikker sammen.")
    factories.activity(knitters, title="Strikkeaften")
    walkers = factories.association(name="Gangklubben", short_description="Vi går ture.")
    factories.activity(walkers, title="Lektiecafé", description="Hjælp med lektier.")
    assert _names(_get(client, "organizations", search="strik")) == ["Strikkeklubben"]
    assert _names(_get(client, "services", search="lektie")) == ["Lektiecafé"]
    # A service is also found through its organization's text.
    assert _names(_get(client, "services", search="gangklub")) == ["Lektiecafé"]


def test_it_filters_services_and_locations_by_organization(client, terms):
    mine = factories.association(name="Min", street="Torvet 1", postcode="5600", town="Faaborg")
    factories.activity(mine, title="Min aktivitet")
    factories.activity(factories.association(name="Anden"), title="Anden aktivitet")
    organization_id = _id(f"association:{mine.pk}")
    assert _names(_get(client, "services", organization_id=organization_id)) == ["Min aktivitet"]
    assert _names(_get(client, "locations", organization_id=organization_id)) == [
        "Min",
        "Min aktivitet",
    ]


def test_it_pages_with_page_and_per_page(client, terms):
    for number in range(5):
        factories.association(name=f"Forening {number}")
    first = _get(client, "organizations", per_page=2).json()
    last = _get(client, "organizations", per_page=2, page=3).json()
    beyond = _get(client, "organizations", per_page=2, page=4).json()
    assert [item["name"] for item in first["contents"]] == ["Forening 0", "Forening 1"]
    assert (first["total_items"], first["total_pages"], first["size"]) == (5, 3, 2)
    assert (first["first_page"], first["last_page"]) == (True, False)
    assert [item["name"] for item in last["contents"]] == ["Forening 4"]
    assert (last["first_page"], last["last_page"], last["size"]) == (False, True, 1)
    assert beyond["contents"] == []
    assert beyond["empty"] is True


def test_it_pages_locations_across_associations_and_activities(client, terms):
    association = factories.association(
        name="A", street="Torvet 1", postcode="5600", town="Faaborg"
    )
    for title in ["B", "C", "D"]:
        factories.activity(association, title=title)
    pages = [_get(client, "locations", per_page=3, page=page).json() for page in [1, 2]]
    assert [[item["name"] for item in page["contents"]] for page in pages] == [
        ["A", "B", "C"],
        ["D"],
    ]


def test_an_empty_list_is_one_empty_page(client, faaborg):
    page = _get(client, "services").json()
    assert page["contents"] == []
    assert (page["total_items"], page["total_pages"], page["empty"]) == (0, 0, True)


@pytest.mark.parametrize(
    ("endpoint", "parameter", "value"),
    [
        ("organizations", "page", "abc"),
        ("organizations", "page", "0"),
        ("organizations", "page", "-1"),
        ("organizations", "page", "1" * 40),
        ("organizations", "per_page", "0"),
        ("organizations", "per_page", "101"),
        ("services", "per_page", "ti"),
        ("organizations", "modified_after", "not-a-date"),
        ("services", "modified_after", "2026-02-30"),
        ("locations", "modified_after", "2026-01-31T25:00"),
        ("organizations", "taxonomy_term_id", "abc"),
        ("services", "taxonomy_term_id", str(uuid.uuid4())),
        ("organizations", "postcode", "56"),
        ("locations", "postcode", "abcd"),
        ("services", "organization_id", str(uuid.uuid4())),
        ("locations", "organization_id", "abc"),
        ("taxonomy_terms", "taxonomy_id", str(uuid.uuid4())),
        ("taxonomies", "page", "x"),
    ],
)
def test_an_invalid_parameter_is_a_json_400_that_names_it(
    client, terms, endpoint, parameter, value
):
    response = _get(client, endpoint, **{parameter: value})
    assert response.status_code == 400
    assert response["Access-Control-Allow-Origin"] == "*"
    data = response.json()
    assert data["parameter"] == parameter
    assert parameter in data["error"]


@pytest.mark.parametrize(
    "endpoint",
    ["organization", "service", "service_at_location", "location", "taxonomy", "taxonomy_term"],
)
@pytest.mark.parametrize("value", ["not-a-uuid", "00000000-0000-0000-0000-000000000000"])
def test_an_unknown_id_is_a_json_404(client, faaborg, endpoint, value):
    response = _get(client, endpoint, value)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert json.loads(response.content)["error"]


def test_ids_are_stable_and_accept_any_uuid_spelling(client, terms):
    association = factories.association()
    organization_id = _id(f"association:{association.pk}")
    assert _get(client, "organizations").json()["contents"][0]["id"] == organization_id
    response = _get(client, "organization", organization_id.upper().replace("-", ""))
    assert response.json()["id"] == organization_id


def test_it_lists_each_service_at_its_location_and_shows_one_with_its_service(client, terms):
    association = factories.association(name="Strikkeklubben")
    activity = factories.activity(
        association, title="Strikkeaften", street="Torvet 1", postcode="5600", town="Faaborg"
    )
    factories.activity(factories.association(name="Anden"), title="Online", online=True)
    page = _get(
        client, "service_at_locations", organization_id=_id(f"association:{association.pk}")
    )
    [item] = page.json()["contents"]
    assert item == {
        "id": _id(f"service_at_location:{activity.pk}"),
        "service_id": _id(f"activity:{activity.pk}"),
        "location_id": _id(f"location:activity:{activity.pk}"),
        "location": {
            "id": _id(f"location:activity:{activity.pk}"),
            "location_type": "physical",
            "organization_id": _id(f"association:{association.pk}"),
            "name": "Strikkeaften",
        },
        "service": {
            "id": _id(f"activity:{activity.pk}"),
            "organization_id": _id(f"association:{association.pk}"),
            "name": "Strikkeaften",
            "description": activity.description,
            "url": f"http://testserver/foreninger/{association.slug}/",
            "status": "active",
            "assured_date": association.confirmed_on.isoformat(),
            "last_modified": activity.updated_at.isoformat(),
        },
    }
    whole = _get(client, "service_at_location", item["id"]).json()
    assert whole["service"]["name"] == "Strikkeaften"
    assert "service_at_locations" not in whole["service"]
    assert [address["address_1"] for address in whole["location"]["addresses"]] == ["Torvet 1"]


def test_ids_do_not_change_when_the_portal_moves_to_a_new_address(client, faaborg, settings):
    settings.SITE_URL = "https://frivillig.andet-domaene.dk"
    settings.ALLOWED_HOSTS = ["testserver", "frivillig.andet-domaene.dk"]
    ids = [item["id"] for item in _get(client, "taxonomies").json()["contents"]]
    assert ids == [
        "4f83188c-c970-57bc-8287-c9f8d28edf64",
        "86cb6a1e-f48e-5f75-8579-967660a07f43",
        "912fff82-0682-5af9-bf0d-4ccba09fb098",
        "af98b976-f89f-51a3-9bea-081c4abe9ba4",
    ]
    response = client.get(reverse("api:taxonomies"), HTTP_HOST="frivillig.andet-domaene.dk")
    assert [item["id"] for item in response.json()["contents"]] == ids


def _populate(count, terms):
    """Associations like real ones: terms, an address, and an activity in a place and online."""
    for _ in range(count):
        association = factories.association(
            cvr=f"{10_000_000 + Association.objects.count()}",
            street="Torvet 1",
            postcode="5600",
            town="Faaborg",
            phone="62 61 00 00",
            focus_areas=[terms["area"], terms["other_area"]],
            regions=[terms["region"]],
            target_groups=[terms["elderly"]],
        )
        factories.activity(
            association,
            region=terms["region"],
            target_groups=[terms["children"]],
            recurrence=Activity.Recurrence.WEEKLY,
            weekday=Activity.Weekday.MONDAY,
        )
        factories.activity(association, title="Online", online=True, wants_volunteers=True)


# Each list and object of the API, and the queries it runs.
QUERY_COUNTS = [
    (lambda first: reverse("api:index"), 1),
    # The lists' first call; a repeated call is one query (test_api_cache.py).
    (lambda first: reverse("api:organizations") + "?per_page=100", 6),
    (
        lambda first: (
            reverse("api:organizations") + f"?per_page=100&postcode=5600&modified_after=2020-01-01"
            f"&taxonomy_term_id={_id('feature:wants_volunteers')}"
        ),
        9,
    ),
    (lambda first: reverse("api:organization", args=[_id(f"association:{first.pk}")]), 7),
    (lambda first: reverse("api:services") + "?per_page=100", 6),
    (
        lambda first: (
            reverse("api:services")
            + f"?per_page=100&search=online&organization_id={_id(f'association:{first.pk}')}"
        ),
        7,
    ),
    (
        lambda first: reverse("api:service", args=[_id(f"activity:{first.activities.first().pk}")]),
        7,
    ),
    (lambda first: reverse("api:service_at_locations") + "?per_page=100", 6),
    (
        lambda first: reverse(
            "api:service_at_location",
            args=[_id(f"service_at_location:{first.activities.first().pk}")],
        ),
        6,
    ),
    (lambda first: reverse("api:locations") + "?per_page=100", 4),
    (
        lambda first: reverse(
            "api:location", args=[_id(f"location:activity:{first.activities.first().pk}")]
        ),
        3,
    ),
    (lambda first: reverse("api:taxonomies"), 1),
    (lambda first: reverse("api:taxonomy_terms"), 4),
]


def test_it_runs_the_same_number_of_queries_for_5_and_50_associations(client, terms):
    # Whether pg_trgm is installed is asked once per process; ask it before counting.
    _get(client, "organizations", search="x")
    counted = {}
    for added in (5, 45):
        _populate(added, terms)
        first = Association.objects.order_by("pk").first()
        for number, (url, _queries) in enumerate(QUERY_COUNTS):
            target = url(first)
            with CaptureQueriesContext(connection) as queries:
                assert client.get(target).status_code == 200
            counted.setdefault(number, []).append(len(queries))
    assert counted == {number: [queries] * 2 for number, (_url, queries) in enumerate(QUERY_COUNTS)}
