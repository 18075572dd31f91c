"""Invitations to act for an association: revocable, limited, and only from approved ones."""

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse

from foreninger.models import Invitation, Membership
from tests import factories


@pytest.fixture
def english(client, settings):
    """Messages read in English: the Danish catalogue is filled in after the code."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def bob(db):
    return factories.user(email="bob@example.com", first_name="Bob")


@pytest.fixture
def carol(db):
    return factories.user(email="carol@example.com", first_name="Carol")


@pytest.fixture
def club(faaborg, alice, bob):
    return factories.association(name="Klub A", members=[alice, bob])


def invite(client, association, email, capture):
    with capture(execute=True):
        # Followed, so that the page shows (and uses up) the message of the invitation.
        return client.post(
            reverse("foreninger:members", args=[association.pk]), {"email": email}, follow=True
        )


def accept(client, invitation):
    return client.post(
        reverse("foreninger:invitation_accept", args=[invitation.token]), follow=True
    )


def revoke_url(invitation):
    return reverse("foreninger:invitation_revoke", args=[invitation.association_id, invitation.pk])


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


@pytest.fixture
def carols_invitation(client, club, alice, django_capture_on_commit_callbacks):
    """Alice has invited carol@example.com to Klub A."""
    client.force_login(alice)
    invite(client, club, "carol@example.com", django_capture_on_commit_callbacks)
    return Invitation.objects.get(email="carol@example.com")


# M3: a removed member must not keep access through invitations nobody can revoke.


def test_the_members_page_offers_to_revoke_a_pending_invitation(client, carols_invitation):
    html = client.get(reverse("foreninger:members", args=[carols_invitation.association_id]))
    assert f'action="{revoke_url(carols_invitation)}"' in html.content.decode()


def test_a_member_revokes_an_invitation_that_then_cannot_be_accepted(
    client, english, club, bob, carol, carols_invitation
):
    client.force_login(bob)
    response = client.post(revoke_url(carols_invitation))
    assert response.status_code == 302
    assert messages_of(response) == ["The invitation to carol@example.com is revoked."]
    carols_invitation.refresh_from_db()
    assert carols_invitation.revoked_at is not None
    client.get(response["Location"])  # shows the message
    assert "carol@example.com" not in client.get(response["Location"]).content.decode()
    client.force_login(carol)
    assert "This invitation has been revoked." in accept(client, carols_invitation).content.decode()
    assert not Membership.objects.filter(user=carol).exists()


def test_revoking_is_written_in_the_association_log(client, club, bob, carols_invitation):
    client.force_login(bob)
    client.post(revoke_url(carols_invitation))
    entry = club.log.get(action="invitation_revoked")
    assert (entry.user, entry.note) == (bob, "carol@example.com")


def test_an_accepted_invitation_cannot_be_revoked(
    client, english, club, bob, carol, carols_invitation
):
    client.force_login(carol)
    accept(client, carols_invitation)
    client.force_login(bob)
    response = client.post(revoke_url(carols_invitation))
    assert messages_of(response) == ["This invitation has already been accepted."]
    carols_invitation.refresh_from_db()
    assert carols_invitation.revoked_at is None


def test_a_member_of_another_association_cannot_revoke_an_invitation(
    client, faaborg, carols_invitation
):
    outsider = factories.user(email="dave@example.com")
    other = factories.association(name="Klub B", members=[outsider])
    client.force_login(outsider)
    assert client.post(revoke_url(carols_invitation)).status_code == 404
    url = reverse("foreninger:invitation_revoke", args=[other.pk, carols_invitation.pk])
    assert client.post(url).status_code == 404
    carols_invitation.refresh_from_db()
    assert carols_invitation.revoked_at is None


def test_removing_a_member_revokes_the_invitations_they_sent(
    client, english, club, alice, bob, carol, carols_invitation
):
    client.force_login(bob)
    membership = club.memberships.get(user=alice)
    response = client.post(reverse("foreninger:member_remove", args=[club.pk, membership.pk]))
    assert messages_of(response) == [
        "Alice is no longer a member. The invitation they sent is revoked."
    ]
    carols_invitation.refresh_from_db()
    assert carols_invitation.revoked_at is not None
    client.force_login(carol)
    accept(client, carols_invitation)
    assert not Membership.objects.filter(user=carol).exists()


def test_an_invitation_from_someone_no_longer_a_member_cannot_be_accepted(
    client, english, club, alice, carol, carols_invitation
):
    # As when the consultant deletes the membership in the admin.
    Membership.objects.filter(user=alice, association=club).delete()
    client.force_login(carol)
    response = accept(client, carols_invitation)
    assert (
        "The member who sent this invitation no longer acts for the association. "
        "Ask the association to send a new one." in response.content.decode()
    )
    assert not Membership.objects.filter(user=carol).exists()


def test_an_invitation_from_a_deleted_account_cannot_be_accepted(
    client, club, alice, carol, carols_invitation
):
    alice.delete()
    client.force_login(carol)
    accept(client, carols_invitation)
    assert not Membership.objects.filter(user=carol).exists()


def test_the_consultant_revokes_invitations_in_the_admin(
    client, english, consultant, carol, carols_invitation
):
    factories.login_verified(client, consultant)
    response = client.post(
        reverse("admin:foreninger_invitation_changelist"),
        {"action": "revoke_selected", "_selected_action": [carols_invitation.pk]},
    )
    assert response.status_code == 302
    assert messages_of(response) == ["1 invitation revoked."]
    carols_invitation.refresh_from_db()
    assert carols_invitation.revoked_at is not None
    entry = carols_invitation.association.log.get(action="invitation_revoked")
    assert entry.user == consultant
    client.force_login(carol)
    accept(client, carols_invitation)
    assert not Membership.objects.filter(user=carol).exists()
    assert [message.to for message in mail.outbox] == [["carol@example.com"]]


# M5: the portal's sender must not be an open relay for invitations.

TOO_MANY = "Too many invitations have been sent in a short time. Try again tomorrow."


def test_an_association_awaiting_approval_cannot_invite(
    client, english, faaborg, alice, django_capture_on_commit_callbacks
):
    pending = factories.association(
        name="Gratis Præmie Klik Her", members=[alice], status="pending"
    )
    client.force_login(alice)
    response = invite(client, pending, "victim@example.com", django_capture_on_commit_callbacks)
    assert (
        "Your association can invite members once the volunteer consultant has approved it."
        in response.content.decode()
    )
    assert not Invitation.objects.exists()
    assert not pending.log.filter(action="member_invited").exists()
    assert mail.outbox == []


def test_a_user_sends_at_most_ten_invitations_a_day(
    client, english, club, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    for number in range(10):
        invite(client, club, f"ven{number}@example.com", django_capture_on_commit_callbacks)
    response = invite(client, club, "ven10@example.com", django_capture_on_commit_callbacks)
    assert TOO_MANY in response.content.decode()
    assert Invitation.objects.count() == 10
    assert club.log.filter(action="member_invited").count() == 10
    assert len(mail.outbox) == 10


def test_an_address_receives_at_most_three_invitations_a_day(
    client, english, club, alice, bob, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    invite(client, club, "victim@example.com", django_capture_on_commit_callbacks)
    invite(client, club, "Victim@Example.com", django_capture_on_commit_callbacks)
    client.force_login(bob)
    invite(client, club, "victim@example.com", django_capture_on_commit_callbacks)
    response = invite(client, club, "VICTIM@example.com", django_capture_on_commit_callbacks)
    assert TOO_MANY in response.content.decode()
    assert Invitation.objects.filter(email="victim@example.com").count() == 3
    assert [message.to for message in mail.outbox] == [["victim@example.com"]] * 3
    invite(client, club, "ven@example.com", django_capture_on_commit_callbacks)
    assert Invitation.objects.filter(email="ven@example.com").exists()
