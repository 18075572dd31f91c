"""Associations bound to their CVR number through MitID Erhverv: the privilege rule, requests to
join, registration from the CVR register, and the nightly check of the register."""

from django.contrib import messages
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from foreninger import services
from foreninger.cvr import CvrLookupError, cvr_lookup
from foreninger.models import Association, AssociationLog, JoinRequest, Membership
from frivillig.mail import absolute_url, send_templated
from frivillig.selectors import consultant_recipients

ORGANISATION_SESSION_KEY = "mitid_organisation"


def session_organisation(request):
    """What the MitID Erhverv login said: {cvr, organisation, may_act}, or None."""
    return request.session.get(ORGANISATION_SESSION_KEY)


@transaction.atomic
def membership_bind(*, association, user):
    """The privilege rule held: the person acts for the association's CVR, so becomes a member,
    and the association's identity is proven. False when they already were a member."""
    services._refuse_staff(user)
    _membership, created = Membership.objects.get_or_create(user=user, association=association)
    if created:
        services.association_log(
            association=association,
            action=AssociationLog.Action.MEMBER_JOINED,
            user=user,
            note=_("MitID Erhverv with the privilege to act for the CVR number"),
        )
    if association.cvr_proven_on is None:
        association.cvr_proven_on = timezone.localdate()
        association.save(update_fields=["cvr_proven_on"])
        services.association_log(
            association=association, action=AssociationLog.Action.CVR_PROVEN, user=user
        )
    return created


def after_login(request, organisation):
    """The professional_login hook: bind by the privilege rule, or offer the next step."""
    association = Association.objects.filter(cvr=organisation["cvr"]).first()
    if association is not None and organisation["may_act"] and not request.user.is_staff:
        if membership_bind(association=association, user=request.user):
            messages.success(
                request,
                _("You can now act for “%(name)s”, which MitID says you may.")
                % {"name": association},
            )
        return reverse("foreninger:dashboard")
    if association is not None and association.memberships.filter(user=request.user).exists():
        return None
    return reverse("foreninger:mitid_organisation")


@transaction.atomic
def join_request_create(*, association, user):
    services._refuse_staff(user)
    if association.memberships.filter(user=user).exists():
        raise services.AssociationError(_("You are already a member of this association."))
    try:
        with transaction.atomic():
            join_request = JoinRequest.objects.create(association=association, user=user)
    except IntegrityError as error:
        raise services.AssociationError(
            _("You have already asked to join this association.")
        ) from error
    services.association_log(
        association=association, action=AssociationLog.Action.JOIN_REQUESTED, user=user
    )
    members = list(association.memberships.values_list("user__email", flat=True))
    recipients = members or consultant_recipients()
    send_templated(
        template="foreninger/email/join_requested.txt",
        context={
            "association": association,
            "user": user,
            "url": absolute_url(reverse("foreninger:join_requests", args=[association.pk])),
        },
        to=recipients,
    )
    return join_request


@transaction.atomic
def join_request_decide(*, join_request, user, approve):
    """A member or the consultant lets the person in, or not; the person gets an e-mail."""
    join_request = JoinRequest.objects.select_for_update().get(pk=join_request.pk)
    if join_request.decided_at is not None:
        raise services.AssociationError(_("This request has already been answered."))
    join_request.decided_at = timezone.now()
    join_request.decided_by = user
    join_request.approved = approve
    join_request.save(update_fields=["decided_at", "decided_by", "approved"])
    association = join_request.association
    if approve:
        Membership.objects.get_or_create(user=join_request.user, association=association)
    services.association_log(
        association=association,
        action=AssociationLog.Action.JOIN_APPROVED
        if approve
        else AssociationLog.Action.JOIN_DECLINED,
        user=user,
        note=str(join_request.user),
    )
    send_templated(
        template="foreninger/email/join_decided.txt",
        context={
            "association": association,
            "approved": approve,
            "url": absolute_url(reverse("foreninger:dashboard")),
        },
        to=[join_request.user.email],
    )
    return join_request


def register_prefill(cvr):
    """The form's initial values from the CVR register; None when the register has no answer."""
    try:
        record = cvr_lookup()(cvr)
    except CvrLookupError:
        return None
    if record is None:
        return None
    return {
        "name": record.name,
        "cvr": record.cvr,
        "street": record.street,
        "postcode": record.postcode,
        "town": record.town,
    }


@transaction.atomic
def association_register_proven(*, user, fields):
    """Registration by a person whose MitID Erhverv privilege proves the CVR number: still
    pending the consultant's approval, but with its identity proven."""
    association = services.association_register(user=user, fields=fields)
    association.cvr_proven_on = timezone.localdate()
    association.save(update_fields=["cvr_proven_on"])
    services.association_log(
        association=association, action=AssociationLog.Action.CVR_PROVEN, user=user
    )
    return association


def associations_cvr_refresh(*, lookup=None, today=None):
    """The nightly job: each association's CVR status from the register; a ceased one is flagged
    for the consultant. Returns a one-line summary."""
    lookup = lookup or cvr_lookup()
    today = today or timezone.localdate()
    checked = ceased = failed = 0
    for association in Association.objects.exclude(cvr="").order_by("pk"):
        try:
            record = lookup(association.cvr)
        except CvrLookupError:
            failed += 1
            continue
        checked += 1
        now_ceased = record is not None and record.ceased
        with transaction.atomic():
            if now_ceased and not association.cvr_ceased:
                ceased += 1
                services.association_log(
                    association=association, action=AssociationLog.Action.CVR_CEASED
                )
            Association.objects.filter(pk=association.pk).update(
                cvr_ceased=now_ceased, cvr_checked_on=today
            )
    return f"CVR register: {checked} checked, {ceased} newly ceased, {failed} not answered"
