"""Reads of the registry: the public directory, its search, and an association's public page."""

import functools
import math
import re

from django.contrib.postgres.expressions import ArraySubquery
from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.core.paginator import Page, Paginator
from django.db import connection
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Value, Window

from foreninger.models import Activity, Association
from frivillig.models import FocusArea, Region, TargetGroup

# Word similarity between the typed text and the closest part of a name; 0.5 accepts one missing
# or wrong letter in a word of eight ("frivilig") without matching unrelated names.
NAME_SIMILARITY = 0.5
MAX_SEARCH_WORDS = 10
MAX_PAGE_NUMBER = 10**9
WORD = re.compile(r"[^\W_]+")


@functools.cache
def trigram_available():
    """Whether pg_trgm is installed (the migration creates it where the server offers it)."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm')")
        return cursor.fetchone()[0]


def search_words(text):
    return [word[:50] for word in WORD.findall(text or "")][:MAX_SEARCH_WORDS]


def prefix_query(words):
    """Every word must match, as a prefix, after Danish stemming: “ældre” finds “Ældresagen”."""
    return SearchQuery(
        " & ".join(f"{word}:*" for word in words), search_type="raw", config="danish"
    )


def _ids(rows):
    return rows.values("association_id")


def approved_associations():
    return Association.objects.filter(status=Association.Status.APPROVED)


def directory_search(
    *,
    text="",
    focus_area=None,
    region=None,
    target_group=None,
    children=False,
    volunteers=False,
    queryset=None,
):
    """Approved associations matching the text and every given filter, best match first.

    Region, target group and the two activity filters match the association itself or any of
    its activities.
    """
    associations = _filtered(
        approved_associations() if queryset is None else queryset,
        focus_area=focus_area,
        region=region,
        target_group=target_group,
        children=children,
        volunteers=volunteers,
    )
    words = search_words(text)
    if not words:
        return associations.order_by("name", "pk")
    found = _text_matches(associations, words)
    # Typo tolerance is the fallback: word similarity must be computed for every name, while
    # the full-text match uses the GIN indexes, so it runs only when the words match nothing.
    if trigram_available() and not found.exists():
        return _similar_names(associations, words)
    return found


def _filtered(associations, *, focus_area, region, target_group, children, volunteers):
    # Each filter is "id IN (ids from a small index lookup)": PostgreSQL hashes the ids once,
    # where a correlated EXISTS would run again for every association.
    if focus_area is not None:
        associations = associations.filter(
            pk__in=_ids(Association.focus_areas.through.objects.filter(focusarea=focus_area))
        )
    if region is not None:
        associations = associations.filter(
            Q(pk__in=_ids(Association.regions.through.objects.filter(region=region)))
            | Q(pk__in=_ids(Activity.objects.filter(region=region)))
        )
    if target_group is not None:
        associations = associations.filter(
            Q(
                pk__in=_ids(
                    Association.target_groups.through.objects.filter(targetgroup=target_group)
                )
            )
            | Q(pk__in=_ids(Activity.objects.filter(target_groups=target_group)))
        )
    if children:
        associations = associations.filter(
            pk__in=_ids(Activity.objects.filter(involves_children_under_15=True))
        )
    if volunteers:
        associations = associations.filter(
            pk__in=_ids(Activity.objects.filter(wants_volunteers=True))
        )
    return associations


def _text_matches(associations, words):
    query = prefix_query(words)
    return (
        associations.filter(
            Q(search_vector=query) | Q(pk__in=_ids(Activity.objects.filter(search_vector=query)))
        )
        .annotate(rank=SearchRank(F("search_vector"), query))
        .order_by("-rank", "name", "pk")
    )


def _similar_names(associations, words):
    similarity = TrigramWordSimilarity(Value(" ".join(words)), "name")
    return (
        associations.annotate(rank=similarity)
        .filter(rank__gte=NAME_SIMILARITY)
        .order_by("-rank", "name", "pk")
    )


def directory_page(number, *, per_page, text="", **filters):
    """A page of `directory_search` with what its cards show, and the total, in one query.

    COUNT(*) OVER () gives every row the total, so the search runs once rather than again
    for Paginator's count, and the typo-tolerant fallback runs only when the words found
    nothing. Like `Paginator.get_page`, a number that is not a number gives the first page
    and one out of range the last; only that case costs a second query.
    """
    associations = _filtered(approved_associations(), **filters)
    words = search_words(text)
    if not words:
        return _page_of(associations.order_by("name", "pk"), number, per_page)
    page = _page_of(_text_matches(associations, words), number, per_page)
    if page.paginator.count == 0 and trigram_available():
        page = _page_of(_similar_names(associations, words), number, per_page)
    return page


def _page_of(results, number, per_page):
    activities = Activity.objects.filter(association=OuterRef("pk"))
    cards = results.only("slug", "name", "short_description", "town").annotate(
        has_children_activity=Exists(activities.filter(involves_children_under_15=True)),
        wants_volunteers=Exists(activities.filter(wants_volunteers=True)),
        total=Window(Count("pk")),
        # The cards show only the names: arrays in the same query cost less than prefetching
        # model instances, and a related manager per card and field in the template.
        region_names=ArraySubquery(
            Region.objects.filter(associations=OuterRef("pk"))
            .order_by("order", "name")
            .values("name")
        ),
        target_group_names=ArraySubquery(
            TargetGroup.objects.filter(associations=OuterRef("pk"))
            .order_by("order", "name")
            .values("name")
        ),
    )
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    # Beyond any real page count, and beyond the offsets PostgreSQL accepts: go to the last.
    in_range = 1 <= number <= MAX_PAGE_NUMBER
    rows = list(cards[(number - 1) * per_page : number * per_page]) if in_range else []
    if rows or number == 1:
        total = rows[0].total if rows else 0
    else:
        total = results.count()
        number = max(math.ceil(total / per_page), 1)
        rows = list(cards[(number - 1) * per_page : number * per_page])
    paginator = Paginator(rows, per_page)
    paginator.count = total
    return Page(rows, number, paginator)


def with_card_details(associations):
    """What a directory card shows, fetched in a fixed number of queries."""
    activities = Activity.objects.filter(association=OuterRef("pk"))
    return associations.annotate(
        has_children_activity=Exists(activities.filter(involves_children_under_15=True)),
        wants_volunteers=Exists(activities.filter(wants_volunteers=True)),
    ).prefetch_related(
        Prefetch("regions", queryset=Region.objects.order_by("order", "name")),
        Prefetch("target_groups", queryset=TargetGroup.objects.order_by("order", "name")),
    )


def with_open_data_details(associations):
    """What the open data and the CSV export publish: a card's details and the focus areas."""
    return (
        with_card_details(associations)
        .prefetch_related(Prefetch("focus_areas", queryset=FocusArea.objects.order_by("number")))
        .defer("search_vector")
    )


def association_public_detail(slug, *, approved_only=False):
    """An association with everything its public page shows."""
    associations = approved_associations() if approved_only else Association.objects.all()
    return (
        associations.filter(slug=slug)
        .prefetch_related(
            Prefetch("focus_areas", queryset=FocusArea.objects.order_by("number")),
            Prefetch("regions", queryset=Region.objects.order_by("order", "name")),
            Prefetch("target_groups", queryset=TargetGroup.objects.order_by("order", "name")),
            Prefetch(
                "activities",
                queryset=Activity.objects.select_related("region")
                .prefetch_related(
                    Prefetch("target_groups", queryset=TargetGroup.objects.order_by("order"))
                )
                .order_by("title"),
            ),
        )
        .first()
    )


def associations_in_focus_area(focus_area):
    return approved_associations().filter(focus_areas=focus_area).order_by("name")


def associations_of(user):
    """The associations a user acts for, with their status."""
    return Association.objects.filter(memberships__user=user).order_by("name")
