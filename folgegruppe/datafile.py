"""The group's sections of a municipality's data file: fixed seats and meeting rules.

```yaml
group_seats:            # the fixed seats; elected seats come from the elections
  - organisation: Frivilligcenter Faaborg-Midtfyn   # or {da: …, en: …}: English beside it
    person: ""          # optional; when left out, a name set in the admin is kept
group_meetings:
  per_year: 4           # optional; the year view warns when fewer are planned
  participants:         # who takes part besides the group
    - Frivilligkonsulenten
  partners:             # whom the group must meet at least per_year times a year
    - name: Socialudvalget    # or {da: …, en: …}
      per_year: 1
```
Loading a file twice changes nothing; what the file no longer lists is removed.
"""

from folgegruppe.models import GroupSeat, MeetingPartner, MeetingSettings
from frivillig.datafile import (
    Int,
    List,
    Mapping,
    Section,
    Str,
    Text,
    UniqueList,
    rows_sync,
    with_english,
)
from frivillig.models import Municipality


def _seats_load(items):
    """The fixed seats are the file's; a member's name set in the admin is kept unless the
    file names one. Elected seats are left alone."""
    rows_sync(
        GroupSeat.objects.filter(fixed=True),
        [
            with_english({"organisation": item["organisation"]})
            | {"fixed": True, "order": order}
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
                **with_english({"name": partner["name"]}),
                # The partner named like the municipality's committee follows its name.
                "is_committee": bool(committee) and partner["name"].casefold() == committee,
                "meetings_per_year": partner["per_year"] or 1,
                "order": order,
            }
            for order, partner in enumerate(data["partners"], start=1)
        ],
        "name",
    )


GROUP_SEATS = Section(
    name="group_seats",
    schema=UniqueList(
        Mapping(
            {
                "organisation": Text(required=True, max_length=150),
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
                        "name": Text(required=True, max_length=150),
                        "per_year": Int(minimum=1, maximum=52),
                    }
                ),
                key="name",
            ),
        }
    ),
    load=_meetings_load,
)
