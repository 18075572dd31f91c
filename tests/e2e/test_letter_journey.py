"""A committee-decided partial grant with a hearing: the consultant hears the association, the
association answers on the application's page, the committee's decision on the round's list is
recorded and sent; the letter is checked on the page, in the e-mail and in its PDF."""

import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from puljer.models import Application, Status
from tests import factories
from tests.e2e.conftest import admin_log_in, axe_violations
from tests.factories import PASSWORD
from tests.puljer.conftest import open_round, submitted

pytestmark = pytest.mark.browser

PARTS = [
    "Afgørelse om tilskud fra §18-puljen",
    "Spisevennerne får tilskud på 6.000 kr. af de 10.000 kr.",
    "Afgørelsen er truffet efter Serviceloven § 18.",
    "Fonden Lokal støtter allerede maden med 4.000 kr.",
    "Fondens penge går kun til transport.",
    "Udvalget nedsatte beløbet.",
    "Afgørelsen er truffet af Socialudvalget på mødet den 24. februar 2026, dagsordenens punkt 7.",
    "Afgørelsen kan ikke påklages til en anden administrativ myndighed.",
    "Ankestyrelsen fører tilsyn med, at kommunerne overholder lovgivningen.",
]


@pytest.fixture
def portal(live_server, transactional_db, faaborg, settings, tmp_path):
    settings.SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    return live_server.url


def _flat(text):
    return " ".join(text.split())


def test_a_committee_grants_in_part_after_hearing_the_association(
    portal, browser, page, alice, consultant
):
    club = factories.association(name="Spisevennerne", members=[alice])
    round_ = open_round()
    application = submitted(club, round_, amount_applied=10000, contact_email="")
    Application.objects.filter(pk=application.pk).update(recommended_amount=7000)

    admin = browser.new_context(locale="da-DK").new_page()
    admin.goto(portal + reverse("admin:puljer_application_hearing", args=[application.pk]))
    admin_log_in(admin, consultant)
    admin.locator("#id_information").fill("Fonden Lokal støtter allerede maden med 4.000 kr.")
    answer_by = timezone.localdate() + datetime.timedelta(days=14)
    admin.locator("#id_answer_by").fill(answer_by.isoformat())
    with admin.expect_navigation():
        admin.locator("input[type=submit]").click()
    assert "Fonden Lokal" in mail.outbox[-1].body

    page.goto(portal + reverse("login"))
    page.get_by_label("E-mailadresse").fill(alice.email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log ind").click()
    page.goto(portal + reverse("puljer:application", args=[club.pk, application.pk]))
    page.locator("#id_answer").fill("Fondens penge går kun til transport.")
    with page.expect_navigation():
        page.locator("form[action*=partshoering] button[type=submit]").click()
    assert axe_violations(page) == []

    admin.goto(portal + reverse("admin:puljer_round_committee", args=[round_.pk]))
    admin.locator("#id_meeting_on").fill("2026-02-24")
    admin.locator("#id_agenda_item").fill("7")
    admin.locator(f"#id_amount_{application.pk}").fill("6000")
    admin.locator(f"#id_reason_{application.pk}").fill("Udvalget nedsatte beløbet.")
    with admin.expect_navigation():
        admin.locator("input[type=submit]").click()
    application.refresh_from_db()
    assert application.status == Status.PARTIALLY_GRANTED

    page.reload()
    on_page = _flat(page.locator(".decision").inner_text())
    message = mail.outbox[-1]
    [(_name, pdf, _type)] = message.attachments
    reader = PdfReader(io.BytesIO(pdf))
    in_pdf = _flat(" ".join(p.extract_text() for p in reader.pages))
    for part in PARTS:
        assert part in on_page
        assert part in _flat(message.body)
        assert part in in_pdf
    assert reader.trailer["/Root"]["/Lang"] == "da"
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert axe_violations(page) == []
