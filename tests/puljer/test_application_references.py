"""A submitted application's reference: the pool's next number, never one already taken."""

from puljer import services
from tests.puljer.conftest import complete_draft


def test_a_deleted_application_leaves_a_gap_that_the_next_number_does_not_fill(
    club_a, round_18, alice
):
    year = round_18.pool.year
    for number in ("0001", "0003"):
        complete_draft(club_a, round_18, status="submitted", reference=f"{year}-S18-{number}")
    application = services.application_submit(
        application=complete_draft(club_a, round_18), user=alice
    )
    assert application.reference == f"{year}-S18-0004"
