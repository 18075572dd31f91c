"""Is it open? One rule for every window in the portal: rounds, voting, proposals, sign-up, jobs.

A window is open from its start, inclusive, until its end, exclusive: ``start <= now < end``; a
missing bound is unbounded. Moments are aware datetimes (compared in UTC, whatever their zone). A
deadline given as a calendar day runs to the end of that day in Copenhagen.
"""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def _aware(moment, name):
    if not isinstance(moment, datetime.datetime):
        raise TypeError(
            f"{name} must be a datetime, not {type(moment).__name__}: "
            "use start_of_day() or end_of_day() for a calendar day"
        )
    if timezone.is_naive(moment):
        raise ValueError(f"{name} must be an aware datetime, not the naive {moment.isoformat()}")
    return moment


def _now(now):
    return timezone.now() if now is None else _aware(now, "now")


def window_open(start, end, *, now=None):
    """True when ``start <= now < end``; a bound that is None does not limit the window."""
    now = _now(now)
    return (start is None or _aware(start, "start") <= now) and (
        end is None or now < _aware(end, "end")
    )


def has_passed(moment, *, now=None):
    """True from the moment on: a deadline has passed exactly when its window has closed."""
    return not window_open(None, moment, now=now)


def _day(day):
    if isinstance(day, datetime.datetime) or not isinstance(day, datetime.date):
        raise TypeError(f"a calendar day must be a date, not {type(day).__name__}")
    return day


def start_of_day(day):
    """Midnight at the start of the day in Copenhagen."""
    return datetime.datetime.combine(_day(day), datetime.time.min, tzinfo=COPENHAGEN)


def end_of_day(day):
    """The first moment after the day: the next midnight in Copenhagen, whatever the DST offset."""
    return start_of_day(_day(day) + datetime.timedelta(days=1))


def days_open(first_day, last_day, *, now=None):
    """Open from the start of the first day through the whole last day (None: unbounded)."""
    return window_open(
        None if first_day is None else start_of_day(first_day),
        None if last_day is None else end_of_day(last_day),
        now=now,
    )


def today(*, now=None):
    """The calendar day in Copenhagen, whichever time zone is active."""
    return timezone.localtime(_now(now), COPENHAGEN).date()
