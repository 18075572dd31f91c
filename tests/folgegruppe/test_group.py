"""The group's public page: current members with terms, and which target groups they cover."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from folgegruppe.models import GroupSeat
from folgegruppe.selectors import current_seats, group_coverage
from frivillig.models import TargetGroup
from tests import factories

URL = reverse("folgegruppe:group")


@pytest.fixture
def groups(faaborg):
    return {group.slug: group for group in TargetGroup.objects.all()}


def _elected(name, association, *, start=None, end=None):
    today = timezone.localdate()
    return GroupSeat.objects.create(
        person_name=name,
        association=association,
        term_start=start or today - timedelta(days=30),
        term_end=end or today + timedelta(days=700),
    )


def test_the_page_lists_the_current_members_with_their_associations_and_terms(client, groups):
    club = factories.association(name="Besøgsvennerne", target_groups=[groups["aeldre"]])
    _elected("Karen Holm", club, start=date(2026, 2, 1), end=date(2099, 1, 31))
    _elected("Gammel Periode", club, start=date(2020, 2, 1), end=date(2022, 1, 31))
    response = client.get(URL)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Karen Holm" in page
    assert club.get_absolute_url() in page
    assert "31. januar 2099" in page
    assert "Gammel Periode" not in page
    assert "Frivilligcenter Faaborg-Midtfyn" in page
    assert "Huset i Faaborg" in page


def test_coverage_counts_the_associations_and_their_activities_target_groups(groups):
    elderly = factories.association(target_groups=[groups["aeldre"]])
    youth = factories.association()
    factories.activity(youth, target_groups=[groups["boern-og-unge"]])
    karen, ole = _elected("Karen", elderly), _elected("Ole", youth)
    coverage = group_coverage(current_seats())
    covered = {group.slug: seats for group, seats in coverage.rows}
    assert covered["aeldre"] == [karen]
    assert covered["boern-og-unge"] == [ole]
    assert {group.slug for group in coverage.gaps} == {"voksne", "patientforeninger", "integration"}
    assert len(coverage.unlinked) == 2  # the fixed seats are not linked to the registry yet


def test_the_page_warns_about_the_gaps(client, groups):
    _elected("Karen", factories.association(target_groups=list(groups.values())[:4]))
    page = client.get(URL).content.decode()
    assert "alert-warning" in page
    assert "Integration" in page.split("alert-warning", 1)[1].split("</div>", 1)[0]


def test_no_warning_when_every_target_group_is_covered(client, groups):
    _elected("Karen", factories.association(target_groups=list(groups.values())))
    assert "alert-warning" not in client.get(URL).content.decode()


def test_the_admin_list_of_seats_warns_about_the_gaps(client, consultant, groups):
    _elected("Karen", factories.association(target_groups=[groups["aeldre"]]))
    client.force_login(consultant)
    response = client.get(reverse("admin:folgegruppe_groupseat_changelist"))
    assert response.status_code == 200
    shown = {m.level_tag: str(m) for m in response.context["messages"]}
    assert "Ældre (Karen)" in shown["info"]
    assert "Integration" in shown["warning"]
    assert "Ældre" not in shown["warning"]


def test_the_page_reads_the_seats_and_coverage_in_a_constant_number_of_queries(
    client, groups, django_assert_max_num_queries
):
    def members(count):
        for number in range(count):
            club = factories.association(target_groups=[groups["aeldre"]])
            factories.activity(club, target_groups=[groups["voksne"]])
            _elected(f"Medlem {number}", club)

    members(1)
    with django_assert_max_num_queries(50) as small:
        client.get(URL)
    members(10)
    with django_assert_max_num_queries(50) as large:
        client.get(URL)
    assert len(large.captured_queries) == len(small.captured_queries)
