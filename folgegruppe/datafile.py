"""The group's sections of a municipality's data file: fixed seats, meeting rules, events.

```yaml
group_seats:            # the fixed seats; elected seats come from the elections
  - organisation: Frivilligcenter Faaborg-Midtfyn
    person: ""          # optional; when left out, a name set in the admin is kept
group_meetings:
  per_year: 4           # optional; the year view warns when fewer are planned
  participants:         # who takes part besides the group
    - Frivilligkonsulenten
  partners:             # whom the group must meet at least per_year times a year
    - name: Socialudvalget
      per_year: 1
events:                 # recurring events, before they have a date
  - name: Frivillighedsmesse
    kind: fair          # nytaarskur, fair, volunteer_day, regional_meeting or other
    every_years: 4      # 1 (the default) for every year
    month: 9            # optional, 1–12, only when the month is fixed
    description: …
```
Loading a file twice changes nothing; what the file no longer lists is removed.
"""

from folgegruppe.models import GroupSeat, MeetingPartner, MeetingSettings, RecurringEvent
from frivillig.datafile import (
    Choice,
    Int,
    List,
    Mapping,
    Section,
    Str,
    UniqueList,
    check_unique,
    rows_sync,
    validate_slug,
)
from frivillig.models import Event, Municipality
from frivillig.text import danish_slugify


def _events_check(items, nodes):
    for item in items:
        item["slug"] = item["slug"] or danish_slugify(item["name"])
    check_unique(items, "slug", nodes, "events")


def _seats_load(items):
    """The fixed seats are the file's; a member's name set in the admin is kept unless the
    file names one. Elected seats are left alone."""
    rows_sync(
        GroupSeat.objects.filter(fixed=True),
        [
            {"organisation": item["organisation"], "fixed": True, "order": order}
            | ({"person_name": item["person"]} if item["person"] else {})
            for order, item in enumerate(items, start=1)
        ],
        "organisation",
    )


def _meetings_load(data):
    data = data or {"per_year": None, "participants": [], "partners": []}
    MeetingSettings.objects.update_or_create(
        pk=1,
        defaults={
            "meetings_per_year": data["per_year"],
            "participants": "\n".join(data["participants"]),
        },
    )
    municipality = Municipality.objects.get()
    committee = municipality.committee_name.casefold()
    rows_sync(
        MeetingPartner.objects.all(),
        [
            {
                "name": partner["name"],
                # The partner named like the municipality's committee follows its name.
                "is_committee": bool(committee) and partner["name"].casefold() == committee,
                "meetings_per_year": partner["per_year"] or 1,
                "order": order,
            }
            for order, partner in enumerate(data["partners"], start=1)
        ],
        "name",
    )


def _events_load(items):
    rows_sync(
        RecurringEvent.objects.all(),
        [
            {
                "slug": item["slug"],
                "name": item["name"],
                "kind": item["kind"],
                "description": item["description"],
                "every_years": item["every_years"] or 1,
                "month": item["month"],
                "order": order,
            }
            for order, item in enumerate(items, start=1)
        ],
        "slug",
    )


GROUP_SEATS = Section(
    name="group_seats",
    schema=UniqueList(
        Mapping(
            {
                "organisation": Str(required=True, max_length=150),
                "person": Str(max_length=150),
            }
        ),
        key="organisation",
    ),
    load=_seats_load,
)

GROUP_MEETINGS = Section(
    name="group_meetings",
    schema=Mapping(
        {
            "per_year": Int(minimum=1, maximum=52),
            "participants": List(Str(required=True, max_length=200)),
            "partners": UniqueList(
                Mapping(
                    {
                        "name": Str(required=True, max_length=150),
                        "per_year": Int(minimum=1, maximum=52),
                    }
                ),
                key="name",
            ),
        }
    ),
    load=_meetings_load,
)

EVENTS = Section(
    name="events",
    schema=List(
        Mapping(
            {
                "name": Str(required=True, max_length=200),
                "slug": Str(max_length=200, validator=validate_slug),
                "kind": Choice(Event.Kind.values, required=True),
                "description": Str(),
                "every_years": Int(minimum=1, maximum=10),
                "month": Int(minimum=1, maximum=12),
            }
        )
    ),
    load=_events_load,
    check=_events_check,
)
