"""Writes for associations: registration, approval, profile upkeep, members and messages."""

import hashlib
from datetime import timedelta

from auditlog.context import disable_auditlog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.db.models import Count, ProtectedError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from foreninger import letters
from foreninger.models import Activity, Association, AssociationLog, Invitation, Membership
from foreninger.permissions import may_act_for_associations
from frivillig import timewindow
from frivillig.hooks import app_callables
from frivillig.mail import absolute_url, send_templated
from frivillig.privacy import audit_trail_delete, login_records_delete
from frivillig.ratelimit import rate_limit_allow
from frivillig.selectors import consultant_recipients, municipality_get
from frivillig.text import danish_slugify
from frivillig.uploads import storage_refusal_as

CHILD_CERTIFICATE_VALID_DAYS = 365
STALE_AFTER_DAYS = 365
REMIND_AGAIN_AFTER_DAYS = 30
INVITATION_VALID_DAYS = 7
CONFIRM_LINK_VALID_DAYS = 60
CONFIRM_SALT = "foreninger.confirm"
# What the portal's sender mails on a user's word, per day: enough for an association's board,
# too little for spam. The consultant's inbox gets at most so many registration notices.
MAIL_LIMIT_WINDOW = timedelta(days=1)
INVITATIONS_PER_USER = 10
INVITATIONS_PER_ADDRESS = 3
REGISTRATIONS_PER_USER = 3
REGISTRATION_NOTICES_PER_ADDRESS = 10
M2M_FIELDS = ("focus_areas", "regions", "target_groups")
EXPORT_FIELDS = (
    "name",
    "cvr",
    "kind",
    "short_description",
    "description",
    "street",
    "postcode",
    "town",
    "website",
    "phone",
    "email",
    "status",
    "rejection_reason",
    "agreement_date",
    "child_certificate_checked_on",
    "confirmed_on",
    "created_at",
    "updated_at",
)


class AssociationError(Exception):
    """A rule of the registry was broken; the message is for the user."""


def _refuse_staff(user):
    # Stricter than the admin: here not even a superuser joins, the admin logs who added whom.
    if not may_act_for_associations(user):
        raise AssociationError(_("Staff of the municipality cannot act for an association."))


def association_log(*, association, action, user=None, note=""):
    return AssociationLog.objects.create(
        association=association, action=action, user=user, note=note
    )


def _limit_key(value):
    """A salted hash, as frivillig.ratelimit keeps its keys: it counts, it names nobody."""
    return hashlib.sha256(f"{settings.SECRET_KEY}:{value}".encode()).hexdigest()


def _within_limits(scope, limit, values):
    """Count one mail against each of `values` (a user, an address) under `scope`.

    False when one of them has used up `limit`; the caller raises, and its transaction takes
    back the counts already made, so a refused attempt leaves nothing behind.
    """
    return all(
        rate_limit_allow(scope=scope, key=_limit_key(value), limit=limit, window=MAIL_LIMIT_WINDOW)
        for value in values
    )


def _unique_slug(name, exclude_pk=None):
    base = danish_slugify(name)[:150] or "forening"
    taken = set(
        Association.objects.filter(slug__startswith=base)
        .exclude(pk=exclude_pk)
        .values_list("slug", flat=True)
    )
    slug, number = base, 2
    while slug in taken:
        slug, number = f"{base}-{number}", number + 1
    return slug


def _assign(association, fields):
    many = {name: fields.pop(name) for name in M2M_FIELDS if name in fields}
    for name, value in fields.items():
        # save_form_data understands a cleared file input (False) as well as plain values.
        Association._meta.get_field(name).save_form_data(association, value)
    return many


@transaction.atomic
def association_register(*, user, fields):
    """A user registers an association; it waits for the consultant's approval."""
    _refuse_staff(user)
    if not _within_limits("registration_user", REGISTRATIONS_PER_USER, [f"user:{user.pk}"]):
        raise AssociationError(
            _("You have registered several associations in a short time. Try again tomorrow.")
        )
    recipients = consultant_recipients()
    if not _within_limits(
        "registration_notice",
        REGISTRATION_NOTICES_PER_ADDRESS,
        [f"email:{address.lower()}" for address in recipients],
    ):
        raise AssociationError(
            _("The municipality has received many registrations today. Try again tomorrow.")
        )
    fields = dict(fields)
    association = Association(status=Association.Status.PENDING)
    many = _assign(association, fields)
    association.slug = _unique_slug(association.name)
    association.confirmed_on = timezone.localdate()
    association.full_clean()
    with storage_refusal_as(AssociationError):
        association.save()
    for name, value in many.items():
        getattr(association, name).set(value)
    Membership.objects.create(user=user, association=association)
    association_log(association=association, action=AssociationLog.Action.REGISTERED, user=user)
    send_templated(
        template="foreninger/email/registered_consultant.txt",
        context={
            "association": association,
            "user": user,
            "admin_url": absolute_url(
                reverse("admin:foreninger_association_change", args=[association.pk])
            ),
        },
        to=recipients,
    )
    return association


@transaction.atomic
def association_update(*, association, user, fields):
    """A member edits the profile; saving it also confirms that the details are current."""
    fields = dict(fields)
    many = _assign(association, fields)
    association.confirmed_on = timezone.localdate()
    association.reminded_on = None
    association.full_clean()
    with storage_refusal_as(AssociationError):
        association.save()
    for name, value in many.items():
        getattr(association, name).set(value)
    association_log(association=association, action=AssociationLog.Action.UPDATED, user=user)
    return association


def child_certificate_missing(association, *, today=None):
    """True when an activity involves children under 15 and the check is older than a year."""
    today = today or timezone.localdate()
    if not association.activities.filter(involves_children_under_15=True).exists():
        return False
    checked = association.child_certificate_checked_on
    return checked is None or checked < today - timedelta(days=CHILD_CERTIFICATE_VALID_DAYS)


def _locked(association):
    return Association.objects.select_for_update().get(pk=association.pk)


@transaction.atomic
def association_approve(*, association, user, override_reason=""):
    """Approve for the public directory, enforcing the rule of play on børneattester."""
    association = _locked(association)
    if association.status == Association.Status.APPROVED:
        raise AssociationError(_("“%(name)s” is already approved.") % {"name": association})
    override_reason = override_reason.strip()
    missing = child_certificate_missing(association)
    if missing and not override_reason:
        raise AssociationError(
            _(
                "“%(name)s” has an activity with children under 15, and its børneattest check "
                "is missing or more than 12 months old. Record the check, or give a reason for "
                "approving anyway."
            )
            % {"name": association}
        )
    association.status = Association.Status.APPROVED
    association.rejection_reason = ""
    association.save(update_fields=["status", "rejection_reason", "updated_at"])
    if missing:
        association_log(
            association=association,
            action=AssociationLog.Action.APPROVED_OVERRIDE,
            user=user,
            note=override_reason,
        )
    else:
        association_log(association=association, action=AssociationLog.Action.APPROVED, user=user)
    _notify_members(association, "foreninger/email/approved.txt")
    return association


@transaction.atomic
def association_reject(*, association, user, reason):
    association = _locked(association)
    reason = reason.strip()
    if not reason:
        raise AssociationError(_("Give the association a reason for the rejection."))
    if association.status == Association.Status.REJECTED:
        raise AssociationError(_("“%(name)s” is already rejected.") % {"name": association})
    association.status = Association.Status.REJECTED
    association.rejection_reason = reason
    association.save(update_fields=["status", "rejection_reason", "updated_at"])
    association_log(
        association=association, action=AssociationLog.Action.REJECTED, user=user, note=reason
    )
    letters.rejection_send(association)
    return association


@transaction.atomic
def association_deactivate(*, association, user, note=""):
    association = _locked(association)
    if association.status != Association.Status.APPROVED:
        raise AssociationError(_("Only an approved association can be made inactive."))
    association.status = Association.Status.INACTIVE
    association.save(update_fields=["status", "updated_at"])
    association_log(
        association=association, action=AssociationLog.Action.DEACTIVATED, user=user, note=note
    )
    return association


def _notify_members(association, template, **extra):
    context = {"association": association, "municipality": municipality_get(), **extra}
    send_templated(template=template, context=context, to=[association.email])


def confirm_token(association):
    """A signed link token that stops working once the details have been confirmed again."""
    return signing.dumps(
        {"a": association.pk, "c": association.confirmed_on.isoformat()}, salt=CONFIRM_SALT
    )


def association_from_confirm_token(token):
    """The association a confirm link is for, or None when the link is invalid or used."""
    try:
        data = signing.loads(
            token, salt=CONFIRM_SALT, max_age=timedelta(days=CONFIRM_LINK_VALID_DAYS)
        )
    except signing.BadSignature:
        return None
    association = Association.objects.filter(pk=data.get("a")).first()
    if association is None or association.confirmed_on.isoformat() != data.get("c"):
        return None
    return association


@transaction.atomic
def association_confirm(*, association, user=None):
    """The association confirms that its public details are still correct."""
    association.confirmed_on = timezone.localdate()
    association.reminded_on = None
    association.save(update_fields=["confirmed_on", "reminded_on", "updated_at"])
    association_log(association=association, action=AssociationLog.Action.CONFIRMED, user=user)
    return association


def stale_before(today):
    return today - timedelta(days=STALE_AFTER_DAYS)


def associations_remind_stale(*, today=None):
    """E-mail approved associations whose details were not confirmed for 12 months (for cron).

    An association is reminded again at most every 30 days until it confirms.
    """
    today = today or timezone.localdate()
    due = (
        Association.objects.filter(
            status=Association.Status.APPROVED, confirmed_on__lte=stale_before(today)
        )
        .exclude(reminded_on__gt=today - timedelta(days=REMIND_AGAIN_AFTER_DAYS))
        .order_by("pk")
    )
    municipality = municipality_get()
    reminded = 0
    for association in due:
        with transaction.atomic():
            send_templated(
                template="foreninger/email/confirm_reminder.txt",
                context={
                    "association": association,
                    "municipality": municipality,
                    "confirm_url": absolute_url(
                        reverse("foreninger:confirm", args=[confirm_token(association)])
                    ),
                },
                to=[association.email],
            )
            association.reminded_on = today
            association.save(update_fields=["reminded_on"])
            association_log(association=association, action=AssociationLog.Action.REMINDED)
        reminded += 1
    return reminded


@transaction.atomic
def activity_save(*, activity, user, target_groups):
    activity.full_clean()
    activity.save()
    activity.target_groups.set(target_groups)
    association_log(
        association=activity.association,
        action=AssociationLog.Action.UPDATED,
        user=user,
        note=_("Activity “%(title)s” saved.") % {"title": activity.title},
    )
    return activity


@transaction.atomic
def activity_delete(*, activity, user):
    association_log(
        association=activity.association,
        action=AssociationLog.Action.UPDATED,
        user=user,
        note=_("Activity “%(title)s” deleted.") % {"title": activity.title},
    )
    activity.delete()


@transaction.atomic
def invitation_send(*, association, user, email):
    """A member invites an address; approved associations only, so the subject is vetted."""
    if not association.is_public:
        raise AssociationError(
            _("Your association can invite members once the volunteer consultant has approved it.")
        )
    email = email.strip().lower()
    if association.memberships.filter(user__email__iexact=email).exists():
        raise AssociationError(_("%(email)s is already a member.") % {"email": email})
    if not (
        _within_limits("invitation_user", INVITATIONS_PER_USER, [f"user:{user.pk}"])
        and _within_limits("invitation_address", INVITATIONS_PER_ADDRESS, [f"email:{email}"])
    ):
        raise AssociationError(
            _("Too many invitations have been sent in a short time. Try again tomorrow.")
        )
    now = timezone.now()
    invitation = Invitation.objects.create(
        association=association,
        email=email,
        invited_by=user,
        created_at=now,
        expires_at=now + timedelta(days=INVITATION_VALID_DAYS),
    )
    association_log(
        association=association,
        action=AssociationLog.Action.MEMBER_INVITED,
        user=user,
        note=email,
    )
    send_templated(
        template="foreninger/email/invitation.txt",
        context={
            "invitation": invitation,
            "association": association,
            "inviter": user,
            "accept_url": absolute_url(
                reverse("foreninger:invitation_accept", args=[invitation.token])
            ),
        },
        to=[email],
    )
    return invitation


@transaction.atomic
def invitation_revoke(*, invitation, user):
    """A member or the consultant withdraws an invitation before it is accepted."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:
        raise AssociationError(_("This invitation has already been accepted."))
    if invitation.revoked_at is not None:
        raise AssociationError(_("This invitation has already been revoked."))
    invitation.revoked_at = timezone.now()
    invitation.save(update_fields=["revoked_at"])
    association_log(
        association=invitation.association,
        action=AssociationLog.Action.INVITATION_REVOKED,
        user=user,
        note=invitation.email,
    )
    return invitation


@transaction.atomic
def invitation_accept(*, invitation, user):
    # The association first, as membership_remove locks it: the inviter cannot go meanwhile.
    association = _locked(invitation.association)
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    _refuse_staff(user)
    if invitation.accepted_at is not None:
        raise AssociationError(_("This invitation has already been used."))
    if invitation.revoked_at is not None:
        raise AssociationError(_("This invitation has been revoked."))
    if timewindow.has_passed(invitation.expires_at):
        raise AssociationError(
            _("This invitation has expired. Ask the association to send a new one.")
        )
    # Also for a membership deleted in the admin, which revokes nothing.
    if not association.memberships.filter(user_id=invitation.invited_by_id).exists():
        raise AssociationError(
            _(
                "The member who sent this invitation no longer acts for the association. "
                "Ask the association to send a new one."
            )
        )
    if invitation.email.lower() != user.email.lower():
        raise AssociationError(
            _(
                "This invitation was sent to another e-mail address. Log in with the account "
                "for that address."
            )
        )
    Membership.objects.get_or_create(user=user, association=association)
    invitation.accepted_at = timezone.now()
    invitation.save(update_fields=["accepted_at"])
    association_log(
        association=association,
        action=AssociationLog.Action.MEMBER_JOINED,
        user=user,
        note=user.email,
    )
    return association


@transaction.atomic
def membership_remove(*, membership, user):
    """Remove a member and revoke the invitations they sent; returns how many were revoked."""
    association = _locked(membership.association)
    if association.memberships.count() <= 1:
        raise AssociationError(_("An association must keep at least one member."))
    association_log(
        association=association,
        action=AssociationLog.Action.MEMBER_REMOVED,
        user=user,
        note=membership.user.email,
    )
    pending = association.invitations.filter(
        invited_by=membership.user_id, accepted_at__isnull=True, revoked_at__isnull=True
    ).select_for_update()
    for invitation in pending:
        invitation_revoke(invitation=invitation, user=user)
    membership.delete()
    return len(pending)


def contact_send(*, association, name, email, message):
    """Forward a visitor's message to the association without revealing its address."""
    return send_templated(
        template="foreninger/email/contact.txt",
        context={"association": association, "name": name, "email": email, "message": message},
        to=[association.email],
        reply_to=[email],
    )


@transaction.atomic
def error_report(*, association, name, email, message):
    """A visitor reports wrong details; the consultant gets the message."""
    association_log(
        association=association, action=AssociationLog.Action.ERROR_REPORTED, note=message
    )
    context = {
        "association": association,
        "name": name,
        "email": email,
        "message": message,
        "admin_url": absolute_url(
            reverse("admin:foreninger_association_change", args=[association.pk])
        ),
    }
    send_templated(
        template="foreninger/email/error_report.txt",
        context=context,
        to=consultant_recipients(),
        reply_to=[email] if email else None,
    )


def association_export(association):
    """Everything the portal holds about an association, for its members (GDPR art. 15/20).

    Other apps add their parts (grant applications, the follow-up group's sign-ups and
    candidacies) through `association_export_sections`.
    """
    data = {
        "association": Association.objects.filter(pk=association.pk).values(*EXPORT_FIELDS).get(),
        "focus_areas": [area.title for area in association.focus_areas.all()],
        "regions": [region.name for region in association.regions.all()],
        "target_groups": [group.name for group in association.target_groups.all()],
        "activities": list(
            association.activities.values(
                "title",
                "description",
                "online",
                "street",
                "postcode",
                "town",
                "when",
                "contact_name",
                "contact_phone",
                "wants_volunteers",
                "involves_children_under_15",
            )
        ),
        "members": list(
            association.memberships.values(
                "user__email", "user__first_name", "user__last_name", "created_at"
            )
        ),
        "invitations": [
            {
                "email": invitation.email,
                "invited_by": invitation.invited_by.email if invitation.invited_by else None,
                "created_at": invitation.created_at,
                "expires_at": invitation.expires_at,
                "accepted_at": invitation.accepted_at,
            }
            for invitation in association.invitations.select_related("invited_by").order_by(
                "created_at"
            )
        ],
        # Visitors' error reports are theirs, written to the consultant.
        "log": list(
            association.log.exclude(action=AssociationLog.Action.ERROR_REPORTED).values(
                "created_at", "action", "note", "user__email"
            )
        ),
    }
    for section in app_callables("association_export_sections"):
        data.update(section(association))
    return data


def anonymised_name(association):
    return _("Anonymised association %(number)s") % {"number": association.pk}


@transaction.atomic
def association_anonymise(*, association, user):
    """Remove the personal data of an inactive or rejected association: its texts and contacts,
    what its members and the citizens who answered it wrote, its members' links to it and the
    accounts of members who act for no other association (the privacy page promises it; the
    account of one who does stays theirs). The municipality's case records stay without them.

    Each app's `association_anonymise_hooks` gets the association as it was (its old name in
    memory) and removes its own part. The trail goes with the data, and the removal writes
    none: its entries would copy what is removed; the log's ANONYMISED entry records it.
    """
    association = _locked(association)
    if association.status not in (Association.Status.INACTIVE, Association.Status.REJECTED):
        raise AssociationError(_("Only an inactive or rejected association can be anonymised."))
    with disable_auditlog():
        _anonymise(association)
        for hook in app_callables("association_anonymise_hooks"):
            hook(association)
    association_log(association=association, action=AssociationLog.Action.ANONYMISED, user=user)


def _anonymise(association):
    if association.agreement_file:
        association.agreement_file.delete(save=False)
    anonymous = anonymised_name(association)
    Association.objects.filter(pk=association.pk).update(
        name=anonymous,
        slug=f"anonymiseret-{association.pk}",
        cvr="",
        short_description=anonymous,
        description="",
        street="",
        postcode="",
        town="",
        website="",
        phone="",
        email=f"anonymiseret-{association.pk}@invalid.invalid",
        agreement_file="",
        rejection_reason=anonymous if association.status == Association.Status.REJECTED else "",
    )
    # Also the trail of activities deleted and members removed before.
    audit_trail_delete(Association, pks=[association.pk])
    for model, objects in (
        (Activity, association.activities),
        (Membership, association.memberships),
    ):
        audit_trail_delete(
            model,
            pks=list(objects.values_list("pk", flat=True)),
            recorded={"association": association.pk},
        )
    association.activities.all().delete()
    member_ids = association.memberships.values("user")
    # Counted over all their memberships: those acting for another association keep their data.
    leaving = list(
        get_user_model()
        .objects.filter(pk__in=member_ids)
        .annotate(associations=Count("memberships"))
        .filter(associations=1)
    )
    login_records_delete([member.email for member in leaving])
    for member in leaving:
        member.email = f"slettet-bruger-{member.pk}@invalid.invalid"
        member.first_name = member.last_name = ""
        member.is_active = False
        member.set_unusable_password()
        member.save()
    association.memberships.all().delete()
    association.invitations.all().delete()
    association.log.update(note="")
    association.log.exclude(user__is_staff=True).update(user=None)


def associations_apply_retention(*, today=None):
    """What the privacy page promises: an association out of the directory for a year goes.

    Inactive or rejected associations untouched for 12 months are deleted, or anonymised when
    grant cases (kept longer, by the rules on records) still refer to them.
    """
    cutoff = timewindow.start_of_day((today or timezone.localdate()) - timedelta(days=365))
    retired = Association.objects.filter(
        status__in=[Association.Status.INACTIVE, Association.Status.REJECTED],
        updated_at__lt=cutoff,
    ).exclude(log__action=AssociationLog.Action.ANONYMISED)
    deleted = anonymised = 0
    for association in retired:
        # Anonymised first, so that a deleted association's trail, members' accounts and
        # login records go as well.
        association_anonymise(association=association, user=None)
        try:
            with transaction.atomic(), disable_auditlog():
                Association.objects.filter(pk=association.pk).delete()
        except ProtectedError:
            anonymised += 1
        else:
            deleted += 1
    return f"associations: {deleted} deleted, {anonymised} anonymised"
