"""Password login stays beside MitID, and production can switch it off (PASSWORD_LOGIN)."""

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def test_the_login_page_offers_mitid_and_password(client):
    page = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("saml2_login")}"' in page
    assert 'name="password"' in page


def test_without_password_login_the_page_offers_only_mitid(client, settings):
    settings.PASSWORD_LOGIN = False
    page = client.get(reverse("login")).content.decode()
    assert f'href="{reverse("saml2_login")}"' in page
    assert 'name="password"' not in page


def test_without_password_login_a_password_is_refused(client, settings):
    factories.user(email="alice@example.com")
    settings.PASSWORD_LOGIN = False
    response = client.post(
        reverse("login"), {"username": "alice@example.com", "password": factories.PASSWORD}
    )
    assert response.status_code == 403
    assert "_auth_user_id" not in client.session


def test_without_password_login_nobody_signs_up(client, settings):
    settings.PASSWORD_LOGIN = False
    assert client.get(reverse("signup")).status_code == 404


def test_without_mitid_login_its_pages_are_gone(client, settings):
    settings.MITID_LOGIN = False
    assert client.get(reverse("saml2_login")).status_code == 404
    assert 'href="/saml2/login/' not in client.get(reverse("login")).content.decode()
