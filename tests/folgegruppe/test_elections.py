"""An election's life: nominations with consent, one secret ballot per association, the count."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone, translation

from folgegruppe import services
from folgegruppe.models import (
    Ballot,
    Candidate,
    Election,
    ElectionLog,
    GroupSeat,
    VoterRecord,
)
from folgegruppe.services import ElectionError
from foreninger.models import Association
from tests import factories

Status = Election.Status


@pytest.fixture
def club(faaborg, alice):
    return factories.association(name="Besøgsvennerne", members=[alice])


def _move(election, **times):
    """Let time pass: move the election's times relative to now."""
    now = timezone.now()
    Election.objects.filter(pk=election.pk).update(
        **{field: now + delta for field, delta in times.items()}
    )
    election.refresh_from_db()


def _nominate(election, nominator, user, **fields):
    fields.setdefault("name", "Karen Holm")
    fields.setdefault("email", "karen@example.org")
    fields.setdefault("association", nominator)
    return services.candidate_nominate(
        election=election, nominated_by=nominator, user=user, **fields
    )


def _vote(election, association, *candidates, user=None):
    services.ballot_cast(
        election=election, association=association, candidates=candidates, user=user
    )


@pytest.mark.parametrize(
    ("status", "service", "message"),
    [
        (Status.DRAFT, services.election_open_voting, "“Kladde” kan ikke skifte til “Afstemning”"),
        (Status.DRAFT, services.election_close, "“Kladde” kan ikke skifte til “Lukket og optalt”"),
        (
            Status.NOMINATING,
            services.election_publish,
            "“Åben for kandidatopstilling” kan ikke skifte til “Resultat offentliggjort”",
        ),
        (
            Status.VOTING,
            services.election_open_nominations,
            "“Afstemning” kan ikke skifte til “Åben for kandidatopstilling”",
        ),
        (
            Status.CLOSED,
            services.election_open_voting,
            "“Lukket og optalt” kan ikke skifte til “Afstemning”",
        ),
        (
            Status.PUBLISHED,
            services.election_close,
            "“Resultat offentliggjort” kan ikke skifte til “Lukket og optalt”",
        ),
    ],
)
def test_an_election_only_moves_one_step_along_its_transition_table(
    faaborg, consultant, status, service, message
):
    election = factories.election(status=status)
    with pytest.raises(ElectionError, match=message):
        service(election=election, user=consultant)
    election.refresh_from_db()
    assert election.status == status


def test_the_consultant_opens_nominations_before_the_deadline(faaborg, consultant):
    election = factories.election()
    services.election_open_nominations(election=election, user=consultant)
    election.refresh_from_db()
    assert election.status == Status.NOMINATING
    assert election.log.get().action == ElectionLog.Action.NOMINATIONS_OPENED


def test_nominations_cannot_open_after_the_deadline(faaborg, consultant):
    election = factories.election(nomination_deadline=timezone.now() - timedelta(minutes=1))
    with pytest.raises(ElectionError, match="Fristen for kandidatopstilling er udløbet"):
        services.election_open_nominations(election=election, user=consultant)


def test_a_nominated_candidate_is_asked_to_consent_and_is_not_on_the_ballot_before(
    club, alice, django_capture_on_commit_callbacks
):
    election = factories.election(status=Status.NOMINATING)
    with django_capture_on_commit_callbacks(execute=True):
        candidate = _nominate(election, club, alice, email="Karen@Example.org")
    assert candidate.email == "karen@example.org"
    assert not candidate.on_ballot
    assert list(services.ballot_candidates(election)) == []
    assert mail.outbox[-1].to == ["karen@example.org"]
    assert str(candidate.token) in mail.outbox[-1].body

    karen = factories.user(email="karen@example.org")
    services.candidate_consent(candidate=candidate, user=karen)
    candidate.refresh_from_db()
    assert candidate.on_ballot
    assert list(services.ballot_candidates(election)) == [candidate]


@pytest.mark.parametrize("who", ["nominator", "candidate_association"])
def test_only_approved_associations_nominate_and_are_represented(club, alice, who):
    election = factories.election(status=Status.NOMINATING)
    pending = factories.association(status=Association.Status.PENDING)
    nominator, association = (pending, club) if who == "nominator" else (club, pending)
    with pytest.raises(ElectionError, match="er ikke en godkendt forening"):
        _nominate(election, nominator, alice, association=association)
    assert not Candidate.objects.exists()


def test_nothing_can_be_nominated_after_the_deadline(club, alice):
    election = factories.election(status=Status.NOMINATING)
    _move(election, nomination_deadline=timedelta(seconds=-1))
    with pytest.raises(ElectionError, match="Kandidatopstillingen til dette valg er lukket"):
        _nominate(election, club, alice)


def test_the_same_person_cannot_be_nominated_twice_in_an_election(club, alice):
    election = factories.election(status=Status.NOMINATING)
    factories.candidate(election, email="karen@example.org", association=club)
    with pytest.raises(ElectionError, match="Personen er allerede opstillet ved dette valg"):
        _nominate(election, club, alice, email="KAREN@example.org")
    assert Candidate.objects.count() == 1


def test_voting_opens_after_the_deadline_with_the_candidates_who_consented(faaborg, consultant):
    election = factories.election(status=Status.NOMINATING)
    factories.candidate(election, consented=False)
    with pytest.raises(ElectionError, match="når fristen for kandidatopstilling er udløbet"):
        services.election_open_voting(election=election, user=consultant)
    _move(election, nomination_deadline=timedelta(minutes=-1))
    with pytest.raises(ElectionError, match="Ingen kandidater har givet samtykke"):
        services.election_open_voting(election=election, user=consultant)
    factories.candidate(election)
    services.election_open_voting(election=election, user=consultant)
    assert Election.objects.get(pk=election.pk).status == Status.VOTING


def test_a_candidate_cannot_consent_once_the_ballot_is_settled(faaborg):
    election = factories.voting_election()
    late = factories.candidate(election, consented=False, email="sen@example.org")
    with translation.override("en"), pytest.raises(ElectionError, match="too late to consent"):
        services.candidate_consent(candidate=late, user=factories.user(email="sen@example.org"))


def test_an_association_casts_one_ballot_and_its_vote_is_recorded_apart(club, alice):
    election = factories.voting_election()
    first, second, _third = election.candidates.all()
    _vote(election, club, first, second, user=alice)
    record = VoterRecord.objects.get()
    assert (record.election, record.association, record.recorded_by) == (election, club, alice)
    ballot = Ballot.objects.get()
    assert sorted(ballot.choices.values_list("candidate", flat=True)) == [first.pk, second.pk]
    with pytest.raises(ElectionError, match="har allerede stemt ved dette valg") as refused:
        _vote(election, club, first, user=alice)
    assert refused.value.code == "already_voted"
    assert Ballot.objects.count() == VoterRecord.objects.count() == 1


def test_a_ballot_names_at_most_the_allowed_number_of_candidates(club):
    election = factories.voting_election(seats=2, max_choices=1)
    first, second, _third = election.candidates.all()
    with pytest.raises(ElectionError, match="Vælg højst 1 kandidater"):
        _vote(election, club, first, second)
    assert not VoterRecord.objects.exists()
    assert not Ballot.objects.exists()


def test_a_ballot_names_only_candidates_on_this_ballot(club):
    election = factories.voting_election()
    other = factories.voting_election()
    withdrawn = factories.candidate(election, withdrawn_at=timezone.now())
    for candidate in (other.candidates.first(), withdrawn):
        with pytest.raises(ElectionError, match="Vælg kun kandidater, der står på stemmesedlen"):
            _vote(election, club, candidate)
    assert not VoterRecord.objects.exists()


def test_a_blank_ballot_is_a_vote_for_nobody(club):
    election = factories.voting_election()
    _vote(election, club)
    assert Ballot.objects.get().choices.count() == 0
    assert VoterRecord.objects.filter(association=club).exists()


@pytest.mark.parametrize(
    "times",
    [
        {"voting_opens_at": timedelta(minutes=5), "voting_closes_at": timedelta(hours=1)},
        {"voting_opens_at": timedelta(hours=-2), "voting_closes_at": timedelta(seconds=-1)},
    ],
)
def test_nobody_votes_outside_the_voting_window(club, times):
    election = factories.voting_election()
    _move(election, nomination_deadline=timedelta(hours=-3), **times)
    with pytest.raises(ElectionError, match="Afstemningen er ikke åben"):
        _vote(election, club, election.candidates.first())


def test_a_pending_association_cannot_vote(faaborg):
    election = factories.voting_election()
    pending = factories.association(status=Association.Status.PENDING)
    with pytest.raises(ElectionError, match="er ikke en godkendt forening"):
        _vote(election, pending, election.candidates.first())


def test_closing_counts_the_stored_ballots_and_the_count_can_be_rerun(faaborg, consultant):
    election = factories.voting_election(seats=2)
    first, second, third = election.candidates.order_by("pk")
    voters = [factories.association() for _ in range(4)]
    _vote(election, voters[0], first, second)
    _vote(election, voters[1], first, third)
    _vote(election, voters[2], first)
    _vote(election, voters[3])
    factories.association(status=Association.Status.PENDING)

    result = services.election_close(election=election, user=consultant)

    election.refresh_from_db()
    assert election.status == Status.CLOSED
    assert election.closed_at is not None
    assert (result.ballots_cast, result.blank_ballots) == (4, 1)
    assert result.eligible == Association.objects.filter(status="approved").count()
    votes = {line.candidate_id: (line.votes, line.elected) for line in result.lines.all()}
    assert votes[first.pk] == (3, True)
    assert votes[second.pk][0] == votes[third.pk][0] == 1
    # A tie between the second and third for the last seat, settled by the logged seed.
    assert result.tied == [second.pk, third.pk]
    winner = result.drawn[0]
    assert votes[winner][1] is True
    assert result.lines.get(candidate_id=winner).by_lot
    again = services.election_count(election=election, seed=result.seed)
    assert again.elected == [first.pk, winner]
    assert again.drawn == result.drawn
    assert str(result.seed) in election.log.get(action=ElectionLog.Action.CLOSED).note


def test_the_consultant_may_close_the_voting_early_which_ends_it(club, consultant):
    election = factories.voting_election()
    services.election_close(election=election, user=consultant)
    election.refresh_from_db()
    assert election.closed_at < election.voting_closes_at
    with pytest.raises(ElectionError, match="Afstemningen er ikke åben"):
        _vote(election, club, election.candidates.first())


def test_voting_cannot_be_closed_before_it_opens(faaborg, consultant):
    election = factories.voting_election()
    _move(
        election,
        voting_opens_at=timedelta(hours=1),
        voting_closes_at=timedelta(hours=2),
    )
    with pytest.raises(ElectionError, match="Afstemningen er ikke åbnet endnu"):
        services.election_close(election=election, user=consultant)


def test_a_candidate_who_withdraws_during_the_vote_is_not_elected(club, consultant):
    election = factories.voting_election(seats=1)
    first, second, _third = election.candidates.order_by("pk")
    _vote(election, club, first)
    _vote(election, factories.association(), first)
    _vote(election, factories.association(), second)
    services.candidate_withdraw(candidate=first)
    result = services.election_close(election=election, user=consultant)
    assert [line.candidate for line in result.lines.filter(elected=True)] == [second]
    assert result.lines.get(candidate=first).votes == 2


def test_publishing_gives_the_elected_seats_for_the_term(club, consultant):
    election = factories.voting_election(seats=1)
    first = election.candidates.order_by("pk").first()
    _vote(election, club, first)
    services.election_close(election=election, user=consultant)
    services.election_publish(election=election, user=consultant)
    seat = GroupSeat.objects.get(fixed=False)
    assert seat.candidate == first
    assert (seat.person_name, seat.association) == (first.name, first.association)
    assert (seat.term_start, seat.term_end) == (election.term_start, election.term_end)
    assert not seat.fixed
    assert Election.objects.get(pk=election.pk).status == Status.PUBLISHED
