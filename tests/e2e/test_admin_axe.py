"""The consultant's pages are held to WCAG 2.1 AA too (webtilgængelighedsloven covers a public
body's internal tools): one browser session as the consultant walks the admin's index with its
counts, every list the index links to, one change form of each with its inlines, and the
overviews, with axe on each; the association's draft is on none of them."""

import pytest
from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from foreninger.models import Association
from frivillig.outbox.models import Message
from puljer import services
from puljer.models import Status
from tests import factories
from tests.e2e.conftest import AXE_SOURCE, WCAG_21_AA
from tests.puljer.conftest import open_round, submitted

pytestmark = pytest.mark.browser


def _cases(alice):
    """Something on each of the consultant's lists and counts, and a draft nobody else sees."""
    factories.association(name="Ny forening", status=Association.Status.PENDING)
    club = factories.association(name="Spisevennerne", members=[alice])
    factories.activity(club)
    round_ = open_round()
    case = submitted(club, round_, title="Fællesspisning")
    submitted(club, round_, title="Udflugt", status=Status.REPORTED, amount_granted=5000)
    draft = services.application_create(association=club, round_=round_, user=alice)
    services.application_save_draft(
        application=draft, user=alice, fields={"title": "Hemmelig kladde"}, budget_lines=[]
    )
    Message.objects.create(
        subject="Kvittering",
        recipients=["a@example.com"],
        message_id="<1@test>",
        status=Message.Status.FAILED,
        last_error="550",
        next_attempt_at=timezone.now(),
    )
    AccessAttempt.objects.create(
        username="alice@example.com",
        ip_address="192.0.2.1",
        path_info="/admin/login/",
        failures_since_start=3,
    )
    return case, draft


def _log_in(browser, portal, consultant):
    client = Client()
    factories.login_verified(client, consultant)
    context = browser.new_context(locale="da-DK")
    context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": portal}]
    )
    # axe is in every page from the start (through the debugging protocol, as the CSP wants).
    context.add_init_script(AXE_SOURCE)
    return context.new_page()


def _violations(page, *, sidebar):
    """axe's WCAG 2.1 AA violations; the admin's menu, the same on every page, once."""
    result = page.evaluate(
        "options => axe.run(options.exclude.length ? {exclude: options.exclude} : document, "
        "options.run)",
        {
            "exclude": [] if sidebar else [["#nav-sidebar"]],
            "run": {
                "runOnly": {"type": "tag", "values": WCAG_21_AA},
                "resultTypes": ["violations"],
            },
        },
    )
    return [f"{v['id']}: {[n['target'] for n in v['nodes']]}" for v in result["violations"]]


def test_the_consultants_admin_pages_pass_axe(portal, browser, consultant, alice):
    case, draft = _cases(alice)
    page = _log_in(browser, portal, consultant)
    page.goto(portal + reverse("admin:index"))
    counts = page.locator(".dashboard-counts")
    assert counts.get_by_role("row", name="Foreninger, der venter på godkendelse 1").is_visible()
    assert counts.get_by_role("row", name="Beskeder, der ikke kunne sendes 1").is_visible()
    failures = {page.url: _violations(page, sidebar=True)}
    lists = page.eval_on_selector_all(
        "#content-main div[class^='app-'] th[scope=row] a", "links => links.map(link => link.href)"
    )
    overviews = [
        reverse("admin:puljer_pool_overview"),
        reverse("admin:puljer_round_recommendation", args=[case.round_id]),
        reverse("admin:puljer_application_decide", args=[case.pk]),
    ]
    for url in [*lists, *(portal + path for path in overviews)]:
        page.goto(url)
        failures[url] = _violations(page, sidebar=url == lists[0])
        # One change form of each list, with its inlines: the first row's.
        first = page.locator("#result_list tbody tr").first.locator("th a, td a").first
        if first.count():
            page.goto(portal + first.get_attribute("href"))
            failures[page.url] = _violations(page, sidebar=False)
    assert {url: found for url, found in failures.items() if found} == {}

    page.goto(portal + reverse("admin:puljer_application_changelist"))
    assert "Fællesspisning" in page.content()
    assert "Hemmelig kladde" not in page.content()
    draft_page = page.goto(portal + reverse("admin:puljer_application_change", args=[draft.pk]))
    assert "Hemmelig kladde" not in page.content()
    assert draft_page.url.endswith(reverse("admin:index")) or draft_page.status == 404
