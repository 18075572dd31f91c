"""The case file of a grant application, for journalising and requests for access (aktindsigt).

One ZIP per application: a PDF of the application with its budget, one PDF per letter the
association was sent, the report, the timeline (internal notes marked), the consultant's
assessment when there is one, and the attachments under their original names. One ZIP per
round holds the case files of all its applications.
"""

import io
import re
import zipfile
from pathlib import PurePath

from django.urls import reverse
from django.utils.translation import gettext as _

from frivillig.mail import absolute_url, render_subject_and_body
from frivillig.pdf import render_pdf
from frivillig.selectors import municipality_get
from puljer import letters
from puljer.models import Status
from puljer.workflow import action_label

# The e-mail the association was sent after each step, by the timeline's action; a decision
# is its letter (puljer.letters), a hearing the hearing's own e-mail.
EMAILS = {
    "submit": "puljer/email/receipt.txt",
    "return_report": "puljer/email/report_returned.txt",
    "approve_report": "puljer/email/report_approved.txt",
}
DECISIONS = {"grant", "grant_partly", "decline"}


def _email_pdf(template, context, sent_at):
    subject, body = render_subject_and_body(template, context)
    return subject, render_pdf(
        "puljer/dossier/letter.html",
        {**context, "subject": subject, "body": body, "sent_at": sent_at},
    )


def _letters(application, context):
    """(name, pdf) for each letter the association was sent, in the order they were sent."""
    events = application.events.filter(action__in=[*EMAILS, *DECISIONS, "hearing_sent"]).order_by(
        "created_at", "pk"
    )
    hearings = iter(application.hearings.all())
    for number, event in enumerate(events, start=1):
        if event.action in DECISIONS:
            subject = letters.decision_letter(application)[0]
            pdf = letters.decision_letter_pdf(application)
        elif event.action == "hearing_sent":
            subject, pdf = _email_pdf(
                "puljer/email/hearing.txt", {**context, "hearing": next(hearings)}, event.created_at
            )
        else:
            subject, pdf = _email_pdf(
                EMAILS[event.action], {**context, "note": event.note}, event.created_at
            )
        yield _safe(f"{number:02d} {subject.replace('/', '-')}.pdf"), pdf


def _unique(name, taken):
    """The name, or with “ (2)”, “ (3)” … before the suffix when an earlier file has it."""
    path, number = PurePath(name), 1
    while name in taken:
        number += 1
        name = f"{path.stem} ({number}){path.suffix}"
    taken.add(name)
    return name


def _safe(name):
    """A file name that unpacks anywhere: no folders (an uploaded name cannot climb out of its
    folder) and none of the characters Windows refuses."""
    name = PurePath(name.replace("\\", "/")).name.replace(":", "")
    return re.sub(r'[<>"|?*\x00-\x1f]', "-", name).strip(" .") or "bilag"


def dossier_parts(application):
    """(path in the ZIP, bytes) for each part of the application's case file."""
    context = {
        "application": application,
        "pool": application.round.pool,
        "municipality": municipality_get(),
        "url": absolute_url(
            reverse("puljer:application", args=[application.association_id, application.pk])
        ),
    }
    yield f"01 {_('Application')}.pdf", render_pdf("puljer/dossier/application.html", context)
    for name, pdf in _letters(application, context):
        yield f"02 {_('Letters')}/{name}", pdf
    report = getattr(application, "report", None)
    if report is not None:
        yield (
            f"03 {_('Report')}.pdf",
            render_pdf("puljer/dossier/report.html", {**context, "report": report}),
        )
    events = [
        (event, action_label(event.action))
        for event in application.events.select_related("user").order_by("created_at", "pk")
    ]
    yield (
        f"04 {_('Timeline')}.pdf",
        render_pdf("puljer/dossier/timeline.html", {**context, "events": events}),
    )
    if (
        application.recommended_amount is not None
        or application.recommendation_reason
        or application.internal_note
    ):
        yield (
            f"05 {_('Assessment')} ({_('internal')}).pdf",
            render_pdf("puljer/dossier/assessment.html", context),
        )
    taken = set()
    for attachment in application.attachments.all():
        with attachment.file.open("rb") as file:
            data = file.read()
        yield f"{_('Attachments')}/{_unique(_safe(attachment.original_name), taken)}", data


def _write(archive, application, folder=""):
    for name, data in dossier_parts(application):
        archive.writestr(f"{folder}{name}", data)


def application_dossier(application):
    """The case file of one application as the bytes of a ZIP."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        _write(archive, application)
    return buffer.getvalue()


def round_dossiers(round_):
    """The case files of every application in the round (drafts are no cases), one folder each."""
    buffer = io.BytesIO()
    applications = (
        round_.applications.exclude(status=Status.DRAFT)
        .select_related("association", "round__pool")
        .order_by("reference")
    )
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for application in applications:
            _write(archive, application, f"{application.reference}/")
    return buffer.getvalue()
