"""Profiles stay current: yearly reminders with a confirm link, and stale profiles in the admin."""

import re
from datetime import timedelta

from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from foreninger.models import Association, AssociationLog
from tests import factories


def days_ago(days):
    return timezone.localdate() - timedelta(days=days)


def test_the_command_reminds_approved_associations_unconfirmed_for_12_months(faaborg):
    stale = factories.association(name="Gammel", confirmed_on=days_ago(365))
    factories.association(name="Frisk", confirmed_on=days_ago(364))
    factories.association(name="Venter", confirmed_on=days_ago(900), status="pending")
    call_command("remind_stale_associations", stdout=open("/dev/null", "w"))  # noqa: SIM115
    [message] = mail.outbox
    assert message.to == [stale.email]
    assert message.subject == "Er oplysningerne om Gammel stadig rigtige?"
    stale.refresh_from_db()
    assert stale.reminded_on == timezone.localdate()
    assert stale.log.filter(action=AssociationLog.Action.REMINDED).exists()


def test_an_association_is_reminded_again_only_after_30_days(faaborg):
    association = factories.association(confirmed_on=days_ago(400), reminded_on=days_ago(29))
    call_command("remind_stale_associations", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert mail.outbox == []
    Association.objects.filter(pk=association.pk).update(reminded_on=days_ago(30))
    call_command("remind_stale_associations", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert len(mail.outbox) == 1


def test_the_confirm_link_asks_once_and_then_stops_working(client, faaborg):
    association = factories.association(confirmed_on=days_ago(400))
    call_command("remind_stale_associations", stdout=open("/dev/null", "w"))  # noqa: SIM115
    link = re.search(r"http://\S+", mail.outbox[0].body).group()
    path = link.removeprefix("http://127.0.0.1:8000")
    response = client.get(path)
    assert response.status_code == 200
    association.refresh_from_db()
    assert association.confirmed_on == days_ago(400), "a GET (a mail scanner) confirms nothing"
    assert client.post(path).status_code == 302
    association.refresh_from_db()
    assert association.confirmed_on == timezone.localdate()
    assert association.reminded_on is None
    assert client.get(path).status_code == 400


def test_a_forged_confirm_link_is_refused(client, faaborg):
    factories.association(confirmed_on=days_ago(400))
    assert client.get(reverse("foreninger:confirm", args=["forged:token"])).status_code == 400
    assert client.post(reverse("foreninger:confirm", args=["forged:token"])).status_code == 400


def test_the_public_page_says_when_the_details_were_last_confirmed(client, faaborg):
    association = factories.association(confirmed_on=timezone.datetime(2026, 3, 5).date())
    assert (
        "Senest bekræftet 5. marts 2026"
        in client.get(association.get_absolute_url()).content.decode()
    )


def test_a_member_confirms_from_the_dashboard(client, faaborg, alice):
    association = factories.association(confirmed_on=days_ago(400), members=[alice])
    client.force_login(alice)
    client.post(reverse("foreninger:confirm_member", args=[association.pk]))
    association.refresh_from_db()
    assert association.confirmed_on == timezone.localdate()


def test_the_consultant_filters_stale_profiles_in_the_admin(client, faaborg, consultant):
    factories.association(name="Gammel profil", confirmed_on=days_ago(366))
    factories.association(name="Ny profil", confirmed_on=days_ago(3))
    client.force_login(consultant)
    html = client.get(
        reverse("admin:foreninger_association_changelist"), {"bekraeftet": "gammel"}
    ).content.decode()
    assert "Gammel profil" in html
    assert "Ny profil" not in html
