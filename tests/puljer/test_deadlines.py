"""No submission after the deadline: 23:59:59 Copenhagen time is in time, 00:00:00 is not."""

import datetime
from zoneinfo import ZoneInfo

import pytest

from puljer import services
from puljer.models import Round, Status
from puljer.workflow import ApplicationError
from tests import factories
from tests.puljer.conftest import complete_draft, pool

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def at(*parts):
    return datetime.datetime(*parts, tzinfo=COPENHAGEN)


# 25 October 2026 is the night summer time ends; 29 March 2026 the night it begins.
@pytest.mark.parametrize("deadline", ["2026-10-24", "2026-10-25", "2026-03-28", "2026-03-29"])
def test_the_last_second_of_the_deadline_day_is_in_time_and_midnight_is_not(faaborg, deadline):
    day = datetime.date.fromisoformat(deadline)
    round_ = Round(pool=pool(), title="R", opens_on=day - datetime.timedelta(days=30), deadline=day)
    assert round_.is_open(at(day.year, day.month, day.day, 23, 59, 59))
    next_day = day + datetime.timedelta(days=1)
    assert not round_.is_open(at(next_day.year, next_day.month, next_day.day, 0, 0, 0))


def test_the_closing_moment_follows_the_change_to_winter_time(faaborg):
    round_ = Round(
        pool=pool(), opens_on=datetime.date(2026, 10, 1), deadline=datetime.date(2026, 10, 25)
    )
    # After the clocks go back Copenhagen is UTC+1, so midnight is 23:00 UTC.
    assert round_.closes_at == datetime.datetime(2026, 10, 25, 23, 0, tzinfo=datetime.UTC)


def test_a_round_opens_at_midnight_of_its_first_day(faaborg):
    round_ = Round(
        pool=pool(), opens_on=datetime.date(2026, 3, 29), deadline=datetime.date(2026, 4, 30)
    )
    assert not round_.is_open(at(2026, 3, 28, 23, 59, 59))
    assert round_.is_open(at(2026, 3, 29, 0, 0, 0))


@pytest.mark.parametrize(
    ("second", "accepted"),
    [(at(2026, 10, 25, 23, 59, 59), True), (at(2026, 10, 26, 0, 0, 0), False)],
)
def test_submission_is_refused_after_the_deadline(faaborg, alice, second, accepted):
    club = factories.association(members=[alice])
    round_ = Round.objects.create(
        pool=pool(),
        title="R",
        opens_on=datetime.date(2026, 10, 1),
        deadline=datetime.date(2026, 10, 25),
    )
    application = complete_draft(club, round_)
    if accepted:
        services.application_submit(application=application, user=alice, now=second)
        application.refresh_from_db()
        assert application.status == Status.SUBMITTED
    else:
        with pytest.raises(ApplicationError, match="Fristen er overskredet"):
            services.application_submit(application=application, user=alice, now=second)
        application.refresh_from_db()
        assert application.status == Status.DRAFT
        assert application.reference == ""
