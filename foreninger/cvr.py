"""The CVR register behind a small interface: a CVR number in, name, address, status and
advertising protection out.

`DistributionLookup` asks Erhvervsstyrelsen's CVR data distribution (system-to-system access,
URL and credentials from the environment); `FixtureLookup` reads a file for development and
the tests. CVR_LOOKUP chooses; nothing pretends to have asked the register when it did not.
"""

import base64
import json
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.utils.translation import gettext_lazy as _

from frivillig.datafile import yaml_file

ACTIVE = "active"
CEASED = "ceased"
STATUS_LABELS = {ACTIVE: _("active"), CEASED: _("ceased")}
# The register's own words for a company that no longer exists.
CEASED_WORDS = {"ophørt", "opløst", "tvangsopløst", "under tvangsopløsning", "slettet"}


class CvrLookupError(Exception):
    """The register could not be asked or gave an answer that could not be read."""


@dataclass(frozen=True)
class CvrRecord:
    cvr: str
    name: str
    street: str
    postcode: str
    town: str
    status: str
    advertising_protection: bool

    @property
    def ceased(self):
        return self.status == CEASED


class FixtureLookup:
    def __init__(self, path):
        self.path = Path(path)

    def __call__(self, cvr):
        rows = yaml_file(self.path) or {}
        row = rows.get(cvr)
        if row is None:
            return None
        return CvrRecord(
            cvr=cvr,
            name=row["name"],
            street=row.get("street", ""),
            postcode=str(row.get("postcode", "")),
            town=row.get("town", ""),
            status=row["status"],
            advertising_protection=bool(row.get("advertising_protection")),
        )


def _address(place):
    number = " ".join(
        str(part) for part in (place.get("husnummerFra"), place.get("bogstavFra")) if part
    )
    street = " ".join(part for part in (place.get("vejnavn") or "", number) if part)
    return street, str(place.get("postnummer") or ""), place.get("postdistrikt") or ""


def record_from_distribution(cvr, source):
    """A CvrRecord from one hit (`_source`) of the CVR data distribution's search."""
    company = source.get("Vrvirksomhed") or {}
    meta = company.get("virksomhedMetadata") or {}
    name = (meta.get("nyesteNavn") or {}).get("navn") or ""
    street, postcode, town = _address(meta.get("nyesteBeliggenhedsadresse") or {})
    status_word = (meta.get("sammensatStatus") or "").strip().lower()
    return CvrRecord(
        cvr=cvr,
        name=name,
        street=street,
        postcode=postcode,
        town=town,
        status=CEASED if status_word in CEASED_WORDS else ACTIVE,
        advertising_protection=bool(company.get("reklamebeskyttet")),
    )


class DistributionLookup:
    """The CVR data distribution's search (Elasticsearch) over HTTPS, with a timeout."""

    def __init__(self, url, user, password, timeout):
        self.url, self.user, self.password, self.timeout = url, user, password, timeout

    def __call__(self, cvr):
        query = {"query": {"term": {"Vrvirksomhed.cvrNummer": int(cvr)}}, "size": 1}
        credentials = base64.b64encode(f"{self.user}:{self.password}".encode()).decode()
        request = urllib.request.Request(  # noqa: S310  (the URL is the operator's setting)
            self.url,
            data=json.dumps(query).encode(),
            headers={"Content-Type": "application/json", "Authorization": f"Basic {credentials}"},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=self.timeout) as answer:  # noqa: S310
                hits = json.load(answer)["hits"]["hits"]
        except (OSError, ValueError, KeyError) as error:  # URLError and timeouts are OSErrors
            raise CvrLookupError(str(error)) from error
        if not hits:
            return None
        return record_from_distribution(cvr, hits[0].get("_source") or {})


def cvr_lookup():
    """The lookup CVR_LOOKUP names: "distribution" (the register) or "fixture" (a file)."""
    if settings.CVR_LOOKUP == "distribution":
        return DistributionLookup(
            settings.CVR_DISTRIBUTION_URL,
            settings.CVR_DISTRIBUTION_USER,
            settings.CVR_DISTRIBUTION_PASSWORD,
            settings.CVR_TIMEOUT_SECONDS,
        )
    return FixtureLookup(settings.CVR_FIXTURE_FILE)
