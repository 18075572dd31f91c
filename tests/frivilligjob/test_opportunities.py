"""Volunteer opportunities: associations post them, citizens find and answer them."""

import io
import re
from datetime import UTC, date, datetime, timedelta

import pytest
from django.core import mail
from django.core.cache import cache
from django.core.management import call_command
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from foreninger import demo as association_demo
from foreninger.frivilligjob import demo
from foreninger.frivilligjob import selectors as opportunity_selectors
from foreninger.frivilligjob import services as opportunity_services
from foreninger.frivilligjob.models import Opportunity, OpportunityAnswer
from foreninger.models import Association, AssociationLog
from foreninger.services import AssociationError, association_anonymise, association_export
from frivillig.models import Region, TargetGroup
from tests import factories
from tests.htmlcheck import html_errors


def opportunity(association, *, target_groups=(), **fields):
    """An opportunity, open for answers for two more weeks unless told otherwise."""
    fields.setdefault("title", "Lektiehjælper til torsdagscaféen")
    fields.setdefault("description", "Hjælp børn og unge med matematik og dansk.")
    fields.setdefault("time_commitment", Opportunity.TimeCommitment.WEEKLY)
    fields.setdefault("answer_by", timezone.localdate() + timedelta(days=14))
    created = Opportunity.objects.create(association=association, **fields)
    created.target_groups.set(target_groups)
    return created


def answer(opportunity, **fields):
    fields.setdefault("name", "Bo Borger")
    fields.setdefault("email", "bo@example.com")
    fields.setdefault("message", "Jeg vil gerne hjælpe.")
    return OpportunityAnswer.objects.create(opportunity=opportunity, **fields)


@pytest.fixture
def bob(db):
    return factories.user(email="bob@example.com", first_name="Bob")


@pytest.fixture
def club_a(faaborg, alice):
    return factories.association(
        name="Klub A", members=[alice], email="hemmelig-a@forening.example.org"
    )


@pytest.fixture
def club_b(faaborg, bob):
    return factories.association(name="Klub B", members=[bob])


def form_data(**overrides):
    data = {
        "title": "Chauffør til indkøbsturen",
        "description": "Kør ældre borgere til indkøb hver tirsdag formiddag.",
        "time_commitment": "weekly",
        "skills": "Kørekort",
        "activity": "",
        "region": Region.objects.get(slug="faaborgegnen").pk,
        "target_groups": [TargetGroup.objects.get(slug="aeldre").pk],
        "starts_on": "",
        "answer_by": (timezone.localdate() + timedelta(days=20)).isoformat(),
    }
    data.update(overrides)
    return data


def titles(response):
    return [item.title for item in response.context["page"].object_list]


# Posting, editing, closing


def test_a_member_posts_an_opportunity_that_citizens_then_find(client, club_a, alice):
    client.force_login(alice)
    response = client.post(reverse("foreninger:opportunity_add", args=[club_a.pk]), form_data())
    assert response.status_code == 302
    posted = Opportunity.objects.get()
    assert (posted.association, posted.skills) == (club_a, "Kørekort")
    assert [group.slug for group in posted.target_groups.all()] == ["aeldre"]
    assert club_a.log.filter(action=AssociationLog.Action.UPDATED, user=alice).exists()
    assert titles(client.get(reverse("foreninger:opportunities"))) == ["Chauffør til indkøbsturen"]


def test_without_regions_and_target_groups_posting_and_the_list_leave_those_choices_out(
    client, club_a, alice
):
    data = {k: v for k, v in form_data().items() if k not in ("region", "target_groups")}
    Region.objects.all().delete()
    TargetGroup.objects.all().delete()
    client.force_login(alice)
    add = reverse("foreninger:opportunity_add", args=[club_a.pk])
    form = client.get(add).context["form"]
    assert "region" not in form.fields and "target_groups" not in form.fields
    assert client.post(add, data).status_code == 302
    listed = client.get(reverse("foreninger:opportunities"))
    assert {"egn", "maalgruppe"}.isdisjoint(listed.context["form"].fields)
    assert titles(listed) == ["Chauffør til indkøbsturen"]


def test_a_member_edits_an_opportunity(client, club_a, alice):
    posted = opportunity(club_a)
    client.force_login(alice)
    url = reverse("foreninger:opportunity_edit", args=[club_a.pk, posted.pk])
    assert client.post(url, form_data(title="Ny titel")).status_code == 302
    posted.refresh_from_db()
    assert posted.title == "Ny titel"


def test_a_pending_association_cannot_post_and_nothing_is_saved(client, faaborg, alice):
    pending = factories.association(members=[alice], status=Association.Status.PENDING)
    client.force_login(alice)
    response = client.post(reverse("foreninger:opportunity_add", args=[pending.pk]), form_data())
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert not Opportunity.objects.exists()


def test_the_service_rechecks_that_the_association_is_approved(club_a, alice):
    club_a.status = Association.Status.INACTIVE
    club_a.save()
    draft = Opportunity(association=club_a, title="X", description="Y", time_commitment="one_off")
    draft.answer_by = timezone.localdate()
    with pytest.raises(
        AssociationError, match=re.escape("Kun en godkendt forening kan slå frivilligjob op.")
    ):
        opportunity_services.opportunity_save(opportunity=draft, user=alice, target_groups=[])
    assert not Opportunity.objects.exists()


def test_the_service_refuses_an_activity_of_another_association(club_a, club_b, alice):
    foreign = factories.activity(club_b)
    draft = Opportunity(
        association=club_a,
        activity=foreign,
        title="X",
        description="Y",
        time_commitment="one_off",
        answer_by=timezone.localdate(),
    )
    with pytest.raises(
        AssociationError, match=re.escape("Vælg en af foreningens egne aktiviteter.")
    ):
        opportunity_services.opportunity_save(opportunity=draft, user=alice, target_groups=[])
    assert not Opportunity.objects.exists()


def test_the_form_offers_only_the_associations_own_activities(client, club_a, club_b, alice):
    own = factories.activity(club_a, title="Vores café")
    foreign = factories.activity(club_b, title="Deres café")
    client.force_login(alice)
    response = client.post(
        reverse("foreninger:opportunity_add", args=[club_a.pk]), form_data(activity=foreign.pk)
    )
    assert "activity" in response.context["form"].errors
    assert list(response.context["form"].fields["activity"].queryset) == [own]
    assert not Opportunity.objects.exists()


def test_the_form_refuses_a_last_day_in_the_past_and_saves_nothing(client, club_a, alice):
    client.force_login(alice)
    yesterday = timezone.localdate() - timedelta(days=1)
    response = client.post(
        reverse("foreninger:opportunity_add", args=[club_a.pk]),
        form_data(answer_by=yesterday.isoformat()),
    )
    assert response.status_code == 200
    assert 'href="#id_answer_by"' in response.content.decode()
    assert not Opportunity.objects.exists()


def test_the_form_explains_missing_fields_in_the_error_summary(client, club_a, alice):
    client.force_login(alice)
    response = client.post(
        reverse("foreninger:opportunity_add", args=[club_a.pk]),
        form_data(title="", time_commitment="", answer_by=""),
    )
    html = response.content.decode()
    for field in ("title", "time_commitment", "answer_by"):
        assert f'href="#id_{field}"' in html
    assert not Opportunity.objects.exists()


def test_the_form_refuses_a_last_day_after_the_start(client, club_a, alice):
    client.force_login(alice)
    today = timezone.localdate()
    response = client.post(
        reverse("foreninger:opportunity_add", args=[club_a.pk]),
        form_data(
            starts_on=(today + timedelta(days=5)).isoformat(),
            answer_by=(today + timedelta(days=6)).isoformat(),
        ),
    )
    assert "answer_by" in response.context["form"].errors
    assert not Opportunity.objects.exists()


def test_the_database_refuses_a_last_day_after_the_start(club_a):
    today = timezone.localdate()
    with (
        pytest.raises(IntegrityError, match="opportunity_answer_by_not_after_start"),
        transaction.atomic(),
    ):
        opportunity(club_a, starts_on=today, answer_by=today + timedelta(days=1))


def test_the_database_refuses_an_answer_marked_handled_by_someone_without_a_time(club_a, alice):
    with (
        pytest.raises(IntegrityError, match="opportunity_answer_handled_by_has_time"),
        transaction.atomic(),
    ):
        answer(opportunity(club_a), handled_by=alice)


def test_a_member_closes_an_opportunity_and_it_leaves_the_website(client, club_a, alice):
    posted = opportunity(club_a)
    client.force_login(alice)
    response = client.post(reverse("foreninger:opportunity_close", args=[club_a.pk, posted.pk]))
    assert response.status_code == 302
    posted.refresh_from_db()
    assert posted.closed_at is not None
    assert titles(client.get(reverse("foreninger:opportunities"))) == []
    assert client.get(posted.get_absolute_url()).status_code == 410


def test_a_closed_opportunity_cannot_be_changed(club_a, alice):
    posted = opportunity(club_a, closed_at=timezone.now())
    posted.title = "Ny titel"
    with pytest.raises(
        AssociationError, match=re.escape("Et lukket frivilligjob kan ikke ændres.")
    ):
        opportunity_services.opportunity_save(opportunity=posted, user=alice, target_groups=[])


# The børneattest, derived from the linked activity


def test_a_børneattest_is_needed_when_the_linked_activity_has_children_under_15(club_a):
    activity = factories.activity(club_a, involves_children_under_15=True)
    posted = opportunity(club_a, activity=activity)
    assert posted.needs_child_certificate


def test_no_børneattest_is_needed_without_a_childrens_activity(club_a):
    grown_ups = factories.activity(club_a, involves_children_under_15=False)
    assert not opportunity(club_a).needs_child_certificate
    assert not opportunity(club_a, activity=grown_ups).needs_child_certificate


def test_the_børneattest_follows_the_activity_when_it_changes(client, club_a):
    activity = factories.activity(club_a, involves_children_under_15=False)
    posted = opportunity(club_a, activity=activity)
    activity.involves_children_under_15 = True
    activity.save()
    response = client.get(posted.get_absolute_url())
    assert response.context["opportunity"].needs_child_certificate
    assert "børneattest" in response.content.decode()


# Expiry


def test_an_opportunity_is_listed_on_its_last_day_and_gone_the_day_after(client, club_a):
    today = timezone.localdate()
    opportunity(club_a, title="Sidste dag i dag", answer_by=today)
    opportunity(club_a, title="Udløb i går", answer_by=today - timedelta(days=1))
    assert titles(client.get(reverse("foreninger:opportunities"))) == ["Sidste dag i dag"]


def test_the_last_day_ends_at_midnight_copenhagen_time_not_utc(club_a, monkeypatch):
    opportunity(club_a, answer_by=date(2026, 6, 30))
    # 22:30 UTC on 30 June is 00:30 on 1 July in Copenhagen (summer time).
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 6, 30, 22, 30, tzinfo=UTC))
    assert timezone.localdate() == date(2026, 7, 1)
    assert not opportunity_selectors.opportunities_current().exists()
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 6, 30, 21, 30, tzinfo=UTC))
    assert opportunity_selectors.opportunities_current().exists()


def test_an_expired_opportunitys_page_says_it_is_closed_with_410(client, club_a):
    expired = opportunity(
        club_a, title="Julehjælper", answer_by=timezone.localdate() - timedelta(days=1)
    )
    response = client.get(expired.get_absolute_url())
    assert response.status_code == 410
    assert "Julehjælper" in response.content.decode()
    assert response.context["opportunity"] == expired
    assert "opportunity_detail.html" not in [t.name for t in response.templates]


@pytest.mark.parametrize("status", ["pending", "inactive", "rejected"])
def test_an_unapproved_associations_opportunity_is_not_found(client, faaborg, status):
    hidden = opportunity(factories.association(status=status))
    assert titles(client.get(reverse("foreninger:opportunities"))) == []
    assert client.get(hidden.get_absolute_url()).status_code == 404
    assert client.get(reverse("foreninger:opportunity_answer", args=[hidden.pk])).status_code == 404


def test_an_unknown_opportunity_is_not_found(client, faaborg):
    assert client.get(reverse("foreninger:opportunity", args=[999])).status_code == 404


# Filters, search and paging


def test_a_region_filter_also_finds_opportunities_for_the_whole_municipality(client, club_a):
    faaborg_egn = Region.objects.get(slug="faaborgegnen")
    opportunity(club_a, title="I Faaborg", region=faaborg_egn)
    opportunity(club_a, title="I Ringe", region=Region.objects.get(slug="ringeegnen"))
    opportunity(club_a, title="Hele kommunen")
    response = client.get(reverse("foreninger:opportunities"), {"egn": "faaborgegnen"})
    assert sorted(titles(response)) == ["Hele kommunen", "I Faaborg"]


def test_filters_by_target_group_and_time_commitment_combine(client, club_a):
    elderly = TargetGroup.objects.get(slug="aeldre")
    opportunity(club_a, title="Ældre ugentligt", target_groups=[elderly])
    opportunity(club_a, title="Ældre en gang", target_groups=[elderly], time_commitment="one_off")
    opportunity(club_a, title="Uden målgruppe")
    response = client.get(
        reverse("foreninger:opportunities"), {"maalgruppe": "aeldre", "tid": "weekly"}
    )
    assert titles(response) == ["Ældre ugentligt"]


def test_search_finds_words_by_their_start_in_title_skills_and_description(client, club_a):
    opportunity(club_a, title="Lektiehjælper", description="Matematik.")
    opportunity(club_a, title="Chauffør", description="Kør ældre.", skills="Kørekort")
    opportunity(club_a, title="Strikkeven", description="Vi strikker sammen med beboerne.")
    url = reverse("foreninger:opportunities")
    assert titles(client.get(url, {"q": "lektie"})) == ["Lektiehjælper"]
    assert titles(client.get(url, {"q": "kørekort"})) == ["Chauffør"]
    assert titles(client.get(url, {"q": "beboer"})) == ["Strikkeven"]


def test_search_uses_the_danish_stemmer(club_a):
    opportunity(club_a, title="Besøgsven", description="Besøg ensomme ældre i deres hjem.")
    # "hjemmene" and "hjem" share the Danish stem "hjem".
    found = opportunity_selectors.opportunity_search(text="hjemmene")
    assert [item.title for item in found] == ["Besøgsven"]


@pytest.mark.parametrize("text", ["'", "&|!", "a:*", "(", "ø" * 300])
def test_odd_search_text_never_fails(client, club_a, text):
    assert client.get(reverse("foreninger:opportunities"), {"q": text}).status_code == 200


def test_an_unknown_filter_value_is_explained_and_the_list_still_shows(client, club_a):
    opportunity(club_a)
    response = client.get(reverse("foreninger:opportunities"), {"egn": "ukendt", "tid": "aldrig"})
    assert response.status_code == 200
    assert 'href="#id_egn"' in response.content.decode()
    assert len(titles(response)) == 1


def test_the_list_is_paged_and_keeps_the_filters_in_the_links(client, club_a):
    for number in range(25):
        opportunity(club_a, title=f"Opgave {number:02}", time_commitment="monthly")
    url = reverse("foreninger:opportunities")
    first = client.get(url, {"tid": "monthly"})
    assert len(titles(first)) == 20
    assert "tid=monthly&amp;side=2" in first.content.decode()
    assert len(titles(client.get(url, {"tid": "monthly", "side": 2}))) == 5


def _many(count, club):
    groups = list(TargetGroup.objects.all())
    activity = factories.activity(club, involves_children_under_15=True)
    for number in range(count):
        opportunity(
            club,
            title=f"Opgave {number}",
            region=Region.objects.first(),
            activity=activity,
            target_groups=groups[:2],
        )


@pytest.mark.parametrize("params", [{}, {"q": "opgave", "egn": "faaborgegnen", "tid": "weekly"}])
def test_the_public_list_runs_the_same_queries_for_5_and_50_opportunities(
    client, club_a, django_assert_max_num_queries, params
):
    url = reverse("foreninger:opportunities")
    _many(5, club_a)
    # The page's own queries, not the cached copy's one (frivillig.pagecache.public_page).
    cache.clear()
    with django_assert_max_num_queries(100) as few:
        assert len(titles(client.get(url, params))) == 5
    _many(45, club_a)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        assert client.get(url, params).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries) <= 12


# Answering


def answer_data(**overrides):
    data = {
        "name": "Bo Borger",
        "email": "bo@example.com",
        "phone": "12 34 56 78",
        "message": "Jeg har kørekort og tid om tirsdagen.",
    }
    data.update(overrides)
    return data


def test_answering_stores_the_answer_and_mails_the_association_and_a_receipt(
    client, club_a, django_capture_on_commit_callbacks
):
    posted = opportunity(club_a, title="Chauffør")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("foreninger:opportunity_answer", args=[posted.pk]), answer_data()
        )
    assert response.status_code == 302
    stored = OpportunityAnswer.objects.get()
    assert (stored.opportunity, stored.phone, stored.handled_at) == (posted, "12 34 56 78", None)
    to_association, receipt = mail.outbox
    assert to_association.to == ["hemmelig-a@forening.example.org"]
    assert to_association.reply_to == ["bo@example.com"]
    assert "Jeg har kørekort" in to_association.body
    assert "12 34 56 78" in to_association.body
    assert receipt.to == ["bo@example.com"]
    assert "Chauffør" in receipt.subject
    assert "hemmelig-a@forening.example.org" not in receipt.body + receipt.subject


def test_the_citizen_never_sees_the_associations_address(client, club_a):
    posted = opportunity(club_a)
    for url in [
        reverse("foreninger:opportunities"),
        posted.get_absolute_url(),
        reverse("foreninger:opportunity_answer", args=[posted.pk]),
    ]:
        assert "hemmelig-a@forening.example.org" not in client.get(url).content.decode()


def test_an_invalid_answer_explains_each_error_and_saves_and_sends_nothing(client, club_a):
    posted = opportunity(club_a)
    response = client.post(
        reverse("foreninger:opportunity_answer", args=[posted.pk]),
        answer_data(name="", email="ikke-en-adresse", message=""),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert all(f'href="#id_{field}"' in html for field in ("name", "email", "message"))
    assert not OpportunityAnswer.objects.exists()
    assert mail.outbox == []


def test_a_bot_filling_the_honeypot_is_thanked_and_nothing_is_stored(client, club_a):
    posted = opportunity(club_a)
    response = client.post(
        reverse("foreninger:opportunity_answer", args=[posted.pk]),
        answer_data(homepage="http://spam.example"),
    )
    assert response.status_code == 302
    assert not OpportunityAnswer.objects.exists()
    assert mail.outbox == []


def test_answering_is_rate_limited_per_visitor(client, club_a):
    posted = opportunity(club_a)
    url = reverse("foreninger:opportunity_answer", args=[posted.pk])
    for _ in range(5):
        assert client.post(url, answer_data()).status_code == 302
    response = client.post(url, answer_data())
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert OpportunityAnswer.objects.count() == 5


def test_an_expired_opportunity_takes_no_answers(client, club_a):
    expired = opportunity(club_a, answer_by=timezone.localdate() - timedelta(days=1))
    response = client.post(
        reverse("foreninger:opportunity_answer", args=[expired.pk]), answer_data()
    )
    assert response.status_code == 410
    assert not OpportunityAnswer.objects.exists()


def test_the_answer_service_rechecks_that_the_opportunity_is_current(club_a):
    closed = opportunity(club_a, closed_at=timezone.now())
    with pytest.raises(
        AssociationError,
        match=re.escape("Frivilligjobbet er lukket og modtager ikke flere svar."),
    ):
        opportunity_services.opportunity_answer(
            opportunity=closed, name="Bo", email="bo@example.com", phone="", message="Hej"
        )
    assert not OpportunityAnswer.objects.exists()


# The association's answers


def test_a_member_sees_the_answers_and_marks_one_handled(client, club_a, alice):
    posted = opportunity(club_a)
    received = answer(posted, name="Bo Borger", phone="11 22 33 44")
    client.force_login(alice)
    page = client.get(reverse("foreninger:opportunity_answers", args=[club_a.pk, posted.pk]))
    assert "Bo Borger" in page.content.decode() and "11 22 33 44" in page.content.decode()
    response = client.post(reverse("foreninger:answer_handle", args=[club_a.pk, received.pk]))
    assert response.status_code == 302
    received.refresh_from_db()
    assert received.handled_by == alice
    assert timezone.now() - received.handled_at < timedelta(minutes=1)


def test_an_answer_is_marked_handled_only_once(club_a, alice, bob):
    received = answer(opportunity(club_a))
    opportunity_services.opportunity_answer_handle(answer=received, user=alice)
    with pytest.raises(
        AssociationError, match=re.escape("Svaret er allerede markeret som behandlet.")
    ):
        opportunity_services.opportunity_answer_handle(answer=received, user=bob)
    received.refresh_from_db()
    assert received.handled_by == alice


def test_the_members_list_counts_the_unhandled_answers(client, club_a, alice):
    posted = opportunity(club_a)
    answer(posted)
    answer(posted, handled_at=timezone.now(), handled_by=alice)
    client.force_login(alice)
    response = client.get(reverse("foreninger:my_opportunities", args=[club_a.pk]))
    [listed] = response.context["opportunities"]
    assert (listed.answer_count, listed.unhandled_count) == (2, 1)


def test_a_member_of_another_association_gets_404_everywhere(client, club_a, club_b, bob):
    posted = opportunity(club_a)
    received = answer(posted)
    client.force_login(bob)
    gets = [
        reverse("foreninger:my_opportunities", args=[club_a.pk]),
        reverse("foreninger:opportunity_add", args=[club_a.pk]),
        reverse("foreninger:opportunity_edit", args=[club_a.pk, posted.pk]),
        reverse("foreninger:opportunity_answers", args=[club_a.pk, posted.pk]),
        # A's objects through B, the association Bob is a member of.
        reverse("foreninger:opportunity_edit", args=[club_b.pk, posted.pk]),
        reverse("foreninger:opportunity_answers", args=[club_b.pk, posted.pk]),
    ]
    posts = [
        reverse("foreninger:opportunity_close", args=[club_a.pk, posted.pk]),
        reverse("foreninger:opportunity_close", args=[club_b.pk, posted.pk]),
        reverse("foreninger:answer_handle", args=[club_a.pk, received.pk]),
        reverse("foreninger:answer_handle", args=[club_b.pk, received.pk]),
    ]
    assert [client.get(url).status_code for url in gets] == [404] * len(gets)
    assert [client.post(url).status_code for url in posts] == [404] * len(posts)
    received.refresh_from_db()
    posted.refresh_from_db()
    assert (received.handled_at, posted.closed_at) == (None, None)


def test_the_dashboard_links_to_the_opportunities_area(client, club_a, alice):
    client.force_login(alice)
    response = client.get(reverse("foreninger:dashboard"))
    assert reverse("foreninger:my_opportunities", args=[club_a.pk]) in response.content.decode()


def test_the_main_menu_links_to_the_public_list(client, faaborg):
    response = client.get(reverse("home"))
    assert f'href="{reverse("foreninger:opportunities")}"' in response.content.decode()


# The consultant's admin


def test_the_consultant_sees_opportunities_and_answers_in_the_admin(client, club_a, consultant):
    posted = opportunity(club_a, title="Chauffør")
    received = answer(posted, name="Bo Borger")
    client.force_login(consultant)
    changelist = client.get(
        reverse("admin:frivilligjob_opportunity_changelist"), {"q": "chauffør", "aktuel": "ja"}
    )
    assert "Chauffør" in changelist.content.decode()
    page = client.get(reverse("admin:frivilligjob_opportunityanswer_change", args=[received.pk]))
    assert page.status_code == 200
    assert "Bo Borger" in page.content.decode()
    assert 'name="email"' not in page.content.decode()


def test_answers_personal_data_cannot_be_edited_in_the_admin(admin_client, club_a):
    received = answer(opportunity(club_a), name="Bo Borger")
    url = reverse("admin:frivilligjob_opportunityanswer_change", args=[received.pk])
    admin_client.post(url, {"name": "Ændret", "email": "andet@example.com"})
    received.refresh_from_db()
    assert (received.name, received.email) == ("Bo Borger", "bo@example.com")
    assert admin_client.get(reverse("admin:frivilligjob_opportunityanswer_add")).status_code == 403


# GDPR


def test_the_associations_data_export_holds_its_opportunities_and_answers(club_a):
    answer(opportunity(club_a, title="Chauffør"), name="Bo Borger")
    [exported] = association_export(club_a)["opportunities"]
    assert exported["title"] == "Chauffør"
    assert exported["answers"][0]["name"] == "Bo Borger"


def test_anonymising_an_association_deletes_its_opportunities_and_answers(club_a, consultant):
    answer(opportunity(club_a))
    club_a.status = Association.Status.INACTIVE
    club_a.save()
    association_anonymise(association=club_a, user=consultant)
    assert not Opportunity.objects.exists()
    assert not OpportunityAnswer.objects.exists()


def test_answers_are_deleted_a_year_after_the_last_day_to_answer(club_a):
    today = timezone.localdate()
    old = answer(opportunity(club_a, answer_by=today - timedelta(days=366)))
    kept = answer(opportunity(club_a, answer_by=today - timedelta(days=365)))
    call_command("apply_retention", stdout=io.StringIO())
    assert list(OpportunityAnswer.objects.all()) == [kept]
    assert Opportunity.objects.filter(pk=old.opportunity_id).exists()


def test_the_privacy_page_states_how_long_answers_are_kept(client, faaborg, settings):
    # In the English source text, which the Danish catalogue translates.
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("privacy"))
    assert "a year after the last day to answer" in response.content.decode()


# Valid HTML


def test_every_opportunity_page_is_valid_html(client, club_a, alice):
    children = factories.activity(club_a, involves_children_under_15=True)
    posted = opportunity(
        club_a,
        activity=children,
        skills="Tålmodighed",
        region=Region.objects.first(),
        target_groups=TargetGroup.objects.all()[:2],
        starts_on=timezone.localdate() + timedelta(days=30),
    )
    answer(posted, phone="12 34 56 78")
    answer(posted, handled_at=timezone.now(), handled_by=alice)
    listing = reverse("foreninger:opportunities")
    public = [
        listing,
        f"{listing}?q=lektie&egn=faaborgegnen&maalgruppe=aeldre&tid=weekly",
        f"{listing}?q=ingenting",
        f"{listing}?egn=ukendt",
        posted.get_absolute_url(),
        reverse("foreninger:opportunity_answer", args=[posted.pk]),
    ]
    members_only = [
        reverse("foreninger:my_opportunities", args=[club_a.pk]),
        reverse("foreninger:opportunity_add", args=[club_a.pk]),
        reverse("foreninger:opportunity_edit", args=[club_a.pk, posted.pk]),
        reverse("foreninger:opportunity_answers", args=[club_a.pk, posted.pk]),
    ]
    errors = html_errors(client, public)
    client.force_login(alice)
    errors += html_errors(client, members_only)
    assert errors == []


# Demo data


def test_the_demo_has_current_opportunities_some_with_answers_and_reseeding_adds_none(faaborg):
    association_demo.seed()
    demo.seed()
    count = Opportunity.objects.count()
    association_demo.seed()
    demo.seed()
    assert Opportunity.objects.count() == count >= 5
    assert opportunity_selectors.opportunities_current().count() == count
    assert OpportunityAnswer.objects.filter(handled_at__isnull=True).exists()
    assert OpportunityAnswer.objects.filter(handled_by__isnull=False).exists()
    assert any(item.needs_child_certificate for item in Opportunity.objects.all())


def test_an_associations_page_lists_its_current_volunteer_jobs(client, faaborg):
    association = factories.association(name="Besøgsvennerne")
    for title, days in (("Besøgsven", 30), ("Forbi", -1)):
        Opportunity.objects.create(
            association=association,
            title=title,
            description="Hjælp til.",
            time_commitment=Opportunity.TimeCommitment.WEEKLY,
            answer_by=date.today() + timedelta(days=days),
        )
    page = client.get(association.get_absolute_url()).content.decode()
    assert ">Besøgsven</a>" in page
    assert "Forbi" not in page
