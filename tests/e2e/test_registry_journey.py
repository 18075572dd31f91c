"""A new association registers, the consultant approves it, and a citizen finds it."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from foreninger.models import Association
from tests.e2e.conftest import admin_log_in, axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def portal(live_server, transactional_db, faaborg):
    return live_server.url


def assert_accessible(page):
    assert axe_violations(page) == [], page.url


def test_an_association_registers_is_approved_and_is_found_by_a_citizen(
    portal, browser, page, consultant, settings
):
    settings.SITE_URL = portal

    # A volunteer creates an account and activates it from the e-mail.
    page.goto(portal + reverse("home"))
    with page.expect_navigation():
        page.get_by_role("link", name="Log ind").click()
    with page.expect_navigation():
        page.get_by_role("link", name="Opret en konto").click()
    assert_accessible(page)
    page.get_by_label("Fornavn").fill("Karen")
    page.get_by_label("Efternavn").fill("Holm")
    page.get_by_label("E-mailadresse").fill("karen@example.com")
    page.locator("#id_password1").fill("en-lang-og-sikker-kode")
    page.get_by_label("Gentag adgangskoden").fill("en-lang-og-sikker-kode")
    with page.expect_navigation():
        page.get_by_role("button", name="Opret kontoen").click()
    assert page.locator("h1").inner_text() == "Tjek din e-mail"
    assert_accessible(page)
    link = re.search(r"http://\S+", mail.outbox[-1].body).group()
    page.goto(link)
    assert_accessible(page)
    with page.expect_navigation():
        page.locator("main form").get_by_role("button").click()
    assert page.locator("h1").inner_text() == "Mine foreninger"
    assert_accessible(page)

    # She registers the association; a first try without the required fields is explained.
    with page.expect_navigation():
        page.get_by_role("link", name="Registrér en forening").click()
    with page.expect_navigation():
        page.get_by_role("button", name="Registrér").click()
    summary = page.locator(".error-summary")
    assert summary.is_visible()
    assert page.title().startswith("Fejl:")
    assert_accessible(page)
    page.get_by_label("Navn").fill("Strikkecaféen i Ringe")
    page.get_by_label("Kort beskrivelse").fill("Vi strikker og snakker hver onsdag.")
    page.get_by_label("Kontakt-e-mail").fill("strik@example.org")
    page.get_by_label("Ringeegnen").check()
    page.get_by_label("Ældre").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Registrér").click()
    assert "er registreret" in page.locator(".alert-success").inner_text()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Tilføj en aktivitet").click()
    page.get_by_label("Titel").fill("Strikkecafé")
    page.get_by_label("Beskrivelse").fill("Kaffe, strikketøj og fællesskab.")
    page.get_by_label("Gade og nummer").fill("Algade 2")
    page.get_by_label("Postnummer").fill("5750")
    page.get_by_label("By").fill("Ringe")
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Gem aktiviteten").click()
    assert page.get_by_role("link", name="Strikkecafé", exact=True).is_visible()
    association = Association.objects.get()
    assert association.status == Association.Status.PENDING

    # The consultant approves it in the admin; the association is told by e-mail.
    admin = browser.new_context(locale="da-DK").new_page()
    admin.goto(portal + reverse("admin:foreninger_association_change", args=[association.pk]))
    admin_log_in(admin, consultant)
    with admin.expect_navigation():
        admin.get_by_role("link", name="Godkend").click()
    with admin.expect_navigation():
        admin.get_by_role("button", name="Godkend").click()
    assert "Godkend: 1 forening." in admin.locator(".messagelist").inner_text()
    association.refresh_from_db()
    assert association.status == Association.Status.APPROVED
    assert mail.outbox[-1].to == ["strik@example.org"]

    # A citizen searches the directory and finds it.
    citizen = browser.new_context(locale="da-DK").new_page()
    citizen.goto(portal + reverse("home"))
    with citizen.expect_navigation():
        citizen.get_by_role("navigation", name="Hovedmenu").get_by_role(
            "link", name="Foreninger"
        ).click()
    citizen.get_by_label("Søg", exact=True).fill("strikke")
    citizen.get_by_label("Egn").select_option(label="Ringeegnen")
    with citizen.expect_navigation():
        citizen.get_by_role("button", name="Søg", exact=True).click()
    assert "1 forening" in citizen.locator("#result-count").inner_text()
    assert_accessible(citizen)
    with citizen.expect_navigation():
        citizen.get_by_role("link", name="Strikkecaféen i Ringe").click()
    assert citizen.locator("h1").inner_text() == "Strikkecaféen i Ringe"
    assert "strik@example.org" not in citizen.content()
    assert_accessible(citizen)
