"""The directory's cached copy and its one-query search: fast, and never stale or shared."""

import re

import pytest
from django.conf import settings
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from foreninger import services
from foreninger.models import Activity, Association
from frivillig.models import Municipality, Region
from tests import factories

URL = reverse("foreninger:directory")
CSRF = r'name="csrfmiddlewaretoken" value="([^"]+)"'
BADGE = '<span class="badge text-bg-success">Søger frivillige</span>'
SEARCH = {"q": "ældre", "egn": "faaborgegnen"}


@pytest.fixture
def faaborg_egn(faaborg):
    return Region.objects.get(slug="faaborgegnen")


def visit(client, params=SEARCH):
    response = client.get(URL, params)
    assert response.status_code == 200
    return response.content.decode()


def test_it_counts_and_lists_the_matches_with_one_search_query(client, faaborg, faaborg_egn):
    for number in range(3):
        factories.association(name=f"Ældreklub {number}", regions=[faaborg_egn])
    with CaptureQueriesContext(connection) as queries:
        html = visit(client)
    assert "3 foreninger" in html
    searches = [query["sql"] for query in queries if "ts_rank" in query["sql"]]
    assert len(searches) == 1
    assert "COUNT(" in searches[0] and "OVER ()" in searches[0]


def test_a_repeated_search_is_served_from_the_cache_with_the_frames_one_query(
    client, faaborg, faaborg_egn, django_assert_num_queries
):
    factories.association(name="Ældreklub", regions=[faaborg_egn])
    first = visit(client)
    with django_assert_num_queries(1):
        again = visit(client)
    # The same page, but for the language switcher's per-response CSRF token.
    assert re.sub(CSRF, "", again) == re.sub(CSRF, "", first)


def test_a_new_search_reads_the_filters_choices_from_the_copy_an_earlier_one_made(
    client, faaborg, faaborg_egn, django_assert_num_queries
):
    factories.association(name="Ældreklub", regions=[faaborg_egn])
    visit(client)
    # The frame's query and the search's: the focus areas, egne and target groups it offers
    # and checks the filters against are kept until their data changes.
    with django_assert_num_queries(2):
        html = visit(client, {**SEARCH, "side": "1"})
    assert "1 forening" in html
    assert '<option value="faaborgegnen" selected>Faaborgegnen</option>' in html
    # A new egn is offered, and can be chosen, at once.
    Region.objects.create(name="Nyt egn", slug="nyt-egn", order=9)
    html = visit(client, {"q": "klub", "egn": "nyt-egn"})
    assert '<option value="nyt-egn" selected>Nyt egn</option>' in html


@pytest.mark.parametrize(
    ("side", "shown", "hidden"),
    [
        ("2", "Klub 24", "Klub 00"),
        ("9", "Klub 24", "Klub 00"),
        ("0", "Klub 24", "Klub 00"),
        ("9" * 40, "Klub 24", "Klub 00"),
        ("x", "Klub 00", "Klub 24"),
    ],
)
def test_a_page_out_of_range_shows_the_last_and_a_bad_number_the_first(
    client, faaborg, side, shown, hidden
):
    for number in range(25):
        factories.association(name=f"Klub {number:02}")
    html = visit(client, {"side": side})
    assert "25 foreninger" in html
    assert shown in html and hidden not in html


def test_an_empty_search_on_a_later_page_shows_none_and_helps(client, faaborg):
    html = visit(client, {"q": "zzzzqqq", "side": "3"})
    assert "0 foreninger" in html
    assert "Ingen foreninger matcher" in html


def test_a_misspelt_name_still_finds_the_association(client, faaborg):
    factories.association(name="Frivilligcenter Faaborg-Midtfyn")
    html = visit(client, {"q": "frivilig"})
    assert "1 forening" in html and "Frivilligcenter Faaborg-Midtfyn" in html


def test_a_new_association_shows_on_the_next_request(client, faaborg, faaborg_egn):
    assert "0 foreninger" in visit(client)
    factories.association(name="Ældresagen", regions=[faaborg_egn])
    assert "Ældresagen" in visit(client)


def test_an_edit_through_the_service_shows_on_the_next_request(client, faaborg, faaborg_egn, alice):
    association = factories.association(name="Ældresagen", regions=[faaborg_egn])
    assert "Ældresagen" in visit(client)
    other = Region.objects.exclude(pk=faaborg_egn.pk).first()
    services.association_update(
        association=association,
        user=alice,
        fields={"short_description": "Nu med besøgsvenner.", "regions": [other]},
    )
    assert "0 foreninger" in visit(client)
    assert "Nu med besøgsvenner." in visit(client, {"q": "ældre"})


def test_a_change_that_bypasses_save_shows_on_the_next_request(client, faaborg, faaborg_egn):
    association = factories.association(name="Ældresagen", regions=[faaborg_egn])
    visit(client)
    Association.objects.filter(pk=association.pk).update(name="Ældrehjælpen")
    html = visit(client)
    assert "Ældrehjælpen" in html and "Ældresagen" not in html


def test_an_activity_looking_for_volunteers_adds_the_badge_on_the_next_request(
    client, faaborg, faaborg_egn, alice
):
    association = factories.association(name="Ældresagen", regions=[faaborg_egn])
    assert BADGE not in visit(client)
    activity = Activity(
        association=association,
        title="Besøg",
        description="Vi besøger.",
        online=True,
        wants_volunteers=True,
    )
    services.activity_save(activity=activity, user=alice, target_groups=[])
    assert BADGE in visit(client)
    services.activity_delete(activity=activity, user=alice)
    assert BADGE not in visit(client)


def test_an_approval_in_the_admin_shows_on_the_next_request(client, faaborg, consultant):
    association = factories.association(name="Ældresagen", status="pending")
    assert "Ældresagen" not in visit(client, {"q": "ældre"})
    client.force_login(consultant)
    data = {"action": "approve_selected", "_selected_action": [association.pk]}
    changelist = reverse("admin:foreninger_association_changelist")
    client.post(changelist, data)
    assert client.post(changelist, {**data, "confirm": "1", "reason": ""}).status_code == 302
    client.logout()
    assert "Ældresagen" in visit(client, {"q": "ældre"})


def test_a_region_renamed_in_the_admin_shows_on_the_next_request(
    client, faaborg, faaborg_egn, superuser
):
    factories.association(name="Ældresagen", regions=[faaborg_egn])
    assert "Faaborgegnen" in visit(client, {})
    client.force_login(superuser)
    response = client.post(
        reverse("admin:frivillig_region_change", args=[faaborg_egn.pk]),
        {"name": "Det Sydfynske", "slug": "faaborgegnen", "tagline": "", "values": "", "order": 1},
    )
    assert response.status_code == 302
    client.logout()
    html = visit(client, {})
    assert "Det Sydfynske" in html and "Faaborgegnen" not in html


def test_a_new_consultant_address_shows_in_the_cached_empty_result(client, faaborg):
    assert "sundhed@fmk.dk" in visit(client, {"q": "zzzzqqq"})
    Municipality.objects.update(email="frivillig@fmk.dk")
    html = visit(client, {"q": "zzzzqqq"})
    assert "frivillig@fmk.dk" in html and "sundhed@fmk.dk" not in html


def test_a_rolled_back_change_never_lends_its_version_to_a_later_one(client, faaborg):
    with pytest.raises(RuntimeError), transaction.atomic():
        factories.association(name="Spøgelsesforeningen")
        assert "Spøgelsesforeningen" in visit(client, {})
        raise RuntimeError
    factories.association(name="Virkelig Forening")
    html = visit(client, {})
    assert "Virkelig Forening" in html and "Spøgelsesforeningen" not in html


def test_each_language_has_its_own_cached_copy(client, faaborg):
    factories.association(name="Ældresagen")
    assert "1 forening" in visit(client, {})
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert "1 association" in visit(client, {})


def _csrf_tokens(html):
    return set(re.findall(CSRF, html))


def test_a_logged_in_visitor_gets_their_own_frame_around_the_cached_list(client, faaborg, alice):
    factories.association(name="Ældresagen")
    anonymous = visit(client, {})
    client.force_login(alice)
    own = visit(client, {})
    client.logout()
    again = visit(client, {})
    dashboard = f'href="{reverse("foreninger:dashboard")}"'
    assert "Ældresagen" in own and dashboard in own and reverse("logout") in own
    assert dashboard not in anonymous and dashboard not in again
    assert reverse("login") in anonymous
    assert not _csrf_tokens(own) & (_csrf_tokens(anonymous) | _csrf_tokens(again))
