"""The iCalendar feed (RFC 5545) of the group's meetings and the municipality's events."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from frivillig.arrangementer import ical
from frivillig.arrangementer.models import Event
from tests import factories

URL = reverse("folgegruppe:calendar")


def _unfold(body):
    """The content lines, with folded continuation lines joined again (RFC 5545 3.1)."""
    assert body.endswith("\r\n")
    physical = body[:-2].split("\r\n")
    assert all("\n" not in line and "\r" not in line for line in physical)
    assert all(len(line.encode()) <= 75 for line in physical)
    lines = []
    for line in physical:
        if line.startswith(" "):
            lines[-1] += line[1:]
        else:
            lines.append(line)
    return lines


def _components(lines):
    """Each VEVENT as a dict of its properties; checks that BEGIN and END nest."""
    stack, events = [], []
    for line in lines:
        name, _sep, value = line.partition(":")
        if name == "BEGIN":
            stack.append(value)
            if value == "VEVENT":
                events.append({})
        elif name == "END":
            assert stack.pop() == value
        elif stack[-1] == "VEVENT":
            events[-1][name] = value
    assert stack == []
    return events


@pytest.fixture
def feed_data(faaborg):
    meeting = factories.meeting(
        starts_at=datetime(2030, 3, 5, 15, 0, tzinfo=UTC),
        ends_at=datetime(2030, 3, 5, 17, 0, tzinfo=UTC),
        place="Rådhuset, Faaborg; mødelokale 2",
        agenda="- Velkomst\n- Nytårskuren, evaluering",
    )
    cancelled = factories.meeting(cancelled=True)
    event = Event.objects.create(
        title="Frivillig Social Nytårskur",
        slug="nytaarskur-2031",
        kind=Event.Kind.NYTAARSKUR,
        starts_at=datetime(2031, 2, 7, 17, 0, tzinfo=UTC),
        place="Borgernes Hus",
        description="Æ ø å " * 40,
    )
    return meeting, cancelled, event


def test_the_feed_is_a_valid_calendar_with_meetings_and_events(client, feed_data):
    meeting, cancelled, event = feed_data
    response = client.get(URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    lines = _unfold(response.content.decode("utf-8"))
    assert lines[:2] == ["BEGIN:VCALENDAR", "VERSION:2.0"]
    assert any(line.startswith("PRODID:") for line in lines)
    events = {entry["UID"]: entry for entry in _components(lines)}
    assert set(events) == {
        f"meeting-{meeting.pk}@testserver",
        f"meeting-{cancelled.pk}@testserver",
        f"event-{event.pk}@testserver",
    }
    for entry in events.values():
        assert {"UID", "DTSTAMP", "DTSTART", "SUMMARY"} <= set(entry)
        assert entry["DTSTAMP"].endswith("Z")
    first = events[f"meeting-{meeting.pk}@testserver"]
    assert (first["DTSTART"], first["DTEND"]) == ("20300305T150000Z", "20300305T170000Z")
    assert first["LOCATION"] == "Rådhuset\\, Faaborg\\; mødelokale 2"
    assert "DESCRIPTION" not in first  # the agenda is not published yet
    assert first["URL"] == f"http://testserver{meeting.get_absolute_url()}"
    assert events[f"meeting-{cancelled.pk}@testserver"]["STATUS"] == "CANCELLED"
    assert events[f"event-{event.pk}@testserver"]["DESCRIPTION"] == "Æ ø å " * 40


def test_the_summary_names_the_group_as_the_municipality_does(client, toender):
    factories.meeting()
    lines = _unfold(client.get(URL).content.decode())
    assert any(line.startswith("SUMMARY:Frivillighedsrådet") for line in lines)
    assert any(line.startswith("X-WR-CALNAME:Frivillighedsrådet") for line in lines)


def test_entries_older_than_a_year_are_left_out(client, faaborg):
    old = factories.meeting(starts_at=timezone.now() - timedelta(days=400))
    assert f"meeting-{old.pk}@" not in client.get(URL).content.decode()


def test_text_values_are_escaped():
    assert ical.escape_text("a\\b;c,d\ne") == "a\\\\b\\;c\\,d\\ne"


def test_folding_never_splits_a_character():
    line = "DESCRIPTION:" + "ø" * 100
    folded = ical.fold(line)
    parts = folded.split("\r\n")
    assert all(len(part.encode()) <= 75 for part in parts)
    assert parts[0] + "".join(part[1:] for part in parts[1:]) == line
