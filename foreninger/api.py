"""Open data: a read-only JSON API in the shape of HSDS 3.0, and the directory as CSV.

Only approved associations and their activities are published, and only their public fields:
never an association's e-mail address, rejection reason, cooperation agreement, børneattest check
or reminders, nor an activity's contact person (a private individual). docs/open-data.md
describes both for the people who use them.

HSDS names: an association is an organization, an activity a service. Focus areas, regions
(egne), target groups and two activity features are four taxonomies; an object's terms are its
attributes. Every id is a UUID derived from the object's primary key (see `hsds_id`).
"""

import csv
import functools
import math
import re
import uuid
from datetime import datetime, time

from django.conf import settings
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from foreninger.forms import DirectoryFilterForm
from foreninger.models import Activity, Association
from foreninger.selectors import (
    approved_associations,
    directory_search,
    prefix_query,
    search_words,
    with_card_details,
)
from frivillig.models import FocusArea, Region, TargetGroup
from frivillig.selectors import municipality_get

HSDS_VERSION = "3.0"
HSDS_OPENAPI_URL = (
    "https://raw.githubusercontent.com/openreferral/specification/3.0/schema/openapi.json"
)
DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
# Nine digits at most: larger numbers are no page anyone has, and int() of a huge string is slow.
WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
POSTCODE = re.compile(r"[0-9]{4}")

# Derived from the portal's public address, so that two municipalities' portals never give
# the same id to different associations; moving the portal to a new address changes every id.
ID_NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, settings.SITE_URL)

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


class BadParameter(Exception):
    def __init__(self, parameter, message):
        super().__init__(message)
        self.parameter = parameter
        self.message = message


class NotFound(Exception):
    pass


def open_data(view):
    """A GET-only JSON view that any web page may call; bad input gives 400 or 404 as JSON."""

    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        try:
            data, status = view(request, *args, **kwargs), 200
        except BadParameter as error:
            data, status = {"error": error.message, "parameter": error.parameter}, 400
        except NotFound as error:
            data, status = {"error": str(error)}, 404
        response = JsonResponse(data, status=status, json_dumps_params={"ensure_ascii": False})
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return require_safe(wrapper)


# Query parameters


def _whole_number(request, name, *, default, maximum=None):
    value = request.GET.get(name, "").strip()
    if not value:
        return default
    if WHOLE_NUMBER.fullmatch(value) and 1 <= int(value) <= (maximum or math.inf):
        return int(value)
    if maximum:
        message = _("“%(name)s” must be a whole number from 1 to %(maximum)s.")
    else:
        message = _("“%(name)s” must be a whole number of 1 or more.")
    raise BadParameter(name, message % {"name": name, "maximum": maximum})


def _paging(request):
    return (
        _whole_number(request, "page", default=1),
        _whole_number(request, "per_page", default=DEFAULT_PER_PAGE, maximum=MAX_PER_PAGE),
    )


def _modified_after(request):
    value = request.GET.get("modified_after", "").strip()
    if not value:
        return None
    try:
        moment = parse_datetime(value)
        if moment is None and (day := parse_date(value)):
            moment = datetime.combine(day, time.min)
    except ValueError:
        moment = None
    if moment is None:
        raise BadParameter(
            "modified_after",
            _(
                "“modified_after” must be a date or a date and time in ISO 8601, "
                "for example 2026-01-31 or 2026-01-31T12:00:00Z."
            ),
        )
    # Without an offset the time is the municipality's local time.
    return timezone.make_aware(moment) if timezone.is_naive(moment) else moment


def _postcode(request):
    value = request.GET.get("postcode", "").strip()
    if value and not POSTCODE.fullmatch(value):
        raise BadParameter("postcode", _("“postcode” must be a Danish postcode of four digits."))
    return value


def _uuid(text):
    try:
        return str(uuid.UUID(text))
    except ValueError:
        return None


def _pk_with_id(pks, prefix, wanted):
    """The primary key whose id is `wanted`. Ids are one-way hashes, so each one is compared."""
    wanted = _uuid(wanted)
    if wanted is None:
        return None
    return next((pk for pk in pks if hsds_id(f"{prefix}:{pk}") == wanted), None)


def _organization_pk(request):
    """The approved association named by the `organization_id` parameter, if any."""
    value = request.GET.get("organization_id", "").strip()
    if not value:
        return None
    pk = _pk_with_id(approved_associations().values_list("pk", flat=True), "association", value)
    if pk is None:
        raise BadParameter(
            "organization_id",
            _("“organization_id” must be the id of an organization in /api/v1/organizations/."),
        )
    return pk


def _all_terms():
    """Every taxonomy term as (kind, key), where key is a primary key or a feature code."""
    return [
        *(("focus_area", pk) for pk in FocusArea.objects.values_list("pk", flat=True)),
        *(("region", pk) for pk in Region.objects.values_list("pk", flat=True)),
        *(("target_group", pk) for pk in TargetGroup.objects.values_list("pk", flat=True)),
        *(("feature", code) for code in FEATURES),
    ]


def _taxonomy_term(request):
    value = request.GET.get("taxonomy_term_id", "").strip()
    if not value:
        return None
    wanted = _uuid(value)
    for kind, key in _all_terms():
        if hsds_id(f"{kind}:{key}") == wanted:
            return kind, key
    raise BadParameter(
        "taxonomy_term_id",
        _("“taxonomy_term_id” must be the id of a term in /api/v1/taxonomy_terms/."),
    )


def _page(paging, total, fetch):
    """An HSDS page of `total` items; fetch(offset, limit) returns the page's serialized items."""
    page, per_page = paging
    offset = (page - 1) * per_page
    contents = fetch(offset, per_page) if offset < total else []
    total_pages = math.ceil(total / per_page)
    return {
        "total_items": total,
        "total_pages": total_pages,
        "page_number": page,
        "size": len(contents),
        "first_page": page == 1,
        "last_page": page >= total_pages,
        "empty": not contents,
        "contents": contents,
    }


def _page_of_list(paging, items):
    return _page(paging, len(items), lambda offset, limit: items[offset : offset + limit])


# Serializers: plain dicts with HSDS 3.0 names; a field the portal does not have is null.


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
    return {
        "id": hsds_id(f"{kind}:{key}"),
        "code": code,
        "name": str(name),
        "description": description,
        "parent_id": None,
        "taxonomy_id": TAXONOMY_IDS[kind],
        "term_uri": term_uri,
    }


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
    return {
        "id": hsds_id(f"address:{location_key}"),
        "location_id": hsds_id(location_key),
        "attention": None,
        "address_1": street,
        "address_2": None,
        "city": town,
        "region": region,
        "state_province": "",
        "postal_code": postcode,
        "country": "DK",
        "address_type": "physical",
    }


def _has_address(association):
    return bool(association.street or association.postcode or association.town)


def _association_location(association):
    key = f"location:association:{association.pk}"
    return {
        "id": hsds_id(key),
        "location_type": "physical",
        "url": None,
        "organization_id": hsds_id(f"association:{association.pk}"),
        "name": association.name,
        "description": None,
        "addresses": [
            _address(
                key, street=association.street, postcode=association.postcode, town=association.town
            )
        ],
        "metadata": _metadata(key, "location", association.updated_at),
    }


def _activity_location(activity):
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
        "url": None,
        "organization_id": hsds_id(f"association:{activity.association_id}"),
        "name": activity.title,
        "description": None,
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
        {
            "id": hsds_id(f"schedule:activity:{activity.pk}"),
            "service_id": hsds_id(f"activity:{activity.pk}"),
            "freq": freq,
            "interval": interval,
            "byday": byday,
            # Local Danish time; a fixed UTC offset would be wrong half the year.
            "opens_at": activity.starts_at.strftime("%H:%M") if activity.starts_at else None,
            "closes_at": activity.ends_at.strftime("%H:%M") if activity.ends_at else None,
            "description": description,
        }
    ]


def _service(activity, association, url):
    """An activity; `association` is its approved association with its terms prefetched."""
    key = f"activity:{activity.pk}"
    location = _activity_location(activity)
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
        "alternate_name": None,
        "description": activity.description,
        "url": url(association.get_absolute_url()),
        "status": "active",
        "assured_date": association.confirmed_on.isoformat(),
        "schedules": _schedules(activity),
        "service_at_locations": [
            {
                "id": hsds_id(f"service_at_location:{activity.pk}"),
                "service_id": hsds_id(key),
                "location_id": location["id"],
                "location": location,
            }
        ],
        "attributes": _attributes(key, "service", terms),
        "metadata": _metadata(key, "service", activity.updated_at),
    }


def _organization(association, url):
    """An association from `_organizations()`, with its terms and activity flags."""
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
        "name": association.name,
        "alternate_name": None,
        "description": description,
        "website": association.website or None,
        "legal_status": association.get_kind_display(),
        "organization_identifiers": identifiers,
        "phones": phones,
        "locations": [_association_location(association)] if _has_address(association) else [],
        "attributes": _attributes(key, "organization", terms),
        "metadata": _metadata(key, "organization", association.updated_at),
    }


def _taxonomies():
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
            "uri": None,
            "version": None,
        }
        for kind, name, description in details
    ]


def _taxonomy_terms(url):
    """Every term with its taxonomy, as /taxonomy_terms/ shows it, in four queries."""
    taxonomies = {taxonomy["id"]: taxonomy for taxonomy in _taxonomies()}
    terms = [
        *(_focus_area_term(area, url) for area in FocusArea.objects.order_by("number")),
        *(_region_term(region) for region in Region.objects.order_by("order", "name")),
        *(_target_group_term(group) for group in TargetGroup.objects.order_by("order", "name")),
        *(_feature_term(code) for code in FEATURES),
    ]
    for term in terms:
        taxonomy = taxonomies[term["taxonomy_id"]]
        term["taxonomy"] = taxonomy["name"]
        term["taxonomy_detail"] = taxonomy
    return terms


# Querysets


def _organizations(associations):
    return with_card_details(associations).defer("search_vector")


def _public_activities():
    return Activity.objects.filter(association__status=Association.Status.APPROVED)


def _activity_details(activities):
    return (
        activities.select_related("region")
        .defer("search_vector")
        .prefetch_related(
            Prefetch("target_groups", queryset=TargetGroup.objects.order_by("order", "name"))
        )
    )


def _services(activities):
    """Activities with their associations' terms, which `_service` falls back on."""
    return (
        _activity_details(activities)
        .select_related("association")
        .defer("association__search_vector")
        .prefetch_related(
            Prefetch("association__focus_areas", queryset=FocusArea.objects.order_by("number")),
            Prefetch("association__regions", queryset=Region.objects.order_by("order", "name")),
            Prefetch(
                "association__target_groups",
                queryset=TargetGroup.objects.order_by("order", "name"),
            ),
        )
    )


def _service_term_filter(kind, key):
    """Activities that have the term among their attributes (see `_service`)."""
    association = OuterRef("association")
    if kind == "focus_area":
        return Exists(
            Association.focus_areas.through.objects.filter(association=association, focusarea=key)
        )
    if kind == "region":
        inherited = Exists(
            Association.regions.through.objects.filter(association=association, region=key)
        )
        return Q(region=key) | (Q(region__isnull=True) & inherited)
    if kind == "target_group":
        own = Activity.target_groups.through.objects.filter(activity=OuterRef("pk"))
        inherited = Exists(
            Association.target_groups.through.objects.filter(
                association=association, targetgroup=key
            )
        )
        return Exists(own.filter(targetgroup=key)) | (~Exists(own) & inherited)
    if key == "children_under_15":
        return Q(involves_children_under_15=True)
    return Q(wants_volunteers=True)


# The feature terms as `directory_search`'s activity filters.
FEATURE_SEARCH_ARGUMENTS = {"children_under_15": "children", "wants_volunteers": "volunteers"}


def _organization_term_filter(kind, key):
    """Keyword arguments for `directory_search`: the association or any activity has the term."""
    if kind == "feature":
        return {FEATURE_SEARCH_ARGUMENTS[key]: True}
    return {kind: key}


# Views


@open_data
def index(request):
    municipality = municipality_get()
    url = request.build_absolute_uri
    paging = ["page", "per_page"]
    endpoints = [
        (
            "api:organizations",
            _("Approved associations, with CVR number as organization identifier."),
            ["search", "taxonomy_term_id", "postcode", "modified_after", *paging],
        ),
        (
            "api:services",
            _("The activities of the approved associations."),
            [
                "search",
                "taxonomy_term_id",
                "organization_id",
                "postcode",
                "modified_after",
                *paging,
            ],
        ),
        (
            "api:locations",
            _("The addresses of the associations and the places of their activities."),
            ["organization_id", "postcode", "modified_after", *paging],
        ),
        ("api:taxonomies", _("Focus areas, regions, target groups and activity features."), paging),
        ("api:taxonomy_terms", _("The terms of the taxonomies."), ["taxonomy_id", *paging]),
    ]
    return {
        "version": HSDS_VERSION,
        "openapi_url": HSDS_OPENAPI_URL,
        "description": _(
            "Open data about the voluntary social associations in the municipality's directory, "
            "in the shape of the Human Services Data Specification (HSDS) 3.0."
        ),
        "publisher": {
            "name": municipality.name if municipality else "",
            "email": (municipality.email or None) if municipality else None,
            "website": url("/"),
        },
        "endpoints": [
            {"url": url(reverse(name)), "description": description, "parameters": parameters}
            for name, description, parameters in endpoints
        ],
        "csv_url": url(reverse("foreninger:directory_csv")),
    }


@open_data
def organizations(request):
    paging = _paging(request)
    associations = approved_associations()
    if postcode := _postcode(request):
        associations = associations.filter(
            Q(postcode=postcode)
            | Exists(Activity.objects.filter(association=OuterRef("pk"), postcode=postcode))
        )
    if modified_after := _modified_after(request):
        associations = associations.filter(updated_at__gte=modified_after)
    filters = {}
    if term := _taxonomy_term(request):
        filters = _organization_term_filter(*term)
    text = request.GET.get("search", "")
    associations = directory_search(text=text, queryset=associations, **filters)

    def fetch(offset, limit):
        page = _organizations(associations)[offset : offset + limit]
        return [_organization(association, request.build_absolute_uri) for association in page]

    return _page(paging, associations.count(), fetch)


@open_data
def organization(request, id):
    pk = _pk_with_id(approved_associations().values_list("pk", flat=True), "association", id)
    association = (
        _organizations(approved_associations().filter(pk=pk))
        .prefetch_related(
            Prefetch(
                "activities", queryset=_activity_details(Activity.objects).order_by("title", "pk")
            )
        )
        .first()
        if pk is not None
        else None
    )
    if association is None:
        raise NotFound(_("There is no organization with this id."))
    url = request.build_absolute_uri
    return {
        **_organization(association, url),
        "services": [
            _service(activity, association, url) for activity in association.activities.all()
        ],
    }


@open_data
def services(request):
    paging = _paging(request)
    activities = _public_activities()
    if postcode := _postcode(request):
        activities = activities.filter(online=False, postcode=postcode)
    if modified_after := _modified_after(request):
        activities = activities.filter(updated_at__gte=modified_after)
    if (organization_pk := _organization_pk(request)) is not None:
        activities = activities.filter(association_id=organization_pk)
    if term := _taxonomy_term(request):
        activities = activities.filter(_service_term_filter(*term))
    if words := search_words(request.GET.get("search", "")):
        query = prefix_query(words)
        activities = activities.filter(Q(search_vector=query) | Q(association__search_vector=query))
    activities = activities.order_by("association__name", "association_id", "title", "pk")

    def fetch(offset, limit):
        page = _services(activities)[offset : offset + limit]
        url = request.build_absolute_uri
        return [_service(activity, activity.association, url) for activity in page]

    return _page(paging, activities.count(), fetch)


@open_data
def service(request, id):
    pk = _pk_with_id(_public_activities().values_list("pk", flat=True), "activity", id)
    activities = _activity_details(_public_activities().filter(pk=pk))
    activity = activities.first() if pk is not None else None
    if activity is None:
        raise NotFound(_("There is no service with this id."))
    association = _organizations(approved_associations().filter(pk=activity.association_id)).get()
    url = request.build_absolute_uri
    return {
        **_service(activity, association, url),
        "organization": _organization(association, url),
    }


def _association_locations():
    return approved_associations().exclude(street="", postcode="", town="").defer("search_vector")


def _activity_locations():
    return _public_activities().select_related("region").defer("search_vector")


@open_data
def locations(request):
    """The associations' addresses first, then the places of their activities."""
    paging = _paging(request)
    associations = _association_locations().order_by("name", "pk")
    activities = _activity_locations().order_by(
        "association__name", "association_id", "title", "pk"
    )
    if postcode := _postcode(request):
        associations = associations.filter(postcode=postcode)
        activities = activities.filter(online=False, postcode=postcode)
    if modified_after := _modified_after(request):
        associations = associations.filter(updated_at__gte=modified_after)
        activities = activities.filter(updated_at__gte=modified_after)
    if (organization_pk := _organization_pk(request)) is not None:
        associations = associations.filter(pk=organization_pk)
        activities = activities.filter(association_id=organization_pk)
    association_count = associations.count()

    def fetch(offset, limit):
        end = offset + limit
        contents = []
        if offset < association_count:
            contents += [_association_location(item) for item in associations[offset:end]]
        if end > association_count:
            start = max(offset - association_count, 0)
            contents += [
                _activity_location(item) for item in activities[start : end - association_count]
            ]
        return contents

    return _page(paging, association_count + activities.count(), fetch)


@open_data
def location(request, id):
    associations = _association_locations()
    pk = _pk_with_id(associations.values_list("pk", flat=True), "location:association", id)
    if pk is not None:
        return _association_location(associations.get(pk=pk))
    activities = _activity_locations()
    pk = _pk_with_id(activities.values_list("pk", flat=True), "location:activity", id)
    if pk is not None:
        return _activity_location(activities.get(pk=pk))
    raise NotFound(_("There is no location with this id."))


@open_data
def taxonomies(request):
    return _page_of_list(_paging(request), _taxonomies())


@open_data
def taxonomy(request, id):
    wanted = _uuid(id)
    for item in _taxonomies():
        if item["id"] == wanted:
            return item
    raise NotFound(_("There is no taxonomy with this id."))


@open_data
def taxonomy_terms(request):
    paging = _paging(request)
    terms = _taxonomy_terms(request.build_absolute_uri)
    if taxonomy_id := request.GET.get("taxonomy_id", "").strip():
        if _uuid(taxonomy_id) not in TAXONOMY_IDS.values():
            raise BadParameter(
                "taxonomy_id",
                _("“taxonomy_id” must be the id of a taxonomy in /api/v1/taxonomies/."),
            )
        terms = [term for term in terms if term["taxonomy_id"] == _uuid(taxonomy_id)]
    return _page_of_list(paging, terms)


@open_data
def taxonomy_term(request, id):
    wanted = _uuid(id)
    for term in _taxonomy_terms(request.build_absolute_uri):
        if term["id"] == wanted:
            return term
    raise NotFound(_("There is no taxonomy term with this id."))


# The directory as CSV

# A spreadsheet runs a cell that starts like a formula; a leading apostrophe makes it text.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value):
    text = str(value)
    return f"'{text}" if text.startswith(FORMULA_START) else text


def _label(field):
    return capfirst(Association._meta.get_field(field).verbose_name)


@require_safe
def directory_csv(request):
    """The directory's associations, with the directory's filters, for Danish Excel.

    UTF-8 with a byte order mark, so Excel reads æ, ø and å; semicolons between the fields,
    because Danish Excel takes the comma for the decimal separator.
    """
    form = DirectoryFilterForm(request.GET)
    # As on the directory page, a filter with an unknown value is left out.
    form.is_valid()
    associations = _organizations(directory_search(**form.search_arguments()))
    municipality = municipality_get()
    focus_areas = (
        capfirst(municipality.focus_area_label_plural) if municipality else _label("focus_areas")
    )
    yes, no = _("Yes"), _("No")

    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="foreninger.csv"'
    response["Access-Control-Allow-Origin"] = "*"
    response.write("\ufeff")
    writer = csv.writer(response, delimiter=";")
    writer.writerow(
        [
            _label("name"),
            _label("cvr"),
            _label("kind"),
            _label("short_description"),
            _label("street"),
            _label("postcode"),
            _label("town"),
            _label("phone"),
            _label("website"),
            focus_areas,
            _label("regions"),
            _label("target_groups"),
            _("Activities for children under 15"),
            _("Looking for volunteers"),
            _("Page on the portal"),
            _label("confirmed_on"),
        ]
    )
    for association in associations:
        writer.writerow(
            _cell(value)
            for value in [
                association.name,
                association.cvr,
                association.get_kind_display(),
                association.short_description,
                association.street,
                association.postcode,
                association.town,
                association.phone,
                association.website,
                ", ".join(area.title for area in association.focus_areas.all()),
                ", ".join(region.name for region in association.regions.all()),
                ", ".join(group.name for group in association.target_groups.all()),
                yes if association.has_children_activity else no,
                yes if association.wants_volunteers else no,
                request.build_absolute_uri(association.get_absolute_url()),
                association.confirmed_on.isoformat(),
            ]
        )
    return response
