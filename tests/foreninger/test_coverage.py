import itertools
from urllib.parse import parse_qsl, urlsplit

import pytest
from django.urls import reverse

from foreninger.coverage import coverage_overview
from foreninger.models import Association
from foreninger.selectors import directory_search
from frivillig.models import FocusArea, Region, TargetGroup
from tests import factories

URL = reverse("foreninger:coverage")
# The directory's GET parameters and the `directory_search` arguments they stand for.
DIRECTORY_FILTERS = {
    "omraade": ("focus_area", FocusArea),
    "egn": ("region", Region),
    "maalgruppe": ("target_group", TargetGroup),
}


def _populate(count):
    target_groups, regions = list(TargetGroup.objects.all()), list(Region.objects.all())
    areas = list(FocusArea.objects.all())
    for number in range(Association.objects.count(), count):
        association = factories.association(
            target_groups=[target_groups[number % 5]],
            regions=[regions[number % 3]],
            focus_areas=[areas[number % 5]],
        )
        factories.activity(association, target_groups=[target_groups[(number + 1) % 5]])
        factories.activity(association, region=regions[(number + 1) % 3])


def _target_group(name):
    return TargetGroup.objects.get(name=name)


def _region(name):
    return Region.objects.get(name=name)


def _cell(kind, header, region=None, overview=None):
    """The cell of `header` (None: the totals row) and `region` (None: the whole municipality)."""
    overview = overview or coverage_overview()
    matrix = next(matrix for matrix in overview["matrices"] if matrix.kind == kind)
    row = next(row for row in matrix.all_rows if row.header == header)
    return row.cells[matrix.regions.index(region) if region else -1]


def _directory_count(url):
    """How many associations the directory lists behind `url`, through its own search."""
    params = dict(parse_qsl(urlsplit(url).query))
    assert set(params) <= set(DIRECTORY_FILTERS)
    filters = {
        DIRECTORY_FILTERS[param][0]: DIRECTORY_FILTERS[param][1].objects.get(slug=slug)
        for param, slug in params.items()
    }
    return directory_search(**filters).count()


def test_an_association_counts_in_the_cells_of_its_own_target_groups_and_regions(faaborg):
    elderly, ringe = _target_group("Ældre"), _region("Ringeegnen")
    association = factories.association(
        name="Besøgsvennerne", target_groups=[elderly], regions=[ringe]
    )
    factories.activity(association)
    factories.activity(association)

    cell = _cell("target_groups", elderly, ringe)

    assert (cell.association_count, cell.activity_count) == (1, 2)
    assert not cell.empty
    assert _cell("target_groups", elderly, _region("Faaborgegnen")).empty
    assert _cell("target_groups", _target_group("Voksne"), ringe).empty


def test_an_association_counts_where_its_activities_have_the_target_group_or_region(faaborg):
    elderly, youth = _target_group("Ældre"), _target_group("Børn og unge")
    faaborg_region, ringe = _region("Faaborgegnen"), _region("Ringeegnen")
    association = factories.association(
        name="Ældre Sagen", target_groups=[elderly], regions=[faaborg_region]
    )
    factories.activity(association, target_groups=[youth], region=ringe)

    overview = coverage_overview()

    # The association reaches Ringeegnen and children and young people through its activity.
    assert _cell("target_groups", elderly, ringe, overview).association_count == 1
    assert _cell("target_groups", youth, faaborg_region, overview).association_count == 1
    # The activity has its own target group and region, so it counts only there.
    assert _cell("target_groups", youth, ringe, overview).activity_count == 1
    assert _cell("target_groups", elderly, ringe, overview).activity_count == 0
    assert _cell("target_groups", youth, faaborg_region, overview).activity_count == 0


def test_an_activity_that_names_no_target_group_or_region_has_its_associations(faaborg):
    elderly, adults = _target_group("Ældre"), _target_group("Voksne")
    faaborg_region, ringe = _region("Faaborgegnen"), _region("Ringeegnen")
    association = factories.association(
        name="Spisefællesskabet", target_groups=[elderly, adults], regions=[faaborg_region, ringe]
    )
    factories.activity(association)

    overview = coverage_overview()

    for target_group, region in itertools.product([elderly, adults], [faaborg_region, ringe]):
        assert _cell("target_groups", target_group, region, overview).activity_count == 1
    assert _cell("target_groups", elderly, None, overview).activity_count == 1
    assert _cell("target_groups", None, None, overview).activity_count == 1


def test_the_focus_area_matrix_counts_an_associations_focus_areas_in_its_activities_regions(
    faaborg,
):
    area = FocusArea.objects.get(number=1)
    ringe = _region("Ringeegnen")
    association = factories.association(name="Mødestedet", focus_areas=[area])
    factories.activity(association, region=ringe)

    overview = coverage_overview()

    cell = _cell("focus_areas", area, ringe, overview)
    assert (cell.association_count, cell.activity_count) == (1, 1)
    assert _cell("focus_areas", FocusArea.objects.get(number=2), ringe, overview).empty
    assert _cell("focus_areas", area, _region("Forstadsbåndet"), overview).empty


@pytest.mark.parametrize(
    "status",
    [Association.Status.PENDING, Association.Status.REJECTED, Association.Status.INACTIVE],
)
def test_associations_that_are_not_approved_are_not_counted(faaborg, status):
    elderly, ringe = _target_group("Ældre"), _region("Ringeegnen")
    association = factories.association(
        name="Ikke godkendt", status=status, target_groups=[elderly], regions=[ringe]
    )
    factories.activity(association, target_groups=[elderly], region=ringe)

    overview = coverage_overview()

    assert _cell("target_groups", elderly, ringe, overview).empty
    assert _cell("target_groups", elderly, ringe, overview).activity_count == 0
    assert _cell("target_groups", None, None, overview).association_count == 0


def test_totals_count_each_association_once_whatever_it_covers(faaborg):
    elderly, adults = _target_group("Ældre"), _target_group("Voksne")
    regions = list(Region.objects.all())
    factories.association(name="Overalt", target_groups=[elderly, adults], regions=regions)
    factories.association(name="Uden egn", target_groups=[elderly])

    overview = coverage_overview()

    assert _cell("target_groups", elderly, None, overview).association_count == 2
    assert _cell("target_groups", None, regions[0], overview).association_count == 1
    assert _cell("target_groups", None, None, overview).association_count == 2


def test_every_cell_shows_the_number_of_associations_its_directory_link_lists(faaborg):
    target_groups, regions = list(TargetGroup.objects.all()), list(Region.objects.all())
    areas = list(FocusArea.objects.all())
    for number in range(12):
        association = factories.association(
            name=f"Forening {number}",
            target_groups=target_groups[number % 3 : number % 3 + number % 2],
            regions=regions[: number % 3],
            focus_areas=areas[number % 5 : number % 5 + 2],
        )
        for index in range(number % 3):
            factories.activity(
                association,
                target_groups=target_groups[(number + index) % 5 :][:1] if index else [],
                region=regions[(number + index) % 3] if number % 2 else None,
            )
    factories.association(
        name="Afventer", status=Association.Status.PENDING, target_groups=target_groups
    )

    cells = [
        cell
        for matrix in coverage_overview()["matrices"]
        for row in matrix.all_rows
        for cell in row.cells
    ]

    assert any(cell.empty for cell in cells)
    assert any(cell.association_count > 1 for cell in cells)
    for cell in cells:
        assert cell.association_count == _directory_count(cell.url), cell.url


def test_a_cell_links_to_the_directory_filtered_by_its_row_and_region(faaborg):
    elderly, ringe = _target_group("Ældre"), _region("Ringeegnen")
    area = FocusArea.objects.get(number=3)

    assert _cell("target_groups", elderly, ringe).url == (
        f"{reverse('foreninger:directory')}?maalgruppe={elderly.slug}&egn={ringe.slug}"
    )
    assert _cell("focus_areas", area, None).url == (
        f"{reverse('foreninger:directory')}?omraade={area.slug}"
    )
    assert _cell("focus_areas", None, None).url == reverse("foreninger:directory")


def test_the_page_marks_cells_without_offers_in_words_not_only_colour(client, faaborg):
    factories.association(
        name="Besøgsvennerne",
        target_groups=[_target_group("Ældre")],
        regions=[_region("Ringeegnen")],
    )

    html = client.get(URL).content.decode()

    assert "No offers" in html or "Ingen tilbud" in html
    assert 'class="table-warning"' in html
    assert html.count("<caption") == 2
    assert '<th scope="row">' in html
    assert '<th scope="col">' in html
    assert 'class="table-responsive"' in html
    assert "style=" not in html
    # Only the site's own script file (the menu), nothing inline.
    assert "<script>" not in html


@pytest.mark.parametrize(("role", "queries"), [("anonymous", 5), ("consultant", 11)])
def test_the_page_runs_the_same_number_of_queries_for_5_and_50_associations(
    client, faaborg, consultant, django_assert_num_queries, role, queries
):
    if role == "consultant":
        client.force_login(consultant)
    _populate(5)
    with django_assert_num_queries(queries):
        assert client.get(URL).status_code == 200
    _populate(50)
    with django_assert_num_queries(queries):
        assert client.get(URL).status_code == 200


def test_the_consultant_sees_links_into_the_admin_and_how_many_await_approval(
    client, faaborg, consultant
):
    elderly, ringe = _target_group("Ældre"), _region("Ringeegnen")
    factories.association(name="Afventer 1", status=Association.Status.PENDING)
    factories.association(name="Afventer 2", status=Association.Status.PENDING)
    client.force_login(consultant)

    response = client.get(URL)
    html = response.content.decode()

    changelist = reverse("admin:foreninger_association_changelist")
    cell = _cell("target_groups", elderly, ringe, response.context)
    assert cell.admin_url == (
        f"{changelist}?target_groups__id__exact={elderly.pk}&regions__id__exact={ringe.pk}"
    )
    assert cell.admin_url.replace("&", "&amp;") in html
    assert f"{changelist}?status__exact=pending" in html
    assert response.context["pending_count"] == 2


def test_the_consultants_admin_links_open_the_filtered_admin_list(client, faaborg, consultant):
    area = FocusArea.objects.get(number=1)
    elderly, ringe = _target_group("Ældre"), _region("Ringeegnen")
    factories.association(name="Med", target_groups=[elderly], regions=[ringe], focus_areas=[area])
    factories.association(name="Uden", target_groups=[elderly])
    client.force_login(consultant)
    context = client.get(URL).context

    for kind, header in [("target_groups", elderly), ("focus_areas", area), ("focus_areas", None)]:
        admin_url = _cell(kind, header, ringe, context).admin_url
        response = client.get(admin_url)
        # The admin redirects with ?e=1 when it does not allow a lookup.
        assert response.status_code == 200, admin_url
        assert response.context["cl"].result_count == 1


def test_an_anonymous_visitor_sees_the_public_version_without_admin_links(client, faaborg):
    factories.association(name="Afventer", status=Association.Status.PENDING)

    response = client.get(URL)

    assert response.status_code == 200
    assert "/admin/" not in response.content.decode()
    assert "pending_count" not in response.context


def test_staff_without_the_right_to_change_associations_see_the_public_version(client, faaborg):
    client.force_login(factories.user(is_staff=True))

    response = client.get(URL)

    assert "/admin/" not in response.content.decode()


def test_a_municipality_without_regions_counts_for_the_whole_municipality(client, toender):
    target_group = TargetGroup.objects.first()
    association = factories.association(name="Tønder Ældreråd", target_groups=[target_group])
    factories.activity(association)

    response = client.get(URL)
    html = response.content.decode()

    assert response.status_code == 200
    assert Region.objects.count() == 0
    cell = _cell("target_groups", target_group, None, response.context)
    assert (cell.association_count, cell.activity_count) == (1, 1)
    assert "Målsætninger" in html


def test_the_page_accepts_only_reading(client, faaborg):
    assert client.post(URL).status_code == 405
