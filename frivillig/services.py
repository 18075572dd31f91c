from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from frivillig import datafile
from frivillig.mail import absolute_url, send_templated
from frivillig.models import (
    AwardCategory,
    ExampleInitiative,
    FocusArea,
    MeetingPlace,
    Municipality,
    Nomination,
    OpeningHours,
    Page,
    Region,
    TargetGroup,
    User,
)
from frivillig.selectors import consultant_recipients
from frivillig.text import danish_slugify


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
    _meeting_places_load(data["meeting_places"])
    _sync(
        Page,
        [{**page, "order": order} for order, page in enumerate(data["pages"], start=1)],
        "slug",
    )
    for section in datafile.app_sections():
        section.load(data.get(section.name, []))


def _meeting_places_load(items):
    """Add or update the file's meeting places; places made in the admin are kept."""
    regions = dict(Region.objects.values_list("slug", "pk"))
    for order, row in enumerate(items, start=1):
        fields = {k: v for k, v in row.items() if k not in ("region", "opening_hours")}
        place, _ = MeetingPlace.objects.update_or_create(
            slug=row["slug"],
            defaults={**fields, "region_id": regions.get(row["region"]), "order": order},
        )
        place.opening_hours.all().delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(place=place, **hours) for hours in row["opening_hours"]
        )


def account_signup(*, email, password, first_name, last_name):
    """Create an inactive account and mail an activation link.

    When the address already has an account, its owner gets a reminder instead, so the form
    answers the same either way and nobody learns which addresses are registered.
    """
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        # The same hashing work as for a new account, so the answer takes as long either way.
        make_password(password)
        send_templated(
            template="registration/signup_exists_email.txt",
            context={"user": existing, "reset_url": absolute_url(reverse("password_reset"))},
            to=[existing.email],
        )
        return None
    user = User.objects.create_user(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        is_active=False,
    )
    path = reverse(
        "activate",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    send_templated(
        template="registration/activation_email.txt",
        context={"user": user, "activate_url": absolute_url(path)},
        to=[user.email],
    )
    return user


def account_to_activate(*, uidb64, token):
    """The inactive account an activation link is for; None when the link is invalid or used."""
    try:
        user = User.objects.get(pk=urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    if user.is_active or not default_token_generator.check_token(user, token):
        return None
    return user


def account_activate(*, uidb64, token):
    """The user an activation link is for, activated; None when the link is invalid or used."""
    user = account_to_activate(uidb64=uidb64, token=token)
    if user is None:
        return None
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


class AwardError(Exception):
    """A rule of the awards was broken; the message is for the user."""


def _award_categories_check(items, nodes):
    for item, node in zip(items, nodes, strict=True):
        item["slug"] = item["slug"] or danish_slugify(item["name"])
        # Kept for an error about the focus area, which can only be checked while loading.
        item["line"] = node.start_mark.line + 1
    datafile.check_unique(items, "slug", nodes, "award_categories")
    datafile.check_unique(items, "name", nodes, "award_categories")


def _award_categories_load(items):
    """Make the award categories match the file; a removed one that has nominations is closed."""
    areas = {area.number: area for area in FocusArea.objects.all()}
    kept = []
    for order, item in enumerate(items, start=1):
        number = item["focus_area"]
        if number is not None and number not in areas:
            raise datafile.DataFileError(
                item["line"],
                f"award_categories[{order}].focus_area",
                _("there is no focus area number %(number)s") % {"number": number},
            )
        category, _created = AwardCategory.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "name": item["name"],
                "description": item["description"],
                "order": order,
                "focus_area": areas.get(number),
                "is_open": True,
            },
        )
        kept.append(category.pk)
    removed = AwardCategory.objects.exclude(pk__in=kept)
    removed.filter(~Exists(Nomination.objects.filter(category=OuterRef("pk")))).delete()
    removed.update(is_open=False, focus_area=None)


AWARD_CATEGORIES_SECTION = datafile.Section(
    name="award_categories",
    schema=datafile.List(
        datafile.Mapping(
            {
                "name": datafile.Str(required=True, max_length=100),
                "slug": datafile.Str(max_length=50, validator=datafile.validate_slug),
                "description": datafile.Str(),
                "focus_area": datafile.Int(minimum=1, maximum=99),
            }
        )
    ),
    load=_award_categories_load,
    check=_award_categories_check,
)


@transaction.atomic
def nomination_submit(
    *, category, nominee_name, nominee_association, reason, nominator_name, nominator_email
):
    """Anyone nominates someone for this year's award; the nominator gets a receipt."""
    if not AwardCategory.objects.filter(pk=category.pk, is_open=True).exists():
        raise AwardError(_("Nominations for “%(award)s” are closed.") % {"award": category.name})
    nomination = Nomination(
        category=category,
        year=timezone.localdate().year,
        nominee_name=nominee_name,
        nominee_association=nominee_association,
        reason=reason,
        nominator_name=nominator_name,
        nominator_email=nominator_email.lower(),
    )
    nomination.full_clean()
    nomination.save()
    admin_url = absolute_url(reverse("admin:frivillig_nomination_change", args=[nomination.pk]))

    def send():
        send_templated(
            template="frivillig/email/nomination_receipt.txt",
            context={"nomination": nomination, "winners_url": absolute_url(reverse("awards"))},
            to=[nomination.nominator_email],
        )
        recipients = consultant_recipients()
        if recipients:
            send_templated(
                template="frivillig/email/nomination_consultant.txt",
                context={"nomination": nomination, "admin_url": admin_url},
                to=recipients,
                reply_to=[nomination.nominator_email],
            )

    transaction.on_commit(send)
    return nomination


def _locked_nomination(nomination):
    # Locking the category first makes two consultants deciding the same award take turns.
    AwardCategory.objects.select_for_update().get(pk=nomination.category_id)
    return Nomination.objects.select_for_update().select_related("category").get(pk=nomination.pk)


def _decided(nomination, user, **changes):
    for name, value in changes.items():
        setattr(nomination, name, value)
    nomination.decided_by = user
    nomination.decided_at = timezone.now()
    nomination.full_clean()
    nomination.save()
    return nomination


@transaction.atomic
def award_winner_mark(*, nomination, user):
    """Make a nomination the winner of its award and year; an award has one winner a year."""
    nomination = _locked_nomination(nomination)
    if nomination.is_winner:
        raise AwardError(
            _("%(name)s is already the winner of %(award)s %(year)s.")
            % {
                "name": nomination.nominee_name,
                "award": nomination.category,
                "year": nomination.year,
            }
        )
    winner = Nomination.objects.filter(
        category=nomination.category_id, year=nomination.year, is_winner=True
    ).first()
    if winner is not None:
        raise AwardError(
            _("%(award)s %(year)s already has a winner: %(name)s. Remove that mark first.")
            % {"award": nomination.category, "year": nomination.year, "name": winner.nominee_name}
        )
    return _decided(nomination, user, is_winner=True, status=Nomination.Status.SHORTLISTED)


@transaction.atomic
def award_winner_unmark(*, nomination, user):
    """Take back a winner mark set by mistake; the nomination stays on the shortlist."""
    nomination = _locked_nomination(nomination)
    if not nomination.is_winner:
        raise AwardError(
            _("%(name)s is not marked as a winner.") % {"name": nomination.nominee_name}
        )
    return _decided(nomination, user, is_winner=False)


@transaction.atomic
def nomination_review(*, nomination, status, user):
    """Put a nomination on the shortlist, decline it, or set it back to pending."""
    nomination = _locked_nomination(nomination)
    if nomination.is_winner and status != Nomination.Status.SHORTLISTED:
        raise AwardError(
            _("%(name)s is the winner. Remove the winner mark first.")
            % {"name": nomination.nominee_name}
        )
    return _decided(nomination, user, status=status)


def nominations_apply_retention(*, today=None):
    """After the award year: other nominations go; winners keep the name, not the nominator."""
    today = today or timezone.localdate()
    past = Nomination.objects.filter(year__lt=today.year)
    deleted = past.filter(is_winner=False).delete()[0]
    past.filter(is_winner=True).exclude(nominator_email="").update(
        nominator_name="", nominator_email="", reason=""
    )
    return f"award nominations: {deleted} deleted"


def totp_device_for(user):
    """The user's confirmed authenticator, or the one being set up (created on first visit)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, confirmed=False, defaults={"name": "Frivilligportalen"}
        )
    return device


def two_factor_reset(*, user):
    """Forget the user's authenticators (a lost phone): their sessions confirmed with one owe a
    code again, and they set up a new app at their next login."""
    TOTPDevice.objects.filter(user=user).delete()


def totp_verify(*, device, token):
    """Check a code; the first right code also confirms a device that was being set up."""
    if not device.verify_token(token):
        return False
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return True
