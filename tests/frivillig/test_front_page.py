"""The front page starts from the citizen's tasks; the strategy follows, and says when its
period has ended; the regions show their taglines and values."""

import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone, translation

from foreninger.frivilligjob.models import Opportunity
from frivillig.models import DocumentKind, Municipality
from tests import factories

HOME = reverse("home")


def visit(client):
    return client.get(HOME).content.decode()


def job(association, title, days_ago):
    opportunity = Opportunity.objects.create(
        association=association,
        title=title,
        description="Hjælp til.",
        time_commitment=Opportunity.TimeCommitment.WEEKLY,
        answer_by=datetime.date.today() + datetime.timedelta(days=30),
    )
    created = timezone.now() - datetime.timedelta(days=days_ago)
    Opportunity.objects.filter(pk=opportunity.pk).update(created_at=created)


def test_the_front_page_leads_with_a_search_of_the_directory_and_four_tasks(client, faaborg):
    page = visit(client)
    assert '<form action="/foreninger/" method="get" role="search"' in page
    assert 'name="q"' in page
    for url in ("/foreninger/", "/frivilligjob/", "/puljer/", "/arrangementer/"):
        assert f'class="d-block p-3 h-100 service-link" href="{url}"' in page


def test_the_front_page_shows_the_next_three_events(client, faaborg):
    now = timezone.now()
    factories.event(title="Forbi", starts_at=now - datetime.timedelta(days=3))
    for days, title in ((30, "Fjerde"), (2, "Første"), (9, "Tredje"), (5, "Anden")):
        factories.event(title=title, starts_at=now + datetime.timedelta(days=days))
    page = visit(client)
    assert page.index("Første") < page.index("Anden") < page.index("Tredje")
    assert "Fjerde" not in page
    assert "Forbi" not in page


def test_the_front_page_shows_the_three_newest_volunteer_jobs(client, faaborg):
    association = factories.association()
    for days_ago, title in ((9, "Ældst"), (1, "Nyest"), (3, "Næstnyest"), (5, "Tredjenyest")):
        job(association, title, days_ago)
    page = visit(client)
    assert page.index("Nyest") < page.index("Næstnyest") < page.index("Tredjenyest")
    assert "Ældst" not in page


def test_a_new_event_and_a_new_job_show_on_the_cached_front_page_at_once(client, faaborg):
    visit(client)
    factories.event(title="Frivillighedsfest")
    job(factories.association(), "Kaffebrygger", days_ago=0)
    page = visit(client)
    assert "Frivillighedsfest" in page
    assert "Kaffebrygger" in page


def test_an_ended_strategy_says_so_and_what_the_documents_say_of_its_revision(client, faaborg):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = visit(client)
    assert "The strategy covered 2018–2022; that period has ended." in page
    assert "The strategy was due to be revised at the end of 2022." in page
    assert "The strategy covers 2018–2022." not in page


def test_a_strategy_in_force_does_not_say_it_has_ended(client, faaborg):
    Municipality.objects.update(strategy_end_year=timezone.localdate().year)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = visit(client)
    assert "that period has ended" not in page
    assert "revised at the end of 2022" not in page
    assert f"The strategy covers 2018–{timezone.localdate().year}." in page


def test_a_policy_is_called_a_policy(faaborg):
    with translation.override("en"):
        assert Municipality(strategy_kind=DocumentKind.POLICY).document_definite == "the policy"
        assert Municipality(strategy_kind=DocumentKind.PLAN).document_definite == "the plan"


def test_the_regions_show_their_taglines_and_values(client, faaborg):
    page = visit(client)
    assert 'href="/foreninger/?egn=faaborgegnen"' in page
    assert "Naturen &amp; et nyt udsyn" in page
    assert "Vi vil lade os inspirere af naturen" in page


@pytest.mark.parametrize(
    "text",
    [
        # The data file gives English for the strategy's title, none for the group's name.
        '<h2 id="strategy-title">Together on voluntary social work</h2>',
        '<h2 id="group-title" lang="da">Frivillig Social Følgegruppe</h2>',
    ],
)
def test_in_english_danish_only_text_is_marked_danish(client, faaborg, text):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert text in visit(client)


def test_an_events_time_is_written_the_way_each_language_writes_it(client, faaborg):
    starts = timezone.make_aware(datetime.datetime(2030, 12, 29, 19, 0))
    event = factories.event(starts_at=starts, ends_at=starts + datetime.timedelta(hours=2))
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Søndag 29. december 2030, kl. 19.00</time>–<time" in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(event.get_absolute_url()).content.decode()
    assert "Sunday 29 December 2030, 19:00</time>–<time" in page
    assert ">21:00</time>" in page


def test_the_strategy_page_leads_on_to_the_focus_areas(client, faaborg):
    page = client.get(reverse("page", args=["strategi"])).content.decode()
    assert 'href="/indsatsomraader/oeget-mangfoldighed/"' in page
    other = client.get(reverse("page", args=["spilleregler"])).content.decode()
    assert 'href="/indsatsomraader/oeget-mangfoldighed/"' not in other


def test_a_focus_area_reads_in_english_where_the_data_file_gives_english(client, faaborg):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(reverse("focus_area", args=["gensidigt-kendskab"])).content.decode()
    assert "<h1>Knowing each other</h1>" in page
    assert "<li>Networks across staff and associations.</li>" in page
    assert '<figcaption class="blockquote-footer" lang="da">Sammen om Fællesskaber' in page
