from django.db import transaction
from django.db.models import F

from frivillig.models import ExampleInitiative, FocusArea, Municipality, Page, Region, TargetGroup


def _sync(model, rows, key):
    """Make the table hold exactly `rows` (dicts), matched on `key`; return the saved objects."""
    saved = []
    for row in rows:
        obj, _ = model.objects.update_or_create(**{key: row[key]}, defaults=row)
        saved.append(obj)
    model.objects.exclude(pk__in=[obj.pk for obj in saved]).delete()
    return saved


@transaction.atomic
def municipality_load(*, data):
    """Load a validated data file (see `frivillig.datafile`); loading it twice changes nothing."""
    Municipality.objects.update_or_create(pk=1, defaults=data["municipality"])

    # Move the numbers out of the way first, so that a file which renumbers the focus areas
    # cannot collide with the unique constraint half-way through.
    FocusArea.objects.update(number=F("number") + 1000)
    areas = _sync(
        FocusArea,
        [{k: v for k, v in area.items() if k != "examples"} for area in data["focus_areas"]],
        "slug",
    )
    for area, row in zip(areas, data["focus_areas"], strict=True):
        area.examples.all().delete()
        ExampleInitiative.objects.bulk_create(
            ExampleInitiative(focus_area=area, text=text, order=order)
            for order, text in enumerate(row["examples"], start=1)
        )

    _sync(
        Region,
        [
            {
                "slug": region["slug"],
                "name": region["name"],
                "tagline": region["tagline"],
                "values": "\n".join(region["values"]),
                "order": order,
            }
            for order, region in enumerate(data["regions"], start=1)
        ],
        "slug",
    )
    _sync(
        TargetGroup,
        [
            {"slug": group["slug"], "name": group["name"], "order": order}
            for order, group in enumerate(data["target_groups"], start=1)
        ],
        "slug",
    )
    _sync(
        Page,
        [{**page, "order": order} for order, page in enumerate(data["pages"], start=1)],
        "slug",
    )
