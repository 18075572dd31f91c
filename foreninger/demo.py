"""Invented associations for the demo (`manage.py seed_demo`), read from demo_associations.yaml."""

from datetime import time, timedelta
from pathlib import Path

from django.db import transaction
from django.utils import timezone

from foreninger.models import Activity, Association, Membership, RegionPlace
from frivillig.datafile import yaml_file
from frivillig.management.commands.seed_demo import DEMO_PASSWORD
from frivillig.models import FocusArea, Region, TargetGroup, User
from frivillig.text import danish_slugify

DATA_FILE = Path(__file__).with_name("demo_associations.yaml")
# Ends every short description, which every directory card shows, so that no citizen takes a
# demo association for a real one.
DEMO_MARK = "(Demoforening – findes ikke.)"
ASSOCIATION_FIELDS = ("name", "description", "street", "postcode", "town", "website", "phone")
ACTIVITY_FIELDS = ("title", "description", "when", "contact_name", "contact_phone")


def demo_data():
    return yaml_file(DATA_FILE)


class Lookups:
    """The municipality's focus areas (by number), regions and target groups (by slug)."""

    def __init__(self):
        self.focus_areas = {area.number: area for area in FocusArea.objects.all()}
        self.regions = {region.slug: region for region in Region.objects.all()}
        self.target_groups = {group.slug: group for group in TargetGroup.objects.all()}

    def missing(self, associations):
        """What the data refers to that the loaded municipality lacks, as readable text."""
        lacking = {}
        for table, key in _references(associations):
            if key not in getattr(self, table):
                lacking.setdefault(table.replace("_", " "), set()).add(str(key))
        return "; ".join(f"{table} {', '.join(sorted(keys))}" for table, keys in lacking.items())


def _references(associations):
    """Every (lookup table, key) pair the demo data uses."""
    for row in associations:
        yield from (("focus_areas", number) for number in row["focus_areas"])
        yield from (("regions", slug) for slug in row["regions"])
        yield from (("target_groups", slug) for slug in row["target_groups"])
        for activity in row["activities"]:
            if activity.get("region"):
                yield ("regions", activity["region"])
            yield from (("target_groups", slug) for slug in activity.get("target_groups", []))


def _days_ago(today, row, key):
    return today - timedelta(days=row[key]) if key in row else None


def _create_association(row, *, slug, today, lookups):
    association = Association(
        slug=slug,
        email=f"kontakt@{slug}.example.org",
        kind=row.get("kind", Association.Kind.ASSOCIATION),
        status=row.get("status", Association.Status.APPROVED),
        rejection_reason=row.get("rejection_reason", ""),
        short_description=f"{row['short_description']} {DEMO_MARK}",
        confirmed_on=_days_ago(today, row, "confirmed_days_ago"),
        child_certificate_checked_on=_days_ago(today, row, "child_certificate_checked_days_ago"),
        agreement_date=_days_ago(today, row, "agreement_signed_days_ago"),
        **{field: row.get(field, "") for field in ASSOCIATION_FIELDS},
    )
    # The fields' own checks; the database checks the constraints as it saves (asking it first,
    # a query per constraint and row, made up most of the seeding's time).
    association.full_clean(validate_unique=False, validate_constraints=False)
    association.save()
    association.focus_areas.set(lookups.focus_areas[number] for number in row["focus_areas"])
    regions = [lookups.regions[slug] for slug in row["regions"]]
    association.regions.set(regions)
    target_groups = [lookups.target_groups[slug] for slug in row["target_groups"]]
    association.target_groups.set(target_groups)
    for activity_row in row["activities"]:
        _create_activity(
            activity_row,
            association=association,
            region=regions[0],
            target_groups=target_groups,
            lookups=lookups,
        )


def _create_activity(row, *, association, region, target_groups, lookups):
    online = row.get("online", False)
    # An activity takes place at the association's address unless it names another or is online.
    address = (
        {"street": "", "postcode": "", "town": ""}
        if online
        else {
            key: row.get(key, getattr(association, key)) for key in ("street", "postcode", "town")
        }
    )
    if "region" in row:
        region = lookups.regions[row["region"]] if row["region"] else None
    activity = Activity(
        association=association,
        online=online,
        region=region,
        involves_children_under_15=row.get("children", False),
        wants_volunteers=row.get("wants_volunteers", False),
        recurrence=row.get("recurrence", ""),
        weekday=Activity.Weekday[row["weekday"].upper()] if "weekday" in row else None,
        starts_at=time.fromisoformat(row["starts_at"]) if "starts_at" in row else None,
        ends_at=time.fromisoformat(row["ends_at"]) if "ends_at" in row else None,
        **address,
        **{field: row.get(field, "") for field in ACTIVITY_FIELDS},
    )
    activity.full_clean(validate_unique=False, validate_constraints=False)
    activity.save()
    if "target_groups" in row:
        target_groups = [lookups.target_groups[slug] for slug in row["target_groups"]]
    activity.target_groups.set(target_groups)


def _demo_places(rows, lookups):
    """Example places for the postcode-or-town box: the town of each demo association of one
    egn, in that egn. Demo data, as the associations' egne are; a town already listed (the data
    file's, or one added in the admin) is left as it is. Returns how many were added."""
    listed = {town.casefold() for town in RegionPlace.objects.values_list("town", flat=True)}
    places = {}
    for row in rows:
        town = row.get("town", "")
        if town and len(row["regions"]) == 1 and town.casefold() not in listed:
            places.setdefault(
                town.casefold(),
                RegionPlace(
                    town=town,
                    postcode=row.get("postcode", ""),
                    region=lookups.regions[row["regions"][0]],
                ),
            )
    RegionPlace.objects.bulk_create(places.values())
    return len(places)


def _demo_member(row):
    user, created = User.objects.get_or_create(
        email=row["email"],
        defaults={"first_name": row["first_name"], "last_name": row["last_name"]},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    for name in row["associations"]:
        association = Association.objects.get(slug=danish_slugify(name))
        Membership.objects.get_or_create(user=user, association=association)
    return user


@transaction.atomic
def seed():
    """Create the demo associations that do not exist yet; existing ones are left untouched.

    Leaving them untouched keeps the seed idempotent and keeps what someone changed while
    trying the demo.
    """
    data = demo_data()
    lookups = Lookups()
    missing = lookups.missing(data["associations"])
    if missing:
        # Another municipality's data file is loaded; these associations belong to Faaborg-Midtfyn.
        return f"Demo associations skipped: the loaded municipality has no {missing}."
    today = timezone.localdate()
    slugs = [danish_slugify(row["name"]) for row in data["associations"]]
    existing = set(Association.objects.filter(slug__in=slugs).values_list("slug", flat=True))
    for slug, row in zip(slugs, data["associations"], strict=True):
        if slug not in existing:
            _create_association(row, slug=slug, today=today, lookups=lookups)
    member = _demo_member(data["demo_member"])
    places = _demo_places(data["associations"], lookups)
    activities = Activity.objects.filter(association__slug__in=slugs).count()
    return (
        f"Demo associations: {len(slugs)} with {activities} activities "
        f"({len(slugs) - len(existing)} new), {places} example towns of the egne; "
        f"association member {member.email}, same password"
    )
