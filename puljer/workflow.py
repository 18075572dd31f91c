"""The application lifecycle as one transition table; nothing else decides what may follow what."""

from django.utils.translation import gettext_lazy as _

from puljer.models import Status


class ApplicationError(Exception):
    """A rule of the grant process was broken; the message is for the user."""


# action: (statuses it may start from, status it leads to, label for the timeline)
TRANSITIONS = {
    "submit": ({Status.DRAFT}, Status.SUBMITTED, _("Submitted")),
    "withdraw": ({Status.SUBMITTED, Status.UNDER_REVIEW}, Status.WITHDRAWN, _("Withdrawn")),
    "review": ({Status.SUBMITTED}, Status.UNDER_REVIEW, _("Review started")),
    "grant": ({Status.SUBMITTED, Status.UNDER_REVIEW}, Status.GRANTED, _("Granted in full")),
    "grant_partly": (
        {Status.SUBMITTED, Status.UNDER_REVIEW},
        Status.PARTIALLY_GRANTED,
        _("Granted in part"),
    ),
    "decline": ({Status.SUBMITTED, Status.UNDER_REVIEW}, Status.DECLINED, _("Declined")),
    "open_report": (
        {Status.GRANTED, Status.PARTIALLY_GRANTED},
        Status.REPORT_DUE,
        _("Report requested"),
    ),
    "submit_report": (
        {Status.GRANTED, Status.PARTIALLY_GRANTED, Status.REPORT_DUE},
        Status.REPORTED,
        _("Report submitted"),
    ),
    "approve_report": ({Status.REPORTED}, Status.REPORT_APPROVED, _("Report approved")),
    "return_report": ({Status.REPORTED}, Status.REPORT_DUE, _("More needed in the report")),
}

# Entries of the timeline that change no status.
NOTES = {
    "created": _("Draft started"),
    "note": _("Internal note"),
    "reminded": _("Reminded of the report"),
    "hearing_sent": _("Information sent for comment (hearing)"),
    "hearing_answered": _("The association answered the hearing"),
    # Written by puljer.assessment: the assessors' declarations and the panel at the decision.
    "declared_impartial": _("An assessor declared themselves impartial"),
    "declared_partial": _("An assessor stood aside (not impartial)"),
    "panel": _("The assessment panel"),
}


def allowed(status, action):
    sources, _target, _label = TRANSITIONS[action]
    return status in sources


def next_status(status, action):
    """The status `action` leads to from `status`, or ApplicationError when it may not follow."""
    sources, target, _label = TRANSITIONS[action]
    if status not in sources:
        raise ApplicationError(
            _("This cannot be done to an application that is “%(status)s”.")
            % {"status": Status(status).label}
        )
    return target


def action_label(action):
    if action in TRANSITIONS:
        return TRANSITIONS[action][2]
    return NOTES.get(action, action)
