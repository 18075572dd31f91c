"""Three assessors score a round, one of them blocked by a conflict of interest, and the
consultant builds the recommendation list. Axe checks every assessment page."""

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from puljer.assessment import selectors, services
from puljer.assessment.models import Criterion, Panel
from puljer.models import Pool
from tests import factories
from tests.e2e.conftest import admin_log_in, axe_violations
from tests.puljer.conftest import open_round, submitted

pytestmark = pytest.mark.browser


@pytest.fixture
def portal(live_server, transactional_db, faaborg, settings, tmp_path):
    settings.SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    return live_server.url


def _assert_accessible(page):
    assert axe_violations(page) == [], page.url


def _admin(browser, portal, user, url):
    page = browser.new_context(locale="da-DK").new_page()
    page.goto(portal + url)
    admin_log_in(page, user)
    return page


def _declare_and_score(page, value, comment, *, check=False):
    if check:
        _assert_accessible(page)
    page.get_by_label("Ja, jeg er habil").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Afgiv erklæring").click()
    if check:
        _assert_accessible(page)
    page.get_by_label("Point (0–5)").fill(value)
    page.get_by_label("Kommentar").fill(comment)
    with page.expect_navigation():
        page.get_by_role("button", name="Gem bedømmelsen").click()
    assert page.get_by_text("Din bedømmelse er gemt.").is_visible()


def test_three_assessors_score_one_stands_aside_and_the_consultant_recommends(
    portal,
    browser,
    consultant,
):
    round_ = open_round()
    Criterion.objects.filter(pool=round_.pool).update(scale_max=5, weight=1)
    Pool.objects.filter(pk=round_.pool_id).update(budget=15_000)
    panel = Panel.objects.create(
        round=round_,
        deadline=timezone.localdate() + datetime.timedelta(days=10),
        confidentiality_text="Demotekst: jeg videregiver intet fra ansøgningerne.",
    )
    club_a = factories.association(name="Klub A")
    club_b = factories.association(name="Klub B")
    a = submitted(club_a, round_, title="Fællesspisning i Klub A")
    b = submitted(club_b, round_, title="Besøgsvenner i Klub B")

    def assessor(name, external=False):
        user = factories.user(email=f"{name.lower()}@example.com", first_name=name)
        return services.panel_member_add(panel=panel, user=user, external=external, by=consultant)

    ida, jon, kim = assessor("Ida"), assessor("Jon"), assessor("Kim", external=True)
    club_a.memberships.create(user=kim.user)

    # Kim, external and a member of A: signs, sees A only as “stands aside”, gets 404 on it.
    page = _admin(browser, portal, kim.user, reverse("admin:assessment_panelmember_changelist"))
    _assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Åbn").click()
    assert page.get_by_text("Demotekst: jeg videregiver intet").is_visible()
    _assert_accessible(page)
    page.get_by_label("Jeg underskriver erklæringen ovenfor").check()
    with page.expect_navigation():
        page.get_by_role("button", name="Underskriv").click()
    _assert_accessible(page)
    assert "Fællesspisning i Klub A" not in page.content()
    response = page.goto(
        portal + reverse("admin:assessment_panelmember_assess", args=[kim.pk, a.pk])
    )
    assert response.status == 404
    page.goto(portal + reverse("admin:assessment_panelmember_round", args=[kim.pk]))
    with page.expect_navigation():
        page.get_by_role("link", name=re.compile(b.reference)).click()
    _declare_and_score(page, "2", "Godt, men dyrt.", check=True)

    # Ida scores both in the browser; Jon scores both through the services.
    page = _admin(
        browser, portal, ida.user, reverse("admin:assessment_panelmember_round", args=[ida.pk])
    )
    for application in (a, b):
        with page.expect_navigation():
            page.get_by_role("link", name=re.compile(application.reference)).click()
        _declare_and_score(page, "4", "Klart formål.")
    criterion = selectors.criteria_for(round_.pool)[0]
    for application, value in ((a, 5), (b, 3)):
        services.declaration_make(member=jon, application=application, impartial=True)
        services.scores_save(
            member=jon, application=application, scores={criterion: (value, "Fint.")}
        )

    # The consultant: the workbench, then the list, which refuses more than is left.
    page = _admin(
        browser, portal, consultant, reverse("admin:assessment_panel_workbench", args=[panel.pk])
    )
    _assert_accessible(page)
    assert page.get_by_text("Trådt til side: Kim").is_visible()
    page.goto(portal + reverse("admin:assessment_panel_recommendation", args=[panel.pk]))
    _assert_accessible(page)
    rows = page.get_by_role("table", name="Indstillingslisten").locator("tbody tr")
    assert rows.nth(0).locator("th").inner_text().startswith(a.reference)
    page.get_by_label(f"Indstillet beløb {a.reference}").fill("10000")
    page.get_by_label(f"Indstillet beløb {b.reference}").fill("6000")
    page.get_by_label("Begrundelse (tom: den valgte tekst)").nth(1).fill("Beskåret.")
    with page.expect_navigation():
        page.get_by_role("button", name="Gem listen").click()
    assert page.get_by_text("men der er kun 15.000 kr. tilbage").is_visible()
    page.get_by_label(f"Indstillet beløb {b.reference}").fill("5000")
    with page.expect_navigation():
        page.get_by_role("button", name="Gem listen").click()
    assert page.get_by_text("Indstillingslisten er gemt: 15.000 kr. indstillet.").is_visible()
    b.refresh_from_db()
    assert (b.recommended_amount, b.recommendation_reason) == (5_000, "Beskåret.")
