"""Staff can confirm each login with an authenticator app; the municipality can require it."""

import base64
import io
import re

from auditlog.models import LogEntry as AuditEntry
from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.core.management import call_command
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from foreninger.models import Association
from frivillig.models import Municipality, User
from frivillig.two_factor import totp_device_for, two_factor_reset
from tests import factories


def code(device):
    return f"{totp(device.bin_key):06d}"


def require(on=True):
    Municipality.objects.update(require_two_factor=on)


def test_without_the_requirement_the_consultant_reaches_the_admin_with_a_password(
    client, faaborg, consultant
):
    require(False)
    client.force_login(consultant, verified=False)
    assert client.get(reverse("admin:index")).status_code == 200


def test_with_the_requirement_the_admin_asks_for_a_code_first(client, faaborg, consultant):
    require()
    client.force_login(consultant, verified=False)
    response = client.get(reverse("admin:index"), follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("two_factor"))
    assert "Totrinslogin" in response.content.decode()


def test_setting_up_the_app_and_giving_a_code_opens_the_admin(client, faaborg, consultant):
    require()
    client.force_login(consultant, verified=False)
    page = client.get(reverse("two_factor")).content.decode()
    device = totp_device_for(consultant)
    assert base64.b32encode(device.bin_key).decode() in page
    wrong = client.post(reverse("two_factor"), {"token": "000000", "next": "/admin/"})
    assert 'href="#id_token"' in wrong.content.decode()
    # A wrong code makes the next try wait (django-otp's throttling), so guessing is slow.
    throttled = client.post(reverse("two_factor"), {"token": code(device), "next": "/admin/"})
    assert throttled.status_code == 200
    device.refresh_from_db()
    device.throttle_reset()
    response = client.post(reverse("two_factor"), {"token": code(device), "next": "/admin/"})
    assert response["Location"] == "/admin/"
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("admin:index")).status_code == 200


def test_a_member_of_staff_with_an_app_is_asked_even_when_not_required(client, faaborg, consultant):
    require(False)
    client.force_login(consultant, verified=False)
    device = totp_device_for(consultant)
    client.post(reverse("two_factor"), {"token": code(device)})
    client.logout()
    client.force_login(consultant, verified=False)
    assert client.get(reverse("admin:index")).status_code == 302


def test_the_code_page_never_redirects_to_another_site(client, faaborg, consultant):
    client.force_login(consultant, verified=False)
    device = totp_device_for(consultant)
    response = client.post(
        reverse("two_factor"), {"token": code(device), "next": "https://evil.example.com/"}
    )
    assert response["Location"] == reverse("admin:index")


def test_the_code_page_is_for_staff_only(client, faaborg, alice):
    client.force_login(alice)
    assert client.get(reverse("two_factor")).status_code == 404
    assert re.search("Totrinslogin", client.get(reverse("home")).content.decode()) is None


def test_without_a_code_staff_see_an_association_awaiting_approval_as_anybody_does(
    client, faaborg, consultant
):
    require()
    pending = factories.association(name="Venter", status=Association.Status.PENDING)
    client.force_login(consultant, verified=False)
    assert client.get(reverse("foreninger:detail", args=[pending.slug])).status_code == 404


def test_the_login_page_sends_staff_without_a_code_on_to_the_code_page(client, faaborg, consultant):
    require()
    client.force_login(consultant, verified=False)
    response = client.get(reverse("login") + "?next=/foreninger/")
    assert response["Location"] == "/konto/to-faktor/?next=%2Fforeninger%2F"


def test_a_password_login_of_staff_continues_on_the_code_page(client, faaborg, consultant):
    require()
    response = client.post(
        reverse("login"), {"username": consultant.email, "password": factories.PASSWORD}
    )
    assert response["Location"] == "/konto/to-faktor/?next=%2F"


def municipality_form(client, **changes):
    """The municipality's admin form as the browser would post it, with `changes`."""
    url = reverse("admin:frivillig_municipality_change", args=[1])
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value not in (None, "")}
    data.update(changes)
    return url, {name: value for name, value in data.items() if value is not False}


def test_a_loaded_municipality_requires_two_factor_for_staff(faaborg):
    assert Municipality.objects.get().require_two_factor is True


def test_the_consultant_cannot_switch_two_factor_off(client, faaborg, consultant):
    require()
    client.force_login(consultant)
    url, data = municipality_form(client, require_two_factor=False, name="Nyt navn")
    assert 'name="require_two_factor"' not in client.get(url).content.decode()
    client.post(url, data)
    assert Municipality.objects.values_list("name", "require_two_factor").get() == (
        "Nyt navn",
        True,
    )


def test_a_superuser_resets_a_lost_authenticator_and_the_admin_log_says_so(
    client, faaborg, consultant, superuser
):
    factories.totp_device(consultant)
    client.force_login(superuser)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(
        reverse("admin:frivillig_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [consultant.pk]},
    )
    assert TOTPDevice.objects.filter(user=consultant).count() == 0
    entry = LogEntry.objects.get(object_id=str(consultant.pk))
    assert (entry.user, entry.get_change_message()) == (
        superuser,
        "Two-factor login reset: they set up a new app at their next login.",
    )


def test_a_superuser_can_switch_two_factor_off_and_the_audit_trail_says_who(
    client, faaborg, superuser
):
    client.force_login(superuser)
    client.post(*municipality_form(client, require_two_factor=False))
    assert Municipality.objects.get().require_two_factor is False
    entry = AuditEntry.objects.get_for_object(Municipality.objects.get()).latest("timestamp")
    assert (entry.actor, entry.changes_dict["require_two_factor"]) == (
        superuser,
        ["True", "False"],
    )


def test_the_consultant_cannot_reset_an_authenticator(client, faaborg, consultant, superuser):
    device = factories.totp_device(superuser)
    client.force_login(consultant)
    client.post(
        reverse("admin:frivillig_user_changelist"),
        {"action": "reset_two_factor", "_selected_action": [superuser.pk]},
    )
    assert TOTPDevice.objects.filter(pk=device.pk).exists()


def test_a_session_confirmed_with_a_reset_authenticator_owes_a_code_again(
    client, faaborg, consultant
):
    client.force_login(consultant)
    two_factor_reset(user=consultant)
    assert client.get(reverse("admin:index"))["Location"] == "/admin/login/?next=/admin/"


def test_the_demo_staff_share_the_authenticator_key_the_readme_gives(faaborg):
    call_command("seed_demo", stdout=io.StringIO())
    for email in ("konsulent@example.org", "admin@example.org"):
        device = TOTPDevice.objects.get(user=User.objects.get(email=email))
        assert device.confirmed
        assert base64.b32encode(device.bin_key).decode() == "IZZGS5TJNRWGSZ3QN5ZHIYLMEBSGK3LP"


def test_with_the_code_staff_see_an_association_awaiting_approval(client, faaborg, consultant):
    require()
    pending = factories.association(name="Venter", status=Association.Status.PENDING)
    client.force_login(consultant)
    assert client.get(reverse("foreninger:detail", args=[pending.slug])).status_code == 200


def test_staff_without_a_code_can_still_log_out(client, faaborg, consultant):
    require()
    client.force_login(consultant, verified=False)
    client.post(reverse("logout"))
    assert "_auth_user_id" not in client.session
