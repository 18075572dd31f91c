"""Reads of the assessment: who may see what, and the panel's workbench."""

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.http import Http404

from puljer.assessment.models import Criterion, Declaration, PanelMember, Score
from puljer.models import OPEN_STATUSES, Application, Attachment, Status

ONE_DECIMAL = Decimal("0.1")


def seats_for(user):
    """The user's seats on panels whose access has not ended."""
    return PanelMember.objects.filter(user=user, access_ended_at__isnull=True).select_related(
        "panel__round__pool"
    )


def is_member_of_applicant(user, application):
    """Whether the portal knows the user as a member of the applying association."""
    return application.association.memberships.filter(user=user).exists()


def is_partial(member, application):
    """Not impartial: a member of the applying association (now, whatever was declared), or
    a declaration that says so."""
    return (
        is_member_of_applicant(member.user, application)
        or Declaration.objects.filter(
            member=member, application=application, impartial=False
        ).exists()
    )


def partial_applications(user):
    """partial_applications: the applications the user declared a conflict on, on any panel."""
    return Declaration.objects.filter(member__user=user, impartial=False).values("application_id")


def get_seat_for(user, pk):
    """One of the user's own seats whose access has not ended; 404 for everybody else."""
    member = seats_for(user).filter(pk=pk).first()
    if member is None:
        raise Http404
    return member


def assessable_applications(round_):
    return (
        Application.objects.filter(round=round_)
        .exclude(status=Status.DRAFT)
        .select_related("association", "round__pool")
        .order_by("reference")
    )


def get_application_for_assessor(member, pk):
    """An application of the member's round that they may open: 404 when they are not
    impartial towards it, so that nothing of it shows."""
    application = assessable_applications(member.panel.round).filter(pk=pk).first()
    if application is None or is_partial(member, application):
        raise Http404
    return application


def has_declared_impartial(member, application):
    return Declaration.objects.filter(
        member=member, application=application, impartial=True
    ).exists()


def get_attachment_for_assessor(member, pk):
    """An attachment of an application the member may open (`get_application_for_assessor`);
    404 for any other, so that one that does not exist and one that is not theirs look alike."""
    attachment = Attachment.objects.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    attachment.application = get_application_for_assessor(member, attachment.application_id)
    return attachment


def criteria_for(pool):
    return list(Criterion.objects.filter(pool=pool).order_by("number"))


def _average(values):
    if not values:
        return None
    return (Decimal(sum(values)) / len(values)).quantize(ONE_DECIMAL, ROUND_HALF_UP)


@dataclass
class Row:
    application: Application
    hidden: bool = False
    # Per criterion: the assessors' scores in the order of `Workbench.members`, and the average.
    lines: list = field(default_factory=list)  # (criterion, scores, average)
    total: Decimal | None = None
    missing: list = field(default_factory=list)
    stood_aside: list = field(default_factory=list)


@dataclass
class Workbench:
    members: list
    criteria: list
    rows: list


def workbench(panel, viewer_member=None):
    """Each assessor's scores, the average per criterion and the weighted total per
    application, and who has still to declare or score. For an assessor (`viewer_member`) the
    applications they are not impartial towards are hidden, their scores included."""
    members = list(panel.members.select_related("user"))
    criteria = criteria_for(panel.round.pool)
    declarations = {
        (d.member_id, d.application_id): d for d in Declaration.objects.filter(member__panel=panel)
    }
    values = {
        (s.declaration.member_id, s.declaration.application_id, s.criterion_id): s.value
        for s in Score.objects.filter(declaration__member__panel=panel).select_related(
            "declaration"
        )
    }
    rows = []
    for application in assessable_applications(panel.round):
        row = Row(application=application)
        rows.append(row)
        if viewer_member is not None and is_partial(viewer_member, application):
            row.hidden = True
            continue
        members_of_applicant = set(
            application.association.memberships.values_list("user_id", flat=True)
        )
        for member in members:
            declaration = declarations.get((member.pk, application.pk))
            if member.user_id in members_of_applicant or (
                declaration is not None and not declaration.impartial
            ):
                row.stood_aside.append(member)
            elif application.status in OPEN_STATUSES and (
                declaration is None
                or any((member.pk, application.pk, c.pk) not in values for c in criteria)
            ):
                row.missing.append(member)
        total = None
        for criterion in criteria:
            given = [values.get((m.pk, application.pk, criterion.pk)) for m in members]
            average = _average([v for v in given if v is not None])
            row.lines.append((criterion, given, average))
            if average is not None and criterion.weight:
                total = (total or 0) + average * criterion.weight
        row.total = total
    return Workbench(members=members, criteria=criteria, rows=rows)


def recommendation_rows(panel):
    """The round's undecided applications for the recommendation list, best total first."""
    rows = [row for row in workbench(panel).rows if row.application.status in OPEN_STATUSES]
    return sorted(
        rows, key=lambda row: (row.total is None, -(row.total or 0), row.application.reference)
    )
