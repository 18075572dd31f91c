"""Who may be made a member: staff act for the municipality, never as an association."""

import pytest
from auditlog.models import LogEntry as AuditEntry
from django import forms
from django.core import mail
from django.urls import reverse

from foreninger.models import Association, Invitation, Membership
from tests import factories
from tests.foreninger.test_self_service import registration_data

STAFF_REFUSED = (
    "Staff of the municipality cannot act for an association. Only a superuser can add them."
)


@pytest.fixture
def english(client, settings):
    """Messages read in English: the Danish catalogue is filled in after the code."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


@pytest.fixture
def club(faaborg, alice):
    return factories.association(name="Klub A", members=[alice])


def _form_data(form):
    data = {}
    for bound in form:
        if isinstance(bound.field, forms.FileField):
            continue
        value = bound.value()
        if value is None or value is False:
            continue
        data[bound.html_name] = "on" if value is True else value
    return data


def add_member(client, association, user):
    """Post the association's change form as it is, with one new row in the membership inline."""
    url = reverse("admin:foreninger_association_change", args=[association.pk])
    page = client.get(url)
    data = {**_form_data(page.context["adminform"].form), "_save": "Save"}
    for inline in page.context["inline_admin_formsets"]:
        formset = inline.formset
        data.update(_form_data(formset.management_form))
        for form in formset.initial_forms:
            data.update(_form_data(form))
        if formset.model is Membership:
            row = formset.total_form_count() - formset.extra
            data[f"{formset.prefix}-TOTAL_FORMS"] = row + 1
            data[f"{formset.prefix}-{row}-user"] = user.pk
    return client.post(url, data)


# L9: the consultant must not make himself (or other staff) a member through the admin.


def test_the_consultant_cannot_make_himself_a_member_in_the_admin(
    client, english, club, consultant
):
    factories.login_verified(client, consultant)
    response = add_member(client, club, consultant)
    assert response.status_code == 200
    assert STAFF_REFUSED in response.content.decode()
    assert not Membership.objects.filter(user=consultant).exists()


def test_the_consultant_cannot_make_another_staff_user_a_member_in_the_admin(
    client, english, club, consultant
):
    colleague = factories.user(email="kollega@example.com", is_staff=True)
    factories.login_verified(client, consultant)
    response = add_member(client, club, colleague)
    assert STAFF_REFUSED in response.content.decode()
    assert not Membership.objects.filter(user=colleague).exists()


def test_the_consultant_makes_a_citizen_a_member_in_the_admin(client, club, consultant):
    citizen = factories.user(email="borger@example.com")
    factories.login_verified(client, consultant)
    response = add_member(client, club, citizen)
    assert response.status_code == 302
    assert club.memberships.filter(user=citizen).exists()


def test_a_superuser_makes_a_staff_user_a_member_and_the_audit_trail_names_him(
    client, club, consultant, superuser
):
    factories.login_verified(client, superuser)
    response = add_member(client, club, consultant)
    assert response.status_code == 302
    membership = club.memberships.get(user=consultant)
    entry = AuditEntry.objects.get_for_object(membership).get()
    assert (entry.action, entry.actor) == (AuditEntry.Action.CREATE, superuser)


@pytest.mark.parametrize("role", ["consultant", "superuser"])
def test_a_staff_user_cannot_accept_an_invitation(
    client, english, club, alice, role, request, django_capture_on_commit_callbacks
):
    staff = request.getfixturevalue(role)
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("foreninger:members", args=[club.pk]), {"email": staff.email})
    invitation = Invitation.objects.get(email=staff.email)
    factories.login_verified(client, staff)
    response = client.post(reverse("foreninger:invitation_accept", args=[invitation.token]))
    assert "Staff of the municipality cannot act for an association." in response.content.decode()
    assert not Membership.objects.filter(user=staff).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


def test_a_staff_user_cannot_register_an_association(
    client, english, faaborg, consultant, django_capture_on_commit_callbacks
):
    factories.login_verified(client, consultant)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("foreninger:register"), registration_data())
    assert "Staff of the municipality cannot act for an association." in response.content.decode()
    assert not Association.objects.exists()
    assert mail.outbox == []
