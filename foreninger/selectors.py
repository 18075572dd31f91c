"""Reads of the registry: the public directory, its search, and an association's public page."""

import functools
import math
import re
from typing import NamedTuple

from django.contrib.postgres.fields import ArrayField
from django.contrib.postgres.search import SearchQuery, TrigramWordSimilarity
from django.core.paginator import Page, Paginator
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    Count,
    Exists,
    Expression,
    FloatField,
    Func,
    IntegerField,
    OuterRef,
    Prefetch,
    TextField,
    Value,
    When,
    Window,
)

from foreninger.models import Activity, Association, RegionPlace
from frivillig.models import FocusArea, Region, TargetGroup

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
        return _similar_names(associations, " ".join(words))
    return found


class _Column(Func):
    """One of the columns migration 0016 keeps on the association's row (outside the model)."""

    template = "foreninger_association.%(column)s"

    def __init__(self, column, output_field):
        super().__init__(column=column, output_field=output_field)


class _Includes(Func):
    """The ids in one of those columns include the value."""

    template = "foreninger_association.%(column)s @> ARRAY[%(expressions)s]::bigint[]"
    output_field = BooleanField()


def _filtered(associations, *, focus_area, region, target_group, children, volunteers):
    # The association's row holds what the filters match (migration 0016): its own focus
    # areas, and its own and its activities' regions and target groups and activity flags.
    for column, chosen in (
        ("search_focus_area_ids", focus_area),
        ("search_region_ids", region),
        ("search_target_group_ids", target_group),
    ):
        if chosen is not None:
            # A slot, a model instance or its id (the open data API's terms are ids).
            value = chosen if isinstance(chosen, _Slot) else Value(getattr(chosen, "pk", chosen))
            associations = associations.filter(_Includes(value, column=column))
    if children:
        associations = associations.filter(_Column("search_children", BooleanField()))
    if volunteers:
        associations = associations.filter(_Column("search_volunteers", BooleanField()))
    return associations


# The words as one tsquery, with their synonyms, prefixes and compound parts (migration 0013);
# as a subquery, PostgreSQL builds it once per search rather than once per row.
ANY_WORD = "(SELECT foreninger_search_query(%(expressions)s::text[], false))"
EVERY_WORD = "(SELECT foreninger_search_query(%(expressions)s::text[], true))"


class _MatchesAnyWord(Func):
    template = f"foreninger_association.search_document @@ {ANY_WORD}"
    output_field = BooleanField()


class _MatchesEveryWord(Func):
    template = f"foreninger_association.search_document @@ {EVERY_WORD}"
    output_field = BooleanField()


class _Rank(Func):
    template = f"ts_rank(foreninger_association.search_document, {ANY_WORD})"
    output_field = FloatField()


def _text_matches(associations, words):
    """Associations whose search document (their own and their activities' text, target
    groups, focus areas and egne) matches a word, best first: a match in the name or a target
    group weighs more than one in a description, and matching every word doubles the rank.
    So "ensomme ældre" lists every association for the elderly, the lonely first."""
    if not isinstance(words, _Slot):
        words = Value(words, output_field=ArrayField(TextField()))
    every_word = Case(When(_MatchesEveryWord(words), then=Value(2.0)), default=Value(1.0))
    return (
        associations.filter(_MatchesAnyWord(words))
        .annotate(rank=_Rank(words) * every_word)
        .order_by("-rank", "name", "pk")
    )


def _similar_names(associations, text):
    # `%>` (pg_trgm's word_similarity_threshold, 0.6) finds the names through their trigram
    # index (migration 0013) instead of comparing the words with every name.
    return (
        associations.filter(name__trigram_word_similar=text)
        .annotate(rank=TrigramWordSimilarity(text, "name"))
        .order_by("-rank", "name", "pk")
    )


class _Slot(Expression):
    """A value that a prepared query takes at each run: its placeholder's parameter is the slot
    itself, which `_run_prepared` replaces with the run's value."""

    def __init__(self, name, output_field):
        super().__init__(output_field=output_field)
        self.name = name

    def as_sql(self, compiler, connection):
        return "%s", [self]


# The directory page's SQL by the shape of the search (which filters, words or not, the
# fallback or not), compiled once per process: building and compiling the query took ~40 %
# of a new search's CPU.
_PREPARED_PAGES = {}


class _Shape(NamedTuple):
    """What a directory page's SQL depends on: which filters are chosen, whether there are
    words, and whether it is the typo-tolerant fallback."""

    words: bool
    similar: bool
    focus_area: bool
    region: bool
    target_group: bool
    children: bool
    volunteers: bool


def _prepared_page_sql(shape):
    associations = _filtered(
        approved_associations(),
        focus_area=_Slot("focus_area", IntegerField()) if shape.focus_area else None,
        region=_Slot("region", IntegerField()) if shape.region else None,
        target_group=_Slot("target_group", IntegerField()) if shape.target_group else None,
        children=shape.children,
        volunteers=shape.volunteers,
    )
    if shape.similar:
        results = _similar_names(associations, _Slot("text", TextField()))
    elif shape.words:
        results = _text_matches(associations, _Slot("words", ArrayField(TextField())))
    else:
        results = associations.order_by("name", "pk")
    sql, params = _with_card_details(results).query.sql_with_params()
    return f"{sql} LIMIT %s OFFSET %s", params


def _run_prepared(shape, values, *, limit, offset):
    """The cards of one page: associations with the card's fields, and its annotations as
    attributes. (Read from the cursor: a raw queryset maps its columns to the model anew at
    each query, a tenth of a search's CPU.)"""
    if shape not in _PREPARED_PAGES:
        _PREPARED_PAGES[shape] = _prepared_page_sql(shape)
    sql, params = _PREPARED_PAGES[shape]
    params = [values[param.name] if isinstance(param, _Slot) else param for param in params]
    with connection.cursor() as cursor:
        cursor.execute(sql, [*params, limit, offset])
        columns = [column.name for column in cursor.description]
        rows = cursor.fetchall()
    # The model's columns come first, in the model's order, as `from_db` takes them.
    fields = len(CARD_FIELDS) + 1
    cards = []
    for row in rows:
        card = Association.from_db(connection.alias, columns[:fields], row[:fields])
        card.__dict__.update(zip(columns[fields:], row[fields:], strict=True))
        cards.append(card)
    return cards


# The filters of `directory_search`.
PAGE_FILTERS = {"focus_area", "region", "target_group", "children", "volunteers"}


def directory_page(number, *, per_page, text="", **filters):
    """A page of `directory_search` with what its cards show, and the total, in one query.

    COUNT(*) OVER () gives every row the total, so the search runs once rather than again
    for Paginator's count, and the typo-tolerant fallback runs only when the words found
    nothing. Like `Paginator.get_page`, a number that is not a number gives the first page
    and one out of range the last; only that case costs more queries.
    """
    words = search_words(text)
    if unknown := filters.keys() - PAGE_FILTERS:
        raise TypeError(f"directory_page() got unknown filters: {sorted(unknown)}")
    chosen = {name: filters.get(name) for name in ("focus_area", "region", "target_group")}
    values = {
        "words": words,
        "text": " ".join(words),
        **{name: value.pk for name, value in chosen.items() if value is not None},
    }
    shape = _Shape(
        words=bool(words),
        similar=False,
        **{name: value is not None for name, value in chosen.items()},
        children=bool(filters.get("children")),
        volunteers=bool(filters.get("volunteers")),
    )
    page = _page_of(shape, values, number, per_page)
    if words and page.paginator.count == 0 and trigram_available():
        page = _page_of(shape._replace(similar=True), values, number, per_page)
    return page


# Below this similarity a name shares too little with the words to be worth suggesting.
NEAREST_SIMILARITY = 0.3


class _NameMatchesAnyWord(Func):
    template = f"to_tsvector('danish', name) @@ {ANY_WORD}"
    output_field = BooleanField()


def search_suggestions(text):
    """For a search that found nothing: the target groups the words name (with synonyms) and
    the approved associations with the nearest names, whatever the filters."""
    words = search_words(text)
    if not words:
        return {"target_groups": [], "nearest": []}
    target_groups = TargetGroup.objects.filter(
        _NameMatchesAnyWord(Value(words, output_field=ArrayField(TextField())))
    ).order_by("order", "name")
    nearest = []
    if trigram_available():
        text = " ".join(words)
        with transaction.atomic(), connection.cursor() as cursor:
            # `%>` is "word similarity at least pg_trgm.word_similarity_threshold": set to
            # NEAREST_SIMILARITY for this query, it finds the names through their trigram index
            # instead of comparing the words with every name (~9 ms at 2,000 associations).
            cursor.execute(
                "SELECT set_config('pg_trgm.word_similarity_threshold', %s, true)",
                [str(NEAREST_SIMILARITY)],
            )
            nearest = list(
                approved_associations()
                .filter(name__trigram_word_similar=text)
                .annotate(similarity=TrigramWordSimilarity(text, "name"))
                .order_by("-similarity", "name")
                .only("slug", "name")[:5]
            )
            # Rolling back the transaction (or savepoint) it was set in undoes the setting.
            transaction.set_rollback(True)
    return {"target_groups": list(target_groups), "nearest": nearest}


POSTCODE = re.compile(r"\b[0-9]{4}\b")
TOWN_WORD = re.compile(r"[^\W\d_]+")
# Short forms in Danish town names: "Nr. Lyndelse" is "Nørre Lyndelse".
TOWN_ABBREVIATIONS = {
    "n": "nørre",
    "nr": "nørre",
    "s": "sønder",
    "sdr": "sønder",
    "v": "vester",
    "vr": "vester",
    "ø": "øster",
    "st": "store",
    "ll": "lille",
}


def town_key(text):
    """A town's name as the postcode-or-town box compares it: whatever the case, "aa" or "å",
    the punctuation and the short forms ("Aarslev" is "Årslev", "Nr. Broby" "Nørre Broby")."""
    words = TOWN_WORD.findall(text.casefold().replace("aa", "å"))
    return " ".join(TOWN_ABBREVIATIONS.get(word, word) for word in words)


def directory_filters():
    """What the directory's filter form offers, in their order: the focus areas, regions and
    target groups, and whether any town is listed for the postcode-or-town box."""
    return {
        "omraade": list(FocusArea.objects.order_by("number")),
        "egn": list(Region.objects.order_by("order", "name")),
        "maalgruppe": list(TargetGroup.objects.order_by("order", "name")),
        "towns_listed": RegionPlace.objects.exists(),
    }


def regions_of_place(text):
    """The regions with a listed place of the postcode or town in `text` ("5750", "Ringe" or
    "5750 Ringe"), in the regions' order; more than one when the text names places in several.

    One query: the places are a short list, and the names are compared as `town_key` reads
    them, which the database cannot index.
    """
    postcodes = set(POSTCODE.findall(text))
    key = town_key(text)
    regions = {
        place.region
        for place in RegionPlace.objects.select_related("region")
        if place.postcode in postcodes or (key and town_key(place.town) == key)
    }
    return sorted(regions, key=lambda region: (region.order, region.name))


CARD_FIELDS = ("slug", "name", "short_description", "town")


def _with_card_details(results):
    # The cards show only the names: arrays on the association's row cost less than
    # prefetching model instances, and a related manager per card and field in the template.
    return results.only(*CARD_FIELDS).annotate(
        has_children_activity=_Column("search_children", BooleanField()),
        wants_volunteers=_Column("search_volunteers", BooleanField()),
        total=Window(Count("pk")),
        region_names=_Column("card_region_names", ArrayField(TextField())),
        target_group_names=_Column("card_target_group_names", ArrayField(TextField())),
    )


def _page_of(shape, values, number, per_page):
    try:
        number = int(number)
    except (TypeError, ValueError):
        number = 1
    # Beyond any real page count, and beyond the offsets PostgreSQL accepts: go to the last.
    in_range = 1 <= number <= MAX_PAGE_NUMBER
    rows = []
    if in_range:
        rows = _run_prepared(shape, values, limit=per_page, offset=(number - 1) * per_page)
    if rows or number == 1:
        total = rows[0].total if rows else 0
    else:
        # Any row gives the total.
        first = _run_prepared(shape, values, limit=1, offset=0)
        total = first[0].total if first else 0
        number = max(math.ceil(total / per_page), 1)
        rows = _run_prepared(shape, values, limit=per_page, offset=(number - 1) * per_page)
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
