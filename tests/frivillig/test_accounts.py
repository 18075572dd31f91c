import io
import logging
import re
from datetime import timedelta

from django.contrib.auth.hashers import MD5PasswordHasher
from django.contrib.auth.models import Group
from django.contrib.auth.tokens import default_token_generator
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from frivillig.accesslog import HideTokens
from frivillig.management.commands.seed_demo import DEMO_PASSWORD
from frivillig.models import AwardCategory, Nomination, RateLimitHit, User
from frivillig.roles import CONSULTANT_GROUP
from tests import factories
from tests.factories import PASSWORD


def test_it_logs_in_with_email_and_password(client, alice):
    response = client.post(
        reverse("login"), {"username": "ALICE@example.com", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get(reverse("home")).context["user"] == alice


def test_a_wrong_password_shows_the_error_summary(client, alice, faaborg):
    response = client.post(reverse("login"), {"username": alice.email, "password": "forkert"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Der er et problem" in html
    assert "<title>Fejl: Log ind" in html


def test_an_empty_login_form_links_each_field_in_error(client, db):
    html = client.post(reverse("login"), {}).content.decode()
    assert 'href="#id_username"' in html
    assert 'href="#id_password"' in html


def test_it_logs_out_with_post(client, alice):
    client.force_login(alice)
    assert client.post(reverse("logout")).status_code == 302
    assert not client.get(reverse("home")).context["user"].is_authenticated


def test_password_reset_sends_a_link_that_sets_a_new_password(client, alice):
    response = client.post(reverse("password_reset"), {"email": alice.email})
    assert response.status_code == 302
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [alice.email]
    link = re.search(r"http://testserver(/konto/reset/\S+/)", message.body).group(1)
    form_url = client.get(link).url
    new_password = "et-nyt-og-langt-kodeord"
    response = client.post(form_url, {"new_password1": new_password, "new_password2": new_password})
    assert response.status_code == 302
    alice.refresh_from_db()
    assert alice.check_password(new_password)


def test_password_reset_does_not_reveal_whether_an_account_exists(client, db):
    response = client.post(reverse("password_reset"), {"email": "ukendt@example.com"})
    assert response.status_code == 302
    assert response.url == reverse("password_reset_done")
    assert mail.outbox == []


def test_the_consultant_group_holds_the_permissions_the_admin_needs(db):
    codenames = set(
        Group.objects.get(name=CONSULTANT_GROUP).permissions.values_list("codename", flat=True)
    )
    assert {"change_focusarea", "add_page", "change_municipality", "view_user"} <= codenames
    assert "delete_municipality" not in codenames
    assert "change_user" not in codenames


def test_the_consultant_edits_focus_areas_in_a_danish_admin_titled_with_the_municipality(
    client, consultant, faaborg
):
    client.force_login(consultant)
    html = client.get(reverse("admin:index")).content.decode()
    assert "Faaborg-Midtfyn Kommune" in html
    assert "Log ud" in html
    assert client.get(reverse("admin:frivillig_focusarea_changelist")).status_code == 200
    assert client.get(reverse("admin:frivillig_user_changelist")).status_code == 200
    assert client.get(reverse("admin:auth_group_changelist")).status_code == 403


def test_a_citizen_cannot_enter_the_admin(client, alice):
    client.force_login(alice)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))


def test_the_demo_accounts_can_log_in_after_seeding_twice(client, faaborg):
    for _ in range(2):
        call_command("seed_demo", stdout=io.StringIO())
    for email in ("konsulent@example.org", "admin@example.org", "forening@example.org"):
        assert client.login(email=email, password=DEMO_PASSWORD), email


def test_rate_limit_records_are_purged_after_a_day(db):
    old = RateLimitHit.objects.create(scope="contact", key="a")
    RateLimitHit.objects.filter(pk=old.pk).update(created_at=timezone.now() - timedelta(days=2))
    RateLimitHit.objects.create(scope="contact", key="b")
    call_command("apply_retention", stdout=io.StringIO())
    assert list(RateLimitHit.objects.values_list("key", flat=True)) == ["b"]


def test_past_nominations_are_deleted_and_winners_lose_the_nominators_details(faaborg):
    category = AwardCategory.objects.first()
    last_year = timezone.localdate().year - 1
    loser = factories.nomination(category, year=last_year)
    winner = factories.nomination(category, year=last_year, status="shortlisted", is_winner=True)
    current = factories.nomination(category, year=last_year + 1)
    call_command("apply_retention", stdout=io.StringIO())
    assert not Nomination.objects.filter(pk=loser.pk).exists()
    winner.refresh_from_db()
    assert winner.nominee_name and winner.nominator_email == "" and winner.reason == ""
    assert Nomination.objects.filter(pk=current.pk).exists()


def test_signing_up_hashes_one_password_whether_or_not_the_address_is_known(
    client, alice, monkeypatch
):
    calls = []
    encode = MD5PasswordHasher.encode

    def counting_encode(self, password, salt):
        calls.append(password)
        return encode(self, password, salt)

    monkeypatch.setattr(MD5PasswordHasher, "encode", counting_encode)
    hashed = []
    for email in ("ny@example.com", "alice@example.com"):
        calls.clear()
        client.post(
            reverse("signup"),
            {
                "first_name": "Karen",
                "last_name": "Holm",
                "email": email,
                "password1": "en-lang-og-sikker-kode",
                "password2": "en-lang-og-sikker-kode",
            },
        )
        hashed.append(len(calls))
    assert hashed == [1, 1]


def activation_path(user):
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    return reverse("activate", args=[uid, default_token_generator.make_token(user)])


def test_opening_the_activation_link_shows_a_button_and_changes_nothing(client, faaborg):
    user = factories.user(email="ny@example.com", is_active=False)
    response = client.get(activation_path(user))
    assert response.status_code == 200
    assert '<form method="post"' in response.content.decode()
    assert not response.context["user"].is_authenticated
    assert not User.objects.get(pk=user.pk).is_active


def test_the_activation_button_activates_the_account_and_logs_in(client, faaborg):
    user = factories.user(email="ny@example.com", is_active=False)
    response = client.post(activation_path(user))
    assert response.status_code == 302
    assert response.url == reverse("foreninger:dashboard")
    assert User.objects.get(pk=user.pk).is_active
    assert client.get(reverse("home")).context["user"] == user


def test_django_logs_a_used_activation_link_without_its_token(client, faaborg, caplog):
    user = factories.user(email="ny@example.com", is_active=False)
    path = activation_path(user)
    token = path.split("/")[-2]
    client.post(path)
    with caplog.at_level(logging.WARNING, logger="django.request"):
        assert client.post(path).status_code == 400
    assert token not in caplog.text
    [record] = [record for record in caplog.records if record.name == "django.request"]
    [handler] = [
        handler
        for handler in logging.getLogger().handlers
        if any(isinstance(log_filter, HideTokens) for log_filter in handler.filters)
    ]
    assert handler.filter(record)
    line = handler.format(record)
    assert token not in line
    assert f"/konto/aktiver/{path.split('/')[-3]}/[token]/" in line
