"""Open data: a read-only JSON API in the shape of HSDS 3.0.

Only approved associations and their activities are published, and only their public fields:
never an association's e-mail address, rejection reason, cooperation agreement, børneattest check
or reminders, nor an activity's contact person (a private individual). docs/open-data.md
describes the API and the directory's CSV export (`foreninger.views.directory_csv`) for the
people who use them.

This module reads the request, queries and pages; `foreninger.hsds` turns the objects into
HSDS dicts and explains the HSDS names and ids.
"""

import functools
import math
import re
import uuid
from datetime import datetime, time

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import HttpResponse, JsonResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from foreninger import hsds
from foreninger.models import Activity, Association
from foreninger.selectors import (
    approved_associations,
    directory_search,
    prefix_query,
    search_words,
    with_open_data_details,
)
from frivillig import pagecache
from frivillig.hooks import app_attribute
from frivillig.models import FocusArea, Region, TargetGroup
from frivillig.selectors import municipality_get

DEFAULT_PER_PAGE = 50
MAX_PER_PAGE = 100
# Nine digits at most: larger numbers are no page anyone has, and int() of a huge string is slow.
WHOLE_NUMBER = re.compile(r"[0-9]{1,9}")
POSTCODE = re.compile(r"[0-9]{4}")


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


def cached_open_data(*parameters, scopes):
    """`open_data`, with the body of a successful answer cached under the data's versions.

    The key holds the given parameters only (the view reads no others, and an unknown one must
    not make a new copy), the site's address (links are absolute) and the language (labels).
    """

    def decorator(view):
        answer = open_data(view)

        @functools.wraps(view)
        def wrapper(request, *args, **kwargs):
            values = [request.GET.get(name, "") for name in parameters]
            key = pagecache.key(
                request, view.__name__, request.build_absolute_uri("/"), *values, scopes=scopes
            )
            body = cache.get(key)
            if body is None:
                response = answer(request, *args, **kwargs)
                if response.status_code == 200:
                    cache.set(key, response.content, pagecache.TIMEOUT)
                return response
            response = HttpResponse(body, content_type="application/json")
            response["Access-Control-Allow-Origin"] = "*"
            return response

        return require_safe(wrapper)

    return decorator


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
    return next((pk for pk in pks if hsds.hsds_id(f"{prefix}:{pk}") == wanted), None)


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
        *(("feature", code) for code in hsds.FEATURES),
    ]


def _taxonomy_term(request):
    value = request.GET.get("taxonomy_term_id", "").strip()
    if not value:
        return None
    wanted = _uuid(value)
    for kind, key in _all_terms():
        if hsds.hsds_id(f"{kind}:{key}") == wanted:
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


# Querysets


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
    """Activities with their associations' terms, which `hsds.service` falls back on."""
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
    """Activities that have the term among their attributes (see `hsds.service`)."""
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
            "api:service_at_locations",
            _("Where each service takes place: the service with its location."),
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
        # Other apps' endpoints in the same namespace, such as the volunteer jobs.
        *app_attribute("open_data_endpoints"),
    ]
    return {
        "version": hsds.HSDS_VERSION,
        "openapi_url": hsds.HSDS_OPENAPI_URL,
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
            {"url": url(reverse(name)), "description": str(description), "parameters": parameters}
            for name, description, parameters in endpoints
        ],
        "csv_url": url(reverse("foreninger:directory_csv")),
    }


@cached_open_data(
    "search",
    "taxonomy_term_id",
    "postcode",
    "modified_after",
    "page",
    "per_page",
    scopes=(pagecache.FRIVILLIG, pagecache.FORENINGER),
)
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
        page = with_open_data_details(associations)[offset : offset + limit]
        return [hsds.organization(association, request.build_absolute_uri) for association in page]

    return _page(paging, associations.count(), fetch)


@open_data
def organization(request, id):
    pk = _pk_with_id(approved_associations().values_list("pk", flat=True), "association", id)
    association = (
        with_open_data_details(approved_associations().filter(pk=pk))
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
        **hsds.organization(association, url),
        "services": [
            hsds.service(activity, association, url) for activity in association.activities.all()
        ],
    }


def _filtered_activities(request):
    """The public activities that the parameters of /services/ and /service_at_locations/ ask
    for, in their order."""
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
    return activities.order_by("association__name", "association_id", "title", "pk")


def _page_of_activities(request, serialize):
    paging = _paging(request)
    activities = _filtered_activities(request)

    def fetch(offset, limit):
        page = _services(activities)[offset : offset + limit]
        url = request.build_absolute_uri
        return [serialize(activity, activity.association, url) for activity in page]

    return _page(paging, activities.count(), fetch)


@open_data
def services(request):
    return _page_of_activities(request, hsds.service)


@open_data
def service_at_locations(request):
    return _page_of_activities(request, hsds.service_at_location_brief)


@open_data
def service(request, id):
    pk = _pk_with_id(_public_activities().values_list("pk", flat=True), "activity", id)
    activities = _activity_details(_public_activities().filter(pk=pk))
    activity = activities.first() if pk is not None else None
    if activity is None:
        raise NotFound(_("There is no service with this id."))
    association = with_open_data_details(
        approved_associations().filter(pk=activity.association_id)
    ).get()
    url = request.build_absolute_uri
    return {
        **hsds.service(activity, association, url),
        "organization": hsds.organization(association, url),
    }


@open_data
def service_at_location(request, id):
    """One activity's place with the whole activity."""
    activities = _public_activities()
    pk = _pk_with_id(activities.values_list("pk", flat=True), "service_at_location", id)
    activity = _services(activities.filter(pk=pk)).first() if pk is not None else None
    if activity is None:
        raise NotFound(_("There is no service at a location with this id."))
    return hsds.service_at_location_full(activity, activity.association, request.build_absolute_uri)


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
            contents += [hsds.association_location(item) for item in associations[offset:end]]
        if end > association_count:
            start = max(offset - association_count, 0)
            contents += [
                hsds.activity_location(item) for item in activities[start : end - association_count]
            ]
        return contents

    return _page(paging, association_count + activities.count(), fetch)


@open_data
def location(request, id):
    associations = _association_locations()
    pk = _pk_with_id(associations.values_list("pk", flat=True), "location:association", id)
    if pk is not None:
        return hsds.association_location(associations.get(pk=pk))
    activities = _activity_locations()
    pk = _pk_with_id(activities.values_list("pk", flat=True), "location:activity", id)
    if pk is not None:
        return hsds.activity_location(activities.get(pk=pk))
    raise NotFound(_("There is no location with this id."))


@open_data
def taxonomies(request):
    return _page_of_list(_paging(request), hsds.taxonomies())


@open_data
def taxonomy(request, id):
    wanted = _uuid(id)
    for item in hsds.taxonomies():
        if item["id"] == wanted:
            return item
    raise NotFound(_("There is no taxonomy with this id."))


@open_data
def taxonomy_terms(request):
    paging = _paging(request)
    terms = hsds.taxonomy_terms(request.build_absolute_uri)
    if taxonomy_id := request.GET.get("taxonomy_id", "").strip():
        if _uuid(taxonomy_id) not in hsds.TAXONOMY_IDS.values():
            raise BadParameter(
                "taxonomy_id",
                _("“taxonomy_id” must be the id of a taxonomy in /api/v1/taxonomies/."),
            )
        terms = [term for term in terms if term["taxonomy_id"] == _uuid(taxonomy_id)]
    return _page_of_list(paging, terms)


@open_data
def taxonomy_term(request, id):
    wanted = _uuid(id)
    for term in hsds.taxonomy_terms(request.build_absolute_uri):
        if term["id"] == wanted:
            return term
    raise NotFound(_("There is no taxonomy term with this id."))
