"""The election's pages: who may nominate and vote, the consent link, and when results show."""

from datetime import timedelta

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from folgegruppe import services
from folgegruppe.models import Ballot, Candidate, Election, VoterRecord
from foreninger.models import Association
from tests import factories

Status = Election.Status


@pytest.fixture
def bob(db):
    return factories.user(email="bob@example.com")


@pytest.fixture
def club(faaborg, alice):
    return factories.association(name="Besøgsvennerne", members=[alice])


@pytest.fixture
def nominating(faaborg):
    return factories.election(status=Status.NOMINATING)


def _url(name, election):
    return reverse(f"folgegruppe:{name}", args=[election.pk])


@pytest.mark.parametrize("name", ["election", "results", "nominate", "vote"])
def test_a_draft_election_is_not_found(client, consultant, faaborg, name):
    election = factories.election()
    client.force_login(consultant)
    assert client.get(_url(name, election)).status_code == 404


@pytest.mark.parametrize("name", ["nominate", "vote"])
def test_anonymous_visitors_are_asked_to_log_in(client, faaborg, name):
    election = factories.voting_election()
    response = client.get(_url(name, election))
    assert response.status_code == 302
    assert response.url.startswith(reverse("login"))


@pytest.mark.parametrize("status", [Association.Status.PENDING, Association.Status.REJECTED])
def test_members_of_unapproved_associations_cannot_nominate(client, nominating, bob, status):
    factories.association(members=[bob], status=status, rejection_reason="Nej")
    client.force_login(bob)
    assert client.get(_url("nominate", nominating)).status_code == 403


def test_a_member_nominates_and_the_candidate_shows_after_consenting(
    client, nominating, club, alice, django_capture_on_commit_callbacks
):
    client.force_login(alice)
    assert client.get(_url("nominate", nominating)).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _url("nominate", nominating),
            {
                "association": club.pk,
                "name": "Karen Holm",
                "email": "karen@example.org",
                "candidate_association": club.pk,
                "presentation": "",
            },
        )
    assert response.status_code == 302
    candidate = Candidate.objects.get()
    assert (candidate.nominated_by, candidate.nominated_by_user) == (club, alice)
    assert mail.outbox[-1].to == ["karen@example.org"]
    assert list(client.get(_url("election", nominating)).context["candidates"]) == []

    consent_url = reverse("folgegruppe:consent", args=[candidate.token])
    assert consent_url in mail.outbox[-1].body
    client.force_login(factories.user(email="karen@example.org"))
    assert client.get(consent_url).status_code == 200
    client.post(consent_url, {"action": "consent"})
    assert list(client.get(_url("election", nominating)).context["candidates"]) == [candidate]


def test_a_member_cannot_nominate_for_an_association_they_do_not_act_for(
    client, nominating, club, alice
):
    other = factories.association()
    client.force_login(alice)
    response = client.post(
        _url("nominate", nominating),
        {
            "association": other.pk,
            "name": "Karen Holm",
            "email": "karen@example.org",
            "candidate_association": club.pk,
        },
    )
    assert response.status_code == 200
    assert "association" in response.context["form"].errors
    assert not Candidate.objects.exists()


def test_an_unknown_consent_link_is_not_found(client, faaborg):
    url = reverse("folgegruppe:consent", args=["00000000-0000-4000-8000-000000000000"])
    assert client.get(url).status_code == 404


def test_a_candidate_can_say_no_from_the_link(client, nominating):
    candidate = factories.candidate(nominating, consented=False, email="karen@example.org")
    client.force_login(factories.user(email="karen@example.org"))
    client.post(reverse("folgegruppe:consent", args=[candidate.token]), {"action": "withdraw"})
    candidate.refresh_from_db()
    assert candidate.withdrawn_at is not None
    assert not candidate.on_ballot


def test_a_member_votes_from_the_portal_once(client, club, alice):
    election = factories.voting_election()
    first = election.candidates.order_by("pk").first()
    client.force_login(alice)
    assert client.get(_url("vote", election)).status_code == 200
    response = client.post(
        _url("vote", election), {"association": club.pk, "candidates": [first.pk]}
    )
    assert response.status_code == 302
    assert VoterRecord.objects.filter(election=election, association=club).exists()
    assert Ballot.objects.get().choices.get().candidate == first
    # The association has voted: the form is no longer offered.
    assert client.get(_url("vote", election)).status_code == 302
    assert client.get(_url("election", election)).context["my_associations"] == [(club, True)]


def test_a_member_cannot_vote_for_an_association_they_do_not_act_for(client, club, alice):
    election = factories.voting_election()
    other = factories.association()
    client.force_login(alice)
    response = client.post(
        _url("vote", election),
        {"association": other.pk, "candidates": [election.candidates.first().pk]},
    )
    assert response.status_code == 200
    assert not VoterRecord.objects.exists()


def test_ticking_too_many_candidates_is_explained_and_nothing_is_stored(client, club, alice):
    election = factories.voting_election(seats=1)
    client.force_login(alice)
    response = client.post(
        _url("vote", election),
        {"association": club.pk, "candidates": [c.pk for c in election.candidates.all()]},
    )
    assert response.status_code == 200
    assert "candidates" in response.context["form"].errors
    assert not Ballot.objects.exists()


def test_the_vote_page_sends_visitors_away_outside_the_voting_window(client, club, alice):
    election = factories.voting_election()
    Election.objects.filter(pk=election.pk).update(
        voting_opens_at=timezone.now() + timedelta(hours=1),
        voting_closes_at=timezone.now() + timedelta(hours=2),
    )
    client.force_login(alice)
    response = client.get(_url("vote", election))
    assert response.status_code == 302
    assert response.url == election.get_absolute_url()


def test_nobody_sees_results_before_they_are_published(client, club, consultant, superuser):
    election = factories.voting_election(seats=1)
    first = election.candidates.order_by("pk").first()
    services.ballot_cast(election=election, association=club, candidates=[first], user=None)
    admin_url = reverse("admin:folgegruppe_election_change", args=[election.pk])
    tally = f"{first.name}: 1"
    for user in (None, consultant, superuser):
        if user:
            client.force_login(user)
            assert tally not in client.get(admin_url).content.decode()
        assert client.get(_url("results", election)).status_code == 404
    services.election_close(election=election, user=consultant)
    assert tally in client.get(admin_url).content.decode()
    assert client.get(_url("results", election)).status_code == 404
    services.election_publish(election=election, user=consultant)
    client.logout()
    response = client.get(_url("results", election))
    assert response.status_code == 200
    top = response.context["lines"][0]
    assert (top.candidate, top.votes, top.elected) == (first, 1, True)
    assert response.context["result"].ballots_cast == 1
