"""Personal data: members download their association's data; the consultant anonymises;
the retention command deletes what the privacy page promises."""

import datetime
import io
import json

import pytest
from auditlog.models import LogEntry as AuditEntry
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from foreninger import services
from foreninger.models import Association
from frivillig.models import User
from frivillig.outbox.models import Message
from puljer.models import Application, Pool, Status
from tests import factories
from tests.puljer.conftest import open_round, submitted


def test_a_member_downloads_the_associations_data_as_json(client, faaborg, alice):
    club = factories.association(name="Klubben", members=[alice])
    factories.activity(club, title="Strikkecafé")
    submitted(club, open_round(), title="Ansøgning om kaffe")
    client.force_login(alice)
    response = client.get(reverse("foreninger:data_export", args=[club.pk]))
    data = json.loads(response.content)
    assert response["Content-Disposition"].startswith("attachment;")
    assert data["association"]["name"] == "Klubben"
    assert data["activities"][0]["title"] == "Strikkecafé"
    assert data["members"][0]["user__email"] == alice.email
    assert data["applications"][0]["title"] == "Ansøgning om kaffe"


def test_nobody_else_can_download_it(client, faaborg, alice, consultant):
    club = factories.association(members=[alice])
    bob = factories.user(email="bob@example.com")
    for user in (bob, consultant):
        client.force_login(user)
        assert client.get(reverse("foreninger:data_export", args=[club.pk])).status_code == 404


def test_only_an_inactive_or_rejected_association_is_anonymised(faaborg, consultant):
    club = factories.association()
    with pytest.raises(
        services.AssociationError, match="Kun en inaktiv eller afvist forening kan anonymiseres"
    ):
        services.association_anonymise(association=club, user=consultant)


def test_anonymising_removes_personal_data_but_keeps_grant_cases(faaborg, consultant, alice):
    bob = factories.user(email="bob@example.com", first_name="Bob")
    club = factories.association(
        name="Gammel Klub", status="inactive", phone="12345678", members=[alice, bob]
    )
    factories.association(name="Anden Klub", members=[bob])
    factories.activity(club, contact_name="Grethe")
    application = submitted(club, open_round(), status=Status.GRANTED, amount_granted=10000)
    services.association_anonymise(association=club, user=consultant)
    club.refresh_from_db()
    assert "Gammel Klub" not in club.name and club.phone == "" and club.email.endswith(".invalid")
    assert not club.activities.exists()
    alice.refresh_from_db()
    assert alice.email.endswith(".invalid") and not alice.is_active and alice.first_name == ""
    bob.refresh_from_db()
    assert bob.email == "bob@example.com"
    application.refresh_from_db()
    assert application.amount_granted == 10000 and application.contact_email == ""


def test_anonymising_deletes_the_messages_about_the_association_and_no_others(faaborg, consultant):
    club = factories.association(name="Gammel Klub", status="inactive")
    other = factories.association(name="Anden Klub")
    for association in (club, other):
        services.error_report(
            association=association, name="Bo", email="bo@example.com", message="Forkert adresse"
        )
    services.association_anonymise(association=club, user=consultant)
    assert [message.subject for message in Message.objects.all()] == [
        "Fejl meldt på siden om Anden Klub"
    ]


def test_the_consultant_anonymises_from_the_admin(client, faaborg, consultant):
    club = factories.association(name="Lukket Klub", status="inactive")
    factories.login_verified(client, consultant)
    url = reverse("admin:foreninger_association_decide", args=[club.pk, "anonymiser"])
    client.post(url, {"confirm": "1", "reason": ""})
    club.refresh_from_db()
    assert "Lukket Klub" not in club.name


def test_the_retention_command_deletes_what_the_privacy_page_promises(faaborg):
    long_ago = timezone.now() - datetime.timedelta(days=400)
    gone = factories.association(name="Væk", status="inactive")
    kept_cases = factories.association(name="Med sager", status="rejected", rejection_reason="x")
    fresh = factories.association(name="Nylig", status="inactive")
    old_round = open_round(Pool.Kind.SECTION_79)
    old_round.pool.year = timezone.localdate().year - 6
    old_round.pool.save()
    old_case = submitted(factories.association(name="Gammel sag"), old_round)
    submitted(kept_cases, open_round(), title="Ny sag")
    Association.objects.filter(pk__in=[gone.pk, kept_cases.pk]).update(updated_at=long_ago)
    unactivated = factories.user(email="glemt@example.com", is_active=False)
    User.objects.filter(pk=unactivated.pk).update(date_joined=long_ago)
    call_command("apply_retention", stdout=io.StringIO())
    assert not Association.objects.filter(pk=gone.pk).exists()
    assert Association.objects.filter(pk=fresh.pk).exists()
    assert "Med sager" not in Association.objects.get(pk=kept_cases.pk).name
    assert not Application.objects.filter(pk=old_case.pk).exists()
    assert not User.objects.filter(pk=unactivated.pk).exists()


def test_the_retention_command_leaves_no_trail_or_account_of_a_deleted_association(faaborg):
    member = factories.user(email="glemt-medlem@example.com", first_name="Glemt")
    gone = factories.association(name="Glemt Klub", status="inactive", members=[member])
    factories.activity(gone, contact_name="Glemt Kontakt")
    long_ago = timezone.now() - datetime.timedelta(days=400)
    Association.objects.filter(pk=gone.pk).update(updated_at=long_ago)
    call_command("apply_retention", stdout=io.StringIO())
    assert not Association.objects.filter(pk=gone.pk).exists()
    assert not AuditEntry.objects.filter(object_repr__contains="Glemt").exists()
    assert not User.objects.filter(email="glemt-medlem@example.com").exists()
