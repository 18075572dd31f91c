"""An association's public page from a versioned cache: fast, fresh, and never a preview."""

import re

import pytest
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from foreninger import services
from foreninger.models import Activity, Association
from frivillig.models import FocusArea
from tests import factories

CSRF = r'name="csrfmiddlewaretoken" value="[^"]+"'
PREVIEW = "Forhåndsvisning"


@pytest.fixture
def club(faaborg, alice):
    return factories.association(
        name="Besøgsvennerne",
        members=[alice],
        focus_areas=[FocusArea.objects.get(number=1)],
    )


def visit(client, association):
    response = client.get(association.get_absolute_url())
    return response.status_code, response.content.decode()


def test_a_repeated_visit_comes_from_the_cache_with_the_frames_one_query(
    client, club, django_assert_num_queries
):
    _, first = visit(client, club)
    with django_assert_num_queries(1):
        status, again = visit(client, club)
    assert status == 200
    assert re.sub(CSRF, "", again) == re.sub(CSRF, "", first)


def test_an_edit_through_the_service_shows_on_the_next_request(client, club, alice):
    visit(client, club)
    services.association_update(
        association=club, user=alice, fields={"short_description": "Nu også om søndagen."}
    )
    assert "Nu også om søndagen." in visit(client, club)[1]


def test_a_new_activity_and_a_bulk_update_show_on_the_next_request(client, club, alice):
    visit(client, club)
    activity = Activity(association=club, title="Gåtur", description="Vi går.", online=True)
    services.activity_save(activity=activity, user=alice, target_groups=[])
    assert "Gåtur" in visit(client, club)[1]
    Activity.objects.filter(pk=activity.pk).update(title="Løbetur")
    html = visit(client, club)[1]
    assert "Løbetur" in html and "Gåtur" not in html


def test_a_focus_area_renamed_shows_on_the_next_request(client, club):
    visit(client, club)
    FocusArea.objects.filter(number=1).update(title="Fællesskab for alle")
    assert "Fællesskab for alle" in visit(client, club)[1]


def test_a_rolled_back_change_leaves_the_page_right(client, club):
    visit(client, club)
    with pytest.raises(RuntimeError), transaction.atomic():
        Association.objects.filter(pk=club.pk).update(name="Spøgelsesklubben")
        assert "Spøgelsesklubben" in visit(client, club)[1]
        raise RuntimeError
    html = visit(client, club)[1]
    assert "Besøgsvennerne" in html and "Spøgelsesklubben" not in html


def test_an_association_no_longer_approved_is_gone_at_once(client, club):
    assert visit(client, club)[0] == 200
    Association.objects.filter(pk=club.pk).update(status=Association.Status.INACTIVE)
    assert visit(client, club)[0] == 404


def test_a_members_preview_is_never_cached_nor_shown_to_anyone_else(client, faaborg, alice):
    pending = factories.association(name="Ventende Klub", status="pending", members=[alice])
    client.force_login(alice)
    status, html = visit(client, pending)
    assert status == 200 and PREVIEW in html and "Ventende Klub" in html
    # Read afresh every time: the association with its activities, and the member check.
    with CaptureQueriesContext(connection) as queries:
        assert PREVIEW in visit(client, pending)[1]
    assert sum("foreninger_membership" in query["sql"] for query in queries) == 1
    assert sum('FROM "foreninger_activity"' in query["sql"] for query in queries) >= 1
    client.logout()
    assert visit(client, pending)[0] == 404
    Association.objects.filter(pk=pending.pk).update(status=Association.Status.APPROVED)
    status, html = visit(client, pending)
    assert status == 200 and PREVIEW not in html and "Ventende Klub" in html


def test_a_member_gets_their_own_frame_around_the_cached_page(client, club, alice):
    anonymous = visit(client, club)[1]
    client.force_login(alice)
    own = visit(client, club)[1]
    dashboard = f'href="{reverse("foreninger:dashboard")}"'
    assert dashboard in own and dashboard not in anonymous
    assert set(re.findall(CSRF, own)).isdisjoint(re.findall(CSRF, anonymous))
    assert PREVIEW not in own
