"""The events as entries of an iCalendar feed; the follow-up group's feed lists them with its
meetings (folgegruppe.views.calendar_feed)."""

from urllib.parse import urlsplit

from django.http import HttpResponse
from django.utils import timezone

from frivillig.arrangementer import ical
from frivillig.mail import absolute_url


def host_of(request):
    return request.get_host().split(":")[0]


def ics_response(request, *, name, entries, filename, attachment=False):
    """An iCalendar file of `entries`: a feed to subscribe to, or (`attachment`) one event to
    add to a calendar."""
    body = _calendar(name=name, entries=entries, host=host_of(request))
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    disposition = "attachment" if attachment else "inline"
    response["Content-Disposition"] = f'{disposition}; filename="{filename}"'
    return response


def _calendar(*, name, entries, host):
    return ical.calendar(
        name=name,
        entries=sorted(entries, key=lambda entry: entry.starts_at),
        prodid=f"-//{host}//Frivilligportalen//DA",
        now=timezone.now(),
    )


def _event_entry(event, *, host, url):
    return ical.Entry(
        uid=f"event-{event.pk}@{host}",
        summary=event.title,
        starts_at=event.starts_at,
        ends_at=event.ends_at,
        location=event.place,
        description=event.description,
        url=url,
    )


def event_entries(request, events, *, host):
    return [
        _event_entry(event, host=host, url=request.build_absolute_uri(event.get_absolute_url()))
        for event in events
    ]


def event_file(event):
    """One dated event as the text of an .ics file, for an e-mail (no request: the links go to
    SITE_URL). The same UID as the event's entry in the feed, so calendars see one event."""
    url = absolute_url(event.get_absolute_url())
    host = urlsplit(url).hostname or ""
    return _calendar(name=event.title, entries=[_event_entry(event, host=host, url=url)], host=host)
