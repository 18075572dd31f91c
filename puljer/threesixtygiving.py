"""Decided grants in the 360Giving Data Standard (schema 1.4): a package per year, as JSON and
flattened into one row per grant with the standard's column titles (CSV and XLSX).

Only decided grants, and nothing personal: no contact person, no reason or internal note.
docs/open-data.md describes each field and where it comes from.
"""

from django.db.models import Prefetch
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig.models import FocusArea, Region
from frivillig.selectors import municipality_get
from frivillig.text import danish_slugify
from puljer.models import GRANTED_STATUSES, Application

VERSION = "1.4"
# The licence the portal publishes its open data under (docs/open-data.md).
LICENCE = "https://creativecommons.org/licenses/by/4.0/"


def decided_grants():
    return Application.objects.filter(status__in=GRANTED_STATUSES, decided_at__isnull=False)


def years_with_grants():
    """The years (of the pools) that have a package: those with at least one decided grant."""
    years = decided_grants().order_by("-round__pool__year").values_list("round__pool__year")
    return [year for (year,) in years.distinct()]


def _grants_of(year):
    return (
        decided_grants()
        .filter(round__pool__year=year)
        .select_related("association", "round__pool", "activity__region")
        .prefetch_related(
            Prefetch("focus_areas", queryset=FocusArea.objects.order_by("number")),
            Prefetch("association__regions", queryset=Region.objects.order_by("order", "name")),
        )
        .order_by("reference", "pk")
    )


def _prefix(municipality):
    """The publisher's 360Giving prefix; until 360Giving gives one, the municipality's name."""
    return municipality.threesixtygiving_prefix or danish_slugify(municipality.name)


def _organization_id(cvr, fallback):
    """A CVR number as org-id.guide writes it, else a portal identifier under the prefix."""
    return f"DK-CVR-{cvr}" if cvr else fallback


def _funder(municipality, prefix):
    return {
        "id": _organization_id(municipality.cvr, f"360G-{prefix}-municipality"),
        "name": municipality.name,
        **({"department": municipality.department} if municipality.department else {}),
    }


def _recipient(association, prefix):
    recipient = {
        "id": _organization_id(association.cvr, f"360G-{prefix}-association-{association.pk}"),
        "name": association.name,
    }
    if association.postcode:
        recipient["postalCode"] = association.postcode
    if association.town:
        recipient["addressLocality"] = association.town
    recipient["addressCountry"] = "DK"
    return recipient


def _grant(application, *, municipality, prefix, url):
    pool = application.round.pool
    activity = application.activity
    # The egn of the activity, else the association's (as in the directory).
    regions = (
        [activity.region]
        if activity and activity.region
        else list(application.association.regions.all())
    )
    grant = {
        "id": f"360G-{prefix}-{application.reference}",
        "title": application.title,
        "description": application.purpose or application.title,
        "currency": "DKK",
        "amountAwarded": application.amount_granted,
        "awardDate": timezone.localdate(application.decided_at).isoformat(),
        "recipientOrganization": [_recipient(application.association, prefix)],
        "fundingOrganization": [_funder(municipality, prefix)],
        "grantProgramme": [
            {
                "code": f"{pool.kind}-{pool.year}",
                "title": pool.name,
                "description": pool.legal_basis,
                "url": url(pool.get_absolute_url()),
            }
        ],
        "dataSource": url(reverse("puljer:year", args=[pool.year])),
    }
    if application.period_start:
        dates = {"startDate": application.period_start.isoformat()}
        if application.period_end:
            dates["endDate"] = application.period_end.isoformat()
        grant["plannedDates"] = [dates]
    if regions:
        grant["beneficiaryLocation"] = [
            {"name": region.name, "countryCode": "DK"} for region in regions
        ]
    areas = application.focus_areas.all()
    if areas:
        grant["classifications"] = [
            {
                "vocabulary": municipality.strategy_title,
                "code": area.slug,
                "title": area.title,
                "url": url(area.get_absolute_url()),
            }
            for area in areas
        ]
    return grant


def package(year, url):
    """The year's 360Giving package, or None when the year has no decided grant (the standard
    needs at least one). `url` makes a path absolute."""
    municipality = municipality_get()
    grants = list(_grants_of(year)) if municipality else []
    if not grants:
        return None
    prefix = _prefix(municipality)
    return {
        "version": VERSION,
        "identifier": f"360G-{prefix}-{year}",
        "title": _("Grants for voluntary social work %(year)s, %(municipality)s")
        % {"year": year, "municipality": municipality.name},
        "description": _("The municipality's decided grants for voluntary social work in %(year)s.")
        % {"year": year},
        "publisher": {
            "identifier": _funder(municipality, prefix)["id"],
            "name": municipality.name,
            "website": url("/"),
        },
        "license": LICENCE,
        "accessURL": url(reverse("puljer:year", args=[year])),
        "downloadURL": url(reverse("puljer:threesixtygiving_json", args=[year])),
        "grants": [
            _grant(application, municipality=municipality, prefix=prefix, url=url)
            for application in grants
        ],
    }


# The flattened form: one row per grant, the columns titled as in the standard's spreadsheet
# template ("Recipient Org:Identifier"). A list with room for more than one item (regions,
# focus areas) gets numbered columns ("Beneficiary Location:0:Name").
COLUMNS = [
    ("Identifier", "id"),
    ("Title", "title"),
    ("Description", "description"),
    ("Currency", "currency"),
    ("Amount Awarded", "amountAwarded"),
    ("Award Date", "awardDate"),
    ("Planned Dates:Start Date", ("plannedDates", "startDate")),
    ("Planned Dates:End Date", ("plannedDates", "endDate")),
    ("Recipient Org:Identifier", ("recipientOrganization", "id")),
    ("Recipient Org:Name", ("recipientOrganization", "name")),
    ("Recipient Org:Postal Code", ("recipientOrganization", "postalCode")),
    ("Recipient Org:City", ("recipientOrganization", "addressLocality")),
    ("Recipient Org:Country", ("recipientOrganization", "addressCountry")),
    ("Funding Org:Identifier", ("fundingOrganization", "id")),
    ("Funding Org:Name", ("fundingOrganization", "name")),
    ("Funding Org:Department", ("fundingOrganization", "department")),
    ("Grant Programme:Code", ("grantProgramme", "code")),
    ("Grant Programme:Title", ("grantProgramme", "title")),
    ("Grant Programme:Description", ("grantProgramme", "description")),
    ("Grant Programme:URL", ("grantProgramme", "url")),
    ("Data Source", "dataSource"),
]
NUMBERED = [
    (
        "Beneficiary Location",
        "beneficiaryLocation",
        [("Name", "name"), ("Country Code", "countryCode")],
    ),
    (
        "Classifications",
        "classifications",
        [("Vocabulary", "vocabulary"), ("Code", "code"), ("Title", "title"), ("URL", "url")],
    ),
]


def _value(grant, path):
    if isinstance(path, str):
        return grant.get(path)
    field, name = path
    items = grant.get(field) or [{}]
    return items[0].get(name)


def flattened(data):
    """The package's grants as (header, rows)."""
    grants = data["grants"]
    header = [title for title, _path in COLUMNS]
    numbered = []
    for list_title, field, parts in NUMBERED:
        most = max(len(grant.get(field, [])) for grant in grants)
        for index in range(most):
            for part_title, name in parts:
                header.append(f"{list_title}:{index}:{part_title}")
                numbered.append((field, index, name))
    rows = [
        [_value(grant, path) for _title, path in COLUMNS]
        + [
            item[index].get(name) if index < len(item := grant.get(field, [])) else None
            for field, index, name in numbered
        ]
        for grant in grants
    ]
    return header, rows
