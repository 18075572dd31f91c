"""The coverage overview: where in the municipality there are offers for whom, and where not.

Two matrices, target groups × regions and focus areas × regions, count the approved associations
and their activities in each cell. The counts follow the directory's filters, so a cell's
association count is the number of results its link to the directory shows:

- An association counts in the cell of target group T and region R when it is approved, has T
  itself or through any of its activities, and has R itself or through any of its activities
  (not necessarily the same activity). For focus area F it must have F itself (activities have
  no focus areas).
- An activity of an approved association counts in the cell when it is for T and takes place in
  R. An activity without target groups is for its association's target groups; one without a
  region takes place in its association's regions. Under focus area F it counts when its
  association has F.

Each row and each column also has a total: the same rule with only one of the two filters.
"""

import itertools
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import OuterRef
from django.urls import reverse
from django.utils.http import urlencode

from foreninger.models import Activity, Association
from foreninger.selectors import approved_associations
from frivillig.models import FocusArea, Region, TargetGroup


@dataclass(frozen=True)
class Cell:
    association_count: int
    activity_count: int
    url: str
    # The admin's filters look at the association's own target groups and regions only.
    admin_url: str = ""

    @property
    def empty(self):
        """No approved association offers anything here: a gap in the municipality's offers."""
        return self.association_count == 0


@dataclass(frozen=True)
class Row:
    header: object  # a target group or focus area; None in the totals row
    cells: list  # one per region, then the total over the whole municipality


@dataclass(frozen=True)
class Matrix:
    kind: str  # "target_groups" or "focus_areas"
    regions: list
    rows: list
    totals: Row

    @property
    def all_rows(self):
        return [*self.rows, self.totals]


@dataclass(frozen=True)
class Offer:
    """The ids an association or an activity counts under."""

    target_groups: frozenset
    focus_areas: frozenset
    regions: frozenset


def _ids(through, owner, field):
    return ArraySubquery(through.objects.filter(**{owner: OuterRef("pk")}).values(field))


def coverage_offers():
    """The approved associations and their activities as two lists of `Offer`s, in two queries."""
    associations = approved_associations().annotate(
        target_group_ids=_ids(Association.target_groups.through, "association", "targetgroup"),
        focus_area_ids=_ids(Association.focus_areas.through, "association", "focusarea"),
        region_ids=_ids(Association.regions.through, "association", "region"),
    )
    activities_of = defaultdict(list)
    for activity in (
        Activity.objects.filter(association__in=approved_associations())
        .annotate(target_group_ids=_ids(Activity.target_groups.through, "activity", "targetgroup"))
        .values("association", "region", "target_group_ids")
    ):
        activities_of[activity["association"]].append(activity)

    association_offers, activity_offers = [], []
    for association in associations.values(
        "pk", "target_group_ids", "focus_area_ids", "region_ids"
    ):
        activities = activities_of[association["pk"]]
        focus_areas = frozenset(association["focus_area_ids"])
        # The directory finds an association through its own data or any activity's own data.
        association_offers.append(
            Offer(
                target_groups=frozenset(association["target_group_ids"]).union(
                    *(activity["target_group_ids"] for activity in activities)
                ),
                focus_areas=focus_areas,
                regions=frozenset(association["region_ids"]).union(
                    activity["region"] for activity in activities if activity["region"]
                ),
            )
        )
        activity_offers.extend(
            Offer(
                target_groups=frozenset(
                    activity["target_group_ids"] or association["target_group_ids"]
                ),
                focus_areas=focus_areas,
                regions=frozenset(
                    [activity["region"]] if activity["region"] else association["region_ids"]
                ),
            )
            for activity in activities
        )
    return association_offers, activity_offers


def _tally(offers, row_kind):
    """Offers per (row id, region id); None in either place stands for “any”, the totals."""
    counts = Counter()
    for offer in offers:
        counts.update(itertools.product([*getattr(offer, row_kind), None], [*offer.regions, None]))
    return counts


def _link(url_name, filters):
    url = reverse(url_name)
    return f"{url}?{urlencode(filters)}" if filters else url


def _matrix(*, headers, regions, offers, row_kind, directory_param, admin_param, admin_links):
    association_offers, activity_offers = offers
    associations = _tally(association_offers, row_kind)
    activities = _tally(activity_offers, row_kind)

    def cell(header, region):
        key = (header.pk if header else None, region.pk if region else None)
        filters, admin_filters = {}, {}
        if header:
            filters[directory_param] = header.slug
            admin_filters[admin_param] = header.pk
        if region:
            filters["egn"] = region.slug
            admin_filters["regions__id__exact"] = region.pk
        return Cell(
            association_count=associations[key],
            activity_count=activities[key],
            url=_link("foreninger:directory", filters),
            admin_url=(
                _link("admin:foreninger_association_changelist", admin_filters)
                if admin_links
                else ""
            ),
        )

    def row(header):
        return Row(header, [*(cell(header, region) for region in regions), cell(header, None)])

    return Matrix(
        kind=row_kind, regions=regions, rows=[row(header) for header in headers], totals=row(None)
    )


def coverage_overview(*, admin_links=False):
    """Both matrices, with links into the admin for the consultant, in five queries."""
    regions = list(Region.objects.order_by("order", "name"))
    common = {"regions": regions, "offers": coverage_offers(), "admin_links": admin_links}
    return {
        "regions": regions,
        "matrices": [
            _matrix(
                headers=list(TargetGroup.objects.order_by("order", "name")),
                row_kind="target_groups",
                directory_param="maalgruppe",
                admin_param="target_groups__id__exact",
                **common,
            ),
            _matrix(
                headers=list(FocusArea.objects.order_by("number")),
                row_kind="focus_areas",
                directory_param="omraade",
                admin_param="focus_areas__id__exact",
                **common,
            ),
        ],
    }


def pending_associations():
    """How many associations wait for approval, and the consultant's link to them in the admin."""
    pending = Association.Status.PENDING
    return {
        "pending_count": Association.objects.filter(status=pending).count(),
        "pending_url": _link("admin:foreninger_association_changelist", {"status__exact": pending}),
    }
