"""The public directory: Danish search, filters, paging, detail pages and the contact form."""

import pytest
from django.core import mail
from django.urls import reverse

from foreninger.models import Association
from foreninger.selectors import directory_page, directory_search, trigram_available
from frivillig.models import FocusArea, Region, TargetGroup
from tests import factories


@pytest.fixture
def regions(faaborg):
    return {region.slug: region for region in Region.objects.all()}


def names(results):
    return [association.name for association in results]


def test_search_finds_a_name_by_the_start_of_a_word(faaborg):
    factories.association(name="Ældresagen Faaborg")
    factories.association(name="Ungdomsklubben")
    assert names(directory_search(text="ældre")) == ["Ældresagen Faaborg"]


def test_search_forgives_a_typo_in_a_name(faaborg):
    assert trigram_available()
    factories.association(name="Frivilligcenter Faaborg-Midtfyn")
    factories.association(name="Spejderne", short_description="Friluftsliv for børn.")
    assert names(directory_search(text="frivilig")) == ["Frivilligcenter Faaborg-Midtfyn"]


def test_search_stems_danish_words(faaborg):
    factories.association(name="Café Samvær", description="Et trygt fællesskab for alle.")
    factories.association(name="Motionsklubben", description="Løb og gang.")
    assert names(directory_search(text="fællesskaber")) == ["Café Samvær"]


def test_search_finds_associations_by_their_activities(faaborg):
    association = factories.association(name="Røde Kors Ringe")
    factories.activity(association, title="Lektiehjælp", description="Hjælp til skolebørn.")
    factories.association(name="Andre")
    assert names(directory_search(text="lektiehjælp")) == ["Røde Kors Ringe"]


def test_search_ranks_a_match_in_the_name_above_one_in_the_description(faaborg):
    factories.association(name="Besøgsvennerne", short_description="Vi besøger ensomme.")
    factories.association(name="Naboskab", description="Vi har også besøgsvenner.")
    assert names(directory_search(text="besøgsvenner")) == ["Besøgsvennerne", "Naboskab"]


def test_search_shows_only_approved_associations(faaborg):
    for status in Association.Status:
        factories.association(
            name=f"Ældreklub {status.label}", status=status, rejection_reason="Grund"
        )
    assert names(directory_search(text="ældreklub")) == ["Ældreklub Godkendt"]


@pytest.mark.parametrize("text", ["og", "!!!", "'; drop table", "a:* & |", "💥", "_", "x" * 500])
def test_odd_search_text_never_fails(client, faaborg, text):
    factories.association(name="Ældresagen")
    response = client.get(reverse("foreninger:directory"), {"q": text})
    assert response.status_code == 200


def test_filters_combine_and_match_the_association_or_its_activities(faaborg, regions):
    elderly = TargetGroup.objects.get(slug="aeldre")
    children = TargetGroup.objects.get(slug="boern-og-unge")
    faaborg_egn, ringe_egn = regions["faaborgegnen"], regions["ringeegnen"]
    by_itself = factories.association(name="A", regions=[faaborg_egn], target_groups=[elderly])
    by_activity = factories.association(name="B")
    factories.activity(by_activity, region=faaborg_egn, target_groups=[elderly])
    factories.association(name="C", regions=[ringe_egn], target_groups=[elderly])
    factories.association(name="D", regions=[faaborg_egn], target_groups=[children])
    assert names(directory_search(region=faaborg_egn, target_group=elderly)) == ["A", "B"]
    factories.activity(by_itself, wants_volunteers=True, involves_children_under_15=True)
    assert names(directory_search(region=faaborg_egn, volunteers=True)) == ["A"]
    assert names(directory_search(children=True, target_group=elderly)) == ["A"]


def test_the_filters_and_the_cards_follow_every_change_to_what_they_show(faaborg, regions):
    """What the filters match and the cards show is kept on the association's row by triggers
    (migration 0016), whatever makes the change."""
    elderly = TargetGroup.objects.get(slug="aeldre")
    children = TargetGroup.objects.get(slug="boern-og-unge")
    area = FocusArea.objects.get(number=1)
    faaborg_egn, ringe_egn = regions["faaborgegnen"], regions["ringeegnen"]
    club = factories.association(name="Klubben", regions=[ringe_egn], target_groups=[children])
    activity = factories.activity(club, region=faaborg_egn, target_groups=[elderly])

    def card():
        (found,) = directory_page(1, per_page=20, text="klubben").object_list
        return (
            found.region_names,
            found.target_group_names,
            found.has_children_activity,
            found.wants_volunteers,
        )

    assert names(directory_search(region=faaborg_egn, target_group=elderly)) == ["Klubben"]
    assert card() == (["Ringeegnen"], ["Børn og unge"], False, False)

    activity.involves_children_under_15 = True
    activity.wants_volunteers = True
    activity.region = None
    activity.save()
    activity.target_groups.remove(elderly)
    club.focus_areas.add(area)
    assert names(directory_search(children=True, volunteers=True, focus_area=area)) == ["Klubben"]
    assert names(directory_search(region=faaborg_egn)) == []
    assert names(directory_search(target_group=elderly)) == []
    assert card() == (["Ringeegnen"], ["Børn og unge"], True, True)

    club.regions.add(faaborg_egn)
    club.target_groups.add(elderly)
    assert card() == (["Faaborgegnen", "Ringeegnen"], ["Børn og unge", "Ældre"], True, True)
    TargetGroup.objects.filter(pk=elderly.pk).update(order=0)
    assert card() == (["Faaborgegnen", "Ringeegnen"], ["Ældre", "Børn og unge"], True, True)
    TargetGroup.objects.filter(pk=children.pk).update(name="Unge")
    assert card() == (["Faaborgegnen", "Ringeegnen"], ["Ældre", "Unge"], True, True)

    activity.delete()
    children.delete()
    club.focus_areas.remove(area)
    assert names(directory_search(children=True)) == []
    assert names(directory_search(focus_area=area)) == []
    assert card() == (["Faaborgegnen", "Ringeegnen"], ["Ældre"], False, False)


def test_searches_of_the_same_shape_each_get_their_own_values(faaborg, regions):
    """The page's SQL is compiled once per shape of search (foreninger.selectors): the second
    search of a shape must not see the first one's words, filters or page."""
    elderly = TargetGroup.objects.get(slug="aeldre")
    children = TargetGroup.objects.get(slug="boern-og-unge")
    faaborg_egn, ringe_egn = regions["faaborgegnen"], regions["ringeegnen"]
    factories.association(name="Ældreklubben", regions=[faaborg_egn], target_groups=[elderly])
    factories.association(name="Ældrecaféen", regions=[ringe_egn], target_groups=[elderly])
    factories.association(name="Ungdomsklubben", regions=[ringe_egn], target_groups=[children])

    def page(number=1, **arguments):
        return names(directory_page(number, per_page=1, **arguments).object_list)

    assert page(region=faaborg_egn, target_group=elderly) == ["Ældreklubben"]
    assert page(region=ringe_egn, target_group=elderly) == ["Ældrecaféen"]
    assert page(region=ringe_egn, target_group=children) == ["Ungdomsklubben"]
    assert page(text="ældreklubben") == ["Ældreklubben"]
    assert page(text="ungdomsklubben") == ["Ungdomsklubben"]
    both_clubs = page(1, text="klubben") + page(2, text="klubben")
    assert sorted(both_clubs) == ["Ungdomsklubben", "Ældreklubben"]
    both_in_ringe = page(1, region=ringe_egn) + page(2, region=ringe_egn)
    assert sorted(both_in_ringe) == ["Ungdomsklubben", "Ældrecaféen"]
    # The typo-tolerant fallback, and the last page for a number beyond it.
    assert page(text="ungdomsklubbn") == ["Ungdomsklubben"]
    assert page(7, text="ældrecafeen") == ["Ældrecaféen"]


def test_the_directory_page_keeps_its_state_in_the_url(client, faaborg, regions):
    area = FocusArea.objects.get(number=1)
    for number in range(25):
        factories.association(name=f"Klub {number:02}", focus_areas=[area])
    factories.association(name="Uden for området")
    response = client.get(reverse("foreninger:directory"), {"omraade": area.slug, "side": "2"})
    html = response.content.decode()
    assert "25 foreninger" in html
    assert "Klub 20" in html and "Klub 05" not in html
    assert f"omraade={area.slug}&amp;side=1" in html
    assert f'<option value="{area.slug}" selected>' in html


def test_an_unknown_filter_value_says_what_is_wrong_and_still_lists(client, faaborg):
    factories.association(name="Ældresagen")
    response = client.get(reverse("foreninger:directory"), {"egn": "atlantis", "side": "x"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Der er et problem" in html
    assert "Ældresagen" in html


def test_an_empty_result_helps_the_citizen_on(client, faaborg):
    response = client.get(reverse("foreninger:directory"), {"q": "zzzzqqq"})
    html = response.content.decode()
    assert "0 foreninger" in html
    assert "Ingen foreninger matcher" in html
    assert "sundhed@fmk.dk" in html


def _many(count, regions):
    areas = list(FocusArea.objects.all())
    groups = list(TargetGroup.objects.all())
    for number in range(count):
        association = factories.association(
            name=f"Ældreforening {number}",
            focus_areas=areas[:2],
            regions=list(regions.values())[:2],
            target_groups=groups[:3],
        )
        factories.activity(association, target_groups=groups[:1], wants_volunteers=True)
        factories.activity(association, online=True, region=regions["ringeegnen"])


@pytest.mark.parametrize(
    "params",
    [{}, {"q": "ældre", "egn": "faaborgegnen", "boern": "", "frivillige": "on"}],
)
def test_the_directory_runs_the_same_queries_for_5_and_50_associations(
    client, faaborg, regions, django_assert_max_num_queries, params
):
    trigram_available()
    url = reverse("foreninger:directory")
    _many(5, regions)
    # The first visit fills the frame's cache; adding associations changes the directory's
    # version, so both measured visits run the search.
    client.get(url, params)
    _many(1, regions)
    with django_assert_max_num_queries(100) as few:
        client.get(url, params)
    _many(45, regions)
    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        assert client.get(url, params).status_code == 200
    assert len(many.captured_queries) == len(few.captured_queries) <= 12
    # A repeated search is served from the cache: the frame's and the directory's versions.
    with django_assert_max_num_queries(2):
        client.get(url, params)


def test_the_detail_page_runs_the_same_queries_for_few_and_many_activities(
    client, faaborg, regions, django_assert_max_num_queries
):
    _many(1, regions)
    association = Association.objects.get()
    url = association.get_absolute_url()
    with django_assert_max_num_queries(100) as few:
        client.get(url)
    for number in range(20):
        factories.activity(association, title=f"Aktivitet {number}", region=regions["ringeegnen"])
    with django_assert_max_num_queries(len(few.captured_queries)):
        client.get(url)


def test_the_detail_page_shows_the_profile_but_never_the_private_e_mail(client, faaborg, regions):
    association = factories.association(
        name="Besøgsvennerne",
        email="hemmelig@example.org",
        phone="12 34 56 78",
        regions=[regions["ringeegnen"]],
    )
    factories.activity(association, title="Besøg i hjemmet", contact_name="Grethe")
    html = client.get(association.get_absolute_url()).content.decode()
    assert "Besøgsvennerne" in html and "Besøg i hjemmet" in html and "Grethe" in html
    assert "Ringeegnen" in html and "12 34 56 78" in html
    assert "Senest bekræftet" in html
    assert "hemmelig@example.org" not in html


@pytest.mark.parametrize("status", ["pending", "rejected", "inactive"])
def test_only_approved_associations_have_a_public_page(client, faaborg, alice, status):
    association = factories.association(
        status=status, rejection_reason="Nej" if status == "rejected" else ""
    )
    assert client.get(association.get_absolute_url()).status_code == 404
    client.force_login(alice)
    assert client.get(association.get_absolute_url()).status_code == 404


def test_members_and_the_consultant_can_preview_an_unapproved_page(
    client, faaborg, alice, consultant
):
    association = factories.association(status="pending", members=[alice])
    for user in (alice, consultant):
        client.force_login(user)
        response = client.get(association.get_absolute_url())
        assert response.status_code == 200
        assert "Forhåndsvisning" in response.content.decode()


def test_the_contact_form_mails_the_association_with_the_sender_as_reply_to(client, faaborg):
    association = factories.association(email="kontakt@klub.example.org")
    response = client.post(
        reverse("foreninger:contact", args=[association.slug]),
        {"name": "Bo", "email": "bo@example.com", "message": "Kan jeg være frivillig?"},
    )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["kontakt@klub.example.org"]
    assert message.reply_to == ["bo@example.com"]
    assert "Kan jeg være frivillig?" in message.body


def test_the_contact_form_explains_each_error_and_sends_nothing(client, faaborg):
    association = factories.association()
    response = client.post(
        reverse("foreninger:contact", args=[association.slug]),
        {"name": "", "email": "ikke-en-adresse", "message": ""},
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_email"' in html and 'href="#id_name"' in html
    assert mail.outbox == []


def test_a_bot_filling_the_honeypot_is_thanked_and_ignored(client, faaborg):
    association = factories.association()
    response = client.post(
        reverse("foreninger:contact", args=[association.slug]),
        {"name": "Bot", "email": "bot@example.com", "message": "Spam", "homepage": "http://x"},
    )
    assert response.status_code == 302
    assert mail.outbox == []


def test_the_contact_form_is_rate_limited(client, faaborg):
    association = factories.association()
    url = reverse("foreninger:contact", args=[association.slug])
    data = {"name": "Bo", "email": "bo@example.com", "message": "Hej"}
    for _ in range(5):
        assert client.post(url, data).status_code == 302
    response = client.post(url, data)
    assert response.status_code == 200
    assert "Prøv igen om en time" in response.content.decode()
    assert len(mail.outbox) == 5


def test_an_error_report_reaches_the_consultant(
    client, faaborg, django_capture_on_commit_callbacks
):
    association = factories.association(name="Klubben")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("foreninger:report_error", args=[association.slug]),
            {"message": "Telefonnummeret er forkert."},
        )
    assert response.status_code == 302
    [message] = mail.outbox
    assert message.to == ["sundhed@fmk.dk"]
    assert "Telefonnummeret er forkert." in message.body


def test_the_focus_area_page_lists_its_approved_associations(client, faaborg):
    area = FocusArea.objects.get(number=1)
    factories.association(name="Mangfoldige Hænder", focus_areas=[area])
    factories.association(name="Ventende", focus_areas=[area], status="pending")
    html = client.get(area.get_absolute_url()).content.decode()
    assert "Mangfoldige Hænder" in html
    assert "Ventende" not in html
