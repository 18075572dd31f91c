"""The CVR register behind its interface, and the nightly check that flags ceased associations."""

import io
import json

import pytest
from django.core.management import call_command

from foreninger import cvr
from foreninger.cvr import CvrLookupError, CvrRecord, DistributionLookup, FixtureLookup
from foreninger.mitid import associations_cvr_refresh
from foreninger.models import Association, AssociationLog
from tests import factories

DISTRIBUTION_HIT = {
    "Vrvirksomhed": {
        "cvrNummer": 37462918,
        "reklamebeskyttet": True,
        "virksomhedMetadata": {
            "nyesteNavn": {"navn": "Foreningen Gammel Tid"},
            "nyesteBeliggenhedsadresse": {
                "vejnavn": "Torvet",
                "husnummerFra": 7,
                "bogstavFra": "B",
                "postnummer": 5600,
                "postdistrikt": "Faaborg",
            },
            "sammensatStatus": "Ophørt",
        },
    }
}


def test_the_fixture_gives_name_address_status_and_advertising_protection(settings):
    lookup = FixtureLookup(settings.CVR_FIXTURE_FILE)
    assert lookup("29183740") == CvrRecord(
        cvr="29183740",
        name="Testklubben Ny Start",
        street="Prøvegade 12",
        postcode="5750",
        town="Ringe",
        status="active",
        advertising_protection=True,
    )
    assert lookup("41029382") is None


def test_a_distribution_hit_is_read_as_a_record():
    assert cvr.record_from_distribution("37462918", DISTRIBUTION_HIT) == CvrRecord(
        cvr="37462918",
        name="Foreningen Gammel Tid",
        street="Torvet 7 B",
        postcode="5600",
        town="Faaborg",
        status="ceased",
        advertising_protection=True,
    )


def test_the_distribution_is_asked_with_credentials_and_a_timeout(monkeypatch):
    asked = {}

    def urlopen(request, timeout):
        asked.update(
            url=request.full_url,
            auth=request.get_header("Authorization"),
            body=json.loads(request.data),
            timeout=timeout,
        )
        return io.BytesIO(json.dumps({"hits": {"hits": [{"_source": DISTRIBUTION_HIT}]}}).encode())

    monkeypatch.setattr(cvr.urllib.request, "urlopen", urlopen)
    lookup = DistributionLookup("https://cvr.example.dk/_search", "bruger", "hemmelig", 3)
    assert lookup("37462918").name == "Foreningen Gammel Tid"
    assert asked == {
        "url": "https://cvr.example.dk/_search",
        "auth": "Basic YnJ1Z2VyOmhlbW1lbGln",
        "body": {"query": {"term": {"Vrvirksomhed.cvrNummer": 37462918}}, "size": 1},
        "timeout": 3,
    }


def test_an_unreachable_distribution_is_a_lookup_error(monkeypatch):
    def urlopen(request, timeout):
        raise TimeoutError("timed out")

    monkeypatch.setattr(cvr.urllib.request, "urlopen", urlopen)
    lookup = DistributionLookup("https://cvr.example.dk/_search", "bruger", "hemmelig", 3)
    with pytest.raises(CvrLookupError, match="timed out"):
        lookup("37462918")


@pytest.mark.django_db
def test_the_nightly_check_flags_a_ceased_association_once():
    ceased = factories.association(name="Lukket", cvr="37462918")
    active = factories.association(name="Sammen", cvr="12345674")
    factories.association(name="Uden CVR")
    out = io.StringIO()
    call_command("refresh_cvr", stdout=out)
    assert out.getvalue() == "CVR register: 2 checked, 1 newly ceased, 0 not answered\n"
    call_command("refresh_cvr", stdout=io.StringIO())
    flagged = dict(Association.objects.exclude(cvr="").values_list("name", "cvr_ceased"))
    assert flagged == {"Lukket": True, "Sammen": False}
    assert ceased.log.filter(action=AssociationLog.Action.CVR_CEASED).count() == 1
    active.refresh_from_db()
    assert active.cvr_checked_on is not None


@pytest.mark.django_db
def test_an_unanswered_lookup_leaves_the_flag_alone():
    association = factories.association(name="Lukket", cvr="37462918", cvr_ceased=True)

    def failing(number):
        raise CvrLookupError("down")

    summary = associations_cvr_refresh(lookup=failing)
    assert summary == "CVR register: 0 checked, 0 newly ceased, 1 not answered"
    association.refresh_from_db()
    assert association.cvr_ceased is True
