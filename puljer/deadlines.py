"""Rounds open and close at midnight Copenhagen time; every deadline check goes through here."""

import datetime
from zoneinfo import ZoneInfo

from django.utils import timezone

COPENHAGEN = ZoneInfo("Europe/Copenhagen")


def local_midnight(day):
    return datetime.datetime.combine(day, datetime.time.min, tzinfo=COPENHAGEN)


def round_opens_at(round_):
    return local_midnight(round_.opens_on)


def round_closes_at(round_):
    """The first moment after the deadline day: 00:00 the next day, whatever the DST offset."""
    return local_midnight(round_.deadline + datetime.timedelta(days=1))


def round_is_open(round_, now=None):
    now = now or timezone.now()
    return round_opens_at(round_) <= now < round_closes_at(round_)
