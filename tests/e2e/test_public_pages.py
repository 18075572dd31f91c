import datetime

import pytest
from django.urls import reverse

from foreninger.frivilligjob.models import Opportunity
from frivillig.models import FocusArea, MeetingPlace, OpeningHours, Region, TargetGroup
from tests import factories
from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.browser

PUBLIC_PAGES = [
    reverse("home"),
    reverse("focus_area", args=["oeget-mangfoldighed"]),
    reverse("focus_area", args=["anerkendelse"]),
    reverse("page", args=["strategi"]),
    reverse("page", args=["spilleregler"]),
    reverse("page", args=["om"]),
    reverse("accessibility"),
    reverse("privacy"),
    reverse("login"),
    reverse("password_reset"),
    reverse("signup"),
    reverse("foreninger:directory"),
    reverse("foreninger:directory") + "?q=ingenting",
    reverse("foreninger:directory") + "?q=bes%C3%B8g&egn=ukendt&frivillige=on",
    reverse("foreninger:detail", args=["besoegsvennerne"]),
    reverse("foreninger:contact", args=["besoegsvennerne"]),
    reverse("foreninger:report_error", args=["besoegsvennerne"]),
    reverse("foreninger:coverage"),
    reverse("foreninger:opportunities"),
    reverse("foreninger:opportunities") + "?q=ingenting&tid=weekly",
    reverse("event_list"),
    reverse("meeting_places"),
]


@pytest.fixture
def portal(live_server, transactional_db, faaborg):
    association = factories.association(
        name="Besøgsvennerne",
        slug="besoegsvennerne",
        focus_areas=FocusArea.objects.all()[:2],
        regions=Region.objects.all()[:1],
        target_groups=TargetGroup.objects.all()[:2],
        website="https://example.org",
        phone="12 34 56 78",
    )
    factories.activity(association, wants_volunteers=True, involves_children_under_15=True)
    factories.activity(association, title="Telefonkæde", online=True)
    Opportunity.objects.create(
        association=association,
        title="Besøgsven for en ældre borger",
        description="Drik kaffe og gå en tur med en ældre borger hver uge.",
        time_commitment=Opportunity.TimeCommitment.WEEKLY,
        answer_by=datetime.date.today() + datetime.timedelta(days=30),
    )
    place = MeetingPlace.objects.create(
        name="Frivilligcaféen", slug="frivilligcafeen", address="Torvet 1", town="Ringe"
    )
    OpeningHours.objects.create(
        place=place, weekday=1, opens=datetime.time(10), closes=datetime.time(12), note="lige uger"
    )
    return live_server.url


def test_every_public_page_passes_axe_wcag_21_aa(portal, page):
    failures = {}
    for url in PUBLIC_PAGES:
        response = page.goto(portal + url)
        assert response.status == 200, url
        violations = axe_violations(page)
        if violations:
            failures[url] = violations
    assert failures == {}


def test_pages_fit_a_320_pixel_wide_screen(portal, page):
    page.set_viewport_size({"width": 320, "height": 640})
    for url in PUBLIC_PAGES:
        page.goto(portal + url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px"


def test_the_skip_link_is_the_first_stop_and_moves_to_the_content(portal, page):
    page.goto(portal + reverse("home"))
    page.keyboard.press("Tab")
    skip = page.locator(":focus")
    assert skip.get_attribute("href") == "#main"
    assert skip.is_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_a_citizen_reads_a_focus_area_from_the_front_page(portal, page):
    page.goto(portal + reverse("home"))
    assert page.locator("h2", has_text="Fem indsatsområder").is_visible()
    with page.expect_navigation():
        page.get_by_role("link", name="3. Gensidigt kendskab").click()
    assert page.locator("h1").inner_text() == "Gensidigt kendskab"
    assert page.get_by_role("heading", name="Eksempler på indsatser").is_visible()


def test_a_failed_login_shows_an_accessible_error_summary_linking_to_the_field(portal, page):
    page.goto(portal + reverse("login"))
    with page.expect_navigation():
        page.get_by_role("button", name="Log ind").click()
    summary = page.get_by_role("alert")
    assert "Der er et problem" in summary.inner_text()
    assert page.title().startswith("Fejl:")
    summary.get_by_role("link").first.click()
    assert page.evaluate("document.activeElement.id") == "id_username"
    assert axe_violations(page) == []


def test_the_language_can_be_switched_without_javascript(portal, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(portal + reverse("home"))
    page.get_by_label("Sprog").select_option("en")
    with page.expect_navigation():
        page.get_by_role("button", name="Skift sprog").click()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.get_by_role("link", name="Skip to content").count() == 1
    context.close()
