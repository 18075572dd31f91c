"""Reads of the registry: the public directory, its search, and an association's public page."""

import functools
import re

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import Exists, F, OuterRef, Prefetch, Q, Value

from foreninger.models import Activity, Association
from frivillig.models import FocusArea, Region, TargetGroup

# Word similarity between the typed text and the closest part of a name; 0.5 accepts one missing
# or wrong letter in a word of eight ("frivilig") without matching unrelated names.
NAME_SIMILARITY = 0.5
MAX_SEARCH_WORDS = 10
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
    associations = approved_associations() if queryset is None else queryset
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

    words = search_words(text)
    if not words:
        return associations.order_by("name", "pk")
    query = prefix_query(words)
    found = associations.filter(
        Q(search_vector=query) | Q(pk__in=_ids(Activity.objects.filter(search_vector=query)))
    )
    # Typo tolerance is the fallback: word similarity must be computed for every name, while
    # the full-text match uses the GIN indexes, so it runs only when the words match nothing.
    if trigram_available() and not found.exists():
        similarity = TrigramWordSimilarity(Value(" ".join(words)), "name")
        return (
            associations.annotate(rank=similarity)
            .filter(rank__gte=NAME_SIMILARITY)
            .order_by("-rank", "name", "pk")
        )
    return found.annotate(rank=SearchRank(F("search_vector"), query)).order_by(
        "-rank", "name", "pk"
    )


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


def association_public_detail(slug):
    """An association with everything its public page shows."""
    return (
        Association.objects.filter(slug=slug)
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
