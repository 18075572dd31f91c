"""The one rule for "is it open?": start <= now < end, Copenhagen calendar days, DST included."""

import datetime
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from frivillig.timewindow import (
    days_open,
    end_of_day,
    has_passed,
    start_of_day,
    today,
    window_open,
)

UTC = datetime.UTC
CPH = ZoneInfo("Europe/Copenhagen")
START = datetime.datetime(2026, 5, 1, 10, 0, tzinfo=UTC)
END = datetime.datetime(2026, 5, 8, 10, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    ("start", "end", "now", "expected"),
    [
        (START, END, datetime.datetime(2026, 5, 1, 9, 59, 59, 999999, tzinfo=UTC), False),
        (START, END, datetime.datetime(2026, 5, 1, 10, 0, tzinfo=UTC), True),
        (START, END, datetime.datetime(2026, 5, 4, 12, 0, tzinfo=UTC), True),
        (START, END, datetime.datetime(2026, 5, 8, 9, 59, 59, 999999, tzinfo=UTC), True),
        (START, END, datetime.datetime(2026, 5, 8, 10, 0, tzinfo=UTC), False),
        (None, END, datetime.datetime(1900, 1, 1, tzinfo=UTC), True),
        (None, END, datetime.datetime(2026, 5, 8, 10, 0, tzinfo=UTC), False),
        (START, None, datetime.datetime(2026, 5, 1, 9, 59, 59, 999999, tzinfo=UTC), False),
        (START, None, datetime.datetime(9999, 1, 1, tzinfo=UTC), True),
        (None, None, datetime.datetime(2026, 5, 1, tzinfo=UTC), True),
        # The same instant written in Copenhagen summer time (UTC+2).
        (START, END, datetime.datetime(2026, 5, 1, 11, 59, 59, 999999, tzinfo=CPH), False),
        (START, END, datetime.datetime(2026, 5, 1, 12, 0, tzinfo=CPH), True),
        (START, END, datetime.datetime(2026, 5, 8, 12, 0, tzinfo=CPH), False),
        # An empty window is never open.
        (START, START, datetime.datetime(2026, 5, 1, 10, 0, tzinfo=UTC), False),
    ],
)
def test_a_window_is_open_from_its_start_until_just_before_its_end(start, end, now, expected):
    assert window_open(start, end, now=now) is expected


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime.datetime(2026, 5, 8, 9, 59, 59, 999999, tzinfo=UTC), False),
        (datetime.datetime(2026, 5, 8, 10, 0, tzinfo=UTC), True),
        (datetime.datetime(2026, 5, 8, 10, 0, 0, 1, tzinfo=UTC), True),
    ],
)
def test_a_deadline_has_passed_from_its_own_moment_on(now, expected):
    assert has_passed(END, now=now) is expected


def test_without_now_the_window_is_judged_at_the_current_moment():
    an_hour = datetime.timedelta(hours=1)
    assert window_open(timezone.now() - an_hour, timezone.now() + an_hour)
    assert not window_open(None, timezone.now() - an_hour)


@pytest.mark.parametrize(
    ("start", "end", "now", "name"),
    [
        (datetime.datetime(2026, 5, 1, 10, 0), END, START, "start"),
        (START, datetime.datetime(2026, 5, 8, 10, 0), START, "end"),
        (START, END, datetime.datetime(2026, 5, 4, 12, 0), "now"),
    ],
)
def test_a_naive_moment_is_refused(start, end, now, name):
    with pytest.raises(ValueError, match=f"^{name} must be an aware datetime"):
        window_open(start, end, now=now)


def test_a_calendar_day_as_a_bound_is_refused():
    with pytest.raises(TypeError, match=r"^end must be a datetime, not date: use start_of_day"):
        window_open(START, datetime.date(2026, 5, 8), now=START)


def test_a_moment_given_as_a_calendar_day_is_refused():
    with pytest.raises(TypeError, match=r"^a calendar day must be a date, not datetime$"):
        end_of_day(START)


# 29 March 2026 the clocks go forward (UTC+1 → UTC+2), 25 October 2026 back (UTC+2 → UTC+1).
@pytest.mark.parametrize(
    ("day", "start", "end"),
    [
        ("2026-03-28", "2026-03-27 23:00", "2026-03-28 23:00"),
        ("2026-03-29", "2026-03-28 23:00", "2026-03-29 22:00"),
        ("2026-03-30", "2026-03-29 22:00", "2026-03-30 22:00"),
        ("2026-10-24", "2026-10-23 22:00", "2026-10-24 22:00"),
        ("2026-10-25", "2026-10-24 22:00", "2026-10-25 23:00"),
        ("2026-10-26", "2026-10-25 23:00", "2026-10-26 23:00"),
    ],
)
def test_a_day_runs_from_midnight_to_midnight_in_copenhagen(day, start, end):
    day = datetime.date.fromisoformat(day)
    utc = "%Y-%m-%d %H:%M"
    assert start_of_day(day).astimezone(UTC).strftime(utc) == start
    assert end_of_day(day).astimezone(UTC).strftime(utc) == end


@pytest.mark.parametrize(
    ("last_day", "now", "expected"),
    [
        ("2026-03-29", datetime.datetime(2026, 3, 29, 21, 59, 59, 999999, tzinfo=UTC), True),
        ("2026-03-29", datetime.datetime(2026, 3, 29, 22, 0, tzinfo=UTC), False),
        ("2026-03-29", datetime.datetime(2026, 3, 29, 23, 59, 59, tzinfo=CPH), True),
        ("2026-10-25", datetime.datetime(2026, 10, 25, 22, 59, 59, 999999, tzinfo=UTC), True),
        ("2026-10-25", datetime.datetime(2026, 10, 25, 23, 0, tzinfo=UTC), False),
        ("2026-10-25", datetime.datetime(2026, 10, 26, 0, 0, tzinfo=CPH), False),
    ],
)
def test_a_deadline_day_lasts_until_local_midnight(last_day, now, expected):
    last_day = datetime.date.fromisoformat(last_day)
    assert days_open(datetime.date(2026, 3, 1), last_day, now=now) is expected


@pytest.mark.parametrize(
    ("first_day", "last_day", "now", "expected"),
    [
        ("2026-03-29", None, datetime.datetime(2026, 3, 28, 22, 59, 59, 999999, tzinfo=UTC), False),
        ("2026-03-29", None, datetime.datetime(2026, 3, 28, 23, 0, tzinfo=UTC), True),
        (
            "2026-10-25",
            None,
            datetime.datetime(2026, 10, 24, 21, 59, 59, 999999, tzinfo=UTC),
            False,
        ),
        ("2026-10-25", None, datetime.datetime(2026, 10, 24, 22, 0, tzinfo=UTC), True),
        (None, None, datetime.datetime(2026, 10, 24, 22, 0, tzinfo=UTC), True),
    ],
)
def test_a_first_day_opens_at_local_midnight(first_day, last_day, now, expected):
    first_day = first_day and datetime.date.fromisoformat(first_day)
    assert days_open(first_day, last_day, now=now) is expected


@pytest.mark.parametrize(
    ("now", "expected"),
    [
        (datetime.datetime(2026, 3, 28, 22, 59, 59, tzinfo=UTC), "2026-03-28"),
        (datetime.datetime(2026, 3, 28, 23, 0, tzinfo=UTC), "2026-03-29"),
        (datetime.datetime(2026, 10, 25, 21, 59, 59, tzinfo=UTC), "2026-10-25"),
        (datetime.datetime(2026, 10, 25, 22, 59, 59, tzinfo=UTC), "2026-10-25"),
        (datetime.datetime(2026, 10, 25, 23, 0, tzinfo=UTC), "2026-10-26"),
    ],
)
def test_today_is_the_calendar_day_in_copenhagen(now, expected):
    assert today(now=now).isoformat() == expected


def test_today_ignores_the_active_time_zone():
    now = datetime.datetime(2026, 3, 28, 23, 30, tzinfo=UTC)
    with timezone.override(ZoneInfo("America/New_York")):
        assert today(now=now).isoformat() == "2026-03-29"
