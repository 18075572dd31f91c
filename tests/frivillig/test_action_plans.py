"""Action plans: one to two years per focus area, goals with success criteria, status over time."""

import datetime
import re

import pytest
from django.core.cache import cache
from django.db import IntegrityError, connection, transaction
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frivillig.models import ActionPlan, FocusArea, GoalStatusUpdate
from tests import factories

Status = GoalStatusUpdate.Status


@pytest.fixture
def area(faaborg):
    return FocusArea.objects.get(number=1)


def html_of(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_a_plan_must_end_after_it_starts(area):
    with pytest.raises(IntegrityError, match="action_plan_ends_after_start"), transaction.atomic():
        factories.action_plan(
            area, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2026, 1, 1)
        )


def test_a_plan_may_run_two_whole_years_leap_day_included(area):
    plan = factories.action_plan(
        area, starts_on=datetime.date(2027, 3, 1), ends_on=datetime.date(2029, 3, 1)
    )
    assert plan.pk


def test_a_plan_covers_at_most_two_years(area):
    with pytest.raises(IntegrityError, match="action_plan_at_most_two_years"), transaction.atomic():
        factories.action_plan(
            area, starts_on=datetime.date(2026, 1, 1), ends_on=datetime.date(2028, 1, 5)
        )


def test_two_goals_of_a_plan_cannot_share_a_number(area):
    plan = factories.action_plan(area, goals=1)
    with pytest.raises(IntegrityError, match="action_plan_goal_order_unique"), transaction.atomic():
        plan.goals.create(order=1, text="Igen", success_criteria="-")


def test_a_goal_has_one_status_a_day(area):
    goal = factories.action_plan(area, goals=1).goals.get()
    today = timezone.localdate()
    GoalStatusUpdate.objects.create(goal=goal, date=today, status=Status.IN_PROGRESS)
    with pytest.raises(IntegrityError, match="goal_status_one_per_day"), transaction.atomic():
        GoalStatusUpdate.objects.create(goal=goal, date=today, status=Status.ACHIEVED)


def test_a_focus_area_with_action_plans_cannot_be_deleted(area):
    factories.action_plan(area)
    with pytest.raises(ProtectedError, match=r"ActionPlan\.focus_area"):
        area.delete()


def test_the_focus_area_page_shows_the_plan_in_force_with_goals_and_latest_status(client, area):
    plan = factories.action_plan(
        area,
        title="Handleplan for mangfoldighed",
        goals=2,
        statuses=[Status.ACHIEVED, Status.IN_PROGRESS],
        value_citizens="Flere borgere finder et fællesskab.",
        value_municipality="Et stærkere samarbejde.",
    )
    html = html_of(client, area.get_absolute_url())
    assert "Handleplan for mangfoldighed" in html
    assert "Mål 1" in html
    assert "Mål 2" in html
    assert html.count('class="badge text-bg-success"') == 2  # achieved is the latest status
    assert "Flere borgere finder et fællesskab." in html
    assert plan.get_absolute_url() in html


def test_an_unpublished_plan_is_not_shown(client, area):
    plan = factories.action_plan(area, title="Kladde", published=False)
    assert "Kladde" not in html_of(client, area.get_absolute_url())
    assert client.get(plan.get_absolute_url()).status_code == 404


def test_of_overlapping_plans_the_latest_started_is_in_force(client, area):
    today = timezone.localdate()
    factories.action_plan(area, title="Den gamle", starts_on=today - datetime.timedelta(days=300))
    factories.action_plan(area, title="Den nye", starts_on=today - datetime.timedelta(days=10))
    html = html_of(client, area.get_absolute_url())
    assert "Den nye" in html
    assert "Den gamle" not in html
    assert reverse("action_plans", args=[area.slug]) in html


def test_a_focus_area_without_plans_shows_no_plan_section(client, area):
    html = html_of(client, area.get_absolute_url())
    assert reverse("action_plans", args=[area.slug]) not in html


def test_when_no_plan_is_in_force_the_page_links_the_earlier_ones(client, area):
    today = timezone.localdate()
    factories.action_plan(
        area,
        title="Udløbet",
        starts_on=today - datetime.timedelta(days=500),
        ends_on=today - datetime.timedelta(days=1),
    )
    html = html_of(client, area.get_absolute_url())
    assert "Udløbet" not in html
    assert reverse("action_plans", args=[area.slug]) in html


def test_the_archive_shows_the_current_plan_first_then_coming_and_earlier(client, area):
    today = timezone.localdate()
    factories.action_plan(area, title="Nuværende")
    factories.action_plan(
        area,
        title="Tidligere",
        starts_on=today - datetime.timedelta(days=800),
        ends_on=today - datetime.timedelta(days=200),
    )
    factories.action_plan(area, title="Kommende", starts_on=today + datetime.timedelta(days=100))
    factories.action_plan(area, title="Skjult", published=False)
    html = html_of(client, reverse("action_plans", args=[area.slug]))
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert html.index("Nuværende") < html.index("Kommende") < html.index("Tidligere")
    assert "Skjult" not in html


def test_the_plan_page_shows_each_goals_criteria_and_status_history(client, area):
    plan = factories.action_plan(
        area, goals=2, statuses=[Status.ACHIEVED, Status.IN_PROGRESS, Status.NOT_STARTED]
    )
    html = html_of(client, plan.get_absolute_url())
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert "Succeskriterium 1" in html
    assert "Succeskriterium 2" in html
    assert html.count("<caption id=") == 2
    assert html.count('<th scope="row">') == 6
    first_row = html.index('<th scope="row">')
    assert html.index("text-bg-success", first_row) < html.index("text-bg-warning", first_row)


def test_a_plan_is_only_found_under_its_own_focus_area(client, area):
    plan = factories.action_plan(area)
    other = FocusArea.objects.get(number=2)
    assert client.get(reverse("action_plan", args=[other.slug, plan.pk])).status_code == 404


def test_the_archive_of_an_unknown_focus_area_is_not_found(client, faaborg):
    assert client.get(reverse("action_plans", args=["findes-ikke"])).status_code == 404


def query_count(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


@pytest.mark.parametrize("page", ["focus_area", "action_plans", "action_plan"])
def test_plan_pages_run_the_same_number_of_queries_for_small_and_large_plans(
    client, area, django_assert_max_num_queries, page
):
    plan = factories.action_plan(area, goals=1, statuses=[Status.IN_PROGRESS])
    urls = {
        "focus_area": area.get_absolute_url(),
        "action_plans": reverse("action_plans", args=[area.slug]),
        "action_plan": plan.get_absolute_url(),
    }
    few = query_count(client, urls[page])
    for number in range(2, 12):
        goal = plan.goals.create(order=number, text=f"Mål {number}", success_criteria="-")
        for days in range(8):
            GoalStatusUpdate.objects.create(
                goal=goal,
                date=timezone.localdate() - datetime.timedelta(days=days),
                status=Status.IN_PROGRESS,
            )
    today = timezone.localdate()
    for years in range(2, 8):
        factories.action_plan(
            area,
            goals=3,
            statuses=[Status.ACHIEVED],
            starts_on=today.replace(year=today.year - years),
            ends_on=today.replace(year=today.year - years + 1),
        )
    # Cold as the first: after a change to its data the frame is read again, one query more.
    cache.clear()
    with django_assert_max_num_queries(few):
        client.get(urls[page])


def test_action_plans_are_ordered_by_area_and_latest_period(area):
    factories.action_plan(area, title="A", starts_on=datetime.date(2020, 1, 1))
    factories.action_plan(area, title="B", starts_on=datetime.date(2024, 1, 1))
    assert [plan.title for plan in ActionPlan.objects.all()] == ["B", "A"]
