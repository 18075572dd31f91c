"""Writes for events: the associations' sign-up (workshop input is in workshops.py)."""

from django.db import transaction
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from foreninger.models import Association
from frivillig.arrangementer import feed
from frivillig.arrangementer.models import Event, EventRegistration
from frivillig.mail import absolute_url, send_templated


class RegistrationError(Exception):
    """A sign-up for an event broke a rule; the message is for the user."""


def registration_open(event, now=None):
    """Whether the event takes sign-ups; the same rule as its badge (Event.registration_open_at)."""
    return event.registration_open_at(now)


@transaction.atomic
def event_register(*, event, association, attendees, user, note=""):
    """Sign an approved association up for an event, or change its number of people.

    The event row is locked, so two sign-ups at the same moment cannot both take the last
    places.
    """
    event = Event.objects.select_for_update().get(pk=event.pk)
    if not registration_open(event):
        raise RegistrationError(_("Sign-up for this event is closed."))
    if association.status != Association.Status.APPROVED:
        raise RegistrationError(_("Only approved associations can sign up."))
    if attendees < 1:
        raise RegistrationError(_("At least one person must come."))
    if event.capacity is not None:
        taken = (
            event.registrations.exclude(association=association).aggregate(total=Sum("attendees"))[
                "total"
            ]
            or 0
        )
        if taken + attendees > event.capacity:
            raise RegistrationError(
                _("Only %(left)d places are left.") % {"left": max(event.capacity - taken, 0)}
            )
    registration, _created = EventRegistration.objects.update_or_create(
        event=event,
        association=association,
        defaults={"attendees": attendees, "note": note.strip(), "registered_by": user},
    )
    # A confirmation to the person and the association, with the event for their calendar.
    send_templated(
        template="arrangementer/email/signup_confirmation.txt",
        context={
            "event": event,
            "registration": registration,
            "url": absolute_url(reverse("folgegruppe:event_signup", args=[event.slug])),
        },
        to=sorted({association.email, getattr(user, "email", "")} - {""}),
        attachments=[(f"{event.slug}.ics", feed.event_file(event), "text/calendar")]
        if event.starts_at
        else [],
    )
    return registration


@transaction.atomic
def event_registration_cancel(*, registration):
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    if not registration_open(event):
        raise RegistrationError(
            _("The sign-up deadline has passed. Contact the municipality to cancel.")
        )
    registration.delete()
