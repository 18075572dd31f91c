"""The consultant opens an election, an association nominates, the candidate consents, three
associations vote (one from a phone), the consultant closes and publishes, and the result page
shows the elected."""

import re
from datetime import timedelta

import pytest
from django.conf import settings
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from folgegruppe.models import Election, GroupSeat
from tests import factories
from tests.conftest import Client
from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.browser

PHONE = {"viewport": {"width": 360, "height": 740}, "is_mobile": True, "has_touch": True}


@pytest.fixture
def portal(live_server, transactional_db, faaborg, settings):
    settings.SITE_URL = live_server.url
    return live_server.url


def assert_accessible(page):
    assert axe_violations(page) == [], page.url


def logged_in(browser, portal, user, **options):
    """A browser page with `user` logged in through a session cookie (staff with a code given)."""
    client = Client()
    client.force_login(user)
    context = browser.new_context(locale="da-DK", **options)
    context.add_cookies(
        [
            {
                "name": settings.SESSION_COOKIE_NAME,
                "value": client.cookies[settings.SESSION_COOKIE_NAME].value,
                "url": portal,
            }
        ]
    )
    return context.new_page()


def take_step(admin, portal, election, step):
    admin.goto(portal + reverse("admin:folgegruppe_election_change", args=[election.pk]))
    url = reverse("admin:folgegruppe_election_step", args=[election.pk, step])
    with admin.expect_navigation():
        admin.locator(f'a[href="{url}"]').click()
    with admin.expect_navigation():
        admin.locator("input.default").click()
    messages = admin.locator(".messagelist li")
    messages.first.wait_for()
    assert messages.evaluate_all("items => items.map(item => item.className)") == ["success"]


def test_an_election_from_opening_to_the_published_result(portal, browser, consultant):
    members = [factories.user(email=f"medlem{n}@example.com") for n in range(3)]
    clubs = [
        factories.association(name=name, members=[member])
        for name, member in zip(
            ["Besøgsvennerne", "Sprogcaféen", "Lektiehjælpen"], members, strict=True
        )
    ]

    # The consultant creates the election in the admin and opens nominations.
    admin = logged_in(browser, portal, consultant)
    admin.goto(portal + reverse("admin:folgegruppe_election_add"))
    now = timezone.localtime()
    admin.locator("#id_title").fill("Valg til følgegruppen")
    admin.locator("#id_seats").fill("1")
    admin.locator("#id_term_start").fill(now.strftime("%Y-%m-%d"))
    admin.locator("#id_term_end").fill(f"{now.year + 2}-12-31")
    for field, moment in [
        ("nomination_deadline", now + timedelta(days=7)),
        ("voting_opens_at", now + timedelta(days=8)),
        ("voting_closes_at", now + timedelta(days=8, hours=1)),
    ]:
        admin.locator(f"#id_{field}_0").fill(moment.strftime("%Y-%m-%d"))
        admin.locator(f"#id_{field}_1").fill(moment.strftime("%H:%M"))
    with admin.expect_navigation():
        admin.locator("input[name=_continue]").click()
    election = Election.objects.get()
    take_step(admin, portal, election, "aabn-indstilling")

    # A member of an approved association nominates a candidate from its own association.
    nominator = logged_in(browser, portal, members[0])
    nominator.goto(portal + election.get_absolute_url())
    assert_accessible(nominator)
    with nominator.expect_navigation():
        nominator.locator(
            f'a[href="{reverse("folgegruppe:nominate", args=[election.pk])}"]'
        ).click()
    assert_accessible(nominator)
    nominator.locator("#id_name").fill("Karen Holm")
    nominator.locator("#id_email").fill("karen@example.org")
    nominator.locator("#id_candidate_association").select_option(label="Besøgsvennerne")
    with nominator.expect_navigation():
        nominator.locator("main form button[type=submit]").click()
    assert nominator.url == portal + election.get_absolute_url()

    # The candidate consents through the link in the e-mail, logged in with her own account.
    assert mail.outbox[-1].to == ["karen@example.org"]
    link = re.search(r"http://\S+", mail.outbox[-1].body).group()
    candidate_page = logged_in(browser, portal, factories.user(email="karen@example.org"))
    candidate_page.goto(link)
    assert_accessible(candidate_page)
    with candidate_page.expect_navigation():
        candidate_page.locator("button[value=consent]").click()
    candidate_page.goto(portal + election.get_absolute_url())
    assert "Karen Holm" in candidate_page.locator("#candidates-title + ul").inner_text()

    # The deadline passes and the voting window at the Nytårskur begins.
    Election.objects.filter(pk=election.pk).update(
        nomination_deadline=timezone.now() - timedelta(minutes=2),
        voting_opens_at=timezone.now() - timedelta(minutes=1),
        voting_closes_at=timezone.now() + timedelta(hours=1),
    )
    take_step(admin, portal, election, "aabn-afstemning")

    # Three associations vote, one of them from a phone.
    vote_url = portal + reverse("folgegruppe:vote", args=[election.pk])
    for number, member in enumerate(members):
        voter = logged_in(browser, portal, member, **(PHONE if number == 0 else {}))
        voter.goto(vote_url)
        if number == 0:
            assert_accessible(voter)
        voter.get_by_label("Karen Holm (Besøgsvennerne)").check()
        with voter.expect_navigation():
            voter.locator("main form button[type=submit]").click()
        assert voter.url == portal + election.get_absolute_url()
        voter.context.close()

    # The consultant closes the voting, counts and publishes; the result shows the elected.
    take_step(admin, portal, election, "luk")
    take_step(admin, portal, election, "offentliggoer")
    citizen = browser.new_context(locale="da-DK").new_page()
    citizen.goto(portal + election.get_absolute_url())
    with citizen.expect_navigation():
        citizen.locator(f'a[href="{reverse("folgegruppe:results", args=[election.pk])}"]').click()
    assert_accessible(citizen)
    row = citizen.locator("tbody tr").first
    assert row.locator("th").inner_text() == "Karen Holm"
    assert row.locator("td").nth(1).inner_text() == "3"
    assert row.locator("strong").count() == 1  # marked elected in words, not by colour
    assert GroupSeat.objects.get(fixed=False).person_name == "Karen Holm"
    citizen.goto(portal + reverse("folgegruppe:group"))
    assert "Karen Holm" in citizen.locator("#members-title + div table").inner_text()
    assert_accessible(citizen)
    assert {club.pk for club in clubs} == set(election.voters.values_list("association", flat=True))
