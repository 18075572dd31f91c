"""An association posts a volunteer job, a citizen finds and answers it, the association handles
the answer. Fields and buttons are found by id and address, so the journey holds in any language.
"""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from foreninger.frivilligjob.models import OpportunityAnswer
from frivillig.models import Region, TargetGroup
from tests import factories
from tests.e2e.conftest import axe_violations
from tests.factories import PASSWORD

pytestmark = pytest.mark.browser


@pytest.fixture
def portal(live_server, transactional_db, faaborg, settings):
    settings.SITE_URL = live_server.url
    return live_server.url


def assert_accessible(page):
    assert axe_violations(page) == [], page.url


def submit(page, form_selector):
    with page.expect_navigation():
        page.locator(f"{form_selector} button[type=submit]").click()


def follow(page, href):
    with page.expect_navigation():
        page.locator(f'main a[href="{href}"]').first.click()


def test_an_association_posts_a_job_a_citizen_answers_and_the_association_handles_it(
    portal, browser, page, alice
):
    club = factories.association(
        name="Kørselsvennerne", members=[alice], email="koersel@forening.example.org"
    )
    children = factories.activity(
        club, title="Kørsel til svømning", involves_children_under_15=True
    )
    ringe = Region.objects.get(slug="ringeegnen")

    # The association member posts a volunteer job; a first try without the fields is explained.
    page.goto(portal + reverse("login"))
    page.get_by_label("E-mailadresse").fill(alice.email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log ind").click()
    page.goto(portal + reverse("foreninger:dashboard"))
    follow(page, reverse("foreninger:my_opportunities", args=[club.pk]))
    assert_accessible(page)
    follow(page, reverse("foreninger:opportunity_add", args=[club.pk]))
    assert_accessible(page)
    submit(page, "main form")
    assert page.locator(".error-summary").is_visible()
    assert_accessible(page)
    page.locator("#id_title").fill("Chauffør til svømmeholdet")
    page.locator("#id_description").fill("Kør børnene fra skolen til svømmehallen i Ringe.")
    page.locator("#id_time_commitment").select_option("weekly")
    page.locator("#id_skills").fill("Kørekort til minibus")
    page.locator("#id_activity").select_option(str(children.pk))
    page.locator("#id_region").select_option(str(ringe.pk))
    page.get_by_label(TargetGroup.objects.get(slug="boern-og-unge").name, exact=True).check()
    answer_by = timezone.localdate() + timedelta(days=10)
    page.locator("#id_answer_by").fill(answer_by.isoformat())
    submit(page, "main form")
    assert page.locator(".alert-success").is_visible()
    assert_accessible(page)
    [posted] = club.opportunities.all()
    assert posted.needs_child_certificate

    # A citizen finds it from the main menu by filters and search, and answers it.
    citizen = browser.new_context(locale="da-DK").new_page()
    citizen.goto(portal + reverse("home"))
    with citizen.expect_navigation():
        citizen.locator(f'nav a[href="{reverse("foreninger:opportunities")}"]').first.click()
    assert_accessible(citizen)
    citizen.locator("#id_q").fill("svømme")
    citizen.locator("#id_egn").select_option("ringeegnen")
    citizen.locator("#id_tid").select_option("weekly")
    submit(citizen, "form[role=search]")
    assert citizen.locator(".opportunity-list > li").count() == 1
    assert_accessible(citizen)
    follow(citizen, posted.get_absolute_url())
    assert citizen.locator("h1").inner_text() == "Chauffør til svømmeholdet"
    assert citizen.locator(".alert-info").is_visible()
    assert "koersel@forening.example.org" not in citizen.content()
    assert_accessible(citizen)
    follow(citizen, reverse("foreninger:opportunity_answer", args=[posted.pk]))
    assert_accessible(citizen)
    citizen.locator("#id_name").fill("Bo Borger")
    citizen.locator("#id_email").fill("bo@example.com")
    citizen.locator("#id_phone").fill("12 34 56 78")
    citizen.locator("#id_message").fill("Jeg har kørekort til minibus og fri om eftermiddagen.")
    submit(citizen, "main form")
    assert citizen.locator(".alert-success").is_visible()
    assert_accessible(citizen)
    assert [message.to for message in mail.outbox] == [
        ["koersel@forening.example.org"],
        ["bo@example.com"],
    ]
    assert mail.outbox[0].reply_to == ["bo@example.com"]

    # The association member reads the answer and marks it as handled.
    page.goto(portal + reverse("foreninger:my_opportunities", args=[club.pk]))
    follow(page, reverse("foreninger:opportunity_answers", args=[club.pk, posted.pk]))
    assert "Bo Borger" in page.locator("main").inner_text()
    assert_accessible(page)
    [received] = OpportunityAnswer.objects.all()
    submit(
        page, f'form[action="{reverse("foreninger:answer_handle", args=[club.pk, received.pk])}"]'
    )
    assert page.locator(".alert-success").is_visible()
    assert page.locator("main form[action$='/behandlet/']").count() == 0
    assert_accessible(page)
    received.refresh_from_db()
    assert received.handled_by == alice
