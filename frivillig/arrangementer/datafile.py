"""The events app's section of a municipality's data file: the recurring events (the workshops'
section is in workshops.py).

```yaml
events:                 # recurring events, before they have a date
  - name: Frivillighedsmesse
    kind: fair          # nytaarskur, fair, volunteer_day, regional_meeting or other
    every_years: 4      # 1 (the default) for every year
    month: 9            # optional, 1–12, only when the month is fixed
    description: …      # any text may be {da: …, en: …}
```
Loading a file twice changes nothing; what the file no longer lists is removed.
"""

from frivillig import datafile
from frivillig.arrangementer.models import Event, RecurringEvent
from frivillig.text import danish_slugify


def _events_check(items, nodes):
    for item in items:
        item["slug"] = item["slug"] or danish_slugify(item["name"])
    datafile.check_unique(items, "slug", nodes, "events")


def _events_load(items):
    datafile.rows_sync(
        RecurringEvent.objects.all(),
        [
            {
                **datafile.with_english({"name": item["name"], "description": item["description"]}),
                "slug": item["slug"],
                "kind": item["kind"],
                "every_years": item["every_years"] or 1,
                "month": item["month"],
                "order": order,
            }
            for order, item in enumerate(items, start=1)
        ],
        "slug",
    )


RECURRING_EVENTS = datafile.Section(
    name="events",
    schema=datafile.List(
        datafile.Mapping(
            {
                "name": datafile.Text(required=True, max_length=200),
                "slug": datafile.Str(max_length=200, validator=datafile.validate_slug),
                "kind": datafile.Choice(Event.Kind.values, required=True),
                "description": datafile.Text(),
                "every_years": datafile.Int(minimum=1, maximum=10),
                "month": datafile.Int(minimum=1, maximum=12),
            }
        )
    ),
    load=_events_load,
    check=_events_check,
)
