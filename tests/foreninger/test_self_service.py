"""Associations look after themselves: accounts, registration, profile, activities, members."""

import io
import re
import zipfile
from datetime import timedelta
from unittest import mock

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from foreninger import services
from foreninger.models import Activity, Association, Invitation, Membership
from foreninger.selectors import directory_search
from frivillig.models import FocusArea, Region, TargetGroup, User
from tests import factories

PDF = b"%PDF-1.7\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"


def docx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("[Content_Types].xml", "<Types/>")
        package.writestr("word/document.xml", "<document/>")
    return buffer.getvalue()


@pytest.fixture
def bob(db):
    return factories.user(email="bob@example.com", first_name="Bob")


@pytest.fixture
def club_a(faaborg, alice):
    return factories.association(name="Klub A", members=[alice], status="pending")


@pytest.fixture
def club_b(faaborg, bob):
    return factories.association(name="Klub B", members=[bob])


@pytest.fixture
def approved_club(faaborg, alice):
    """Only an approved association invites members."""
    return factories.association(name="Klub C", members=[alice])


def registration_data(**overrides):
    data = {
        "name": "Naboernes Spisefællesskab",
        "kind": "association",
        "cvr": "",
        "short_description": "Vi spiser sammen hver torsdag.",
        "description": "",
        "street": "Torvet 3",
        "postcode": "5600",
        "town": "Faaborg",
        "website": "",
        "phone": "",
        "email": "kontakt@spis.example.org",
        "focus_areas": [FocusArea.objects.get(number=1).pk],
        "regions": [Region.objects.get(slug="faaborgegnen").pk],
        "target_groups": [TargetGroup.objects.get(slug="aeldre").pk],
        "agreement_date": "",
    }
    data.update(overrides)
    return data


def test_signing_up_mails_an_activation_link_that_logs_in(
    client, faaborg, django_capture_on_commit_callbacks
):
    response = client.post(
        reverse("signup"),
        {
            "first_name": "Karen",
            "last_name": "Holm",
            "email": "Karen@Example.com",
            "password1": "en-lang-og-sikker-kode",
            "password2": "en-lang-og-sikker-kode",
        },
    )
    assert "Tjek din e-mail" in response.content.decode()
    user = User.objects.get(email="karen@example.com")
    assert not user.is_active
    [message] = mail.outbox
    path = re.search(r"http://\S+", message.body).group().removeprefix("http://127.0.0.1:8000")
    assert client.get(path).status_code == 200
    response = client.post(path)
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.is_active
    assert client.get(reverse("foreninger:dashboard")).status_code == 200
    assert client.post(path).status_code == 400


def test_signing_up_with_a_known_address_reveals_nothing(client, faaborg, alice):
    response = client.post(
        reverse("signup"),
        {
            "first_name": "Alice",
            "last_name": "Igen",
            "email": "ALICE@example.com",
            "password1": "en-lang-og-sikker-kode",
            "password2": "en-lang-og-sikker-kode",
        },
    )
    assert "Tjek din e-mail" in response.content.decode()
    assert User.objects.count() == 1
    [message] = mail.outbox
    assert message.to == ["alice@example.com"]
    assert "allerede" in message.subject


def test_signing_up_explains_a_weak_or_mismatched_password(client, faaborg):
    response = client.post(
        reverse("signup"),
        {
            "first_name": "K",
            "last_name": "H",
            "email": "k@example.com",
            "password1": "kort",
            "password2": "andet",
        },
    )
    html = response.content.decode()
    assert 'href="#id_password2"' in html
    assert not User.objects.exists()


def test_a_member_registers_an_association_that_waits_for_approval(
    client, faaborg, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("foreninger:register"), registration_data())
    association = Association.objects.get()
    assert response.status_code == 302
    assert association.status == Association.Status.PENDING
    assert association.slug == "naboernes-spisefaellesskab"
    assert association.memberships.get().user == alice
    assert [message.to for message in mail.outbox] == [["sundhed@fmk.dk"]]
    assert not directory_search().exists()


@pytest.fixture
def english(client, settings):
    """Messages read in English: the Danish catalogue is filled in after the code."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"


def test_a_user_registers_at_most_three_associations_a_day(
    client, english, faaborg, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    for number in range(4):
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("foreninger:register"), registration_data(name=f"Forening {number}")
            )
    assert (
        "You have registered several associations in a short time. Try again tomorrow."
        in response.content.decode()
    )
    assert Association.objects.count() == 3
    assert len(mail.outbox) == 3


def test_the_consultant_gets_at_most_ten_registration_notices_a_day(
    client, english, faaborg, django_capture_on_commit_callbacks
):
    users = [factories.user(email=f"bruger{number}@example.com") for number in range(4)]
    for number in range(11):
        client.force_login(users[number // 3])
        with django_capture_on_commit_callbacks(execute=True):
            response = client.post(
                reverse("foreninger:register"), registration_data(name=f"Forening {number}")
            )
    assert (
        "The municipality has received many registrations today. Try again tomorrow."
        in response.content.decode()
    )
    assert Association.objects.count() == 10
    assert not Membership.objects.filter(user=users[3], association__name="Forening 10").exists()
    assert [message.to for message in mail.outbox] == [["sundhed@fmk.dk"]] * 10


def test_registration_with_errors_saves_nothing_and_names_each_field(client, faaborg, alice):
    factories.association(cvr="29189846")
    client.force_login(alice)
    response = client.post(
        reverse("foreninger:register"),
        registration_data(name="", cvr="29189846", postcode="56", email="nej"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    for field in ("name", "cvr", "postcode", "email"):
        assert f'href="#id_{field}"' in html
    response = client.post(reverse("foreninger:register"), registration_data(cvr="29189847"))
    assert "kontrolciffer" in response.content.decode()
    assert Association.objects.count() == 1
    assert not Membership.objects.filter(user=alice).exists()


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [
        ("aftale.pdf", PDF, True),
        ("aftale.docx", None, True),
        ("aftale.pdf", b"MZ\x90\x00 not a pdf", False),
        ("aftale.exe", PDF, True),
        ("aftale.docx", b"PK\x03\x04broken zip", False),
    ],
)
def test_the_agreement_upload_is_checked_by_its_content(
    client, faaborg, alice, name, content, accepted
):
    client.force_login(alice)
    upload = SimpleUploadedFile(name, content if content is not None else docx_bytes())
    client.post(
        reverse("foreninger:register"),
        registration_data(agreement_date="2026-01-15", agreement_file=upload),
    )
    assert Association.objects.exists() == accepted
    if accepted:
        stored = Association.objects.get().agreement_file.name
        assert stored.startswith("samarbejdsaftaler/")
        assert "aftale" not in stored.removeprefix("samarbejdsaftaler/")


def test_an_upload_over_10_mb_is_refused(client, faaborg, alice, settings):
    client.force_login(alice)
    big = SimpleUploadedFile("aftale.pdf", PDF + b"0" * (10 * 1024 * 1024))
    response = client.post(
        reverse("foreninger:register"),
        registration_data(agreement_date="2026-01-15", agreement_file=big),
    )
    assert "Filen er for stor" in response.content.decode()
    assert not Association.objects.exists()


def test_the_agreement_is_served_only_to_members_and_the_consultant(
    client, faaborg, alice, bob, consultant, tmp_path, settings
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(alice)
    client.post(
        reverse("foreninger:register"),
        registration_data(
            agreement_date="2026-01-15",
            agreement_file=SimpleUploadedFile("aftale.pdf", PDF),
        ),
    )
    association = Association.objects.get()
    url = reverse("foreninger:agreement", args=[association.pk])
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    assert b"".join(response.streaming_content) == PDF
    client.force_login(consultant)
    assert client.get(url).status_code == 200
    client.force_login(bob)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302


def member_urls(association, activity):
    return [
        reverse("foreninger:edit", args=[association.pk]),
        reverse("foreninger:members", args=[association.pk]),
        reverse("foreninger:activity_add", args=[association.pk]),
        reverse("foreninger:activity_edit", args=[association.pk, activity.pk]),
        reverse("foreninger:activity_delete", args=[association.pk, activity.pk]),
        reverse("foreninger:agreement", args=[association.pk]),
    ]


def test_every_member_url_is_closed_to_other_users(client, club_a, club_b, alice, bob):
    activity = factories.activity(club_a)
    urls = member_urls(club_a, activity)
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302 and response["Location"].startswith("/konto/login/")
    client.force_login(bob)
    for url in urls:
        assert client.get(url).status_code == 404, url
        assert client.post(url, {}).status_code in (404, 405), url
    foreign = factories.activity(club_b)
    client.force_login(alice)
    url = reverse("foreninger:activity_edit", args=[club_a.pk, foreign.pk])
    assert client.get(url).status_code == 404
    assert club_a.name in client.get(reverse("foreninger:dashboard")).content.decode()
    assert club_b.name not in client.get(reverse("foreninger:dashboard")).content.decode()


def test_a_member_edits_the_profile_and_that_confirms_it(client, club_a, alice):
    Association.objects.filter(pk=club_a.pk).update(
        confirmed_on=timezone.localdate() - timedelta(days=400)
    )
    client.force_login(alice)
    response = client.post(
        reverse("foreninger:edit", args=[club_a.pk]),
        registration_data(name="Klub A", short_description="Ny tekst."),
    )
    assert response.status_code == 302
    club_a.refresh_from_db()
    assert club_a.short_description == "Ny tekst."
    assert club_a.confirmed_on == timezone.localdate()
    assert club_a.slug == "klub-a-1"


def test_a_member_adds_changes_and_deletes_an_activity(client, club_a, alice):
    client.force_login(alice)
    elderly = TargetGroup.objects.get(slug="aeldre")
    data = {
        "title": "Gåtur",
        "description": "Vi går en tur.",
        "target_groups": [elderly.pk],
        "online": "",
        "street": "Havnen 1",
        "postcode": "5600",
        "town": "Faaborg",
        "region": Region.objects.get(slug="faaborgegnen").pk,
        "recurrence": "weekly",
        "weekday": "1",
        "starts_at": "10:00",
        "ends_at": "11:30",
        "wants_volunteers": "on",
    }
    response = client.post(reverse("foreninger:activity_add", args=[club_a.pk]), data)
    assert response.status_code == 302
    activity = Activity.objects.get()
    assert list(activity.target_groups.all()) == [elderly]
    client.post(
        reverse("foreninger:activity_edit", args=[club_a.pk, activity.pk]),
        {**data, "title": "Gåtur ved havnen"},
    )
    activity.refresh_from_db()
    assert activity.title == "Gåtur ved havnen"
    client.post(reverse("foreninger:activity_delete", args=[club_a.pk, activity.pk]))
    assert not Activity.objects.exists()


def test_an_activity_form_explains_missing_place_and_weekday(client, club_a, alice):
    client.force_login(alice)
    response = client.post(
        reverse("foreninger:activity_add", args=[club_a.pk]),
        {
            "title": "Café",
            "description": "Kaffe.",
            "recurrence": "weekly",
            "starts_at": "12:00",
            "ends_at": "11:00",
        },
    )
    html = response.content.decode()
    for field in ("street", "postcode", "weekday", "ends_at"):
        assert f'href="#id_{field}"' in html
    assert not Activity.objects.exists()


def invite(client, association, email, capture):
    with capture(execute=True):
        client.post(reverse("foreninger:members", args=[association.pk]), {"email": email})
    return Invitation.objects.get(email=email.lower())


def test_a_member_invites_another_who_accepts(
    client, approved_club, alice, bob, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    invitation = invite(
        client, approved_club, "Bob@example.com", django_capture_on_commit_callbacks
    )
    [message] = mail.outbox
    assert message.to == ["bob@example.com"]
    assert str(invitation.token) in message.body
    client.force_login(bob)
    url = reverse("foreninger:invitation_accept", args=[invitation.token])
    assert client.post(url).status_code == 302
    assert approved_club.memberships.filter(user=bob).exists()
    assert "allerede brugt" in client.post(url).content.decode()


def test_an_invitation_expires_after_seven_days(
    client, approved_club, alice, bob, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    invitation = invite(
        client, approved_club, "bob@example.com", django_capture_on_commit_callbacks
    )
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=timezone.now() - timedelta(days=7, seconds=1),
        expires_at=timezone.now() - timedelta(seconds=1),
    )
    client.force_login(bob)
    response = client.post(reverse("foreninger:invitation_accept", args=[invitation.token]))
    assert "udløbet" in response.content.decode()
    assert not approved_club.memberships.filter(user=bob).exists()


def test_an_invitation_is_expired_from_its_expiry_moment_on_page_and_service_alike(
    client, approved_club, alice, bob, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    invitation = invite(
        client, approved_club, "bob@example.com", django_capture_on_commit_callbacks
    )
    expires = timezone.now()
    Invitation.objects.filter(pk=invitation.pk).update(
        created_at=expires - timedelta(days=7), expires_at=expires
    )
    invitation.refresh_from_db()
    with mock.patch("django.utils.timezone.now", return_value=expires):
        page = client.get(reverse("foreninger:members", args=[approved_club.pk]))
        with pytest.raises(services.AssociationError, match=r"^Invitationen er udløbet"):
            services.invitation_accept(invitation=invitation, user=bob)
    assert "bob@example.com – udløbet" in page.content.decode()


def test_an_invitation_cannot_be_used_by_another_account(
    client, approved_club, alice, bob, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    invitation = invite(
        client, approved_club, "carol@example.com", django_capture_on_commit_callbacks
    )
    client.force_login(bob)
    response = client.post(reverse("foreninger:invitation_accept", args=[invitation.token]))
    assert "anden e-mailadresse" in response.content.decode()
    assert not approved_club.memberships.filter(user=bob).exists()


def test_the_last_member_cannot_leave(client, club_a, alice):
    client.force_login(alice)
    membership = club_a.memberships.get()
    client.post(reverse("foreninger:member_remove", args=[club_a.pk, membership.pk]))
    assert club_a.memberships.count() == 1
