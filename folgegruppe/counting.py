"""Counting an election's ballots: plain Python over plain data, so anyone can re-run it.

Each ballot names up to the allowed number of different candidates (none: a blank ballot), and
each name is one vote. The candidates with the most votes take the seats; a candidate needs at
least one vote and must still be on the ballot (consented, not withdrawn) to be elected, while
the votes for a withdrawn candidate are still counted and shown. When candidates tie for the
last seats, lots are drawn: the tied candidates, sorted by id, are shuffled with
`random.Random(seed).shuffle`, and the first in the shuffled order take the remaining seats.
The same ballots and the same seed always give the same result.
"""

import random
from collections import Counter
from dataclasses import dataclass


@dataclass(frozen=True)
class Count:
    votes: dict  # candidate id -> votes, for every candidate
    elected: list  # candidate ids in the order they took the seats
    tied: list  # ids tied for the last seats in the order the draw starts from; [] if no draw
    drawn: list  # the tied ids in the drawn order
    seed: int
    ballots_cast: int
    blank_ballots: int

    @property
    def total_votes(self):
        return sum(self.votes.values())

    @property
    def by_lot(self):
        """The elected who got their seat by the draw."""
        return [pk for pk in self.elected if pk in self.drawn]


def tally(*, ballots, candidates, seats, seed):
    """Count `ballots` (collections of candidate ids) for `seats` seats.

    `candidates` maps every candidate id of the election to whether the candidate can be
    elected (is still on the ballot).
    """
    ballots = [tuple(ballot) for ballot in ballots]
    votes = Counter(dict.fromkeys(candidates, 0))
    for ballot in ballots:
        votes.update(set(ballot))
    ranked = sorted(
        (pk for pk, electable in candidates.items() if electable and votes[pk] > 0),
        key=lambda pk: (-votes[pk], pk),
    )
    tied, drawn = [], []
    if len(ranked) <= seats:
        elected = ranked
    else:
        cutoff = votes[ranked[seats - 1]]
        above = [pk for pk in ranked if votes[pk] > cutoff]
        at_cutoff = sorted(pk for pk in ranked if votes[pk] == cutoff)
        remaining = seats - len(above)
        if len(at_cutoff) == remaining:
            elected = above + at_cutoff
        else:
            tied = at_cutoff
            drawn = list(tied)
            random.Random(seed).shuffle(drawn)  # noqa: S311 - a reproducible draw, not a secret
            elected = above + drawn[:remaining]
    return Count(
        votes=dict(votes),
        elected=elected,
        tied=tied,
        drawn=drawn,
        seed=seed,
        ballots_cast=len(ballots),
        blank_ballots=sum(1 for ballot in ballots if not ballot),
    )
