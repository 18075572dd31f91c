"""The decision letter of a grant application: one Danish text for the page, the e-mail and
the PDF (frivillig/letters.py)."""

from django.urls import reverse
from django.utils import formats, timezone, translation

from foreninger.letters import association_letter
from frivillig.hooks import app_callables
from frivillig.letters import html_to_text, letter_pdf, render_letter
from frivillig.mail import LetterKind, absolute_url, send_templated
from frivillig.selectors import municipality_get
from puljer import services
from puljer.models import OPEN_STATUSES, Pool


def authority_sentence(application, municipality):
    """Who decided, in the letter's words: the pool's decision authority from the data file."""
    pool = application.round.pool
    meeting = application.committee_decision
    with translation.override("da"):
        if pool.decision_authority == Pool.Authority.COMMITTEE:
            text = f"Afgørelsen er truffet af {pool.decision_authority_name}"
            if meeting:
                text += (
                    f" på mødet den {formats.date_format(meeting.meeting_on, 'j. F Y')}, "
                    f"dagsordenens punkt {meeting.agenda_item}"
                )
            return text + "."
        if pool.decision_authority == Pool.Authority.ADMINISTRATION:
            role = pool.decision_authority_role
            who = (
                f"{role} i {pool.decision_authority_name}" if role else pool.decision_authority_name
            )
            return f"Afgørelsen er truffet af {who} efter bemyndigelse (delegation)."
        unit = municipality.department or municipality.name
        return f"Afgørelsen er truffet af {unit}, {municipality.name}."


def decision_letter(application, *, top=1):
    """(subject, HTML) of the decision on `application`; its title a heading of level `top`
    (lower on a page that has its own)."""
    pool = application.round.pool
    municipality = municipality_get()
    today = timezone.localdate()
    context = {
        "top": top,
        "application": application,
        "pool": pool,
        "municipality": municipality,
        "granted_in_full": application.amount_granted == application.amount_applied,
        "criteria": [line.removeprefix("- ") for line in pool.criteria.splitlines() if line],
        "hearings": [h for h in application.hearings.all() if not h.is_open(today)],
        "authority": authority_sentence(application, municipality),
        "requirements": services.report_requirements(application),
        # The apps' sections under the terms, such as the payment plan.
        "sections": [
            section
            for hook in app_callables("decision_letter_sections")
            if (section := hook(application)) is not None
        ]
        if application.amount_granted
        else [],
    }
    subject = f"Afgørelse om tilskud: {application.reference}"
    return subject, render_letter("puljer/letters/decision.html", context)


def decision_letter_text(application):
    return html_to_text(decision_letter(application)[1])


def decision_letter_pdf(application):
    subject, html = decision_letter(application)
    return letter_pdf(title=subject, body=html)


def decision_letter_filename(application):
    return f"afgoerelse-{application.reference}.pdf"


def decision_send(application):
    """E-mail the decision: the letter's text in the body and the letter as a PDF attached."""
    subject, html = decision_letter(application)
    send_templated(
        template="puljer/email/decision.txt",
        context={
            "application": application,
            "letter_text": html_to_text(html),
            "url": absolute_url(
                reverse("puljer:application", args=[application.association_id, application.pk])
            ),
        },
        to=sorted({application.contact_email, application.association.email} - {""}),
        letter=association_letter(application.association, LetterKind.DECISION),
        attachments=[
            (
                decision_letter_filename(application),
                letter_pdf(title=subject, body=html),
                "application/pdf",
            )
        ],
    )


def _recommendations(round_):
    return (
        round_.applications.filter(status__in=OPEN_STATUSES)
        .select_related("association")
        .order_by("association__name", "pk")
    )


def recommendation_rows(round_):
    """The recommendation list as (header, rows): application, applied, recommended, reason."""
    header = ["Ansøgning", "Ansøgt (kr.)", "Indstillet (kr.)", "Begrundelse"]
    rows = [
        [
            f"{a.reference} {a.association.name}: {a.title}",
            a.amount_applied,
            a.recommended_amount,
            a.recommendation_reason,
        ]
        for a in _recommendations(round_)
    ]
    return header, rows


def recommendation_pdf(round_):
    """The recommendation list as an annex to the committee's agenda."""
    _header, rows = recommendation_rows(round_)
    title = f"Indstilling: {round_.pool.name} – {round_.title}"
    html = render_letter(
        "puljer/letters/recommendation_annex.html",
        {
            "top": 1,
            "round": round_,
            "municipality": municipality_get(),
            "rows": rows,
            "applied": sum(row[1] for row in rows),
            "recommended": sum(row[2] or 0 for row in rows),
        },
    )
    return letter_pdf(title=title, body=html)
