"""One ballot per association, also when two members press “vote” at the same moment."""

import threading

import pytest
from django.db import connection

from folgegruppe import services
from folgegruppe.models import Ballot, VoterRecord
from tests import factories


def _at_once(*calls):
    """Run the calls in threads with their own database connections, released together."""
    barrier = threading.Barrier(len(calls))
    outcomes = [None] * len(calls)

    def run(index, call):
        try:
            barrier.wait()
            call()
            outcomes[index] = "ok"
        except services.ElectionError as error:
            outcomes[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=pair) for pair in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return outcomes


@pytest.fixture
def election(transactional_db, faaborg):
    return factories.voting_election(candidates=2)


def _voter(election, association, candidate):
    return lambda: services.ballot_cast(
        election=election, association=association, candidates=[candidate], user=None
    )


def test_two_ballots_for_one_association_at_once_store_exactly_one(election):
    association = factories.association()
    first, second = election.candidates.all()
    outcomes = _at_once(_voter(election, association, first), _voter(election, association, second))
    assert sorted(map(str, outcomes)).count("ok") == 1
    error = next(outcome for outcome in outcomes if outcome != "ok")
    assert isinstance(error, services.ElectionError)
    assert error.code == "already_voted"
    assert VoterRecord.objects.filter(association=association).count() == 1
    assert Ballot.objects.filter(election=election).count() == 1


def test_ballots_of_different_associations_at_once_are_all_kept(election):
    first, second = election.candidates.all()
    voters = [factories.association() for _ in range(4)]
    outcomes = _at_once(
        *(_voter(election, voter, (first, second)[i % 2]) for i, voter in enumerate(voters))
    )
    assert outcomes == ["ok"] * 4
    assert VoterRecord.objects.filter(election=election).count() == 4
    assert Ballot.objects.filter(election=election).count() == 4
    count = services.election_count(election=election, seed=1)
    assert count.votes == {first.pk: 2, second.pk: 2}
