from django.contrib.auth.tokens import default_token_generator
from django.db import transaction
from django.db.models import F
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from frivillig.mail import absolute_url, send_templated
from frivillig.models import (
    ExampleInitiative,
    FocusArea,
    Municipality,
    Page,
    Region,
    TargetGroup,
    User,
)


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


def account_signup(*, email, password, first_name, last_name):
    """Create an inactive account and mail an activation link.

    When the address already has an account, its owner gets a reminder instead, so the form
    answers the same either way and nobody learns which addresses are registered.
    """
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
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


def account_activate(*, uidb64, token):
    """The user an activation link is for, activated; None when the link is invalid or used."""
    try:
        user = User.objects.get(pk=urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    if user.is_active or not default_token_generator.check_token(user, token):
        return None
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user
