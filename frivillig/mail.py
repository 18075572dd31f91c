import secrets
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.template import engines
from django.template.loader import get_template

from frivillig.outbox.digitalpost import DigitalPostAddress
from frivillig.outbox.models import LetterKind
from frivillig.outbox.services import digital_post_choice, message_enqueue, object_key
from frivillig.selectors import municipality_get


def absolute_url(path):
    return f"{settings.SITE_URL}{path}"


def one_line(text):
    """Text for a header: every run of whitespace, line breaks of any kind included, one space."""
    return " ".join(text.split())


def render_subject_and_body(template, context):
    """Render a template whose first source line is the subject.

    The subject ends where the template's first line ends, not at the first line break of the
    rendered text, so a visitor's value with line breaks cannot move text into the subject or
    out of it; the subject is then made one line.
    """
    source = get_template(template).template.source
    separator = f"\x00{secrets.token_hex(8)}\x00"
    marked = source.replace("\n", separator, 1)
    rendered = engines["django"].from_string(marked).render(context)
    subject, _, body = rendered.partition(separator)
    return one_line(subject), body.strip() + "\n"


def _about(context):
    """The keys of the model objects in a message's context and of the objects they refer to
    by foreign key (an application's association), read from the ids without a query."""
    keys = set()
    for value in context.values():
        if isinstance(value, models.Model) and value.pk is not None:
            keys.add(object_key(value._meta.model, value.pk))
            keys.update(
                object_key(field.related_model, getattr(value, field.attname))
                for field in value._meta.concrete_fields
                if field.many_to_one and getattr(value, field.attname) is not None
            )
    return sorted(keys)


@dataclass(frozen=True)
class Letter:
    """A letter to an association: its kind, and the association's CVR number (empty where it
    has none) and name for Digital Post."""

    kind: LetterKind
    cvr: str
    name: str


def _digital_post(letter):
    """Where the letter goes by Digital Post, as the municipality chose for its kind: from the
    municipality's CVR number to the association's; None where it goes by e-mail."""
    if letter is None or not letter.cvr:
        return None
    choice = digital_post_choice(kind=letter.kind)
    if choice is None:
        return None
    municipality = municipality_get()
    if municipality is None or not municipality.cvr:
        return None
    return DigitalPostAddress(
        sender_cvr=municipality.cvr,
        sender_name=municipality.name,
        recipient_cvr=letter.cvr,
        recipient_name=letter.name,
        mandatory=choice.mandatory,
        legal_notification=choice.legal_notification,
    )


def send_templated(*, template, context, to, reply_to=None, attachments=(), letter=None):
    """Queue a plain-text e-mail whose first template line is the subject, in the current
    transaction (frivillig.outbox): a transaction rolled back sends nothing. `attachments` are
    (file name, content, content type). The message records the objects it is about (see
    `_about`), so that anonymising one finds it. A `letter` (Letter) to an association goes by
    Digital Post where the municipality chose so, and to `to` if that fails."""
    subject, body = render_subject_and_body(template, context)
    return message_enqueue(
        to=[one_line(address) for address in to],
        subject=subject,
        body=body,
        reply_to=[one_line(address) for address in reply_to or ()],
        attachments=attachments,
        about=_about(context),
        digital_post=_digital_post(letter),
    )
