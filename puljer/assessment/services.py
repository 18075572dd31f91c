"""Writes of the assessment: the panel, the declarations of impartiality, the scores and the
recommendation list built from them."""

import datetime

from django.contrib.auth.models import Group
from django.db import transaction
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from frivillig.mail import absolute_url, send_templated
from frivillig.roles import ASSESSOR_GROUP
from frivillig.selectors import municipality_get
from frivillig.text import kroner
from puljer.assessment import selectors
from puljer.assessment.models import Declaration, Panel, PanelMember, Score
from puljer.models import OPEN_STATUSES, ApplicationEvent, Pool
from puljer.services import grant_decide, granted_total
from puljer.workflow import ApplicationError

# The assessors who have not finished are reminded this many days before the deadline.
REMIND_DAYS_BEFORE = 3


class AssessmentError(ApplicationError):
    """A rule of the assessment was broken; the message is for the user."""


def _event(application, action, *, user, note):
    """An internal entry of the application's timeline (and so of its case file)."""
    return ApplicationEvent.objects.create(
        application=application, user=user, action=action, note=note, internal=True
    )


def _name(user):
    return user.get_full_name() or user.email


@transaction.atomic
def panel_member_add(*, panel, user, external, by):
    """Put a person on the round's panel: they get the assessor role (staff, so two-factor
    applies) and an e-mail."""
    if not user.is_active:
        raise AssessmentError(_("The account is not active."))
    if external and not panel.confidentiality_text.strip():
        raise AssessmentError(
            _(
                "Write the confidentiality declaration on the panel before adding an external "
                "assessor."
            )
        )
    if panel.members.filter(user=user).exists():
        raise AssessmentError(_("The person is already on the panel."))
    member = PanelMember.objects.create(panel=panel, user=user, external=external)
    user.groups.add(Group.objects.get(name=ASSESSOR_GROUP))
    if not user.is_staff:
        user.is_staff = True
        user.save(update_fields=["is_staff"])
    send_templated(
        template="assessment/email/assigned.txt",
        context={
            "member": member,
            "panel": panel,
            "municipality": municipality_get(),
            "url": absolute_url(reverse("admin:assessment_panelmember_round", args=[member.pk])),
        },
        to=[user.email],
    )
    return member


@transaction.atomic
def confidentiality_sign(*, member):
    member = PanelMember.objects.select_for_update().get(pk=member.pk)
    if member.confidentiality_signed_at is None:
        member.confidentiality_signed_at = timezone.now()
        member.save(update_fields=["confidentiality_signed_at"])
    return member


def _open(member, application):
    if member.access_ended_at is not None:
        raise AssessmentError(_("Your access to this round has ended."))
    if member.external and member.confidentiality_signed_at is None:
        raise AssessmentError(_("Sign the confidentiality declaration first."))
    if application.round_id != member.panel.round_id:
        raise AssessmentError(_("The application is not in your panel's round."))
    if application.status not in OPEN_STATUSES:
        raise AssessmentError(_("The application is decided or withdrawn."))


@transaction.atomic
def declaration_make(*, member, application, impartial, reason=""):
    """The assessor declares, before seeing the application, whether they are impartial. A
    membership of the applying association that the portal knows of makes them partial
    whatever they declare; an impartial assessor may later stand aside, which removes their
    scores. Either way the timeline says who declared what."""
    _open(member, application)
    reason = reason.strip()
    member_of_applicant = selectors.is_member_of_applicant(member.user, application)
    impartial = impartial and not member_of_applicant
    if not impartial and not reason and not member_of_applicant:
        raise AssessmentError(_("Say why you are not impartial."))
    declaration = (
        Declaration.objects.select_for_update()
        .filter(member=member, application=application)
        .first()
    )
    if declaration is not None and (not declaration.impartial or impartial):
        raise AssessmentError(_("You have already declared on this application."))
    if declaration is None:
        declaration = Declaration(member=member, application=application)
    declaration.impartial = impartial
    declaration.member_of_applicant = member_of_applicant
    declaration.reason = reason
    declaration.save()
    if not impartial:
        declaration.scores.all().delete()
    if impartial:
        note = _("%(name)s declared themselves impartial.") % {"name": _name(member.user)}
    elif member_of_applicant:
        note = _("%(name)s is a member of the applying association and stands aside.") % {
            "name": _name(member.user)
        }
    else:
        note = _("%(name)s declared themselves not impartial and stands aside: %(reason)s") % {
            "name": _name(member.user),
            "reason": reason,
        }
    _event(
        application,
        "declared_impartial" if impartial else "declared_partial",
        user=member.user,
        note=note,
    )
    return declaration


@transaction.atomic
def scores_save(*, member, application, scores):
    """Save the assessor's score and comment of each criterion (`scores`: criterion ->
    (value, comment)); only an impartial assessor who has declared so may score."""
    _open(member, application)
    if selectors.is_partial(member, application):
        raise AssessmentError(_("You are not impartial towards this application."))
    declaration = Declaration.objects.filter(
        member=member, application=application, impartial=True
    ).first()
    if declaration is None:
        raise AssessmentError(_("Declare whether you are impartial first."))
    for criterion, (value, comment) in scores.items():
        if criterion.pool_id != application.round.pool_id:
            raise AssessmentError(_("The criterion is not one of the pool's."))
        if criterion.scale_max is None or criterion.weight is None:
            raise AssessmentError(
                _("The scale and the weight of criterion %(number)d are not set yet.")
                % {"number": criterion.number}
            )
        if value is None or not 0 <= value <= criterion.scale_max:
            raise AssessmentError(
                _("The score of criterion %(number)d must be from 0 to %(max)d.")
                % {"number": criterion.number, "max": criterion.scale_max}
            )
        if not comment.strip():
            raise AssessmentError(
                _("Write a comment on criterion %(number)d.") % {"number": criterion.number}
            )
        Score.objects.update_or_create(
            declaration=declaration,
            criterion=criterion,
            defaults={"value": value, "comment": comment.strip()},
        )
    return declaration


@transaction.atomic
def recommendation_set(*, panel, user, lines):
    """Set the recommended amount and reason of the round's undecided applications (`lines`:
    application pk -> (amount or None, reason)). The amounts together may not exceed what is
    left in the pool, which is locked as a decision locks it."""
    pool = Pool.objects.select_for_update().get(pk=panel.round.pool_id)
    applications = {
        a.pk: a
        for a in panel.round.applications.select_for_update(of=("self",)).filter(
            pk__in=lines, status__in=OPEN_STATUSES
        )
    }
    if len(applications) != len(lines):
        raise AssessmentError(_("The list holds an application that is not open in the round."))
    if pool.budget is None:
        raise AssessmentError(_("The pool's budget is not set yet."))
    remaining = pool.budget - granted_total(pool)
    total = 0
    for pk, (amount, reason) in lines.items():
        application = applications[pk]
        if amount is None:
            continue
        if amount < 0 or amount > application.amount_applied:
            raise AssessmentError(
                _(
                    "%(application)s: the amount must be from 0 to the amount applied for "
                    "(%(applied)s)."
                )
                % {"application": application, "applied": kroner(application.amount_applied)}
            )
        if amount < application.amount_applied and not reason.strip():
            raise AssessmentError(
                _("%(application)s: a cut or a decline needs a reason.")
                % {"application": application}
            )
        total += amount
    if total > remaining:
        raise AssessmentError(
            _("The list recommends %(total)s, but only %(remaining)s is left in %(pool)s.")
            % {"total": kroner(total), "remaining": kroner(remaining), "pool": pool}
        )
    for pk, (amount, reason) in lines.items():
        application = applications[pk]
        application.recommended_amount = amount
        application.recommendation_reason = reason.strip()
        application.save(
            update_fields=["recommended_amount", "recommendation_reason", "updated_at"]
        )
    return total


@transaction.atomic
def recommendation_decide(*, panel, user):
    """Where the administration decides the pool's applications, the consultant decides the
    round's recommendation list in one batch: every application with a recommended amount as
    recommended, in one transaction under the pool's lock, so a failure on any line decides
    nothing. (A committee's decision on the list is recorded with puljer's committee form.)"""
    pool = Pool.objects.select_for_update().get(pk=panel.round.pool_id)
    if pool.decision_authority == Pool.Authority.COMMITTEE:
        raise AssessmentError(
            _("%(committee)s decides on the applications to %(pool)s: record its decision.")
            % {"committee": pool.decision_authority_name, "pool": pool}
        )
    applications = list(
        panel.round.applications.filter(
            status__in=OPEN_STATUSES, recommended_amount__isnull=False
        ).order_by("pk")
    )
    if not applications:
        raise AssessmentError(_("No application on the list has a recommended amount."))
    for application in applications:
        try:
            grant_decide(
                application=application,
                user=user,
                amount=application.recommended_amount,
                reason=application.recommendation_reason,
            )
        except ApplicationError as error:
            raise AssessmentError(
                _("%(application)s: %(error)s Nothing on the list was decided.")
                % {"application": application, "error": error}
            ) from error
    return len(applications)


def panel_record_on_decision(*, application, user):
    """grant_decided hook: the timeline and the case file record who assessed the application
    and who stood aside; when the last of the round is decided, the panel's access ends."""
    panel = Panel.objects.filter(round_id=application.round_id).first()
    if panel is None:
        return
    row = next(r for r in selectors.workbench(panel).rows if r.application.pk == application.pk)
    scored = set(
        Score.objects.filter(declaration__application=application).values_list(
            "declaration__member", flat=True
        )
    )
    assessed = [m for m in panel.members.select_related("user") if m.pk in scored]
    lines = [
        _("Assessed by: %(names)s.") % {"names": ", ".join(_name(m.user) for m in assessed) or "–"},
        _("Stood aside: %(names)s.")
        % {"names": ", ".join(_name(m.user) for m in row.stood_aside) or "–"},
    ]
    _event(application, "panel", user=user, note=" ".join(lines))
    if not panel.round.applications.filter(status__in=OPEN_STATUSES).exists():
        panel_access_end(panel=panel)


def panel_access_end(*, panel, now=None):
    """The round is decided: the assessors' access ends, and an external assessor with no
    other open seat loses the assessor role and staff access."""
    now = now or timezone.now()
    group = Group.objects.get(name=ASSESSOR_GROUP)
    for member in panel.members.filter(access_ended_at__isnull=True).select_related("user"):
        member.access_ended_at = now
        member.save(update_fields=["access_ended_at"])
        user = member.user
        if not member.external or selectors.seats_for(user).exists():
            continue
        user.groups.remove(group)
        if not user.is_superuser and not user.groups.exists():
            user.is_staff = False
            user.save(update_fields=["is_staff"])


def assessors_remind(*, today=None):
    """E-mail each assessor who has applications left to declare on or score, once, a few
    days before the panel's deadline (for the scheduler); returns the count."""
    today = today or timezone.localdate()
    sent = 0
    members = PanelMember.objects.filter(
        access_ended_at__isnull=True,
        reminded_on__isnull=True,
        panel__deadline__gte=today,
        panel__deadline__lte=today + datetime.timedelta(days=REMIND_DAYS_BEFORE),
    ).select_related("panel__round__pool", "user")
    for member in members:
        missing = [
            row.application
            for row in selectors.workbench(member.panel).rows
            if member in row.missing
        ]
        if not missing:
            continue
        send_templated(
            template="assessment/email/reminder.txt",
            context={
                "member": member,
                "panel": member.panel,
                "missing": missing,
                "deadline": formats.date_format(member.panel.deadline, "j. F Y"),
                "municipality": municipality_get(),
                "url": absolute_url(
                    reverse("admin:assessment_panelmember_round", args=[member.pk])
                ),
            },
            to=[member.user.email],
        )
        member.reminded_on = today
        member.save(update_fields=["reminded_on"])
        sent += 1
    return sent
