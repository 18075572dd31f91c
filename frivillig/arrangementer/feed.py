"""The events as entries of an iCalendar feed; the follow-up group's feed lists them with its
meetings (folgegruppe.views.calendar_feed)."""

from django.http import HttpResponse
from django.utils import timezone

from frivillig.arrangementer import ical


def host_of(request):
    return request.get_host().split(":")[0]


def ics_response(request, *, name, entries, filename, attachment=False):
    """An iCalendar file of `entries`: a feed to subscribe to, or (`attachment`) one event to
    add to a calendar."""
    host = host_of(request)
    body = ical.calendar(
        name=name,
        entries=sorted(entries, key=lambda entry: entry.starts_at),
        prodid=f"-//{host}//Frivilligportalen//DA",
        now=timezone.now(),
    )
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


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
