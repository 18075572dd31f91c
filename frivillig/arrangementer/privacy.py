"""An association's event sign-ups, for its data export and its anonymisation
(foreninger's `association_export_sections` and `association_anonymise_hooks`)."""

from frivillig.arrangementer.models import EventRegistration


def association_event_data(association):
    """The association's event sign-ups (export hook)."""
    registrations = EventRegistration.objects.filter(association=association).select_related(
        "event", "registered_by"
    )
    return {
        "event_registrations": [
            {
                "event": registration.event.title,
                "starts_at": registration.event.starts_at,
                "attendees": registration.attendees,
                "note": registration.note,
                "registered_by": registration.registered_by.email
                if registration.registered_by
                else None,
                "created_at": registration.created_at,
            }
            for registration in registrations
        ],
    }


def association_events_anonymise(association):
    """Anonymise hook: the sign-ups stay for the municipality's counts, without their notes or
    the members who made them."""
    registrations = EventRegistration.objects.filter(association=association)
    registrations.update(note="")
    registrations.exclude(registered_by__is_staff=True).update(registered_by=None)
