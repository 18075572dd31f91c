"""The count: majorities, ties settled by lots, blank ballots and withdrawn candidates."""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from folgegruppe.counting import tally

A, B, C, D = 1, 2, 3, 4
EVERYONE = {A: True, B: True, C: True, D: True}


def test_the_candidates_with_most_votes_take_the_seats_without_a_draw():
    count = tally(ballots=[(A, B), (A, B), (A, C)], candidates=EVERYONE, seats=2, seed=7)
    assert count.votes == {A: 3, B: 2, C: 1, D: 0}
    assert count.elected == [A, B]
    assert count.tied == count.drawn == []
    assert count.by_lot == []


def test_a_tie_for_the_last_seat_is_drawn_and_the_same_seed_gives_the_same_draw():
    ballots = [(A, B), (A, C), (A, D)]
    first = tally(ballots=ballots, candidates=EVERYONE, seats=2, seed=2024)
    again = tally(ballots=ballots, candidates=EVERYONE, seats=2, seed=2024)
    assert first == again
    assert first.elected[0] == A
    assert first.tied == [B, C, D]
    assert sorted(first.drawn) == [B, C, D]
    assert first.elected[1] == first.drawn[0]
    assert first.by_lot == [first.drawn[0]]


def test_other_seeds_can_draw_other_winners():
    ballots = [(A, B), (A, C), (A, D)]
    winners = {
        tally(ballots=ballots, candidates=EVERYONE, seats=2, seed=seed).elected[1]
        for seed in range(50)
    }
    assert winners == {B, C, D}


def test_the_draw_is_the_documented_shuffle_of_the_tied_ids():
    count = tally(ballots=[(A, B), (A, C), (A, D)], candidates=EVERYONE, seats=2, seed=99)
    expected = [B, C, D]
    random.Random(99).shuffle(expected)  # noqa: S311
    assert count.drawn == expected


def test_no_draw_when_the_tied_candidates_fit_the_remaining_seats():
    count = tally(ballots=[(A, B), (A, C)], candidates=EVERYONE, seats=3, seed=1)
    assert count.elected == [A, B, C]
    assert count.tied == []


def test_blank_ballots_count_as_cast_and_give_no_votes():
    count = tally(ballots=[(), (A,), ()], candidates=EVERYONE, seats=2, seed=1)
    assert count.ballots_cast == 3
    assert count.blank_ballots == 2
    assert count.total_votes == 1
    assert count.elected == [A]


def test_nobody_is_elected_without_a_vote():
    count = tally(ballots=[(), ()], candidates=EVERYONE, seats=2, seed=1)
    assert count.elected == []


def test_a_withdrawn_candidate_keeps_the_votes_but_not_the_seat():
    candidates = {A: True, B: False, C: True}
    count = tally(ballots=[(A, B), (B, C), (B,)], candidates=candidates, seats=2, seed=1)
    assert count.votes[B] == 3
    assert count.elected == [A, C]
    assert count.total_votes == 5


def test_a_withdrawn_candidate_takes_no_part_in_a_draw():
    candidates = {A: True, B: False, C: True, D: True}
    count = tally(ballots=[(A, B), (A, C), (A, D)], candidates=candidates, seats=2, seed=3)
    assert count.tied == [C, D]


ids = st.integers(min_value=1, max_value=8)
elections = st.fixed_dictionaries(
    {
        "ballots": st.lists(st.sets(ids, max_size=4).map(sorted), max_size=60),
        "candidates": st.sets(ids).map(
            lambda withdrawn: {pk: pk not in withdrawn for pk in range(1, 9)}
        ),
        "seats": st.integers(min_value=1, max_value=5),
        "seed": st.integers(min_value=0, max_value=2**63 - 1),
    }
)


# No example database: it would write a .hypothesis folder into the work tree.
@settings(database=None)
@given(elections)
def test_the_counted_votes_add_up_to_the_votes_cast(election):
    count = tally(**election)
    ballots = election["ballots"]
    assert count.total_votes == sum(len(ballot) for ballot in ballots)
    assert count.ballots_cast == len(ballots)
    assert count.blank_ballots == sum(1 for ballot in ballots if not ballot)


@settings(database=None)
@given(elections)
def test_the_elected_fill_at_most_the_seats_and_outpoll_the_rest(election):
    count = tally(**election)
    candidates = election["candidates"]
    assert len(count.elected) == len(set(count.elected)) <= election["seats"]
    assert all(candidates[pk] and count.votes[pk] > 0 for pk in count.elected)
    losers = [pk for pk in candidates if candidates[pk] and pk not in count.elected]
    if count.elected and losers:
        assert min(count.votes[pk] for pk in count.elected) >= max(count.votes[pk] for pk in losers)
    assert count == tally(**election)
