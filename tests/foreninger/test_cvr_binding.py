"""Associations bound to their CVR number: a MitID Erhverv login joins the association only when
the privileges attribute says the person may act for it; otherwise they ask to join."""

import base64

import pytest
from django.contrib.messages import get_messages
from django.core import mail
from django.urls import reverse
from django.utils import translation

from foreninger import mitid
from foreninger.models import Association, AssociationLog, JoinRequest, Membership
from foreninger.services import AssociationError
from frivillig.identity.oiosaml import Identity, privileges_encode, privileges_from
from tests import factories
from tests.frivillig.test_saml_login import mitid_login

PRIVILEGE = "urn:dk:frivilligportalen:act-for-association"


def _levels(response):
    return [message.level_tag for message in get_messages(response.wsgi_request)]


def _identity(cvr, privileges):
    return Identity(
        issuer="idp",
        subject="person",
        assurance="Substantial",
        first_name="A",
        last_name="B",
        email="a@example.org",
        cvr=cvr,
        organisation="Org",
        privileges=privileges_from(privileges_encode(privileges)),
    )


def test_the_privilege_counts_only_for_the_cvr_number_logged_in_for():
    assert _identity("12345674", [("12345674", PRIVILEGE)]).may_act_for(PRIVILEGE) is True
    assert _identity("12345674", [("29183740", PRIVILEGE)]).may_act_for(PRIVILEGE) is False
    assert _identity("12345674", [("12345674", "urn:other")]).may_act_for(PRIVILEGE) is False
    assert _identity("", [("12345674", PRIVILEGE)]).may_act_for(PRIVILEGE) is False


def test_an_unreadable_privilege_list_grants_nothing():
    assert privileges_from("not base64!") == frozenset()
    assert privileges_from(base64.b64encode(b"<unclosed").decode()) == frozenset()


@pytest.mark.django_db
def test_a_person_with_the_privilege_becomes_a_member_and_proves_the_identity(client):
    association = factories.association(name="Sammen", cvr="12345674")
    response = mitid_login(client, "formand")
    assert response.url == reverse("foreninger:dashboard")
    membership = Membership.objects.get()
    assert (membership.association, membership.user.email) == (
        association,
        "freja.formand@example.org",
    )
    association.refresh_from_db()
    assert association.cvr_proven_on is not None
    assert set(association.log.values_list("action", flat=True)) == {"member_joined", "cvr_proven"}


@pytest.mark.django_db
def test_a_person_without_the_privilege_asks_to_join_and_a_member_lets_them_in(
    client, alice, django_capture_on_commit_callbacks
):
    association = factories.association(name="Sammen", cvr="12345674", members=[alice])
    response = mitid_login(client, "frivillig")
    assert response.url == reverse("foreninger:mitid_organisation")
    assert Membership.objects.filter(user__email="villy.frivillig@example.org").count() == 0
    page = client.get(response.url)
    assert f'action="{reverse("foreninger:mitid_join")}"' in page.content.decode()

    with django_capture_on_commit_callbacks(execute=True):
        asked = client.post(reverse("foreninger:mitid_join"))
    assert asked.url == reverse("foreninger:dashboard")
    assert [message.to for message in mail.outbox] == [["alice@example.com"]]
    again = client.post(reverse("foreninger:mitid_join"))
    # The first answer's message still waits beside the refusal.
    assert _levels(again) == ["success", "error"]
    assert JoinRequest.objects.count() == 1

    member = type(client)()
    member.force_login(alice)
    join_request = JoinRequest.objects.get()
    with django_capture_on_commit_callbacks(execute=True):
        answered = member.post(
            reverse("foreninger:join_requests", args=[association.pk]),
            {"request": join_request.pk, "answer": "approve"},
        )
    assert _levels(answered) == ["success"]
    assert Membership.objects.filter(user__email="villy.frivillig@example.org").count() == 1
    assert mail.outbox[-1].to == ["villy.frivillig@example.org"]
    assert association.log.filter(action=AssociationLog.Action.JOIN_APPROVED).count() == 1


@pytest.mark.django_db
def test_a_cvr_without_an_association_is_offered_registration_from_the_register(client):
    response = mitid_login(client, "ny")
    assert response.url == reverse("foreninger:mitid_organisation")
    form = client.get(reverse("foreninger:mitid_register")).content.decode()
    assert 'value="Testklubben Ny Start"' in form
    assert 'value="Prøvegade 12"' in form
    created = client.post(
        reverse("foreninger:mitid_register"),
        {
            "name": "Testklubben Ny Start",
            "kind": "association",
            "cvr": "99999999",
            "short_description": "Vi starter på ny.",
            "email": "kontakt@nystart.example.org",
        },
    )
    association = Association.objects.get()
    assert created.url == reverse("foreninger:edit", args=[association.pk])
    assert (association.cvr, association.status) == ("29183740", "pending")
    assert association.cvr_proven_on is not None


@pytest.mark.django_db
def test_registration_from_the_register_needs_the_privilege(client):
    factories.association(name="Sammen", cvr="12345674")
    mitid_login(client, "frivillig")
    assert client.get(reverse("foreninger:mitid_register")).status_code == 404


@pytest.mark.django_db
def test_a_member_of_another_association_cannot_answer_its_requests(client, alice):
    association = factories.association(name="Sammen", cvr="12345674")
    factories.association(name="Anden", members=[alice])
    join_request = JoinRequest.objects.create(association=association, user=factories.user())
    client.force_login(alice)
    response = client.post(
        reverse("foreninger:join_requests", args=[association.pk]),
        {"request": join_request.pk, "answer": "approve"},
    )
    assert response.status_code == 404
    assert mitid.JoinRequest.objects.get().decided_at is None


@pytest.mark.django_db
def test_a_member_cannot_ask_to_join_again(alice):
    association = factories.association(name="Sammen", cvr="12345674", members=[alice])
    with (
        translation.override("en"),
        pytest.raises(AssociationError, match=r"^You are already a member of this association\.$"),
    ):
        mitid.join_request_create(association=association, user=alice)
    assert JoinRequest.objects.count() == 0


@pytest.mark.django_db
def test_the_consultant_lets_a_person_in_from_the_admin(client, consultant):
    association = factories.association(name="Sammen", cvr="12345674")
    person = factories.user(email="villy@example.org")
    join_request = JoinRequest.objects.create(association=association, user=person)
    client.force_login(consultant)
    response = client.post(
        reverse("admin:foreninger_joinrequest_changelist"),
        {"action": "approve_selected", "_selected_action": [join_request.pk]},
    )
    assert response.status_code == 302
    assert list(association.memberships.values_list("user__email", flat=True)) == [
        "villy@example.org"
    ]
    join_request.refresh_from_db()
    assert (join_request.approved, join_request.decided_by) == (True, consultant)
    assert mail.outbox[-1].to == ["villy@example.org"]
