"""An association drafts, attaches, submits; the consultant grants in part; the association
sees the decision and reports. Axe checks every association-facing page. The budget lines are
the budget: the totals follow the typing, and no budget file is asked for."""

import re

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from frivillig.models import TargetGroup
from puljer.models import Application, Status
from tests import factories
from tests.e2e.conftest import admin_log_in, axe_violations
from tests.factories import PASSWORD
from tests.puljer.conftest import PDF, open_round

pytestmark = pytest.mark.browser


def assert_accessible(page):
    assert axe_violations(page) == [], page.url


def test_an_association_applies_is_granted_in_part_and_reports(
    portal, browser, page, alice, consultant, tmp_path
):
    club = factories.association(
        name="Spisevennerne", members=[alice], target_groups=TargetGroup.objects.all()[:1]
    )
    open_round()
    pdf = tmp_path / "regnskab.pdf"
    pdf.write_bytes(PDF)

    page.goto(portal + reverse("login"))
    page.get_by_label("E-mailadresse").fill(alice.email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log ind").click()
    page.goto(portal + reverse("puljer:applications", args=[club.pk]))
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("Start en ansøgning")).first.click()
    assert page.get_by_label("Aktivitetens titel").input_value() == ""
    assert_accessible(page)

    page.get_by_label("Aktivitetens titel").fill("Fællesspisning for ensomme")
    page.get_by_label("Formål og indhold").fill("Vi spiser sammen hver torsdag.")
    page.get_by_label(TargetGroup.objects.first().name, exact=True).check()
    page.get_by_label("Forventede deltagere").fill("25")
    page.get_by_label("Forventede frivillige").fill("5")
    # The period has started: a report can only come then.
    year = timezone.localdate().year
    page.get_by_label("Periode fra").fill(f"{year}-01-01")
    page.get_by_label("Periode til").fill(f"{year}-12-31")
    page.get_by_label("Ansøgt beløb (kr.)").fill("20000")
    page.locator("#id_budget-0-kind").select_option("expense")
    page.locator("#id_budget-0-description").fill("Mad og drikke")
    page.locator("#id_budget-0-amount").fill("24000")
    page.locator("#id_budget-1-kind").select_option("own")
    page.locator("#id_budget-1-description").fill("Egenbetaling")
    page.locator("#id_budget-1-amount").fill("4000")
    assert page.locator("[data-total='fundable']").inner_text() == "20.000 kr."
    with page.expect_navigation():
        page.get_by_role("button", name="Gem kladden").click()
    assert "Kladden er gemt" in page.locator(".alert-success").inner_text()
    assert_accessible(page)

    # A file goes with the form; no budget file is needed beside the budget lines.
    page.get_by_label("Andre filer (valgfrit)").set_input_files(str(pdf))
    with page.expect_navigation():
        page.get_by_role("button", name="Indsend ansøgningen").click()
    assert "indsendt" in page.locator(".alert-success").inner_text()
    assert_accessible(page)
    application = Application.objects.get()
    assert application.status == Status.SUBMITTED
    assert list(application.attachments.values_list("kind", flat=True)) == ["other"]
    assert application.reference in mail.outbox[-1].subject

    admin = browser.new_context(locale="da-DK").new_page()
    admin.goto(portal + reverse("admin:puljer_application_change", args=[application.pk]))
    admin_log_in(admin, consultant)
    with admin.expect_navigation():
        admin.get_by_role("link", name="Beslut").click()
    admin.get_by_label("Bevilget beløb (kr.)").fill("15000")
    admin.get_by_label(re.compile("^Begrundelse")).first.fill("Puljen er søgt af mange.")
    with admin.expect_navigation():
        admin.get_by_role("button", name=re.compile("^Afgør")).click()
    application.refresh_from_db()
    assert application.status == Status.PARTIALLY_GRANTED
    assert "Puljen er søgt af mange." in mail.outbox[-1].body

    page.goto(portal + reverse("puljer:application", args=[club.pk, application.pk]))
    assert "15.000 kr." in page.locator(".decision").inner_text()
    assert "Puljen er søgt af mange." in page.locator(".decision").inner_text()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Afrapportér tilskuddet").click()
    assert_accessible(page)
    page.get_by_label("Brugt beløb (kr.)").fill("15000")
    page.get_by_label("Deltagere nået").fill("30")
    page.locator("#id_volunteers").fill("6")
    page.get_by_label("Kort beretning om aktiviteten").fill("40 spisninger.")
    page.get_by_label(re.compile("Vi erklærer")).check()
    with page.expect_navigation():
        page.get_by_role("button", name="Indsend afrapporteringen").click()
    application.refresh_from_db()
    assert application.status == Status.REPORTED
    assert_accessible(page)
