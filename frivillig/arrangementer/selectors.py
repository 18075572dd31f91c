"""Reads for events: the calendar, the archive, workshops' questions, sign-ups and the feed."""

import datetime

from django.db.models import Q, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from foreninger.models import Association
from foreninger.selectors import associations_of
from frivillig.arrangementer.models import Event, EventRegistration, RecurringEvent


def _start_of_today():
    """Midnight in Copenhagen: an event counts as upcoming for the whole day it ends on."""
    return datetime.datetime.combine(
        timezone.localdate(), datetime.time.min, tzinfo=timezone.get_current_timezone()
    )


def _events(*, kind="", region=None):
    events = Event.objects.select_related("region").annotate(
        last_moment=Coalesce("ends_at", "starts_at")
    )
    if kind:
        events = events.filter(kind=kind)
    if region is not None:
        # Events for the whole municipality concern every region.
        events = events.filter(Q(region=region) | Q(region__isnull=True))
    return events


def events_upcoming(*, kind="", region=None):
    """Events that have not ended before today, soonest first."""
    return _events(kind=kind, region=region).filter(last_moment__gte=_start_of_today())


def event_archive_years():
    """The years, newest first, in which events took place that are now over."""
    past = Event.objects.annotate(last_moment=Coalesce("ends_at", "starts_at")).filter(
        last_moment__lt=_start_of_today()
    )
    return [moment.year for moment in past.datetimes("starts_at", "year", order="DESC")]


def events_past_in_year(year, *, kind="", region=None):
    """The events of a year that are over, latest first."""
    return (
        _events(kind=kind, region=region)
        .filter(starts_at__year=year, last_moment__lt=_start_of_today())
        .order_by("-starts_at", "title")
    )


def events_undated(*, kind="", region=None):
    """Events without a fixed date (a date in words only), by title: neither coming nor past."""
    return _events(kind=kind, region=region).filter(starts_at__isnull=True).order_by("title")


def event_detail(slug):
    return Event.objects.select_related("region").filter(slug=slug).first()


def workshop_questions(event):
    return event.questions.order_by("order", "pk")


def events_since(since):
    """The dated events from `since` on, for the calendar feed."""
    return Event.objects.filter(starts_at__gte=since).order_by("starts_at")


def recurring_events():
    return RecurringEvent.objects.order_by("order", "name")


def places_taken(event):
    return event.registrations.aggregate(total=Sum("attendees"))["total"] or 0


def places_left(event):
    """Places still free at the event; None when it has no limit."""
    if event.capacity is None:
        return None
    return max(event.capacity - places_taken(event), 0)


def approved_associations_of(user):
    """The approved associations the user may sign up."""
    if not user.is_authenticated:
        return Association.objects.none()
    return associations_of(user).filter(status=Association.Status.APPROVED)


def registrations_of(user, event):
    """The sign-ups for the event by the associations the user acts for."""
    return (
        EventRegistration.objects.filter(event=event, association__memberships__user=user)
        .select_related("association")
        .order_by("association__name")
    )
