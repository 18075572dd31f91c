"""Workshops that collect input: answering, tagging, exports, retention and the data-file section.

```yaml
workshops:
  - title: Workshop i Gråsten      # required
    slug: workshop-graasten        # optional, from the title
    place: Gråsten                 # required
    date_text: Foråret 2019        # required unless starts_at is given
    starts_at: 2019-04-03 17:00    # optional, local time Europe/Copenhagen
    ends_at: 2019-04-03 20:00      # optional, after starts_at
    description: …                 # optional; any text may be {da: …, en: …}
    questions:                     # at least one
      - Hvordan understøtter kommunen …
```
Loading twice changes nothing. Workshops come in with input closed; the consultant opens it.
"""

import datetime
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from frivillig import datafile, timewindow
from frivillig.arrangementer.models import Event, WorkshopAnswer, WorkshopQuestion, WorkshopResponse
from frivillig.datafile import DataFileError, node_line
from frivillig.exports import csv_response, spreadsheet_cell, xlsx_response
from frivillig.mail import absolute_url, send_templated
from frivillig.text import danish_slugify

# Long enough for the policy work the input feeds; the privacy page states it.
RESPONSE_RETENTION = datetime.timedelta(days=2 * 365)
COPENHAGEN = ZoneInfo("Europe/Copenhagen")


class WorkshopError(Exception):
    """A rule of the workshops was broken; the message is for the user."""


@transaction.atomic
def workshop_response_submit(*, event, name, email, answers, consent, organisation="", user=None):
    """Store one participant's answers ({question: text}) and mail them a receipt.

    Either the response and all its answers are saved, or nothing is.
    """
    if not consent:
        raise WorkshopError(_("Answers can only be used with your consent."))
    event = Event.objects.get(pk=event.pk)
    if not event.input_is_open():
        raise WorkshopError(_("Input for “%(event)s” is closed.") % {"event": event.title})
    questions = {question.pk for question in event.questions.all()}
    given = sorted(
        ((question, text.strip()) for question, text in answers.items() if text.strip()),
        key=lambda item: (item[0].order, item[0].pk),
    )
    if any(question.pk not in questions for question, _text in given):
        raise WorkshopError(_("A question does not belong to this workshop."))
    if not given:
        raise WorkshopError(_("Answer at least one of the questions."))
    response = WorkshopResponse(
        event=event,
        name=name.strip(),
        email=email.strip().lower(),
        organisation=organisation.strip(),
        user=user,
        consented_at=timezone.now(),
    )
    response.full_clean()
    response.save()
    WorkshopAnswer.objects.bulk_create(
        WorkshopAnswer(response=response, question=question, text=text) for question, text in given
    )
    context = {
        "response": response,
        "event": event,
        "answers": given,
        "event_url": absolute_url(event.get_absolute_url()),
    }
    send_templated(
        template="arrangementer/email/workshop_receipt.txt",
        context=context,
        to=[response.email],
    )
    return response


def workshop_responses_tag(*, responses, tag):
    """Add the tag to each of the responses (a response keeps a tag it already has)."""
    tag.responses.add(*responses)
    return len(responses)


def workshop_responses_apply_retention(*, today=None):
    """Answers are deleted two years after the day they were given; the published summary
    stays."""
    cutoff = timewindow.start_of_day((today or timezone.localdate()) - RESPONSE_RETENTION)
    old = WorkshopResponse.objects.filter(created_at__lt=cutoff)
    deleted = old.delete()[1].get(WorkshopResponse._meta.label, 0)
    return f"workshop responses: {deleted} deleted"


def workshop_export_table(responses):
    """A header and one row per response, oldest first: who, one column per question, tags.

    When the responses come from several workshops, each question column names its workshop.
    """
    responses = list(
        responses.select_related("event")
        .prefetch_related("tags", "answers")
        .order_by("created_at", "pk")
    )
    event_ids = list(dict.fromkeys(response.event_id for response in responses))
    questions = list(
        WorkshopQuestion.objects.filter(event__in=event_ids)
        .select_related("event")
        .order_by("event__title", "event_id", "order", "pk")
    )
    several = len(event_ids) > 1
    header = [
        _("Workshop"),
        _("Received"),
        _("Name"),
        _("E-mail address"),
        _("Organisation or association"),
        *(f"{q.event.title}: {q.text}" if several else q.text for q in questions),
        _("Tags"),
    ]
    rows = []
    for response in responses:
        answers = {answer.question_id: answer.text for answer in response.answers.all()}
        rows.append(
            [
                response.event.title,
                timezone.localtime(response.created_at).strftime("%Y-%m-%d %H:%M"),
                response.name,
                response.email,
                response.organisation,
                *(answers.get(question.pk, "") for question in questions),
                ", ".join(tag.name for tag in response.tags.all()),
            ]
        )
    return header, rows


def workshop_export_csv(responses, filename):
    header, rows = workshop_export_table(responses)
    # The questions are typed by people too, so the header is made safe like the cells.
    return csv_response(filename, [spreadsheet_cell(title) for title in header], rows)


def workshop_export_xlsx(responses, filename):
    header, rows = workshop_export_table(responses)
    return xlsx_response(filename, _("Answers"), header, rows)


# The data-file section


@dataclass
class LocalDateTime:
    """A moment written as YYYY-MM-DD HH:MM in Danish local time."""

    required: bool = False

    def convert(self, node, field):
        text = datafile.Str(required=self.required).convert(node, field)
        if not text:
            return None
        try:
            moment = datetime.datetime.strptime(text, "%Y-%m-%d %H:%M")
        except ValueError:
            raise DataFileError(
                node_line(node), field, _("must be a date and time written as YYYY-MM-DD HH:MM")
            ) from None
        return moment.replace(tzinfo=COPENHAGEN)

    def missing(self):
        return None


def _field_line(node, key):
    """The line of `key` in a mapping node, or of the mapping when the key is not there."""
    for key_node, _value in node.value:
        if key_node.value == key:
            return node_line(key_node)
    return node_line(node)


def _workshops_check(items, nodes):
    for index, (item, node) in enumerate(zip(items, nodes, strict=True), start=1):
        where = f"workshops[{index}]"
        item["slug"] = item["slug"] or danish_slugify(item["title"])[:200].strip("-")
        # Kept for the errors that only loading can find.
        item["line"] = node_line(node)
        if item["starts_at"] is None and not item["date_text"]:
            raise DataFileError(
                node_line(node), f"{where}.date_text", _("is required when starts_at is not given")
            )
        if item["ends_at"] is not None:
            if item["starts_at"] is None:
                raise DataFileError(
                    _field_line(node, "ends_at"), f"{where}.ends_at", _("needs starts_at")
                )
            if item["ends_at"] <= item["starts_at"]:
                raise DataFileError(
                    _field_line(node, "ends_at"), f"{where}.ends_at", _("must be after starts_at")
                )
    datafile.check_unique(items, "slug", nodes, "workshops")


def _questions_sync(event, texts, *, line, where):
    """Make the workshop's questions the file's, in its order; answered ones are never removed."""
    existing = list(event.questions.order_by("order", "pk"))
    for order, text in enumerate(texts, start=1):
        fields = {**datafile.with_english({"text": text}), "order": order}
        if order > len(existing):
            WorkshopQuestion.objects.create(event=event, **fields)
            continue
        question = existing[order - 1]
        if any(getattr(question, name) != value for name, value in fields.items()):
            for name, value in fields.items():
                setattr(question, name, value)
            question.save(update_fields=list(fields))
    surplus = existing[len(texts) :]
    answered = next((q for q in surplus if q.answers.exists()), None)
    if answered is not None:
        raise DataFileError(
            line,
            f"{where}.questions",
            _("the workshop has answers to “%(question)s”, which the file no longer lists")
            % {"question": answered.text},
        )
    WorkshopQuestion.objects.filter(pk__in=[question.pk for question in surplus]).delete()


def _workshops_load(items):
    """Add or update the workshops by slug. A workshop the file no longer names is kept: it
    may hold answers, or the consultant made it in the admin."""
    for index, item in enumerate(items, start=1):
        where = f"workshops[{index}]"
        if Event.objects.filter(slug=item["slug"]).exclude(kind=Event.Kind.WORKSHOP).exists():
            raise DataFileError(
                item["line"],
                f"{where}.slug",
                _("“%(slug)s” is already used by an event that is not a workshop")
                % {"slug": item["slug"]},
            )
        event, _created = Event.objects.update_or_create(
            slug=item["slug"],
            defaults={
                **datafile.with_english(
                    {key: item[key] for key in ("title", "place", "date_text", "description")}
                ),
                "kind": Event.Kind.WORKSHOP,
                "starts_at": item["starts_at"],
                "ends_at": item["ends_at"],
            },
        )
        _questions_sync(event, item["questions"], line=item["line"], where=where)


WORKSHOPS_SECTION = datafile.Section(
    name="workshops",
    schema=datafile.List(
        datafile.Mapping(
            {
                "title": datafile.Text(required=True, max_length=200),
                "slug": datafile.Str(max_length=200, validator=datafile.validate_slug),
                "place": datafile.Text(required=True, max_length=200),
                "date_text": datafile.Text(max_length=100),
                "starts_at": LocalDateTime(),
                "ends_at": LocalDateTime(),
                "description": datafile.Text(),
                "questions": datafile.List(
                    datafile.Text(required=True), required=True, min_items=1
                ),
            }
        )
    ),
    load=_workshops_load,
    check=_workshops_check,
)
