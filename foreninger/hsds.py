"""HSDS 3.0 serialization for the open data API: plain dicts built from the portal's objects.

HSDS names: an association is an organization, an activity a service. Focus areas, regions
(egne), target groups and two activity features are four taxonomies; an object's terms are its
attributes. Every id is a UUID derived from the object's primary key (see `hsds_id`).
A value the portal does not have is left out, as the HSDS schemas require (they allow no null).
"""

import functools
import uuid

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from foreninger.models import Activity
from frivillig.models import FocusArea, Region, TargetGroup
from frivillig.selectors import municipality_get

HSDS_VERSION = "3.0"
HSDS_OPENAPI_URL = (
    "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
)

# Fixed, so that an id does not change when the portal moves to a new address (SITE_URL).
ID_NAMESPACE = uuid.UUID("5d1c3f0e-5b0c-4f4e-9a53-6f70656e6461")

# The directory's two activity filters, published as the terms of a fourth taxonomy.
FEATURES = {
    "children_under_15": gettext_lazy("Activities for children under 15"),
    "wants_volunteers": gettext_lazy("Looking for volunteers"),
}


@functools.lru_cache(maxsize=100_000)
def hsds_id(name):
    """The stable UUID (version 5) of an object named like "association:12" or "region:3"."""
    return str(uuid.uuid5(ID_NAMESPACE, name))


TAXONOMY_IDS = {
    kind: hsds_id(f"taxonomy:{kind}")
    for kind in ("focus_area", "region", "target_group", "feature")
}


# Serializers: plain dicts with HSDS 3.0 names.


def _present(**fields):
    """The fields that have a value: HSDS leaves an absent value out rather than null."""
    return {name: value for name, value in fields.items() if value is not None}


def _metadata(resource_key, resource_type, updated_at):
    return [
        {
            "id": hsds_id(f"metadata:{resource_key}"),
            "resource_id": hsds_id(resource_key),
            "resource_type": resource_type,
            "last_action_date": updated_at.isoformat(),
            "last_action_type": "update",
            "field_name": "",
            "previous_value": "",
            "replacement_value": "",
            "updated_by": "",
        }
    ]


def _term(kind, key, *, code, name, description="", term_uri=None):
    return _present(
        id=hsds_id(f"{kind}:{key}"),
        code=code,
        name=str(name),
        description=description,
        taxonomy_id=TAXONOMY_IDS[kind],
        term_uri=term_uri,
    )


def _focus_area_term(area, url):
    return _term(
        "focus_area",
        area.pk,
        code=area.slug,
        name=area.title,
        description=area.goal,
        term_uri=url(area.get_absolute_url()),
    )


def _region_term(region):
    return _term(
        "region", region.pk, code=region.slug, name=region.name, description=region.tagline
    )


def _target_group_term(group):
    return _term("target_group", group.pk, code=group.slug, name=group.name)


def _feature_term(code):
    return _term("feature", code, code=code, name=FEATURES[code])


def _attributes(link_key, link_entity, terms):
    return [
        {
            "id": hsds_id(f"attribute:{link_key}:{term['id']}"),
            "link_id": hsds_id(link_key),
            "link_entity": link_entity,
            "taxonomy_term_id": term["id"],
            "taxonomy_term": term,
        }
        for term in terms
    ]


def _address(location_key, *, street, postcode, town, region=None):
    return _present(
        id=hsds_id(f"address:{location_key}"),
        location_id=hsds_id(location_key),
        address_1=street,
        city=town,
        region=region,
        # Required by HSDS; Danish addresses have no state or province.
        state_province="",
        postal_code=postcode,
        country="DK",
        address_type="physical",
    )


def _has_address(association):
    return bool(association.street or association.postcode or association.town)


def association_location(association):
    key = f"location:association:{association.pk}"
    return {
        "id": hsds_id(key),
        "location_type": "physical",
        "organization_id": hsds_id(f"association:{association.pk}"),
        "name": association.name,
        "addresses": [
            _address(
                key, street=association.street, postcode=association.postcode, town=association.town
            )
        ],
        "metadata": _metadata(key, "location", association.updated_at),
    }


def activity_location(activity):
    key = f"location:activity:{activity.pk}"
    addresses = []
    if not activity.online:
        addresses.append(
            _address(
                key,
                street=activity.street,
                postcode=activity.postcode,
                town=activity.town,
                region=activity.region.name if activity.region else None,
            )
        )
    return {
        "id": hsds_id(key),
        "location_type": "virtual" if activity.online else "physical",
        "organization_id": hsds_id(f"association:{activity.association_id}"),
        "name": activity.title,
        "addresses": addresses,
        "metadata": _metadata(key, "location", activity.updated_at),
    }


RRULE_DAYS = ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]
RRULE_FREQUENCY = {
    Activity.Recurrence.WEEKLY: ("WEEKLY", 1),
    Activity.Recurrence.FORTNIGHTLY: ("WEEKLY", 2),
    Activity.Recurrence.MONTHLY: ("MONTHLY", 1),
}


def _schedules(activity):
    times = [activity.when, activity.recurrence, activity.starts_at, activity.ends_at]
    if not any(times) and activity.weekday is None:
        return []
    freq, interval = RRULE_FREQUENCY.get(activity.recurrence, (None, None))
    weekday = activity.weekday
    # RRULE's MONTHLY;BYDAY=TU means every Tuesday; which Tuesday of the month is not recorded.
    byday = RRULE_DAYS[weekday] if weekday is not None and freq != "MONTHLY" else None
    description = activity.when
    if not description and weekday is not None:
        parts = [activity.get_weekday_display(), activity.get_recurrence_display()]
        description = ", ".join(part for part in parts if part)
    return [
        _present(
            id=hsds_id(f"schedule:activity:{activity.pk}"),
            service_id=hsds_id(f"activity:{activity.pk}"),
            freq=freq,
            interval=interval,
            byday=byday,
            # Local Danish time; a fixed UTC offset would be wrong half the year.
            opens_at=activity.starts_at.strftime("%H:%M") if activity.starts_at else None,
            closes_at=activity.ends_at.strftime("%H:%M") if activity.ends_at else None,
            description=description or None,
        )
    ]


def service_at_location(activity):
    """Where an activity takes place: each activity has one place, possibly online."""
    location = activity_location(activity)
    return {
        "id": hsds_id(f"service_at_location:{activity.pk}"),
        "service_id": hsds_id(f"activity:{activity.pk}"),
        "location_id": location["id"],
        "location": location,
    }


def service(activity, association, url):
    """An activity; `association` is its approved association with its terms prefetched."""
    key = f"activity:{activity.pk}"
    # As on the coverage page: an activity without target groups or a region of its own has
    # its association's.
    target_groups = list(activity.target_groups.all()) or list(association.target_groups.all())
    regions = [activity.region] if activity.region else list(association.regions.all())
    terms = [
        *(_focus_area_term(area, url) for area in association.focus_areas.all()),
        *(_region_term(region) for region in regions),
        *(_target_group_term(group) for group in target_groups),
    ]
    if activity.involves_children_under_15:
        terms.append(_feature_term("children_under_15"))
    if activity.wants_volunteers:
        terms.append(_feature_term("wants_volunteers"))
    return {
        "id": hsds_id(key),
        "organization_id": hsds_id(f"association:{association.pk}"),
        "name": activity.title,
        "description": activity.description,
        "url": url(association.get_absolute_url()),
        "status": "active",
        "assured_date": association.confirmed_on.isoformat(),
        "last_modified": activity.updated_at.isoformat(),
        "schedules": _schedules(activity),
        "service_at_locations": [service_at_location(activity)],
        "attributes": _attributes(key, "service", terms),
        "metadata": _metadata(key, "service", activity.updated_at),
    }


def _one_to_one(item):
    """An HSDS object without its lists, as the list endpoints show it."""
    return {name: value for name, value in item.items() if not isinstance(value, list)}


def service_at_location_full(activity, association, url):
    """One service at a location with its whole service (as `service`, without this again)."""
    whole = service(activity, association, url)
    (place,) = whole.pop("service_at_locations")
    return {**place, "service": whole}


def service_at_location_brief(activity, association, url):
    """One service at a location as /service_at_locations/ lists it: one-to-one fields only."""
    place = service_at_location_full(activity, association, url)
    return {
        **place,
        "location": _one_to_one(place["location"]),
        "service": _one_to_one(place["service"]),
    }


def organization(association, url):
    """An association from `api._organizations()`, with its terms and activity flags."""
    key = f"association:{association.pk}"
    terms = [
        *(_focus_area_term(area, url) for area in association.focus_areas.all()),
        *(_region_term(region) for region in association.regions.all()),
        *(_target_group_term(group) for group in association.target_groups.all()),
    ]
    if association.has_children_activity:
        terms.append(_feature_term("children_under_15"))
    if association.wants_volunteers:
        terms.append(_feature_term("wants_volunteers"))
    description = association.short_description
    if association.description:
        description = f"{description}\n\n{association.description}"
    identifiers = []
    if association.cvr:
        identifiers.append(
            {
                "id": hsds_id(f"organization_identifier:{key}"),
                "organization_id": hsds_id(key),
                "identifier_scheme": "DK-CVR",
                "identifier_type": "CVR",
                "identifier": association.cvr,
            }
        )
    phones = []
    if association.phone:
        phones.append(
            {
                "id": hsds_id(f"phone:{key}"),
                "organization_id": hsds_id(key),
                "number": association.phone,
            }
        )
    return {
        "id": hsds_id(key),
        **_present(
            name=association.name,
            description=description,
            website=association.website or None,
        ),
        "legal_status": association.get_kind_display(),
        "organization_identifiers": identifiers,
        "phones": phones,
        "locations": [association_location(association)] if _has_address(association) else [],
        "attributes": _attributes(key, "organization", terms),
        "metadata": _metadata(key, "organization", association.updated_at),
    }


def taxonomies():
    municipality = municipality_get()
    focus_areas = (
        capfirst(municipality.focus_area_label_plural) if municipality else _("Focus areas")
    )
    details = [
        (
            "focus_area",
            focus_areas,
            _(
                "The focus areas of the municipality's strategy for voluntary social work. "
                "A service has the focus areas of its organization."
            ),
        ),
        (
            "region",
            _("Regions"),
            _(
                "The areas (egne) of the municipality. A service without a region of its own "
                "takes place in its organization's regions."
            ),
        ),
        (
            "target_group",
            _("Target groups"),
            _(
                "Who the offers are for. A service without target groups of its own is for its "
                "organization's target groups."
            ),
        ),
        (
            "feature",
            _("Activity features"),
            _(
                "Children under 15 take part, or new volunteers are wanted. An organization "
                "has a feature when one of its services has it."
            ),
        ),
    ]
    return [
        {
            "id": TAXONOMY_IDS[kind],
            "name": str(name),
            "description": description,
        }
        for kind, name, description in details
    ]


def taxonomy_terms(url):
    """Every term with its taxonomy, as /taxonomy_terms/ shows it, in four queries."""
    by_id = {taxonomy["id"]: taxonomy for taxonomy in taxonomies()}
    terms = [
        *(_focus_area_term(area, url) for area in FocusArea.objects.order_by("number")),
        *(_region_term(region) for region in Region.objects.order_by("order", "name")),
        *(_target_group_term(group) for group in TargetGroup.objects.order_by("order", "name")),
        *(_feature_term(code) for code in FEATURES),
    ]
    for term in terms:
        taxonomy = by_id[term["taxonomy_id"]]
        term["taxonomy"] = taxonomy["name"]
        term["taxonomy_detail"] = taxonomy
    return terms
