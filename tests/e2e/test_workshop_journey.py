"""A citizen finds a workshop without a fixed date in the calendar and answers its questions."""

import pytest
from django.core import mail
from django.urls import reverse

from frivillig.arrangementer.models import Event, WorkshopResponse
from tests.e2e.conftest import axe_violations

pytestmark = pytest.mark.browser

QUESTIONS = [
    "Hvordan understøtter kommunen bedst det frivillige arbejde?",
    "Hvad skal politikken sige om sundhedsfremme?",
]


@pytest.fixture
def workshop(live_server, transactional_db, faaborg):
    event = Event.objects.create(
        title="Workshop i Sønderborg",
        slug="workshop-i-soenderborg",
        kind=Event.Kind.WORKSHOP,
        date_text="Foråret 2019",
        place="Sønderborg",
        description="Sundhedsudvalget vil gerne høre fra frivillige og borgere.",
        input_open=True,
    )
    for order, text in enumerate(QUESTIONS, start=1):
        event.questions.create(text=text, order=order)
    return event


def submit(page):
    with page.expect_navigation():
        page.locator("main form[method=post] button[type=submit]").click()


def test_a_citizen_answers_a_workshop_s_questions(live_server, workshop, page):
    page.goto(live_server.url + reverse("event_list"))
    with page.expect_navigation():
        page.locator("#undated-title ~ ul a", has_text="Workshop i Sønderborg").click()
    assert page.locator("h1").inner_text() == "Workshop i Sønderborg"
    assert axe_violations(page) == []

    # Sending the form empty explains what is missing, and is accessible too.
    submit(page)
    assert page.locator(".error-summary").is_visible()
    assert page.locator(".error-summary li").count() == 4  # name, e-mail, an answer, consent
    assert axe_violations(page) == []

    page.locator("#id_name").fill("Karen Borger")
    page.locator("#id_email").fill("karen@example.org")
    page.locator("#id_organisation").fill("Ældresagen Sønderborg")
    page.get_by_label(QUESTIONS[1]).fill("Mere samarbejde med foreningerne.")
    page.locator("#id_consent").check()
    submit(page)
    assert reverse("event_input_received", args=[workshop.slug]) in page.url
    assert axe_violations(page) == []

    saved = WorkshopResponse.objects.get()
    assert (saved.name, saved.organisation) == ("Karen Borger", "Ældresagen Sønderborg")
    assert [answer.text for answer in saved.answers.all()] == ["Mere samarbejde med foreningerne."]
    assert [message.to for message in mail.outbox] == [["karen@example.org"]]
