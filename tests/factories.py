"""Small builders for test data; each takes keyword overrides."""

from datetime import date, timedelta

from django.test.client import ClientMixin
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from folgegruppe.models import Candidate, Election, Meeting
from foreninger.models import Activity, Association, Membership
from frivillig.arrangementer.models import Event
from frivillig.models import (
    ActionPlan,
    AwardCategory,
    FocusArea,
    GoalStatusUpdate,
    Nomination,
    Page,
    Region,
    TargetGroup,
    User,
)
from frivillig.text import danish_slugify

PASSWORD = "correct-horse-battery-staple"


def user(**fields):
    fields.setdefault("email", f"user{User.objects.count() + 1}@example.com")
    return User.objects.create_user(password=PASSWORD, **fields)


def totp_device(user):
    """The user's confirmed authenticator, created when they have none."""
    device, _created = TOTPDevice.objects.get_or_create(
        user=user, confirmed=True, defaults={"name": "Test"}
    )
    return device


def login_verified(client, user):
    """Log `user` in as if they had also given a right code from a confirmed authenticator."""
    device = totp_device(user)
    # Django's own force_login: the `client` fixture's would come back here for staff.
    ClientMixin.force_login(client, user)
    session = client.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
    return device


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
    # The database requires a reason for a rejection.
    if fields["status"] == Association.Status.REJECTED:
        fields.setdefault("rejection_reason", "Mangler oplysninger.")
    created = Association.objects.create(**fields)
    # add(), only when there is something to add: each call is a savepoint and a query or two.
    for related, objects in [
        (created.focus_areas, focus_areas),
        (created.regions, regions),
        (created.target_groups, target_groups),
    ]:
        if objects:
            related.add(*objects)
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
    if target_groups:
        created.target_groups.add(*target_groups)
    return created


# Values that open data must never show; `secretive_association` puts each in a private field.
SECRETS = [
    "hemmelig@example.org",
    "Afvist fordi det er en hemmelighed",
    "hemmelig-aftale",
    "2017-07-17",  # agreement_date
    "2019-09-19",  # child_certificate_checked_on
    "2018-08-18",  # reminded_on
    "Privat Kontaktperson",
    "8765 4321",
]


def secretive_association(**fields):
    """An approved association with an activity, every private field holding one of SECRETS."""
    created = association(
        email="hemmelig@example.org",
        rejection_reason="Afvist fordi det er en hemmelighed",
        agreement_date=date(2017, 7, 17),
        agreement_file="samarbejdsaftaler/hemmelig-aftale.pdf",
        child_certificate_checked_on=date(2019, 9, 19),
        reminded_on=date(2018, 8, 18),
        **fields,
    )
    activity(created, contact_name="Privat Kontaktperson", contact_phone="8765 4321")
    return created


def faaborg_terms():
    """Two terms of each kind from the Faaborg-Midtfyn data file, which `faaborg` loads."""
    return {
        "area": FocusArea.objects.get(number=1),
        "other_area": FocusArea.objects.get(number=2),
        "region": Region.objects.get(name="Faaborgegnen"),
        "other_region": Region.objects.get(name="Ringeegnen"),
        "elderly": TargetGroup.objects.get(name="Ældre"),
        "children": TargetGroup.objects.get(name="Børn og unge"),
    }


def _this_minute():
    """Now to the minute, as times typed into a form are (and valid in <time datetime>)."""
    return timezone.now().replace(second=0, microsecond=0)


def election(**fields):
    """A draft election: nominations close in a day, voting runs the day after."""
    now = _this_minute()
    fields.setdefault("title", "Valg til følgegruppen")
    fields.setdefault("seats", 2)
    fields.setdefault("term_start", date(now.year + 1, 2, 1))
    fields.setdefault("term_end", date(now.year + 3, 1, 31))
    fields.setdefault("nomination_deadline", now + timedelta(days=1))
    fields.setdefault("voting_opens_at", fields["nomination_deadline"] + timedelta(days=1))
    fields.setdefault("voting_closes_at", fields["voting_opens_at"] + timedelta(hours=2))
    return Election.objects.create(**fields)


def candidate(election, *, consented=True, **fields):
    number = Candidate.objects.count() + 1
    fields.setdefault("name", f"Kandidat {number}")
    fields.setdefault("email", f"kandidat{number}@example.org")
    if "association" not in fields:
        fields["association"] = fields.get("nominated_by") or association()
    fields.setdefault("nominated_by", fields["association"])
    if consented:
        fields.setdefault("consented_at", timezone.now())
    return Candidate.objects.create(election=election, **fields)


def voting_election(*, candidates=3, **fields):
    """An election whose voting window is open now, with consented candidates."""
    now = _this_minute()
    fields.setdefault("nomination_deadline", now - timedelta(hours=1))
    fields.setdefault("voting_opens_at", now - timedelta(minutes=30))
    fields.setdefault("voting_closes_at", now + timedelta(hours=1))
    created = election(status=Election.Status.VOTING, **fields)
    for _ in range(candidates):
        candidate(created)
    return created


def meeting(**fields):
    fields.setdefault("starts_at", _this_minute() + timedelta(days=30))
    fields.setdefault("place", "Rådhuset")
    partners = fields.pop("partners", ())
    created = Meeting.objects.create(**fields)
    created.partners.set(partners)
    return created


def event(**fields):
    number = Event.objects.count() + 1
    fields.setdefault("title", f"Arrangement {number}")
    fields.setdefault("slug", f"arrangement-{number}")
    fields.setdefault("starts_at", timezone.now() + timedelta(days=14))
    fields.setdefault("place", "Rådhuset")
    return Event.objects.create(**fields)


def action_plan(focus_area, *, goals=0, statuses=(), **fields):
    """A published plan in force today with `goals` goals, each with `statuses`, latest first."""
    today = timezone.localdate()
    fields.setdefault("title", f"Handleplan {ActionPlan.objects.count() + 1}")
    fields.setdefault("starts_on", today - timedelta(days=100))
    fields.setdefault("ends_on", fields["starts_on"] + timedelta(days=365))
    fields.setdefault("published", True)
    created = ActionPlan.objects.create(focus_area=focus_area, **fields)
    for order in range(1, goals + 1):
        goal = created.goals.create(
            order=order, text=f"Mål {order}", success_criteria=f"Succeskriterium {order}"
        )
        for days_ago, status in enumerate(statuses, start=1):
            GoalStatusUpdate.objects.create(
                goal=goal, date=today - timedelta(days=10 * days_ago), status=status
            )
    return created


def award_category(**fields):
    number = AwardCategory.objects.count() + 1
    fields.setdefault("name", f"Årets pris {number}")
    fields.setdefault("slug", f"aarets-pris-{number}")
    return AwardCategory.objects.create(**fields)


def nomination(category, **fields):
    fields.setdefault("year", timezone.localdate().year)
    fields.setdefault("nominee_name", f"Kandidat {Nomination.objects.count() + 1}")
    fields.setdefault("reason", "Hun gør en forskel hver uge.")
    fields.setdefault("nominator_name", "Bo Borger")
    fields.setdefault("nominator_email", "bo@example.org")
    return Nomination.objects.create(category=category, **fields)


def admin_change_data(client, url, *, inlines=(), **changes):
    """What the admin change form at `url` posts as it stands, with `changes` and no rows in
    the inlines with these prefixes."""
    form = client.get(url).context["adminform"].form
    data = {**form.initial, **changes}
    for prefix in inlines:
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    return {name: value for name, value in data.items() if value not in (None, "")}
