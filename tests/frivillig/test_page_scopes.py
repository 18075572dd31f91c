"""Which tables renew which cached pages: declared once by the apps, made into triggers by their
migrations, and covering every table a cached page reads."""

import io
import re

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from folgegruppe import services as group_services
from foreninger.models import Association
from frivillig import pagecache
from frivillig.datafile import municipality_load
from frivillig.models import FocusArea
from puljer.models import Pool
from tests import factories
from tests.conftest import data_file, seeded_once

SCOPES = {
    # What the public writes renews only the page that shows it (frivillig/apps.py says why).
    "awards": ["frivillig_nomination"],
    # The votes are not here (folgegruppe/apps.py says why).
    "folgegruppe": [
        "folgegruppe_candidate",
        "folgegruppe_candidateresult",
        "folgegruppe_election",
        "folgegruppe_electionresult",
        "folgegruppe_groupseat",
        "folgegruppe_meeting",
        "folgegruppe_meeting_partners",
        "folgegruppe_meetingpartner",
    ],
    "foreninger": [
        "foreninger_activity",
        "foreninger_activity_target_groups",
        "foreninger_association",
        "foreninger_association_focus_areas",
        "foreninger_association_regions",
        "foreninger_association_target_groups",
        "foreninger_regionplace",
        # The directory's cached search reads the synonyms (in foreninger_search_query) and
        # finds a region by its places (foreninger_regionplace).
        "foreninger_searchsynonym",
    ],
    "frivillig": [
        "frivillig_actionplan",
        "frivillig_actionplangoal",
        "frivillig_awardcategory",
        "frivillig_event",
        "frivillig_exampleinitiative",
        "frivillig_focusarea",
        "frivillig_goalstatusupdate",
        "frivillig_meetingplace",
        "frivillig_municipality",
        "frivillig_openinghours",
        "frivillig_page",
        "frivillig_region",
        "frivillig_targetgroup",
    ],
    "frivilligjob": ["foreninger_opportunity", "foreninger_opportunity_target_groups"],
    # The transparency page reads what was paid and repaid (payments 0003).
    "puljer": [
        "payments_paymentline",
        "payments_repaymentclaim",
        "puljer_application",
        "puljer_application_focus_areas",
        "puljer_application_target_groups",
        "puljer_pool",
        "puljer_round",
    ],
}
# The frame's query reads the numbers themselves.
VERSIONS = "frivillig_version"
TABLE = re.compile(r'\b(?:FROM|JOIN)\s+"?([a-z][a-z0-9_]*)"?')


def test_the_apps_declare_these_tables_for_each_scope():
    assert pagecache.scope_tables() == SCOPES


def test_the_migrations_made_a_trigger_for_every_declared_table_and_no_other(db):
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT t.tgname, c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
            "WHERE t.tgfoid = 'frivillig_version_bump'::regproc"
        )
        triggers = set(cursor.fetchall())
    assert triggers == {
        (f"{scope}_version", table) for scope, tables in SCOPES.items() for table in tables
    }


def _seed():
    municipality_load(data=data_file("faaborg-midtfyn.yaml"))
    call_command("seed_demo", stdout=io.StringIO())


@pytest.fixture(scope="module")
def seeded(django_db_setup, django_db_blocker):
    """Every app's demo data, seeded once for the module."""
    with seeded_once(django_db_blocker, _seed):
        yield


def _association():
    return Association.objects.filter(status=Association.Status.APPROVED).first()


def _published_election():
    """An election voted in, closed and published (the demo publishes none)."""
    election = factories.voting_election(candidates=2)
    group_services.ballot_cast(
        election=election,
        association=_association(),
        candidates=[election.candidates.order_by("pk").first()],
        user=None,
    )
    group_services.election_close(election=election, user=None)
    return group_services.election_publish(election=election, user=None)


URLS = {
    "home": lambda: reverse("home"),
    "focus_area": lambda: reverse("focus_area", args=[FocusArea.objects.get(number=1).slug]),
    "directory": lambda: reverse("foreninger:directory"),
    "association": lambda: reverse("foreninger:detail", args=[_association().slug]),
    "grant_year": lambda: reverse("puljer:year", args=[Pool.objects.latest("year").year]),
    "open_data": lambda: reverse("api:organizations"),
    "group": lambda: reverse("folgegruppe:group"),
    "election_results": lambda: reverse("folgegruppe:results", args=[_published_election().pk]),
    "awards": lambda: reverse("awards"),
}


@pytest.mark.parametrize(
    ("page", "scopes"),
    [
        ("home", ["foreninger", "frivillig", "frivilligjob", "puljer"]),
        ("focus_area", ["foreninger", "frivillig", "puljer"]),
        ("directory", ["foreninger", "frivillig"]),
        ("association", ["foreninger", "frivillig", "frivilligjob", "puljer"]),
        ("grant_year", ["foreninger", "frivillig", "puljer"]),
        ("open_data", ["foreninger", "frivillig"]),
        ("group", ["folgegruppe", "foreninger", "frivillig"]),
        ("election_results", ["folgegruppe", "foreninger", "frivillig"]),
        ("awards", ["awards", "frivillig"]),
    ],
)
def test_a_cached_page_reads_only_tables_of_the_scopes_it_is_kept_under(
    seeded, db, client, page, scopes
):
    url = URLS[page]()
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    read = {table for query in queries for table in TABLE.findall(query["sql"])}
    allowed = {VERSIONS, *(table for scope in scopes for table in SCOPES[scope])}
    assert read - allowed == set()
