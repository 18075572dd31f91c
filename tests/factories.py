"""Small builders for test data; each takes keyword overrides."""

from datetime import date

from foreninger.models import Activity, Association, Membership
from frivillig.models import FocusArea, Page, User
from frivillig.text import danish_slugify

PASSWORD = "correct-horse-battery-staple"


def user(**fields):
    fields.setdefault("email", f"user{User.objects.count() + 1}@example.com")
    return User.objects.create_user(password=PASSWORD, **fields)


def focus_area(**fields):
    number = fields.pop("number", FocusArea.objects.count() + 1)
    fields.setdefault("slug", f"omraade-{number}")
    fields.setdefault("title", f"Område {number}")
    fields.setdefault("goal", "Et mål.")
    fields.setdefault("text", "En tekst.")
    return FocusArea.objects.create(number=number, **fields)


def page(**fields):
    fields.setdefault("slug", f"side-{Page.objects.count() + 1}")
    fields.setdefault("title", "En side")
    fields.setdefault("body", "Brødtekst.")
    return Page.objects.create(**fields)


def association(*, members=(), focus_areas=(), regions=(), target_groups=(), **fields):
    number = Association.objects.count() + 1
    fields.setdefault("name", f"Forening {number}")
    fields.setdefault("slug", f"{danish_slugify(fields['name'])}-{number}")
    fields.setdefault("short_description", "Vi laver frivilligt socialt arbejde.")
    fields.setdefault("email", f"kontakt{number}@forening.example.org")
    fields.setdefault("status", Association.Status.APPROVED)
    fields.setdefault("confirmed_on", date.today())
    created = Association.objects.create(**fields)
    created.focus_areas.set(focus_areas)
    created.regions.set(regions)
    created.target_groups.set(target_groups)
    for member in members:
        Membership.objects.create(user=member, association=created)
    return created


def activity(association, *, target_groups=(), **fields):
    fields.setdefault("title", "Ugentligt træf")
    fields.setdefault("description", "Vi mødes og hygger.")
    if not fields.get("online"):
        fields.setdefault("street", "Torvet 1")
        fields.setdefault("postcode", "5600")
        fields.setdefault("town", "Faaborg")
    created = Activity.objects.create(association=association, **fields)
    created.target_groups.set(target_groups)
    return created
