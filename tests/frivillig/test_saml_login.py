"""MitID login through the local test identity provider: real signed (and encrypted) assertions."""

import base64
import re
from html import unescape

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.urls import reverse

from frivillig.identity.models import LoginIdentity
from tests.conftest import Client

pytestmark = pytest.mark.django_db


def _idp_answer(client, person, next_url=""):
    """Start a MitID login, pick `person` at the test IdP; the form it posts to the portal."""
    start = client.get(reverse("saml2_login") + (f"?next={next_url}" if next_url else ""))
    assert start.status_code == 302
    picker = client.get(start.url)
    assert picker.status_code == 200
    fields = dict(re.findall(r'name="(\w+)" value="([^"]*)"', picker.content.decode()))
    fields = {name: unescape(value) for name, value in fields.items()}
    fields["person"] = person
    answer = client.post(reverse("test_idp_sso"), fields)
    assert answer.status_code == 200
    return {
        name: unescape(value)
        for name, value in re.findall(r'name="(\w+)" value="([^"]*)"', answer.content.decode())
        if name in ("SAMLResponse", "RelayState")
    }


def mitid_login(client, person, next_url=""):
    """The portal's answer to logging in as `person` at the local test identity provider."""
    return client.post(reverse("saml2_acs"), _idp_answer(client, person, next_url))


def test_it_logs_in_a_private_mitid_user_and_keeps_no_cpr():
    # As in a browser: the identity provider's post carries no CSRF token of the portal's.
    client = Client(enforce_csrf_checks=True)
    form = _idp_answer(client, "privat", next_url="/mine-foreninger/")
    response = client.post(reverse("saml2_acs"), form)
    assert (response.status_code, response.url) == (302, "/mine-foreninger/")
    link = LoginIdentity.objects.get()
    assert (link.user.email, link.user.first_name, link.user.has_usable_password()) == (
        "per.privat@example.org",
        "Per",
        False,
    )
    assert link.subject == (
        "https://data.gov.dk/model/core/eid/professional/uuid/5c2b1c2e-2d3f-4b5a-9f10-000000000004"
    )
    # The login's session, and the SAML exchange's, which keeps what single logout needs.
    stored = [repr(SessionStore().decode(row.session_data)) for row in Session.objects.all()]
    assert ["_saml2_identities" in data for data in sorted(stored)] == [False, True]
    assert [data for data in stored if "0101709999" in data] == []


def test_logout_ends_the_login_at_the_identity_provider_too(client):
    mitid_login(client, "privat")
    to_idp = client.post(reverse("logout"))
    assert to_idp.url.startswith("http://testserver/test-idp/slo/?SAMLRequest=")
    back = client.get(to_idp.url)
    assert back.url.startswith("http://testserver/saml2/ls/?SAMLResponse=")
    done = client.get(back.url)
    assert (done.status_code, done.url) == (302, "/")
    assert "_auth_user_id" not in client.session


def test_it_refuses_an_answer_sent_again(client):
    form = _idp_answer(client, "privat")
    assert client.post(reverse("saml2_acs"), form).status_code == 302
    client.logout()
    assert client.post(reverse("saml2_acs"), form).status_code == 403
    assert "_auth_user_id" not in client.session


def test_it_refuses_an_assurance_below_substantial(client):
    form = _idp_answer(client, "lav")
    response = client.post(reverse("saml2_acs"), form)
    assert response.status_code == 403
    assert "mindst sikringsniveauet “Betydelig”" in response.content.decode()
    assert LoginIdentity.objects.count() == 0


def _plain_answer(client, settings, person):
    settings.SAML_REQUIRE_ENCRYPTION = False
    form = _idp_answer(client, person)
    return form, base64.b64decode(form["SAMLResponse"])


def _post(client, form, xml):
    form["SAMLResponse"] = base64.b64encode(xml).decode()
    return client.post(reverse("saml2_acs"), form)


def test_it_refuses_an_assertion_changed_after_signing(client, settings):
    form, xml = _plain_answer(client, settings, "privat")
    assert b"per.privat@example.org" in xml
    response = _post(client, form, xml.replace(b"per.privat@example.org", b"eve@example.org"))
    assert response.status_code == 403
    assert "Svaret fra MitID kunne ikke verificeres" in response.content.decode()
    assert LoginIdentity.objects.count() == 0


def test_it_refuses_an_unsigned_assertion(client, settings):
    form, xml = _plain_answer(client, settings, "privat")
    unsigned = re.sub(rb"<ds:Signature .*?</ds:Signature>", b"", xml, flags=re.S)
    assert unsigned != xml
    response = _post(client, form, unsigned)
    assert response.status_code == 403
    assert LoginIdentity.objects.count() == 0


def test_it_refuses_an_unencrypted_assertion_when_encryption_is_required(client, settings):
    form, xml = _plain_answer(client, settings, "privat")
    settings.SAML_REQUIRE_ENCRYPTION = True
    response = _post(client, form, xml)
    assert response.status_code == 400
    assert LoginIdentity.objects.count() == 0
