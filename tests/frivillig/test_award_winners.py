"""The consultant marks one winner per award and year; the public page lists them by year."""

import re

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from frivillig import awards
from frivillig.models import AwardCategory, Nomination
from tests import factories

CHANGELIST = reverse("admin:frivillig_nomination_changelist")


@pytest.fixture
def ildsjael(faaborg):
    return AwardCategory.objects.get(slug="aarets-ildsjael")


def test_marking_a_winner_shortlists_it_and_records_who_decided(ildsjael, consultant):
    nomination = factories.nomination(ildsjael)
    awards.award_winner_mark(nomination=nomination, user=consultant)
    nomination.refresh_from_db()
    assert nomination.is_winner
    assert nomination.status == Nomination.Status.SHORTLISTED
    assert nomination.decided_by == consultant
    assert nomination.decided_at is not None


def test_an_award_has_one_winner_a_year(ildsjael, consultant):
    first, second = factories.nomination(ildsjael), factories.nomination(ildsjael)
    awards.award_winner_mark(nomination=first, user=consultant)
    with pytest.raises(awards.AwardError, match=first.nominee_name):
        awards.award_winner_mark(nomination=second, user=consultant)
    assert not Nomination.objects.get(pk=second.pk).is_winner


def test_the_same_award_may_have_a_winner_every_year(ildsjael, consultant):
    last_year = factories.nomination(ildsjael, year=2024)
    this_year = factories.nomination(ildsjael, year=2025)
    awards.award_winner_mark(nomination=last_year, user=consultant)
    awards.award_winner_mark(nomination=this_year, user=consultant)
    assert Nomination.objects.filter(is_winner=True).count() == 2


def test_the_database_refuses_a_second_winner(ildsjael):
    factories.nomination(ildsjael, is_winner=True, status="shortlisted")
    with (
        pytest.raises(IntegrityError, match="nomination_one_winner_per_award_and_year"),
        transaction.atomic(),
    ):
        factories.nomination(ildsjael, is_winner=True, status="shortlisted")


def test_the_database_refuses_a_declined_winner(ildsjael):
    with (
        pytest.raises(IntegrityError, match="nomination_winner_is_shortlisted"),
        transaction.atomic(),
    ):
        factories.nomination(ildsjael, is_winner=True, status="declined")


def test_a_winner_mark_can_be_taken_back(ildsjael, consultant):
    nomination = factories.nomination(ildsjael)
    awards.award_winner_mark(nomination=nomination, user=consultant)
    awards.award_winner_unmark(nomination=nomination, user=consultant)
    nomination.refresh_from_db()
    assert not nomination.is_winner
    assert nomination.status == Nomination.Status.SHORTLISTED
    with pytest.raises(awards.AwardError, match="er ikke markeret som vinder"):
        awards.award_winner_unmark(nomination=nomination, user=consultant)


def test_a_winner_cannot_be_declined(ildsjael, consultant):
    nomination = factories.nomination(ildsjael)
    awards.award_winner_mark(nomination=nomination, user=consultant)
    with pytest.raises(awards.AwardError, match="Fjern vindermarkeringen først"):
        awards.nomination_review(
            nomination=nomination, status=Nomination.Status.DECLINED, user=consultant
        )


def test_nominations_for_a_closed_award_are_refused(ildsjael):
    AwardCategory.objects.filter(pk=ildsjael.pk).update(is_open=False)
    with pytest.raises(
        awards.AwardError, match="Der er lukket for indstillinger til “Årets Ildsjæl”"
    ):
        awards.award_nomination_submit(
            category=ildsjael,
            nominee_name="A",
            nominee_association="",
            reason="B",
            nominator_name="C",
            nominator_email="c@example.org",
        )
    assert not Nomination.objects.exists()


def run_action(client, action, nominations):
    return client.post(
        CHANGELIST,
        {"action": action, "_selected_action": [n.pk for n in nominations]},
        follow=True,
    )


def test_the_consultant_marks_a_winner_from_the_list(client, ildsjael, consultant):
    nomination = factories.nomination(ildsjael)
    client.force_login(consultant)
    run_action(client, "mark_winner", [nomination])
    nomination.refresh_from_db()
    assert nomination.is_winner
    assert nomination.decided_by == consultant


def test_marking_two_winners_at_once_marks_the_first_and_explains_the_second(
    client, ildsjael, consultant
):
    first, second = factories.nomination(ildsjael), factories.nomination(ildsjael)
    client.force_login(consultant)
    response = run_action(client, "mark_winner", [first, second])
    levels = sorted(message.level_tag for message in get_messages(response.wsgi_request))
    assert levels == ["error", "success"]
    assert list(Nomination.objects.filter(is_winner=True)) == [first]


@pytest.mark.parametrize(
    ("action", "status"), [("shortlist", "shortlisted"), ("decline", "declined")]
)
def test_the_consultant_shortlists_or_declines(client, ildsjael, consultant, action, status):
    nomination = factories.nomination(ildsjael)
    client.force_login(consultant)
    run_action(client, action, [nomination])
    nomination.refresh_from_db()
    assert nomination.status == status


def test_the_consultant_removes_a_winner_mark(client, ildsjael, consultant):
    nomination = factories.nomination(ildsjael, is_winner=True, status="shortlisted")
    client.force_login(consultant)
    run_action(client, "unmark_winner", [nomination])
    nomination.refresh_from_db()
    assert not nomination.is_winner


def test_the_nomination_admin_pages_open_for_the_consultant(client, ildsjael, consultant):
    nomination = factories.nomination(ildsjael)
    client.force_login(consultant)
    assert client.get(CHANGELIST).status_code == 200
    url = reverse("admin:frivillig_nomination_change", args=[nomination.pk])
    assert client.get(url).status_code == 200


def test_the_status_is_not_editable_in_the_change_form(client, ildsjael, consultant):
    nomination = factories.nomination(ildsjael)
    client.force_login(consultant)
    url = reverse("admin:frivillig_nomination_change", args=[nomination.pk])
    form = client.get(url).context["adminform"].form
    assert "status" not in form.fields
    assert "is_winner" not in form.fields


def test_the_winners_page_lists_winners_by_year_and_never_the_nominators(client, ildsjael):
    forening = AwardCategory.objects.get(slug="aarets-forening")
    factories.nomination(
        ildsjael,
        year=2024,
        nominee_name="Grethe",
        is_winner=True,
        status="shortlisted",
        citation="For ti års besøg.",
        nominator_email="hemmelig@example.org",
        reason="Privat begrundelse",
    )
    factories.nomination(
        forening, year=2025, nominee_name="Strikkeklubben", is_winner=True, status="shortlisted"
    )
    factories.nomination(ildsjael, year=2025, nominee_name="Ikke vinder")
    html = client.get(reverse("awards")).content.decode()
    assert len(re.findall(r"<h1[ >]", html)) == 1
    assert (
        html.index('id="year-2025"') < html.index("Strikkeklubben") < html.index('id="year-2024"')
    )
    assert html.index('id="year-2024"') < html.index("Grethe")
    assert "For ti års besøg." in html
    for private in ["Ikke vinder", "hemmelig@example.org", "Privat begrundelse", "Bo Borger"]:
        assert private not in html
    assert reverse("award_nominate") in html


def test_the_winners_page_without_winners_says_so(client, faaborg):
    html = client.get(reverse("awards")).content.decode()
    assert "empty-state" in html
    assert "Årets Ildsjæl" in html


def test_toender_shows_no_awards_and_no_faaborg_names(client, toender):
    for url in [reverse("awards"), reverse("award_nominate")]:
        html = client.get(url).content.decode()
        assert "Tønder Kommune" in html
        assert "empty-state" in html
        for word in ["Faaborg", "Ildsjæl", "Ungepris"]:
            assert word not in html, (url, word)
    awards = client.get(reverse("awards")).content.decode()
    assert f'href="{reverse("award_nominate")}"' not in awards


def query_count(client, url):
    with CaptureQueriesContext(connection) as context:
        assert client.get(url).status_code == 200
    return len(context)


def test_the_winners_page_runs_the_same_number_of_queries_for_few_and_many_years(
    client, faaborg, django_assert_max_num_queries
):
    categories = list(AwardCategory.objects.all())
    factories.nomination(categories[0], year=2020, is_winner=True, status="shortlisted")
    few = query_count(client, reverse("awards"))
    for year in range(2000, 2020):
        for category in categories:
            factories.nomination(category, year=year, is_winner=True, status="shortlisted")
            factories.nomination(category, year=year)
    with django_assert_max_num_queries(few):
        client.get(reverse("awards"))
