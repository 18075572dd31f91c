"""The demo seed: the group's seats, a held election, this year's meetings."""

import io

from django.core.management import call_command
from django.utils import timezone

from folgegruppe import demo
from folgegruppe.models import Election, GroupSeat, Meeting
from folgegruppe.selectors import meeting_year_check


def _tables():
    return [
        list(model.objects.order_by("pk").values_list("pk", flat=True))
        for model in (GroupSeat, Election, Meeting)
    ]


def test_the_demo_holds_an_election_and_plans_a_year_that_keeps_the_rule(faaborg):
    call_command("seed_demo", stdout=io.StringIO())
    past = Election.objects.get(status=Election.Status.PUBLISHED)
    assert past.result.ballots_cast == 12
    assert past.result.lines.filter(elected=True).count() == past.seats
    assert GroupSeat.objects.filter(candidate__election=past).count() == past.seats
    assert all(seat.is_current() for seat in GroupSeat.objects.all())
    assert not GroupSeat.objects.filter(fixed=True, person_name="").exists()
    assert Meeting.objects.filter(starts_at__year=timezone.localdate().year).count() == 4
    assert meeting_year_check(timezone.localdate().year) == []
    before = _tables()
    assert demo.seed().startswith("Demo group:")
    assert _tables() == before


def test_the_demo_leaves_another_municipality_alone(toender):
    assert demo.seed().startswith("Demo group skipped")
    assert not Election.objects.exists()
