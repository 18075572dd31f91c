"""Every answer of /api/v1/ validates against the HSDS 3.0 release's own schemas.

For the demo data of each of the four municipalities (its data file + `seed_demo`), loaded once
per municipality. The schemas are the release's (tests/standards/hsds-3.0, see its README); the
page envelope and which schema each endpoint answers with come from the release's OpenAPI file.
"""

import io
import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.urls import reverse
from jsonschema import Draft202012Validator
from referencing import Registry
from referencing.jsonschema import DRAFT202012

from frivillig.datafile import municipality_load
from tests.conftest import data_file, seeded_once

STANDARD = Path(__file__).parent.parent / "standards" / "hsds-3.0"
BASE = "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/"
# Where the OpenAPI file refers to each schema file of the folder.
SCHEMA_URIS = {
    "openapi.json": BASE + "openapi.json",
    "taxonomy.json": BASE + "taxonomy.json",
    "taxonomy_term.json": BASE + "taxonomy_term.json",
    **{
        name: BASE + "compiled/" + name
        for name in (
            "organization.json",
            "organization_list.json",
            "service.json",
            "service_list.json",
            "service_at_location.json",
            "service_at_location_list.json",
        )
    },
}
PAGE_KEYS = {
    "total_items",
    "total_pages",
    "page_number",
    "size",
    "first_page",
    "last_page",
    "empty",
    "contents",
}


def _registry():
    resources = [
        (uri, DRAFT202012.create_resource(json.loads((STANDARD / name).read_text())))
        for name, uri in SCHEMA_URIS.items()
    ]
    return Registry().with_resources(resources)


REGISTRY = _registry()


def _validator(schema):
    return Draft202012Validator(
        schema, registry=REGISTRY, format_checker=Draft202012Validator.FORMAT_CHECKER
    )


def _response_schema(path):
    """The schema of a 200 answer of `path` in the OpenAPI file, by JSON pointer."""
    pointer = path.replace("~", "~0").replace("/", "~1")
    return {
        "$ref": f"{SCHEMA_URIS['openapi.json']}#/paths/{pointer}/get/responses/200/content"
        "/application~1json/schema"
    }


VALIDATORS = {
    path: _validator(_response_schema(path))
    for path in (
        "/",
        "/organizations",
        "/organizations/{id}",
        "/services",
        "/services/{id}",
        "/taxonomies",
        "/taxonomies/{id}",
        "/taxonomy_terms",
        "/taxonomy_terms/{id}",
        "/service_at_locations",
    )
}
# The OpenAPI file of the 3.0 release names the service schema for one service at a location, a
# slip that later releases correct: it is checked against the compiled service_at_location.
VALIDATORS["/service_at_locations/{id}"] = _validator(
    {"$ref": SCHEMA_URIS["service_at_location.json"]}
)
# /locations is the portal's own (HSDS 3.0's API has none): each is a location as nested in a
# service at a location.
VALIDATORS["location"] = _validator(
    {"$ref": SCHEMA_URIS["service_at_location.json"] + "#/properties/location"}
)
LISTS = {"/", "/organizations", "/services", "/service_at_locations", "/taxonomies"}
TAXONOMIES = {"/taxonomies/{id}", "/taxonomy_terms", "/taxonomy_terms/{id}"}
ASSOCIATIONS = {
    "/organizations/{id}",
    "/services/{id}",
    "/service_at_locations/{id}",
    "location",
}
# What each municipality's demo data gives answers for: the demo associations are
# Faaborg-Midtfyn's; the others have only their taxonomies.
MUNICIPALITIES = {
    "faaborg-midtfyn.yaml": LISTS | TAXONOMIES | ASSOCIATIONS,
    "soenderborg.yaml": LISTS | TAXONOMIES,
    "syddjurs.yaml": LISTS | TAXONOMIES,
    "toender.yaml": LISTS | TAXONOMIES,
}


def _errors(validator, document):
    return [
        f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
        for error in validator.iter_errors(document)
    ]


def _seed(name):
    municipality_load(data=data_file(name))
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture(scope="module", params=list(MUNICIPALITIES))
def demo(request, django_db_setup, django_db_blocker):
    with seeded_once(django_db_blocker, lambda: _seed(request.param)):
        yield request.param


def _get(client, url, **params):
    response = client.get(url, params)
    assert response.status_code == 200, url
    return response.json()


def _pages(client, name):
    """Every page of a list, checking each one's envelope on the way."""
    page = 1
    while True:
        body = _get(client, reverse(f"api:{name}"), page=page, per_page=100)
        assert set(body) == PAGE_KEYS, name
        yield body
        if body["last_page"] or body["empty"]:
            return
        page += 1


# Each organization is fetched alone: its answer nests all its services, their locations and
# schedules, and its own locations, so every object is checked against the compiled schemas.
# Of the other single answers, built by the same functions, a few of each are enough.
SAMPLE = 3


def _documents(client):
    """(the OpenAPI path, the document) of the API's answers for the loaded data."""
    yield "/", _get(client, reverse("api:index"))
    for name, single, path in [
        ("organizations", "organization", "/organizations/{id}"),
        ("services", "service", "/services/{id}"),
        ("taxonomies", "taxonomy", "/taxonomies/{id}"),
        ("taxonomy_terms", "taxonomy_term", "/taxonomy_terms/{id}"),
        ("service_at_locations", "service_at_location", "/service_at_locations/{id}"),
        ("locations", "location", "location"),
    ]:
        items = []
        for page in list(_pages(client, name)):
            # /locations is no HSDS endpoint: its items are checked one by one.
            yield from (
                [(path, item) for item in page["contents"]]
                if name == "locations"
                else [(f"/{name}", page)]
            )
            items += page["contents"]
        if name != "organizations":
            items = items[:SAMPLE]
        for item in items:
            yield path, _get(client, reverse(f"api:{single}", args=[item["id"]]))


def test_every_answer_validates_against_the_hsds_schemas(client, demo, db):
    checked, errors = set(), []
    for path, document in _documents(client):
        checked.add(path)
        errors += [f"{path} {error}" for error in _errors(VALIDATORS[path], document)]
    assert errors == []
    assert checked == MUNICIPALITIES[demo]


def test_the_schemas_refuse_a_null_and_check_formats():
    organization = {"id": "b49b76d6-0000-4000-8000-000000000000", "name": "A", "description": ""}
    assert _errors(VALIDATORS["/organizations/{id}"], organization) == []
    wrong = {**organization, "alternate_name": None, "website": "ikke en adresse"}
    assert sorted(_errors(VALIDATORS["/organizations/{id}"], wrong)) == [
        "alternate_name: None is not of type 'string'",
        "website: 'ikke en adresse' is not a 'uri'",
    ]
    page = {**dict.fromkeys(PAGE_KEYS - {"contents"}, 0), "contents": [{"id": "1"}]}
    assert sorted(_errors(VALIDATORS["/taxonomies"], page)) == [
        "contents/0/id: '1' is not a 'uuid'",
        "contents/0: 'description' is a required property",
        "contents/0: 'name' is a required property",
        "empty: 0 is not of type 'boolean'",
        "first_page: 0 is not of type 'boolean'",
        "last_page: 0 is not of type 'boolean'",
    ]
