"""The consultant's workbench for events, action plans and awards."""

import pytest
from django.urls import reverse

from frivillig.arrangementer.models import Event
from frivillig.models import ActionPlan, AwardCategory, FocusArea, Region
from tests import factories


@pytest.fixture
def consultant_client(client, faaborg, consultant):
    client.force_login(consultant)
    return client


@pytest.mark.parametrize(
    "model",
    [
        "arrangementer_event",
        "frivillig_actionplan",
        "frivillig_actionplangoal",
        "frivillig_awardcategory",
        "frivillig_nomination",
    ],
)
def test_the_consultant_opens_every_list_and_the_add_form_where_allowed(consultant_client, model):
    assert consultant_client.get(reverse(f"admin:{model}_changelist")).status_code == 200
    add = consultant_client.get(reverse(f"admin:{model}_add"))
    # Nominations come from the public form only.
    assert add.status_code == (403 if model == "frivillig_nomination" else 200)


def test_the_event_list_filters_by_kind_region_and_date(consultant_client):
    region = Region.objects.first()
    factories.event(title="Messen", kind=Event.Kind.FAIR, region=region)
    factories.event(title="Kuren", kind=Event.Kind.NYTAARSKUR)
    url = reverse("admin:arrangementer_event_changelist")
    html = consultant_client.get(url, {"kind": "fair", "region__id__exact": region.pk}).content
    assert b"Messen" in html
    assert b"Kuren" not in html
    year = Event.objects.first().starts_at.year
    assert consultant_client.get(url, {"starts_at__year": year}).status_code == 200


def test_the_consultant_adds_an_event_and_is_told_what_is_wrong_first(consultant_client):
    data = {
        "title": "Nytårskur 2031",
        "slug": "nytaarskur-2031",
        "kind": "nytaarskur",
        "starts_at_0": "2031-02-07",
        "starts_at_1": "17:00",
        "ends_at_0": "2031-02-07",
        "ends_at_1": "16:00",
        "place": "Rådhuset",
        "capacity": "0",
    }
    url = reverse("admin:arrangementer_event_add")
    response = consultant_client.post(url, data)
    # Both database rules come back as messages: the end and the capacity.
    assert len(response.context["adminform"].form.errors["__all__"]) == 2
    assert not Event.objects.exists()
    response = consultant_client.post(url, {**data, "ends_at_1": "20:00", "capacity": "150"})
    assert response.status_code == 302
    assert Event.objects.get().capacity == 150


def test_the_consultant_writes_a_plan_with_goals(consultant_client):
    area = FocusArea.objects.get(number=1)
    response = consultant_client.post(
        reverse("admin:frivillig_actionplan_add"),
        {
            "focus_area": area.pk,
            "title": "Handleplan 2031–2032",
            "starts_on": "2031-01-01",
            "ends_on": "2032-12-31",
            "published": "on",
            "value_citizens": "Flere fællesskaber.",
            "goals-TOTAL_FORMS": "1",
            "goals-INITIAL_FORMS": "0",
            "goals-0-order": "1",
            "goals-0-text": "Flere frivillige",
            "goals-0-success_criteria": "Ti nye frivillige",
        },
    )
    assert response.status_code == 302
    plan = ActionPlan.objects.get()
    assert plan.goals.get().text == "Flere frivillige"


def test_a_plan_longer_than_two_years_is_explained_in_the_form(consultant_client):
    area = FocusArea.objects.get(number=1)
    response = consultant_client.post(
        reverse("admin:frivillig_actionplan_add"),
        {
            "focus_area": area.pk,
            "title": "For lang",
            "starts_on": "2031-01-01",
            "ends_on": "2034-01-01",
            "goals-TOTAL_FORMS": "0",
            "goals-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert "__all__" in response.context["adminform"].form.errors
    assert not ActionPlan.objects.exists()


def test_the_consultant_records_a_goal_status(consultant_client):
    goal = factories.action_plan(FocusArea.objects.get(number=1), goals=1).goals.get()
    url = reverse("admin:frivillig_actionplangoal_change", args=[goal.pk])
    response = consultant_client.post(
        url,
        {
            "plan": goal.plan_id,
            "order": "1",
            "text": goal.text,
            "success_criteria": goal.success_criteria,
            "status_updates-TOTAL_FORMS": "1",
            "status_updates-INITIAL_FORMS": "0",
            "status_updates-0-date": "2031-03-01",
            "status_updates-0-status": "in_progress",
            "status_updates-0-note": "Godt i gang.",
        },
    )
    assert response.status_code == 302
    assert goal.status_updates.get().note == "Godt i gang."


def test_the_consultant_links_an_award_to_a_focus_area(consultant_client):
    category = AwardCategory.objects.first()
    area = FocusArea.objects.get(number=3)
    consultant_client.post(
        reverse("admin:frivillig_awardcategory_change", args=[category.pk]),
        {
            "name": category.name,
            "slug": category.slug,
            "order": "1",
            "focus_area": area.pk,
            "is_open": "on",
        },
    )
    category.refresh_from_db()
    assert category.focus_area == area


def test_an_association_member_cannot_open_the_workbench(client, faaborg, alice):
    client.force_login(alice)
    response = client.get(reverse("admin:frivillig_nomination_changelist"))
    assert response.status_code == 302


def test_the_lists_of_other_packages_are_named_in_danish(consultant_client):
    # Their Danish is in frivillig/translations/, the second of LOCALE_PATHS.
    page = consultant_client.get(reverse("admin:index")).content.decode()
    assert '<a href="/admin/axes/accessattempt/">Loginforsøg</a>' in page
    assert '<a href="/admin/auditlog/logentry/">Logmeddelelser</a>' in page
