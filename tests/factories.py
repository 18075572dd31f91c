"""Small builders for test data; each takes keyword overrides."""

from frivillig.models import FocusArea, Page, User

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
