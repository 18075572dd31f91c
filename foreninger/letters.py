"""The registry's rejection of an association: one Danish letter for the e-mail and the PDF
(frivillig/letters.py)."""

from foreninger.models import AssociationLog
from frivillig.letters import html_to_text, letter_pdf, render_letter
from frivillig.mail import Letter, LetterKind, send_templated
from frivillig.selectors import municipality_get


def association_letter(association, kind):
    """A letter of `kind` (LetterKind) to the association: by Digital Post to its CVR number
    where the municipality chose so, unless the CVR register says the association has ceased."""
    cvr = "" if association.cvr_ceased else association.cvr
    return Letter(kind=kind, cvr=cvr, name=association.name)


def rejection_letter(association):
    """(subject, HTML) of the rejection, dated by the registry's log of it."""
    rejected = (
        association.log.filter(action=AssociationLog.Action.REJECTED)
        .order_by("-created_at")
        .first()
    )
    context = {
        "top": 1,
        "association": association,
        "municipality": municipality_get(),
        "reference": f"Forening {association.pk}",
        "decided_at": rejected.created_at if rejected else association.updated_at,
    }
    subject = f"Afgørelse om godkendelse af {association.name}"
    return subject, render_letter("foreninger/letters/rejection.html", context)


def rejection_pdf(association):
    subject, html = rejection_letter(association)
    return letter_pdf(title=subject, body=html)


def rejection_send(association):
    subject, html = rejection_letter(association)
    send_templated(
        template="foreninger/email/rejected.txt",
        context={"association": association, "letter_text": html_to_text(html)},
        to=[association.email],
        letter=association_letter(association, LetterKind.DECISION),
        attachments=[
            (
                f"afgoerelse-forening-{association.pk}.pdf",
                letter_pdf(title=subject, body=html),
                "application/pdf",
            )
        ],
    )
