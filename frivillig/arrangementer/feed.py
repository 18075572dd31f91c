"""The events as entries of an iCalendar feed; the follow-up group's feed lists them with its
meetings (folgegruppe.views.calendar_feed)."""

from frivillig.arrangementer import ical


def event_entries(request, events, *, host):
    return [
        ical.Entry(
            uid=f"event-{event.pk}@{host}",
            summary=event.title,
            starts_at=event.starts_at,
            ends_at=event.ends_at,
            location=event.place,
            description=event.description,
            url=request.build_absolute_uri(event.get_absolute_url()),
        )
        for event in events
    ]
