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

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db import connection
from django.urls import reverse
from django.utils.http import urlencode

from foreninger.models import Association
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


# Every cell of both matrices, totals included, in one query: for each kind of row (target
# groups, focus areas) and each kind of offer (associations, activities), the offers are joined
# to the row ids and region ids they count under (none: a NULL) and counted per GROUPING SET.
# A NULL that is a grouped-away column is a total; a NULL that is a missing id counts nowhere
# but in the totals, as in the rules above.
_COVERAGE_SQL = """
WITH approved AS ({approved}),
own_t AS (SELECT association_id AS a, targetgroup_id AS t FROM foreninger_association_target_groups
          WHERE association_id IN (SELECT id FROM approved)),
own_f AS (SELECT association_id AS a, focusarea_id AS f FROM foreninger_association_focus_areas
          WHERE association_id IN (SELECT id FROM approved)),
own_r AS (SELECT association_id AS a, region_id AS r FROM foreninger_association_regions
          WHERE association_id IN (SELECT id FROM approved)),
act AS (SELECT id AS x, association_id AS a, region_id AS r
        FROM foreninger_activity WHERE association_id IN (SELECT id FROM approved)),
act_own_t AS (SELECT activity_id AS x, targetgroup_id AS t
              FROM foreninger_activity_target_groups WHERE activity_id IN (SELECT x FROM act)),
-- An association: its own and its activities' target groups and regions, its own focus areas.
association_t AS (SELECT a, t FROM own_t
                  UNION SELECT act.a, act_own_t.t FROM act JOIN act_own_t USING (x)),
association_r AS (SELECT a, r FROM own_r UNION SELECT a, r FROM act WHERE r IS NOT NULL),
-- An activity: its own target groups and region, or else its association's.
activity_t AS (SELECT x, t FROM act_own_t
               UNION ALL SELECT act.x, own_t.t FROM act JOIN own_t USING (a)
               WHERE NOT EXISTS (SELECT 1 FROM act_own_t o WHERE o.x = act.x)),
activity_f AS (SELECT act.x, own_f.f FROM act JOIN own_f USING (a)),
activity_r AS (SELECT x, r FROM act WHERE r IS NOT NULL
               UNION ALL SELECT act.x, own_r.r FROM act JOIN own_r USING (a) WHERE act.r IS NULL),
offers (kind, is_activity, offer, row_id, region_id) AS (
    SELECT 'target_groups', false, ap.id, t.t, r.r FROM approved ap
        LEFT JOIN association_t t ON t.a = ap.id LEFT JOIN association_r r ON r.a = ap.id
    UNION ALL
    SELECT 'focus_areas', false, ap.id, f.f, r.r FROM approved ap
        LEFT JOIN own_f f ON f.a = ap.id LEFT JOIN association_r r ON r.a = ap.id
    UNION ALL
    SELECT 'target_groups', true, act.x, t.t, r.r FROM act
        LEFT JOIN activity_t t ON t.x = act.x LEFT JOIN activity_r r ON r.x = act.x
    UNION ALL
    SELECT 'focus_areas', true, act.x, f.f, r.r FROM act
        LEFT JOIN activity_f f ON f.x = act.x LEFT JOIN activity_r r ON r.x = act.x
)
SELECT kind, is_activity, row_id, region_id, count(DISTINCT offer)
FROM offers
GROUP BY GROUPING SETS ((kind, is_activity, row_id, region_id), (kind, is_activity, row_id),
                        (kind, is_activity, region_id), (kind, is_activity))
HAVING (GROUPING(row_id) = 1 OR row_id IS NOT NULL)
   AND (GROUPING(region_id) = 1 OR region_id IS NOT NULL)
"""


def coverage_counts():
    """{(row kind, is activity): Counter of offers per (row id, region id)}; None in either
    place stands for “any”, the totals. One query."""
    approved, params = approved_associations().values("id").query.sql_with_params()
    counts = defaultdict(Counter)
    with connection.cursor() as cursor:
        cursor.execute(_COVERAGE_SQL.format(approved=approved), params)
        for kind, is_activity, row_id, region_id, count in cursor.fetchall():
            counts[kind, is_activity][row_id, region_id] = count
    return counts


def _link(url_name, filters):
    url = reverse(url_name)
    return f"{url}?{urlencode(filters)}" if filters else url


def _matrix(*, headers, regions, counts, row_kind, directory_param, admin_param, admin_links):
    associations, activities = counts[row_kind, False], counts[row_kind, True]

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
    """Both matrices, with links into the admin for the consultant, in four queries."""
    regions = list(Region.objects.order_by("order", "name"))
    common = {"regions": regions, "counts": coverage_counts(), "admin_links": admin_links}
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
