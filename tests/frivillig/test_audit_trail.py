"""Every change the consultant makes to the records that matter is kept, who/when/before/after,
and the trail cannot be edited in the admin."""

import datetime
import json

import pytest
from auditlog.models import LogEntry as AuditEntry
from django.urls import reverse
from django.utils import timezone

from foreninger import services as registry
from foreninger.frivilligjob.models import Opportunity, OpportunityAnswer
from frivillig.arrangementer.models import Event
from frivillig.models import MeetingPlace
from puljer import services as grants
from tests import factories
from tests.puljer.conftest import open_round, submitted


def changes(entry):
    return entry.changes if isinstance(entry.changes, dict) else json.loads(entry.changes)


def test_an_edit_in_the_admin_records_who_and_the_values_before_and_after(
    client, faaborg, consultant
):
    association = factories.association(name="Gammelt Navn", town="Ringe")
    client.force_login(consultant)
    url = reverse("admin:foreninger_association_change", args=[association.pk])
    data = factories.admin_change_data(
        client,
        url,
        inlines=("activities", "memberships", "log"),
        name="Nyt Navn",
        focus_areas=[],
        regions=[],
        target_groups=[],
    )
    client.post(url, data)
    entry = AuditEntry.objects.get_for_object(association).latest("timestamp")
    assert entry.actor == consultant
    assert changes(entry)["name"] == ["Gammelt Navn", "Nyt Navn"]


def test_decisions_are_in_the_trail(faaborg, consultant, django_capture_on_commit_callbacks):
    club = factories.association(status="pending")
    registry.association_approve(association=club, user=consultant)
    application = submitted(club, open_round(), amount_applied=5000)
    grants.grant_decide(application=application, user=consultant, amount=5000)
    assert changes(AuditEntry.objects.get_for_object(club).latest("timestamp"))["status"] == [
        "pending",
        "approved",
    ]
    decided = changes(AuditEntry.objects.get_for_object(application).latest("timestamp"))
    assert decided["status"] == ["submitted", "granted"]
    assert "contact_email" not in decided


@pytest.mark.parametrize("method", ["get", "post"])
def test_the_trail_cannot_be_edited_or_deleted_in_the_admin(client, faaborg, consultant, method):
    club = factories.association()
    registry.association_confirm(association=club, user=consultant)
    entry = AuditEntry.objects.get_for_object(club).latest("timestamp")
    client.force_login(consultant)
    assert client.get(reverse("admin:auditlog_logentry_changelist")).status_code == 200
    delete = reverse("admin:auditlog_logentry_delete", args=[entry.pk])
    assert getattr(client, method)(delete, {"post": "yes"}).status_code == 403
    assert AuditEntry.objects.filter(pk=entry.pk).exists()


def test_anonymising_an_association_removes_its_trail(faaborg, consultant):
    club = factories.association(name="Hemmelig Klub", status="inactive")
    registry.association_confirm(association=club, user=consultant)
    registry.association_anonymise(association=club, user=consultant)
    assert not any(
        "Hemmelig Klub" in json.dumps(changes(entry))
        for entry in AuditEntry.objects.get_for_object(club)
    )


def volunteer_job(club):
    return Opportunity.objects.create(
        association=club,
        title="Chauffør",
        description="Kør ældre til indkøb.",
        time_commitment=Opportunity.TimeCommitment.WEEKLY,
        answer_by=timezone.localdate() + datetime.timedelta(days=10),
    )


def test_opportunities_events_and_meeting_places_are_in_the_trail(faaborg):
    job = volunteer_job(factories.association())
    place = MeetingPlace.objects.create(name="Frivillighuset", slug="frivillighuset")
    workshop = Event.objects.create(
        title="Workshop", slug="workshop", kind=Event.Kind.WORKSHOP, date_text="Foråret 2019"
    )
    for record, field, value in (
        (job, "title", "Chauffør til indkøb"),
        (place, "town", "Ringe"),
        (workshop, "place", "Gråsten"),
    ):
        setattr(record, field, value)
        record.save()
        assert changes(AuditEntry.objects.get_for_object(record).latest("timestamp"))[field][1] == (
            value
        )


def test_answers_from_citizens_are_not_in_the_trail(faaborg):
    job = volunteer_job(factories.association())
    answer = OpportunityAnswer.objects.create(
        opportunity=job, name="Bo", email="bo@example.com", message="Jeg vil gerne."
    )
    assert not AuditEntry.objects.get_for_object(answer).exists()
