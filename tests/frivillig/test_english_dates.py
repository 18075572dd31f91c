"""Dates the way each language writes them, on every public page: “27 December 2026” and
“27 December 2026, 19:00” in English, “27. december 2026” and “27. december 2026, 19.00” in
Danish (the day filters of frivillig.templatetags)."""

import datetime

import pytest
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation

from folgegruppe.models import Election
from frivillig import awards
from frivillig.mail import render_subject_and_body
from frivillig.models import AwardCategory, Nomination
from puljer.models import Application, Pool, Round
from puljer.services import report_not_open_message
from tests import factories

COPENHAGEN = timezone.get_fixed_timezone(60)  # 27 December is winter time: UTC+1
EVENING = datetime.datetime(2026, 12, 27, 19, 0, tzinfo=COPENHAGEN)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("da", "27. december 2026 | 27. december 2026, 19.00 | 09.30 | 27. december 2026 19:00"),
        ("en", "27 December 2026 | 27 December 2026, 19:00 | 09:30 | 27 December 2026, 19:00"),
    ],
)
def test_dates_and_times_in_each_language(language, expected):
    template = Template(
        "{% load frivillig %}{{ day|day }} | {{ moment|day_time }} | {{ opens|clock }} | "
        "{{ moment|timestamp }}"
    )
    context = Context(
        {
            "day": EVENING.date(),
            "moment": EVENING.astimezone(datetime.UTC),
            "opens": datetime.time(9, 30),  # a meeting place's opening hours
        }
    )
    with translation.override(language):
        assert template.render(context) == expected


def visit(client, url, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client.get(url).content.decode()


@pytest.mark.parametrize(
    ("language", "expected"),
    [("da", "Vedtaget den 4. december 2017."), ("en", "Adopted on 4 December 2017.")],
)
def test_the_front_page_dates_the_strategy(client, faaborg, language, expected):
    assert expected in visit(client, reverse("home"), language)


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        (
            "da",
            ["Ansøgningsfrist: 27. december 2099 kl. 23.59.", "Forventet afgørelse 1. marts 2100."],
        ),
        ("en", ["Deadline: 27 December 2099 at 23:59.", "Decision expected 1 March 2100."]),
    ],
)
def test_the_pools_page_dates_the_open_round(client, faaborg, language, expected):
    Round.objects.create(
        pool=Pool.objects.get(kind=Pool.Kind.SECTION_18),
        title="Forår",
        opens_on=timezone.localdate(),
        deadline=datetime.date(2099, 12, 27),
        decision_expected_on=datetime.date(2100, 3, 1),
    )
    page = visit(client, reverse("puljer:index"), language)
    for text in expected:
        assert text in page


ELECTION = {
    "da": ["27. december 2099, 19.00</time>", "1. februar 2100 – 31. januar 2102"],
    "en": ["27 December 2099, 19:00</time>", "1 February 2100 – 31 January 2102"],
}


@pytest.mark.parametrize("language", ["da", "en"])
def test_an_election_dates_its_nominations_and_its_term(client, faaborg, language):
    election = factories.election(
        status=Election.Status.NOMINATING,
        nomination_deadline=datetime.datetime(2099, 12, 27, 18, 0, tzinfo=datetime.UTC),
        term_start=datetime.date(2100, 2, 1),
        term_end=datetime.date(2102, 1, 31),
    )
    page = visit(client, reverse("folgegruppe:election", args=[election.pk]), language)
    for text in ELECTION[language]:
        assert text in page


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("da", "I kan afrapportere, når aktivitetsperioden er begyndt den 1. maj 2099."),
        ("en", "You can report once the activity period has started, on 1 May 2099."),
    ],
)
def test_a_message_written_in_python_dates_in_the_language_too(language, expected):
    application = Application(period_start=datetime.date(2099, 5, 1))
    with translation.override(language):
        assert report_not_open_message(application) == expected


@pytest.mark.parametrize(
    ("language", "expected"),
    [
        ("da", "fra denne e-mailadresse den 27. december 2026, 19.00."),
        ("en", "from this e-mail address on 27 December 2026, 19:00."),
    ],
)
def test_an_email_dates_in_its_language(faaborg, language, expected):
    awards.award_nomination_submit(
        category=AwardCategory.objects.get(slug="aarets-ildsjael"),
        nominee_name="Grethe",
        nominee_association="Klub",
        reason="Grethe er sød.",
        nominator_name="Bo",
        nominator_email="bo@example.org",
    )
    Nomination.objects.update(created_at=EVENING)
    with translation.override(language):
        _subject, body = render_subject_and_body(
            "frivillig/email/nomination_receipt.txt", {"nomination": Nomination.objects.get()}
        )
    assert expected in " ".join(body.split())
