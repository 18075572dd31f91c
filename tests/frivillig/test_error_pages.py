"""With DEBUG off, errors answer with pages in the visitor's language inside the site's frame,
each with a way on: a search of the directory, the front page, the municipality's contact."""

import pytest
from django.conf import settings
from django.test import Client
from django.urls import path, reverse

from frivillig import urls as site_urls


@pytest.fixture
def production_like(settings):
    settings.DEBUG = False


def test_an_unknown_address_gets_the_danish_404_page_with_a_way_home(
    client, faaborg, production_like
):
    response = client.get("/findes-ikke/")
    page = response.content.decode()
    assert response.status_code == 404
    assert "Siden blev ikke fundet" in page
    assert f'href="{reverse("home")}"' in page
    assert "Gå til forsiden" in page
    assert 'action="/foreninger/"' in page
    assert 'href="mailto:sundhed@fmk.dk"' in page


def test_an_unknown_address_in_english_gets_the_english_404_page(client, faaborg, production_like):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get("/findes-ikke/").content.decode()
    assert '<html lang="en">' in page
    assert "The page was not found" in page
    assert "Find an association or a community" in page


def test_an_expired_form_gets_the_403_page_that_says_to_send_it_again(faaborg, production_like):
    client = Client(enforce_csrf_checks=True)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(reverse("award_nominate"), {"name": "Anna"})
    page = response.content.decode()
    assert response.status_code == 403
    assert "The form could not be sent" in page
    assert "CSRF" not in page
    assert "Go to the front page" in page


def test_a_refused_page_gets_the_danish_403_page(client, faaborg, production_like, superuser):
    client.force_login(superuser)
    response = client.get("/admin/otp_totp/totpdevice/1/config/")
    page = response.content.decode()
    assert response.status_code == 403
    assert "Du har ikke adgang til denne side" in page
    assert "Gå til forsiden" in page


def test_a_bad_admin_query_gets_the_danish_400_page(client, faaborg, production_like, consultant):
    client.force_login(consultant)
    response = client.get("/admin/puljer/application/?status=%00")
    assert response.status_code == 400
    assert "Forespørgslen kunne ikke forstås" in response.content.decode()


def broken(request):
    raise RuntimeError("broken on purpose")


urlpatterns = [path("fejl/", broken), *site_urls.urlpatterns]


@pytest.mark.urls("tests.frivillig.test_error_pages")
def test_an_error_gets_the_danish_500_page(db, production_like):
    client = Client(raise_request_exception=False)
    response = client.get("/fejl/")
    page = response.content.decode()
    assert response.status_code == 500
    assert "Der opstod en fejl" in page
    assert "Gå til forsiden" in page
    assert 'action="/foreninger/"' in page
