"""Citizens use the calendar, read an action plan and nominate someone for an award."""

import pytest
from django.core import mail
from django.urls import reverse

from frivillig import demo
from frivillig.arrangementer import demo as event_demo
from frivillig.arrangementer.models import Event
from frivillig.models import ActionPlan, FocusArea, Nomination
from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.browser


@pytest.fixture
def portal(live_server, transactional_db, faaborg):
    demo.seed()
    event_demo.seed()
    return live_server.url


def core_pages():
    plan = ActionPlan.objects.filter(focus_area__number=3).order_by("-starts_on").first()
    past_year = Event.objects.order_by("starts_at").first().starts_at.year
    return [
        reverse("event_list"),
        reverse("event_list") + "?type=regional_meeting&egn=ukendt",
        reverse("event_archive", args=[past_year]),
        Event.objects.get(kind=Event.Kind.NYTAARSKUR).get_absolute_url(),
        plan.focus_area.get_absolute_url(),
        reverse("action_plans", args=[plan.focus_area.slug]),
        plan.get_absolute_url(),
        reverse("awards"),
        reverse("award_nominate"),
    ]


def submit(page):
    with page.expect_navigation():
        page.locator("main button[type=submit]").click()


def test_the_calendar_action_plans_and_awards_pass_axe_and_fit_320_pixels(portal, page):
    failures = {}
    for url in core_pages():
        assert page.goto(portal + url).status == 200, url
        violations = axe_violations(page)
        if violations:
            failures[url] = violations
    assert failures == {}
    page.set_viewport_size({"width": 320, "height": 640})
    for url in core_pages():
        page.goto(portal + url)
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        assert overflow <= 0, f"{url} scrolls sideways by {overflow}px"


def test_a_citizen_finds_the_meeting_in_her_region_without_javascript(portal, browser):
    context = browser.new_context(locale="da-DK", java_script_enabled=False)
    page = context.new_page()
    page.goto(portal + reverse("home"))
    with page.expect_navigation():
        menu = page.get_by_role("navigation", name="Hovedmenu")
        menu.locator(f'a[href="{reverse("event_list")}"]').click()
    page.locator("#id_egn").select_option("ringeegnen")
    submit(page)
    assert "egn=ringeegnen" in page.url
    titles = page.locator("main .card-title").all_inner_texts()
    assert any("Ringeegnen" in title for title in titles)
    assert not any("Faaborgegnen" in title for title in titles)
    with page.expect_navigation():
        page.locator("main .card-title a", has_text="Ringeegnen").click()
    assert "Ringeegnen" in page.locator("h1").inner_text()
    context.close()


def test_a_citizen_reads_the_action_plan_of_a_focus_area(portal, page):
    area = FocusArea.objects.get(number=3)
    plan = ActionPlan.objects.filter(focus_area=area).order_by("-starts_on").first()
    page.goto(portal + area.get_absolute_url())
    with page.expect_navigation():
        page.locator(f'a[href="{plan.get_absolute_url()}"]').click()
    assert page.locator("h1").inner_text() == plan.title
    assert page.locator("table caption").count() == plan.goals.count()
    assert axe_violations(page) == []


def test_a_citizen_nominates_someone_for_an_award_and_sees_the_confirmation(portal, page):
    recognition = FocusArea.objects.get(number=5)
    page.goto(portal + recognition.get_absolute_url())
    with page.expect_navigation():
        page.locator(f'a[href="{reverse("award_nominate")}"]').click()
    assert axe_violations(page) == []

    # Sending the form empty explains every missing answer, and is accessible too.
    submit(page)
    assert page.locator(".error-summary").is_visible()
    assert page.locator(".error-summary li").count() == 5
    assert axe_violations(page) == []

    page.locator("#id_category_0").check()
    page.locator("#id_nominee_name").fill("Grethe Frivillig")
    page.locator("#id_nominee_association").fill("Besøgsvennerne")
    page.locator("#id_reason").fill("Grethe har besøgt ensomme ældre hver uge i ti år.")
    page.locator("#id_nominator_name").fill("Bo Borger")
    page.locator("#id_nominator_email").fill("bo@example.org")
    submit(page)
    assert reverse("award_nominated") in page.url
    assert "Årets Ildsjæl" in page.locator("main").inner_text()
    assert axe_violations(page) == []
    nomination = Nomination.objects.get(nominee_name="Grethe Frivillig")
    assert nomination.category.slug == "aarets-ildsjael"
    assert [message.to for message in mail.outbox] == [["bo@example.org"], ["sundhed@fmk.dk"]]
