"""Reading, validating and loading a municipality's data file (YAML, or JSON, which is valid
YAML).

Every error names the file, the line and the field, so a municipality can write its own file
without reading Python. The schema is documented in the README.
"""

import datetime
from dataclasses import dataclass
from pathlib import Path

import yaml
from django.core.exceptions import ValidationError
from django.core.validators import EmailValidator, RegexValidator, URLValidator
from django.db import transaction
from django.db.models import F
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from frivillig.hooks import app_attribute
from frivillig.models import (
    DocumentKind,
    ExampleInitiative,
    FocusArea,
    MeetingPlace,
    Municipality,
    OpeningHours,
    Page,
    Region,
    TargetGroup,
)
from frivillig.models.municipality import ACCESSIBILITY_COMPLAINTS_URL, Compliance
from frivillig.text import danish_slugify


class DataFileError(Exception):
    def __init__(self, line, field, message):
        self.line, self.field, self.message = line, field, message
        super().__init__(f"line {line}: {field}: {message}")

    def with_path(self, path):
        return _("%(path)s, line %(line)s, field “%(field)s”: %(message)s") % {
            "path": path,
            "line": self.line,
            "field": self.field,
            "message": self.message,
        }


def node_line(node):
    return node.start_mark.line + 1


def _is_null(node):
    return isinstance(node, yaml.ScalarNode) and (
        node.tag == "tag:yaml.org,2002:null" or (node.value == "" and node.style is None)
    )


@dataclass
class Str:
    required: bool = False
    max_length: int | None = None
    validator: object = None
    # What a missing or empty text stands for.
    default: str = ""

    def convert(self, node, field):
        if not isinstance(node, yaml.ScalarNode):
            raise DataFileError(node_line(node), field, _("must be a text"))
        value = (None if _is_null(node) else node.value.strip()) or self.default
        if self.required and not value:
            raise DataFileError(node_line(node), field, _("must not be empty"))
        if self.max_length and len(value) > self.max_length:
            raise DataFileError(
                node_line(node),
                field,
                _("is %(length)s characters long; at most %(max)s are allowed")
                % {"length": len(value), "max": self.max_length},
            )
        if value and self.validator:
            try:
                self.validator(value)
            except ValidationError as error:
                raise DataFileError(node_line(node), field, " ".join(error.messages)) from None
        return value

    def missing(self):
        return self.default


class Bilingual(str):
    """A Danish text from the data file; its English translation, if given, is in `en`."""

    en = ""


def bilingual(danish, english=""):
    text = Bilingual(danish)
    text.en = english
    return text


def with_english(row):
    """A row of model fields with each bilingual text's English in the field's `_en` sibling
    (frivillig.models.translated)."""
    return {
        **{
            key: str(value) if isinstance(value, Bilingual) else value for key, value in row.items()
        },
        **{f"{key}_en": value.en for key, value in row.items() if isinstance(value, Bilingual)},
    }


@dataclass
class Text(Str):
    """A Danish text, optionally with its English beside it: a plain text is Danish, or
    `{da: …, en: …}` gives both."""

    def convert(self, node, field):
        if not isinstance(node, yaml.MappingNode):
            return bilingual(super().convert(node, field))
        parts = Mapping(
            {
                "da": Str(required=self.required, max_length=self.max_length),
                "en": Str(max_length=self.max_length),
            },
            required=True,
        ).convert(node, field)
        if parts["en"] and not parts["da"]:
            raise DataFileError(node_line(node), f"{field}.da", _("must not be empty"))
        return bilingual(parts["da"], parts["en"])

    def missing(self):
        return bilingual("")


@dataclass
class Int:
    required: bool = False
    minimum: int = 0
    maximum: int = 32767

    def convert(self, node, field):
        if _is_null(node) and not self.required:
            return None
        try:
            value = int(node.value) if isinstance(node, yaml.ScalarNode) else None
        except ValueError:
            value = None
        if value is None:
            raise DataFileError(node_line(node), field, _("must be a whole number"))
        if not self.minimum <= value <= self.maximum:
            raise DataFileError(
                node_line(node),
                field,
                _("must be between %(min)s and %(max)s")
                % {"min": self.minimum, "max": self.maximum},
            )
        return value

    def missing(self):
        return None


@dataclass
class Date:
    required: bool = False

    def convert(self, node, field):
        if _is_null(node) and not self.required:
            return None
        try:
            return datetime.date.fromisoformat(str(node.value))
        except (ValueError, AttributeError):
            raise DataFileError(
                node_line(node), field, _("must be a date written as YYYY-MM-DD")
            ) from None

    def missing(self):
        return None


@dataclass
class Time:
    required: bool = False

    def convert(self, node, field):
        if _is_null(node) and not self.required:
            return None
        try:
            return datetime.time.fromisoformat(str(node.value).replace(".", ":"))
        except (ValueError, AttributeError):
            raise DataFileError(
                node_line(node), field, _("must be a time of day written as HH:MM")
            ) from None

    def missing(self):
        return None


@dataclass
class Choice:
    """One of a fixed set of words: a dict's keys, converted to the values the database stores,
    or the words themselves (a model's `Kind.values`), stored as written."""

    choices: dict | list
    required: bool = False
    # What a missing or empty value stands for.
    default: object = None

    def convert(self, node, field):
        value = Str(required=self.required).convert(node, field)
        if not value and not self.required:
            return self.default
        if value not in self.choices:
            raise DataFileError(
                node_line(node),
                field,
                _("must be one of: %(choices)s") % {"choices": ", ".join(self.choices)},
            )
        return self.choices[value] if isinstance(self.choices, dict) else value

    def missing(self):
        return self.default


WEEKDAYS = {
    name: number
    for number, name in enumerate(
        ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
    )
}


@dataclass
class List:
    item: object
    required: bool = False
    min_items: int = 0

    def convert(self, node, field):
        if _is_null(node) and not self.required:
            return []
        if not isinstance(node, yaml.SequenceNode):
            raise DataFileError(node_line(node), field, _("must be a list"))
        if len(node.value) < self.min_items:
            raise DataFileError(
                node_line(node),
                field,
                _("needs at least %(count)s items") % {"count": self.min_items},
            )
        return [self.item.convert(child, f"{field}[{i + 1}]") for i, child in enumerate(node.value)]

    def missing(self):
        return []


@dataclass
class UniqueList:
    """A list whose items differ in the field `key`; a repeat is reported at its line."""

    item: object
    key: str
    required: bool = False

    def convert(self, node, field):
        items = List(self.item).convert(node, field)
        if items:
            check_unique(items, self.key, node.value, field)
        return items

    def missing(self):
        return []


@dataclass
class Mapping:
    fields: dict
    required: bool = False

    def convert(self, node, field):
        if not isinstance(node, yaml.MappingNode):
            raise DataFileError(node_line(node), field, _("must be a mapping of names to values"))
        given = {}
        for key_node, value_node in node.value:
            key = key_node.value
            where = f"{field}.{key}" if field else key
            if key not in self.fields:
                raise DataFileError(
                    node_line(key_node),
                    where,
                    _("unknown field; allowed are: %(fields)s")
                    % {"fields": ", ".join(self.fields)},
                )
            if key in given:
                raise DataFileError(node_line(key_node), where, _("is given twice"))
            given[key] = self.fields[key].convert(value_node, where)
        for key, spec in self.fields.items():
            if key not in given:
                if spec.required:
                    where = f"{field}.{key}" if field else key
                    raise DataFileError(node_line(node), where, _("is required"))
                given[key] = spec.missing()
        return given

    def missing(self):
        return None


def validate_source(value):
    if "," not in value.strip(",") or len(value) < 5:
        raise ValidationError(
            _("name the document and its section, for example “001 strategi, §18-puljen”")
        )


@dataclass
class Rule:
    """A rule the municipality has adopted, with `source`: the document and section that say
    so. A rule no document gives has no place in a municipality's file (example rules are demo
    data); leaving a rule out means the pool has no such rule."""

    fields: dict
    required: bool = False

    def convert(self, node, field):
        source = Str(max_length=200, validator=validate_source)
        value = Mapping({**self.fields, "source": source}).convert(node, field)
        if not value["source"]:
            raise DataFileError(
                node_line(node),
                f"{field}.source",
                _(
                    "a rule needs its source: the document and section it is written in, for "
                    "example “001 strategi, §18-puljen”"
                ),
            )
        return value

    def missing(self):
        return None


@dataclass
class Section:
    """A top-level part of the data file that a feature app reads and loads itself.

    An app lists its sections in its AppConfig's `datafile_sections` as dotted paths to
    `Section` objects; `check(items)` may raise a `DataFileError` for rules across items and
    `load(items)` runs inside the loading transaction, after the core data is in place.
    """

    name: str
    schema: object
    load: object
    check: object = None


def app_sections():
    return [import_string(path) for path in app_attribute("datafile_sections")]


def validate_slug(value):
    if value != danish_slugify(value):
        raise ValidationError(_("use only lowercase letters a–z, digits and hyphens"))


SCHEMA = Mapping(
    {
        "municipality": Mapping(
            {
                "name": Str(required=True, max_length=100),
                "department": Text(max_length=150),
                "address": Str(max_length=150),
                "postcode": Str(max_length=4),
                "town": Str(max_length=100),
                "email": Str(max_length=254, validator=EmailValidator()),
                "phone": Str(max_length=30),
                "phone_hours": Text(),
                "cvr": Str(
                    max_length=8,
                    validator=RegexValidator(r"^[0-9]{8}$", _("must be eight digits")),
                ),
                "threesixtygiving_prefix": Str(max_length=50, validator=validate_slug),
                "accessibility_statement_url": Str(max_length=200, validator=URLValidator()),
                "accessibility_compliance": Choice(Compliance.values),
                "accessibility_method": Text(),
                "accessibility_evaluated_on": Date(),
                "accessibility_complaint_url": Str(
                    max_length=200, validator=URLValidator(), default=ACCESSIBILITY_COMPLAINTS_URL
                ),
                "website": Str(max_length=200, validator=URLValidator()),
                "dpo_name": Str(max_length=100),
                "dpo_email": Str(max_length=254, validator=EmailValidator()),
                "dpo_phone": Str(max_length=30),
                "processors": List(Str(required=True, max_length=200)),
                "committee_name": Str(max_length=100),
                "registry_legal_basis": Str(max_length=300),
                "group_name": Str(max_length=100),
                "group_description": Text(),
                "focus_area_label": Text(required=True, max_length=50),
                "focus_area_label_plural": Text(required=True, max_length=50),
                "strategy_title": Text(required=True, max_length=200),
                "strategy_summary": Text(required=True),
                "strategy_adopted": Date(),
                "strategy_updated": Date(),
                "strategy_start_year": Int(minimum=1900, maximum=2200),
                "strategy_end_year": Int(minimum=1900, maximum=2200),
                "strategy_kind": Choice(DocumentKind.values, default=DocumentKind.STRATEGY),
                "strategy_revision": Text(),
            },
            required=True,
        ),
        "focus_areas": List(
            Mapping(
                {
                    "number": Int(required=True, minimum=1, maximum=99),
                    "title": Text(required=True, max_length=150),
                    "slug": Str(max_length=50, validator=validate_slug),
                    "goal": Text(required=True),
                    "quote": Text(),
                    "quote_source": Str(max_length=200),
                    "text": Text(),
                    "examples": List(Text(required=True)),
                }
            ),
            required=True,
        ),
        "regions": List(
            Mapping(
                {
                    "name": Str(required=True, max_length=100),
                    "slug": Str(max_length=50, validator=validate_slug),
                    "tagline": Text(max_length=200),
                    "values": List(Text(required=True)),
                }
            )
        ),
        "target_groups": List(
            Mapping(
                {
                    "name": Text(required=True, max_length=100),
                    "slug": Str(max_length=50, validator=validate_slug),
                }
            )
        ),
        "meeting_places": List(
            Mapping(
                {
                    "name": Str(required=True, max_length=150),
                    "slug": Str(max_length=150, validator=validate_slug),
                    "address": Str(max_length=150),
                    "postcode": Str(max_length=4),
                    "town": Str(max_length=100),
                    "region": Str(max_length=50),
                    "description": Text(),
                    "accessibility": Text(),
                    "opening_hours": List(
                        Mapping(
                            {
                                "weekday": Choice(WEEKDAYS, required=True),
                                "opens": Time(required=True),
                                "closes": Time(required=True),
                                "valid_from": Date(),
                                "valid_to": Date(),
                                "note": Text(max_length=200),
                            }
                        )
                    ),
                }
            )
        ),
        "pages": List(
            Mapping(
                {
                    "slug": Str(required=True, max_length=50, validator=validate_slug),
                    "title": Text(required=True, max_length=200),
                    "summary": Text(max_length=300),
                    "body": Text(required=True),
                }
            )
        ),
    }
)


def check_unique(items, key, node_items, field):
    """Refuse the first item whose field `key` repeats an earlier item's, at its own line."""
    seen = set()
    for index, (item, node) in enumerate(zip(items, node_items, strict=True)):
        if item[key] in seen:
            raise DataFileError(
                node_line(node),
                f"{field}[{index + 1}].{key}",
                _("“%(value)s” is used twice") % {"value": item[key]},
            )
        seen.add(item[key])


def section_nodes(root, name):
    for key_node, value_node in root.value:
        if key_node.value == name and isinstance(value_node, yaml.SequenceNode):
            return value_node.value
    return []


def _check_meeting_places(data, nodes):
    regions = {region["slug"] for region in data["regions"]}
    for index, (place, node) in enumerate(zip(data["meeting_places"], nodes, strict=True)):
        field = f"meeting_places[{index + 1}]"
        if place["region"] and place["region"] not in regions:
            raise DataFileError(
                node_line(node),
                f"{field}.region",
                _("“%(value)s” is not the slug of a region in this file")
                % {"value": place["region"]},
            )
        for number, hours in enumerate(place["opening_hours"], start=1):
            where = f"{field}.opening_hours[{number}]"
            if hours["closes"] <= hours["opens"]:
                raise DataFileError(node_line(node), f"{where}.closes", _("must be after opens"))
            if (
                hours["valid_from"]
                and hours["valid_to"]
                and hours["valid_to"] < hours["valid_from"]
            ):
                raise DataFileError(node_line(node), f"{where}.valid_to", _("is before valid_from"))


# libyaml's loader (in PyYAML's wheels) reads a file ten times faster than the Python one.
YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def yaml_file(path):
    """The plain data of a YAML file of our own (the demo data)."""
    with Path(path).open(encoding="utf-8") as file:
        return yaml.load(file, Loader=YAML_LOADER)  # noqa: S506 - a safe loader


def parse(text):
    """Validate the text of a data file and return it as plain dicts and lists."""
    try:
        root = yaml.compose(text, Loader=YAML_LOADER)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        raise DataFileError(mark.line + 1 if mark else 1, "-", str(error.problem)) from None
    if root is None:
        raise DataFileError(1, "-", _("the file is empty"))
    sections = app_sections()
    schema = Mapping({**SCHEMA.fields, **{section.name: section.schema for section in sections}})
    data = schema.convert(root, "")
    for section in sections:
        if section.check:
            section.check(data[section.name], section_nodes(root, section.name))
    for section, items in (
        ("focus_areas", data["focus_areas"]),
        ("regions", data["regions"]),
        ("target_groups", data["target_groups"]),
        ("meeting_places", data["meeting_places"]),
    ):
        for item in items:
            item["slug"] = item["slug"] or danish_slugify(
                item.get("title") or item["name"], max_length=50
            )
        check_unique(items, "slug", section_nodes(root, section), section)
    check_unique(data["pages"], "slug", section_nodes(root, "pages"), "pages")
    _check_meeting_places(data, section_nodes(root, "meeting_places"))
    numbers = [area["number"] for area in data["focus_areas"]]
    if sorted(numbers) != list(range(1, len(numbers) + 1)):
        raise DataFileError(
            node_line(section_nodes(root, "focus_areas")[0]),
            "focus_areas",
            _("the numbers must run 1, 2, 3 … without gaps or repeats"),
        )
    municipality = data["municipality"]
    start, end = municipality["strategy_start_year"], municipality["strategy_end_year"]
    if start and end and end < start:
        raise DataFileError(
            node_line(root), "municipality.strategy_end_year", _("is before strategy_start_year")
        )
    return data


def read(path):
    return parse(Path(path).read_text(encoding="utf-8"))


def rows_sync(queryset, rows, key):
    """Make `queryset` hold exactly `rows` (dicts), matched on `key`; return the saved objects."""
    saved = [queryset.update_or_create(**{key: row[key]}, defaults=row)[0] for row in rows]
    queryset.exclude(pk__in=[obj.pk for obj in saved]).delete()
    return saved


@transaction.atomic
def municipality_load(*, data):
    """Load a validated data file (`parse`); loading it twice changes nothing."""
    municipality = {**data["municipality"]}
    municipality["processors"] = "\n".join(municipality["processors"])
    municipality["accessibility_compliance"] = municipality["accessibility_compliance"] or ""
    Municipality.objects.update_or_create(pk=1, defaults=with_english(municipality))

    # Move the numbers out of the way first, so that a file which renumbers the focus areas
    # cannot collide with the unique constraint half-way through.
    FocusArea.objects.update(number=F("number") + 1000)
    areas = rows_sync(
        FocusArea.objects,
        [
            with_english({k: v for k, v in area.items() if k != "examples"})
            for area in data["focus_areas"]
        ],
        "slug",
    )
    for area, row in zip(areas, data["focus_areas"], strict=True):
        area.examples.all().delete()
        ExampleInitiative.objects.bulk_create(
            ExampleInitiative(focus_area=area, order=order, **with_english({"text": text}))
            for order, text in enumerate(row["examples"], start=1)
        )

    rows_sync(
        Region.objects,
        [
            {
                **with_english({"tagline": region["tagline"]}),
                "slug": region["slug"],
                "name": region["name"],
                "values": "\n".join(region["values"]),
                "values_en": "\n".join(value.en for value in region["values"]),
                "order": order,
            }
            for order, region in enumerate(data["regions"], start=1)
        ],
        "slug",
    )
    rows_sync(
        TargetGroup.objects,
        [
            {**with_english({"name": group["name"]}), "slug": group["slug"], "order": order}
            for order, group in enumerate(data["target_groups"], start=1)
        ],
        "slug",
    )
    _meeting_places_load(data["meeting_places"])
    rows_sync(
        Page.objects,
        [
            with_english({**page, "order": order})
            for order, page in enumerate(data["pages"], start=1)
        ],
        "slug",
    )
    for section in app_sections():
        section.load(data.get(section.name, []))


def _meeting_places_load(items):
    """Add or update the file's meeting places; places made in the admin are kept."""
    regions = dict(Region.objects.values_list("slug", "pk"))
    for order, row in enumerate(items, start=1):
        fields = with_english(
            {k: v for k, v in row.items() if k not in ("region", "opening_hours")}
        )
        place, _created = MeetingPlace.objects.update_or_create(
            slug=row["slug"],
            defaults={**fields, "region_id": regions.get(row["region"]), "order": order},
        )
        place.opening_hours.all().delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(place=place, **with_english(hours)) for hours in row["opening_hours"]
        )
