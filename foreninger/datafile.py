"""The directory's section of a municipality's data file: the towns of the regions (egne).

```yaml
region_places:          # only where a document says which towns lie in which egn
  - region: ringeegnen  # a region's slug
    town: Ringe
    postcode: "5750"    # optional; quoted, or YAML reads a number
```
The directory's "postcode or town" box finds a region by these. Loading adds or updates the
file's places (matched on the town); places the municipality added in the admin are kept.
"""

from django.utils.translation import gettext as _

from foreninger.models import RegionPlace, postcode_validator
from frivillig.datafile import DataFileError, List, Mapping, Section, Str, node_line
from frivillig.models import Region


def _check(items, nodes):
    seen = set()
    for index, (item, node) in enumerate(zip(items, nodes, strict=True)):
        # The regions are the core's section: `_load` checks the slug against them.
        item["line"], item["field"] = node_line(node), f"region_places[{index + 1}]"
        if item["town"].casefold() in seen:
            raise DataFileError(
                item["line"],
                f"{item['field']}.town",
                _("“%(value)s” is used twice") % {"value": item["town"]},
            )
        seen.add(item["town"].casefold())


def _load(items):
    regions = dict(Region.objects.values_list("slug", "pk"))
    for item in items:
        if item["region"] not in regions:
            raise DataFileError(
                item["line"],
                f"{item['field']}.region",
                _("“%(value)s” is not the slug of a region in this file")
                % {"value": item["region"]},
            )
        RegionPlace.objects.update_or_create(
            town__iexact=item["town"],
            defaults={
                "town": item["town"],
                "postcode": item["postcode"],
                "region_id": regions[item["region"]],
            },
        )


REGION_PLACES = Section(
    name="region_places",
    schema=List(
        Mapping(
            {
                "region": Str(required=True, max_length=50),
                "town": Str(required=True, max_length=100),
                "postcode": Str(max_length=4, validator=postcode_validator),
            }
        )
    ),
    load=_load,
    check=_check,
)
