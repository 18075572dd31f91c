"""A small iCalendar (RFC 5545) writer: enough for a feed of public events and meetings.

Times are written in UTC (the “Z” form), so the feed needs no VTIMEZONE and every calendar
client shows them in its own time zone.
"""

import datetime
from dataclasses import dataclass

CRLF = "\r\n"
MAX_OCTETS = 75


def escape_text(value):
    """A TEXT value (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks escaped."""
    return (
        str(value)
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
    )


def fold(line):
    """Split a content line into lines of at most 75 octets, never inside a UTF-8 character;
    each continuation line starts with a space (RFC 5545 3.1)."""
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode())
        limit = MAX_OCTETS if not parts else MAX_OCTETS - 1
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return (CRLF + " ").join(parts)


def utc(moment):
    return moment.astimezone(datetime.UTC).strftime("%Y%m%dT%H%M%SZ")


@dataclass
class Entry:
    uid: str
    summary: str
    starts_at: datetime.datetime
    ends_at: datetime.datetime | None = None
    location: str = ""
    description: str = ""
    url: str = ""
    cancelled: bool = False


def calendar(*, name, entries, prodid, now):
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{prodid}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape_text(name)}",
    ]
    for entry in entries:
        lines += [
            "BEGIN:VEVENT",
            f"UID:{entry.uid}",
            f"DTSTAMP:{utc(now)}",
            f"DTSTART:{utc(entry.starts_at)}",
        ]
        if entry.ends_at:
            lines.append(f"DTEND:{utc(entry.ends_at)}")
        lines.append(f"SUMMARY:{escape_text(entry.summary)}")
        if entry.location:
            lines.append(f"LOCATION:{escape_text(entry.location)}")
        if entry.description:
            lines.append(f"DESCRIPTION:{escape_text(entry.description)}")
        if entry.url:
            lines.append(f"URL:{entry.url}")
        lines.append(f"STATUS:{'CANCELLED' if entry.cancelled else 'CONFIRMED'}")
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + CRLF for line in lines)
