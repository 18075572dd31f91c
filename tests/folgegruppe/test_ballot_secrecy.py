"""With access to the ballot tables you cannot tell which association voted how."""

import pytest
from django.db import connection

from folgegruppe import services
from folgegruppe.models import Ballot, BallotChoice, VoterRecord
from tests import factories

VOTERS = 8


def _columns(model):
    with connection.cursor() as cursor:
        return {
            column.name
            for column in connection.introspection.get_table_description(
                cursor, model._meta.db_table
            )
        }


def _rows(sql, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def test_the_ballot_tables_hold_no_voter_no_time_and_no_serial_number(db):
    assert _columns(Ballot) == {"id", "election_id"}
    assert _columns(BallotChoice) == {"id", "ballot_id", "candidate_id"}
    assert Ballot._meta.pk.get_internal_type() == "UUIDField"
    assert BallotChoice._meta.pk.get_internal_type() == "UUIDField"
    assert VoterRecord._meta.pk.get_internal_type() == "UUIDField"
    assert not {"created_at", "voted_at"} & _columns(VoterRecord)


@pytest.fixture
def cast_in_order(transactional_db, faaborg):
    """Eight associations vote one after another, each for a different pair of candidates,
    each in its own committed transaction as on the real site."""
    election = factories.voting_election(candidates=VOTERS, seats=2)
    candidates = list(election.candidates.order_by("pk"))
    order = []
    for index in range(VOTERS):
        association = factories.association()
        picks = {candidates[index].pk, candidates[(index + 1) % VOTERS].pk}
        services.ballot_cast(
            election=election,
            association=association,
            candidates=[c for c in candidates if c.pk in picks],
            user=None,
        )
        order.append((association.pk, frozenset(picks)))
    return election, order


def _ballots(election, order_by):
    """The ballots' contents in the order of `order_by` (a column or system column)."""
    rows = _rows(
        f"""
        SELECT b.{order_by}, array_agg(c.candidate_id)
        FROM folgegruppe_ballot b JOIN folgegruppe_ballotchoice c ON c.ballot_id = b.id
        WHERE b.election_id = %s GROUP BY b.id, b.{order_by} ORDER BY b.{order_by}
        """,  # noqa: S608 - order_by is one of the fixed names below
        [election.pk],
    )
    return [frozenset(picks) for _key, picks in rows]


def test_neither_key_order_nor_row_order_follows_the_order_of_voting(cast_in_order):
    election, order = cast_in_order
    voted = [picks for _association, picks in order]
    assert sorted(map(sorted, _ballots(election, "id"))) == sorted(map(sorted, voted))
    # A random order equals the voting order once in 8! = 40,320 runs.
    assert _ballots(election, "id") != voted
    assert _ballots(election, "ctid") != voted


def test_every_ballot_carries_the_same_transaction_id_so_xmin_links_no_voter(cast_in_order):
    election, _order = cast_in_order
    ballot_xmins = {
        row[0]
        for row in _rows(
            "SELECT xmin::text FROM folgegruppe_ballot WHERE election_id = %s", [election.pk]
        )
    }
    choice_xmins = {
        row[0]
        for row in _rows(
            "SELECT c.xmin::text FROM folgegruppe_ballotchoice c "
            "JOIN folgegruppe_ballot b ON b.id = c.ballot_id WHERE b.election_id = %s",
            [election.pk],
        )
    }
    voter_xmins = [
        row[0]
        for row in _rows(
            "SELECT xmin::text FROM folgegruppe_voterrecord WHERE election_id = %s", [election.pk]
        )
    ]
    assert len(voter_xmins) == len(set(voter_xmins)) == VOTERS
    # All ballots were rewritten by the last vote: its voter shares the id with every ballot.
    assert len(ballot_xmins) == 1
    assert choice_xmins == ballot_xmins
    assert sum(xmin in ballot_xmins for xmin in voter_xmins) == 1


def test_no_column_joins_a_ballot_to_a_voter(cast_in_order):
    election, _order = cast_in_order
    ballot_values = {
        str(value)
        for row in _rows(
            "SELECT b.id, c.id FROM folgegruppe_ballot b "
            "JOIN folgegruppe_ballotchoice c ON c.ballot_id = b.id WHERE b.election_id = %s",
            [election.pk],
        )
        for value in row
    }
    voter_values = {
        str(value)
        for row in _rows(
            "SELECT id, association_id FROM folgegruppe_voterrecord WHERE election_id = %s",
            [election.pk],
        )
        for value in row
    }
    assert not ballot_values & voter_values
