"""The consultant's workbench: filters, decisions with reasons, and the rule of play."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from foreninger.models import Association, AssociationLog
from frivillig.models import Region
from tests import factories

CHANGELIST = "admin:foreninger_association_changelist"


@pytest.fixture
def admin_client(client, consultant):
    client.force_login(consultant)
    return client


def test_the_changelist_filters_by_status_region_focus_area_and_target_group(admin_client, faaborg):
    region = Region.objects.get(slug="ringeegnen")
    factories.association(name="I Ringe", regions=[region], status="pending")
    factories.association(name="Andetsteds", status="pending")
    html = admin_client.get(
        reverse(CHANGELIST), {"status__exact": "pending", "regions__id__exact": region.pk}
    ).content.decode()
    assert "I Ringe" in html and "Andetsteds" not in html
    for filter_name in ("focus_areas__id__exact", "target_groups__id__exact"):
        assert filter_name in admin_client.get(reverse(CHANGELIST)).content.decode()


def test_the_consultant_approves_several_associations_at_once(
    admin_client, faaborg, django_capture_on_commit_callbacks
):
    first = factories.association(name="Første", status="pending")
    second = factories.association(name="Anden", status="pending")
    data = {"action": "approve_selected", "_selected_action": [first.pk, second.pk]}
    response = admin_client.post(reverse(CHANGELIST), data)
    assert "Beslutningen gælder" in response.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(reverse(CHANGELIST), {**data, "confirm": "1", "reason": ""})
    assert response.status_code == 302
    assert set(Association.objects.values_list("status", flat=True)) == {"approved"}
    assert sorted(message.to[0] for message in mail.outbox) == sorted([first.email, second.email])


def test_approval_without_a_child_certificate_needs_a_reason_in_the_admin(admin_client, faaborg):
    association = factories.association(
        name="Børneklubben",
        status="pending",
        child_certificate_checked_on=timezone.localdate() - timedelta(days=400),
    )
    factories.activity(association, involves_children_under_15=True)
    url = reverse("admin:foreninger_association_decide", args=[association.pk, "godkend"])
    assert "Spilleregel" in admin_client.get(url).content.decode()
    admin_client.post(url, {"confirm": "1", "reason": ""})
    association.refresh_from_db()
    assert association.status == "pending"
    admin_client.post(url, {"confirm": "1", "reason": "Set attesterne på mødet i dag."})
    association.refresh_from_db()
    assert association.status == "approved"
    assert association.log.get().action == AssociationLog.Action.APPROVED_OVERRIDE


def test_rejection_in_the_admin_needs_a_reason(admin_client, faaborg):
    association = factories.association(status="pending")
    url = reverse("admin:foreninger_association_decide", args=[association.pk, "afvis"])
    admin_client.post(url, {"confirm": "1", "reason": ""})
    association.refresh_from_db()
    assert association.status == "pending"
    admin_client.post(url, {"confirm": "1", "reason": "Ikke en social forening."})
    association.refresh_from_db()
    assert association.rejection_reason == "Ikke en social forening."


def test_the_status_cannot_be_edited_around_the_rules(admin_client, faaborg):
    association = factories.association(status="pending")
    response = admin_client.get(
        reverse("admin:foreninger_association_change", args=[association.pk])
    )
    html = response.content.decode()
    assert 'name="status"' not in html
    assert reverse("admin:foreninger_association_decide", args=[association.pk, "godkend"]) in html


def test_an_unknown_decision_is_refused(admin_client, faaborg):
    association = factories.association(status="pending")
    url = reverse("admin:foreninger_association_decide", args=[association.pk, "slet"])
    assert admin_client.get(url).status_code == 403


def test_a_user_without_the_role_cannot_decide(client, faaborg, alice):
    association = factories.association(status="pending")
    alice.is_staff = True
    alice.save()
    client.force_login(alice)
    url = reverse("admin:foreninger_association_decide", args=[association.pk, "godkend"])
    assert client.post(url, {"confirm": "1"}).status_code == 403
    association.refresh_from_db()
    assert association.status == "pending"
