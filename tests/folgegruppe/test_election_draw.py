"""A drawing of lots on the results page: explained in plain words, checkable with a file."""

import random

import pytest
from django.urls import reverse

from folgegruppe import services
from tests import factories


@pytest.fixture
def drawn(faaborg, consultant):
    """A published election of one seat where two of three candidates tied with a vote each."""
    election = factories.voting_election(seats=1, candidates=3)
    first, second, _third = election.candidates.order_by("pk")
    for candidate in (first, second):
        association = factories.association()
        services.ballot_cast(
            election=election, association=association, candidates=[candidate], user=None
        )
    services.election_close(election=election, user=consultant)
    services.election_publish(election=election, user=consultant)
    return election


def test_the_results_page_explains_the_draw_without_code(client, drawn):
    page = client.get(reverse("folgegruppe:results", args=[drawn.pk])).content.decode()
    assert "random.Random" not in page
    assert "shuffle" not in page
    assert f'href="/foelgegruppe/valg/{drawn.pk}/lodtraekning.json"' in page


def test_the_verification_file_repeats_the_draw(client, drawn):
    response = client.get(reverse("folgegruppe:draw_file", args=[drawn.pk]))
    assert response["Content-Disposition"] == (
        f'attachment; filename="lodtraekning-{drawn.pk}.json"'
    )
    data = response.json()
    numbers = [candidate["number"] for candidate in data["tied_candidates"]]
    assert len(numbers) == 2
    random.Random(data["seed"]).shuffle(numbers)  # noqa: S311 - the draw as the file describes it
    assert numbers == [candidate["number"] for candidate in data["order_drawn"]]


def test_an_election_without_a_draw_has_no_verification_file(client, faaborg, consultant):
    election = factories.voting_election(seats=3, candidates=2)
    services.election_close(election=election, user=consultant)
    services.election_publish(election=election, user=consultant)
    response = client.get(reverse("folgegruppe:draw_file", args=[election.pk]))
    assert response.status_code == 404
