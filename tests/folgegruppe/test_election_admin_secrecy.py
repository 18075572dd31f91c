"""While voting is open, no admin page tells anyone (consultant or superuser) any count or
ballot, and none ties an association to its ballot; elections that have started stay."""

import logging
import re

import pytest
from auditlog.models import LogEntry as AuditEntry
from django.contrib import admin
from django.urls import NoReverseMatch, reverse

from folgegruppe import services
from folgegruppe.models import Ballot, BallotChoice, Candidate, Election, VoterRecord
from tests import factories

Status = Election.Status

# What differs between two requests for the same page without any change of data.
VOLATILE = [
    re.compile(r'name="csrfmiddlewaretoken" value="[^"]*"'),
    re.compile(r'nonce="[^"]*"'),
]


def _normalised(response):
    text = response.content.decode()
    for pattern in VOLATILE:
        text = pattern.sub("", text)
    return text


@pytest.fixture
def staff(request, client, consultant, superuser):
    user = {"consultant": consultant, "superuser": superuser}[request.param]
    factories.login_verified(client, user)
    return user


@pytest.fixture
def election(faaborg):
    """Voting is open and two associations have voted, both for the first candidate."""
    election = factories.voting_election(candidates=3)
    first = election.candidates.order_by("pk").first()
    for _ in range(2):
        services.ballot_cast(
            election=election, association=factories.association(), candidates=[first], user=None
        )
    return election


def _pages(election):
    """Every admin page of the election and its candidates a GET opens, and the confirmation
    pages of the bulk actions."""
    candidate = election.candidates.order_by("pk").first()
    gets = [
        reverse("admin:folgegruppe_election_changelist"),
        reverse("admin:folgegruppe_election_change", args=[election.pk]),
        reverse("admin:folgegruppe_election_delete", args=[election.pk]),
        reverse("admin:folgegruppe_election_history", args=[election.pk]),
        *(
            reverse("admin:folgegruppe_election_step", args=[election.pk, step])
            for step in ("aabn-indstilling", "aabn-afstemning", "luk", "offentliggoer")
        ),
        reverse("admin:folgegruppe_candidate_changelist"),
        reverse("admin:folgegruppe_candidate_change", args=[candidate.pk]),
        reverse("admin:folgegruppe_candidate_delete", args=[candidate.pk]),
        reverse("admin:folgegruppe_candidate_history", args=[candidate.pk]),
    ]
    posts = [
        (
            reverse("admin:folgegruppe_election_changelist"),
            {"action": "delete_selected", "_selected_action": [election.pk]},
        ),
        (
            reverse("admin:folgegruppe_candidate_changelist"),
            {
                "action": "delete_selected",
                "_selected_action": list(election.candidates.values_list("pk", flat=True)),
            },
        ),
    ]
    return gets, posts


def _visit(client, election):
    gets, posts = _pages(election)
    return {
        **{url: _normalised(client.get(url)) for url in gets},
        # Followed, so that the action's messages show on its own page, not on the next one.
        **{
            f"{url} {data['action']}": _normalised(client.post(url, data, follow=True))
            for url, data in posts
        },
    }


@pytest.mark.parametrize("staff", ["consultant", "superuser"], indirect=True)
def test_no_admin_page_of_the_election_changes_when_an_association_votes(client, staff, election):
    before = _visit(client, election)
    services.ballot_cast(
        election=election,
        association=factories.association(),
        candidates=[election.candidates.order_by("pk").last()],
        user=None,
    )
    after = _visit(client, election)
    assert [url for url in before if before[url] != after[url]] == []


@pytest.mark.parametrize("staff", ["consultant", "superuser"], indirect=True)
def test_no_admin_page_of_the_election_names_a_ballot_or_a_voter(client, staff, election):
    secret = [
        *(str(pk) for pk in Ballot.objects.values_list("pk", flat=True)),
        *(str(pk) for pk in BallotChoice.objects.values_list("pk", flat=True)),
        *(str(voter.association) for voter in VoterRecord.objects.select_related("association")),
    ]
    pages = _visit(client, election)
    assert [(url, s) for url, text in pages.items() for s in secret if s in text] == []


@pytest.mark.parametrize("staff", ["consultant", "superuser"], indirect=True)
@pytest.mark.parametrize("status", [Status.NOMINATING, Status.VOTING, Status.CLOSED])
def test_an_election_that_has_started_cannot_be_deleted(client, staff, faaborg, status):
    election = factories.election(status=status)
    url = reverse("admin:folgegruppe_election_delete", args=[election.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Election.objects.filter(pk=election.pk).exists()


@pytest.mark.parametrize("staff", ["consultant", "superuser"], indirect=True)
def test_a_candidate_cannot_be_deleted(client, staff, election):
    candidate = election.candidates.order_by("pk").first()
    url = reverse("admin:folgegruppe_candidate_delete", args=[candidate.pk])
    assert client.get(url).status_code == 403
    assert client.post(url, {"post": "yes"}).status_code == 403
    assert Candidate.objects.filter(pk=candidate.pk).exists()


@pytest.mark.parametrize("staff", ["consultant", "superuser"], indirect=True)
def test_bulk_delete_of_a_started_election_is_refused_without_a_list(client, staff, election):
    draft = factories.election(title="Kladde")
    response = client.post(
        reverse("admin:folgegruppe_election_changelist"),
        {"action": "delete_selected", "_selected_action": [election.pk, draft.pk], "post": "yes"},
        follow=True,
    )
    text = response.content.decode()
    assert [pk for pk in Ballot.objects.values_list("pk", flat=True) if str(pk) in text] == []
    shown = [(m.level_tag, str(m).split(":")[0]) for m in response.context["messages"]]
    assert shown == [("error", "Valg til følgegruppen")]
    assert set(Election.objects.values_list("title", flat=True)) == {
        "Valg til følgegruppen",
        "Kladde",
    }


@pytest.mark.parametrize("staff", ["consultant", "superuser"], indirect=True)
@pytest.mark.parametrize(
    "lookup", ["ballots__isnull=False", "voters__id__isnull=False", "ballots__id__isnull=False"]
)
def test_the_election_list_cannot_be_filtered_by_ballots_or_voters(client, staff, election, lookup):
    url = reverse("admin:folgegruppe_election_changelist")
    assert client.get(f"{url}?{lookup}").status_code == 400


def test_a_draft_election_can_still_be_deleted(client, consultant, faaborg):
    draft = factories.election()
    factories.login_verified(client, consultant)
    url = reverse("admin:folgegruppe_election_delete", args=[draft.pk])
    assert client.get(url).status_code == 200
    client.post(url, {"post": "yes"})
    assert not Election.objects.filter(pk=draft.pk).exists()


def test_a_vote_leaves_no_trace_in_the_audit_trail_or_the_log(client, election, alice, caplog):
    club = factories.association(members=[alice])
    candidate = election.candidates.order_by("pk").last()
    entries = AuditEntry.objects.count()
    client.force_login(alice)
    with caplog.at_level(logging.DEBUG):
        response = client.post(
            reverse("folgegruppe:vote", args=[election.pk]),
            {"association": club.pk, "candidates": [candidate.pk]},
        )
    assert response.status_code == 302
    assert VoterRecord.objects.filter(association=club).exists()
    assert AuditEntry.objects.count() == entries
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "ballot" not in logged.lower()
    assert candidate.name not in logged


def test_ballots_and_voter_records_have_no_admin_pages_of_their_own(db):
    for model in (Ballot, BallotChoice, VoterRecord):
        assert not admin.site.is_registered(model)
        with pytest.raises(NoReverseMatch, match="_changelist' not found"):
            reverse(f"admin:folgegruppe_{model._meta.model_name}_changelist")
