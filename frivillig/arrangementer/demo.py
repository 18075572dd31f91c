"""Demo events and sign-ups (`manage.py seed_demo`), from demo_events.yaml.

The events name Faaborg-Midtfyn's regions and the sign-ups its demo associations
(foreninger.demo, seeded before this app's); with another municipality's data file loaded it
does nothing. Running it again adds nothing.
"""

import datetime
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from foreninger.models import Association
from frivillig.arrangementer import services
from frivillig.arrangementer.models import Event, WorkshopQuestion
from frivillig.datafile import yaml_file
from frivillig.models import Region
from frivillig.text import danish_slugify

DATA_FILE = Path(__file__).with_name("demo_events.yaml")


def demo_data():
    return yaml_file(DATA_FILE)


def _moment(day, clock):
    hour, minute = map(int, clock.split(":"))
    return datetime.datetime.combine(
        day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone()
    )


def _event_day(row, today):
    if "next_month_day" in row:
        month, day = row["next_month_day"]
        candidate = datetime.date(today.year, month, day)
        return candidate if candidate > today else candidate.replace(year=today.year + 1)
    return today + datetime.timedelta(days=row["days_from_now"])


def _seed_events(rows, regions, today):
    created = 0
    for row in rows:
        day = _event_day(row, today)
        title = f"{row['title']} {day.year}"
        starts = _moment(day, row["time"][0])
        deadline = row.get("registration_days_before")
        input_days = row.get("input_days_after")
        event, new = Event.objects.get_or_create(
            slug=danish_slugify(title),
            defaults={
                "title": title,
                "kind": row["kind"],
                "starts_at": starts,
                "ends_at": _moment(day, row["time"][1]),
                "place": row["place"],
                "description": row["description"],
                "region": regions.get(row.get("region")),
                "registration_open": row.get("registration_open", False),
                "capacity": row.get("capacity"),
                "registration_deadline": starts - datetime.timedelta(days=deadline)
                if deadline
                else None,
                "input_open": input_days is not None,
                "input_closes_at": starts + datetime.timedelta(days=input_days)
                if input_days is not None
                else None,
            },
        )
        if new:
            WorkshopQuestion.objects.bulk_create(
                WorkshopQuestion(event=event, text=text, order=order)
                for order, text in enumerate(row.get("questions", []), start=1)
            )
        created += new
    return created


def _registrations(rows, associations):
    """The demo associations' sign-ups for the coming New Year reception, while it takes them."""
    reception = (
        Event.objects.filter(kind=Event.Kind.NYTAARSKUR, starts_at__gt=timezone.now())
        .order_by("starts_at")
        .first()
    )
    if reception is None or not services.registration_open(reception):
        return 0
    for row in rows:
        services.event_register(
            event=reception,
            association=associations[row["association"]],
            attendees=row["attendees"],
            note=row.get("note", ""),
            user=None,
        )
    return len(rows)


@transaction.atomic
def seed():
    """Create the demo events that do not exist yet and sign the demo associations up."""
    data = demo_data()
    regions = {region.slug: region for region in Region.objects.all()}
    wanted = {row["region"] for row in data["events"] if "region" in row}
    if not wanted <= set(regions):
        # Another municipality's data file is loaded; these events belong to Faaborg-Midtfyn.
        missing = ", ".join(sorted(wanted - set(regions)))
        return f"Demo events skipped: no regions {missing}."
    events = _seed_events(data["events"], regions, timezone.localdate())
    names = {row["association"] for row in data["registrations"]}
    associations = {
        association.name: association
        for association in Association.objects.filter(
            name__in=names, status=Association.Status.APPROVED
        )
    }
    registered = (
        _registrations(data["registrations"], associations) if set(associations) == names else 0
    )
    return f"Demo events: {events} new events, {registered} sign-ups for the coming Nytårskur"
