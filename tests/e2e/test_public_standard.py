"""The public pages at a municipal site's standard, in one journey per screen width: the front
page starts from the citizen's tasks, the menu folds on a phone, error pages keep the site's
frame with DEBUG off, and English mode marks the Danish it cannot translate (WCAG 3.1.2)."""

import datetime

import pytest
from django.urls import reverse

from foreninger.frivilligjob.models import Opportunity
from tests import factories
from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.browser

PHONE = {"width": 375, "height": 667}
DESKTOP = {"width": 1280, "height": 800}


@pytest.fixture
def portal(live_server, transactional_db, faaborg, settings):
    settings.DEBUG = False
    association = factories.association(name="Besøgsvennerne", slug="besoegsvennerne")
    Opportunity.objects.create(
        association=association,
        title="Besøgsven for en ældre borger",
        description="Drik kaffe og gå en tur med en ældre borger hver uge.",
        time_commitment=Opportunity.TimeCommitment.WEEKLY,
        answer_by=datetime.date.today() + datetime.timedelta(days=30),
    )
    factories.event(title="Nytårskur 2027")
    return live_server.url


def no_sideways_scroll(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_on_a_phone_the_menu_folds_and_the_front_page_leads_to_the_tasks(portal, page):
    page.set_viewport_size(PHONE)
    page.goto(portal + reverse("home"))
    menu_button = page.get_by_role("button", name="Menu")
    menu = page.get_by_role("navigation", name="Hovedmenu")
    assert menu_button.get_attribute("aria-expanded") == "false"
    assert not menu.is_visible()
    header = page.locator(".site-header").bounding_box()
    assert header["height"] <= PHONE["height"] / 5
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []

    menu_button.click()
    assert menu_button.get_attribute("aria-expanded") == "true"
    assert menu.get_by_role("link", name="Priser").is_visible()
    page.keyboard.press("Escape")
    assert not menu.is_visible()

    tasks = page.locator(".task-list a")
    assert tasks.evaluate_all("links => links.map(a => a.pathname)") == [
        reverse("foreninger:directory"),
        reverse("foreninger:opportunities"),
        reverse("puljer:index"),
        reverse("event_list"),
    ]
    assert page.get_by_role("link", name="Nytårskur 2027").is_visible()
    assert page.get_by_role("link", name="Besøgsven for en ældre borger").is_visible()
    page.get_by_role("searchbox").fill("besøg")
    with page.expect_navigation():
        page.get_by_role("button", name="Søg").click()
    assert page.url.startswith(portal + reverse("foreninger:directory") + "?q=")

    response = page.goto(portal + "/findes-ikke/")
    assert response.status == 404
    assert page.locator("h1").inner_text() == "Siden blev ikke fundet"
    assert page.get_by_role("searchbox").is_visible()
    assert page.locator("#main").get_by_role("link", name="sundhed@fmk.dk").is_visible()
    assert no_sideways_scroll(page)
    assert axe_violations(page) == []


def test_on_a_wide_screen_the_menu_is_one_line_and_english_marks_its_danish(portal, page):
    page.set_viewport_size(DESKTOP)
    page.goto(portal + reverse("login"))
    assert not page.get_by_role("button", name="Menu").is_visible()
    tops = page.locator("#site-nav li").evaluate_all("items => items.map(i => i.offsetTop)")
    assert len(set(tops)) == 1

    # An expired form: the session's CSRF cookie is gone when it is sent.
    page.context.clear_cookies()
    with page.expect_navigation() as navigation:
        page.get_by_role("button", name="Log ind").click()
    assert navigation.value.status == 403
    assert "CSRF" not in page.content()
    assert page.get_by_role("searchbox").is_visible()
    assert page.get_by_role("link", name="Gå til forsiden").is_visible()

    page.goto(portal + reverse("home"))
    page.get_by_label("Sprog").select_option("en")
    with page.expect_navigation():
        page.get_by_role("button", name="Skift sprog").click()
    assert page.locator("h1").inner_text() == "Voluntary social work in Faaborg-Midtfyn Kommune"
    assert page.get_by_role("heading", name="Five focus areas").is_visible()
    # Danish the data file gives no English for: the group's name and the committee.
    group = page.get_by_role("heading", name="Frivillig Social Følgegruppe")
    assert group.get_attribute("lang") == "da"
    assert page.get_by_text("Socialudvalget", exact=True).get_attribute("lang") == "da"
    assert axe_violations(page) == []

    # The pools in the data file's English; their legal basis stays Danish.
    page.goto(portal + reverse("puljer:index"))
    assert page.get_by_role("heading", name="Co-creation Pool").is_visible()
    assert page.get_by_text("Serviceloven § 79", exact=True).get_attribute("lang") == "da"
    assert axe_violations(page) == []
