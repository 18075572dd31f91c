"""Workshops that collect input: answering, the consultant's tags and exports, the public summary,
retention, and events without a fixed date."""

import csv
import datetime
import io
import re

import pytest
from django.contrib import messages
from django.contrib.auth.models import Group
from django.core import mail
from django.core.management import call_command
from django.db import DataError, IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from frivillig.arrangementer import selectors, views, workshops
from frivillig.arrangementer import services as group_services
from frivillig.arrangementer.models import (
    Event,
    WorkshopAnswer,
    WorkshopQuestion,
    WorkshopResponse,
    WorkshopTag,
)
from frivillig.roles import CONSULTANT_GROUP
from tests import factories

QUESTIONS = [
    "Hvordan understøtter kommunen bedst de frivillige?",
    "Hvad skal politikken indeholde om sundhedsfremme?",
]


def workshop(*, questions=QUESTIONS, **fields):
    fields.setdefault("title", "Workshop i Gråsten")
    fields.setdefault("slug", f"workshop-{Event.objects.count() + 1}")
    fields.setdefault("kind", Event.Kind.WORKSHOP)
    fields.setdefault("starts_at", None)
    fields.setdefault("date_text", "Foråret 2019")
    fields.setdefault("place", "Gråsten")
    fields.setdefault("input_open", True)
    event = factories.event(**fields)
    for order, text in enumerate(questions, start=1):
        event.questions.create(text=text, order=order)
    return event


def submitted(event, *, name="Karen Borger", email="karen@example.org", answers=None, **fields):
    fields.setdefault("consented_at", timezone.now())
    created = WorkshopResponse.objects.create(event=event, name=name, email=email, **fields)
    for question in event.questions.all():
        text = (answers or {}).get(question.order, f"Svar på {question.order} fra {name}")
        if text:
            WorkshopAnswer.objects.create(response=created, question=question, text=text)
    return created


def valid(event, **overrides):
    data = {
        "name": "Karen Borger",
        "email": "Karen@Example.org",
        "organisation": "Ældresagen Gråsten",
        "consent": "on",
        "homepage": "",
    }
    for question in event.questions.all():
        data[f"answer_{question.pk}"] = f"Mit svar på spørgsmål {question.order}."
    return {**data, **overrides}


def input_url(event):
    return reverse("event_input", args=[event.slug])


@pytest.fixture
def graasten(faaborg):
    return workshop()


@pytest.fixture
def consultant_client(client, faaborg, consultant):
    client.force_login(consultant)
    return client


# Answering


def test_a_citizen_without_an_account_answers_and_gets_a_receipt_by_email(
    client, graasten, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(input_url(graasten), valid(graasten))
    assert response.status_code == 302
    assert response.url == reverse("event_input_received", args=[graasten.slug])
    saved = WorkshopResponse.objects.get()
    assert (saved.event, saved.name, saved.email, saved.organisation, saved.user) == (
        graasten,
        "Karen Borger",
        "karen@example.org",
        "Ældresagen Gråsten",
        None,
    )
    assert [answer.question.text for answer in saved.answers.all()] == QUESTIONS
    assert saved.consented_at is not None
    assert len(mail.outbox) == 1
    receipt = mail.outbox[0]
    assert receipt.to == ["karen@example.org"]
    assert "Workshop i Gråsten" in receipt.subject
    assert "Mit svar på spørgsmål 2." not in receipt.body
    assert QUESTIONS[0] in receipt.body
    assert graasten.get_absolute_url() in receipt.body
    page = client.get(response.url)
    assert page.status_code == 200
    assert graasten.get_absolute_url() in page.content.decode()


def test_a_signed_in_user_finds_name_and_email_filled_in_and_the_answer_is_linked_to_them(
    client, graasten, alice
):
    client.force_login(alice)
    form = client.get(graasten.get_absolute_url()).context["form"]
    assert (form["name"].value(), form["email"].value()) == ("Alice", "alice@example.com")
    client.post(input_url(graasten), valid(graasten, name="Alice", email="alice@example.com"))
    assert WorkshopResponse.objects.get().user == alice


def test_the_email_address_is_required_also_for_a_signed_in_user(client, graasten, alice):
    client.force_login(alice)
    response = client.post(input_url(graasten), valid(graasten, email=""))
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert not WorkshopResponse.objects.exists()


def test_at_least_one_question_must_be_answered(client, graasten):
    blank = {f"answer_{question.pk}": " " for question in graasten.questions.all()}
    response = client.post(input_url(graasten), valid(graasten, **blank))
    assert response.status_code == 200
    first = graasten.questions.order_by("order").first()
    assert response.context["form"].errors[f"answer_{first.pk}"]
    html = response.content.decode()
    assert "error-summary" in html
    assert f'href="#id_answer_{first.pk}"' in html
    assert not WorkshopResponse.objects.exists()


def test_only_the_questions_answered_are_stored(client, graasten):
    second = graasten.questions.get(order=2)
    client.post(input_url(graasten), valid(graasten, **{f"answer_{second.pk}": ""}))
    assert list(WorkshopAnswer.objects.values_list("question__order", flat=True)) == [1]


def test_the_answers_are_not_sent_without_consent(client, graasten):
    data = valid(graasten)
    del data["consent"]
    response = client.post(input_url(graasten), data)
    assert response.context["form"].errors["consent"]
    assert not WorkshopResponse.objects.exists()


def test_the_form_groups_the_questions_in_a_fieldset_with_a_legend(client, graasten):
    html = client.get(graasten.get_absolute_url()).content.decode()
    fieldset = re.search(r"<fieldset[^>]*>\s*<legend[^>]*>.*?</fieldset>", html, re.S).group(0)
    assert all(f'for="id_answer_{q.pk}"' in fieldset for q in graasten.questions.all())
    assert 'name="homepage"' in html


def test_closed_input_shows_no_form_and_a_post_is_refused_with_a_message(client, graasten):
    Event.objects.filter(pk=graasten.pk).update(input_open=False)
    page = client.get(graasten.get_absolute_url())
    assert page.context["form"] is None
    assert f'action="{input_url(graasten)}"' not in page.content.decode()
    response = client.post(input_url(graasten), valid(graasten), follow=True)
    assert response.redirect_chain == [(graasten.get_absolute_url(), 302)]
    assert [m.level for m in response.context["messages"]] == [messages.ERROR]
    assert not WorkshopResponse.objects.exists()


def test_input_closes_at_its_deadline(client, graasten):
    graasten.input_closes_at = timezone.now() - datetime.timedelta(minutes=1)
    graasten.save()
    assert not graasten.input_is_open()
    assert client.post(input_url(graasten), valid(graasten)).status_code == 302
    assert not WorkshopResponse.objects.exists()
    graasten.input_closes_at = timezone.now() + datetime.timedelta(days=1)
    graasten.save()
    assert graasten.input_is_open()


def test_an_event_that_is_not_a_workshop_takes_no_input(client, faaborg):
    event = factories.event(kind=Event.Kind.FAIR)
    assert client.post(input_url(event), {}).status_code == 404
    assert client.get(reverse("event_input_received", args=[event.slug])).status_code == 404


def test_a_filled_in_honeypot_saves_nothing_but_looks_received(
    client, graasten, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(input_url(graasten), valid(graasten, homepage="https://spam.test"))
    assert response.status_code == 302
    assert not WorkshopResponse.objects.exists()
    assert not mail.outbox


def test_many_answers_from_one_address_are_slowed_down(client, graasten):
    for number in range(views.WORKSHOP_INPUT_LIMIT_PER_HOUR):
        assert (
            client.post(input_url(graasten), valid(graasten, name=f"N{number}")).status_code == 302
        )
    response = client.post(input_url(graasten), valid(graasten, name="En for meget"))
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert WorkshopResponse.objects.count() == views.WORKSHOP_INPUT_LIMIT_PER_HOUR


def test_an_answer_the_database_refuses_leaves_nothing_half_saved(graasten, mailoutbox):
    first, second = graasten.questions.order_by("order")
    with pytest.raises(DataError, match="cannot contain NUL"):
        workshops.workshop_response_submit(
            event=graasten,
            name="Karen",
            email="karen@example.org",
            consent=True,
            # PostgreSQL refuses a NUL character after the response row is written.
            answers={first: "Godt svar", second: "Dårligt\x00svar"},
        )
    assert not WorkshopResponse.objects.exists()
    assert not WorkshopAnswer.objects.exists()
    assert mailoutbox == []


def test_the_service_refuses_a_question_of_another_workshop(graasten):
    other = workshop(title="Workshop i Nordborg").questions.first()
    with pytest.raises(
        workshops.WorkshopError, match=re.escape("Et spørgsmål hører ikke til denne workshop.")
    ):
        workshops.workshop_response_submit(
            event=graasten,
            name="Karen",
            email="karen@example.org",
            answers={other: "Svar"},
            consent=True,
        )
    assert not WorkshopResponse.objects.exists()


def test_the_service_refuses_input_when_it_is_closed(graasten):
    Event.objects.filter(pk=graasten.pk).update(input_open=False)
    with pytest.raises(
        workshops.WorkshopError,
        match=re.escape("Der er lukket for input til “Workshop i Gråsten”."),
    ):
        workshops.workshop_response_submit(
            event=graasten,
            name="Karen",
            email="karen@example.org",
            answers={graasten.questions.first(): "Svar"},
            consent=True,
        )


def test_the_service_refuses_answers_without_consent_and_saves_nothing(graasten, mailoutbox):
    with pytest.raises(
        workshops.WorkshopError, match=re.escape("Svarene kan kun bruges med dit samtykke.")
    ):
        workshops.workshop_response_submit(
            event=graasten,
            name="Karen",
            email="karen@example.org",
            answers={graasten.questions.first(): "Svar"},
            consent=False,
        )
    assert not WorkshopResponse.objects.exists()
    assert mailoutbox == []


def test_the_database_refuses_a_response_without_a_consent_time(graasten):
    with pytest.raises(IntegrityError, match="consented_at"):
        WorkshopResponse.objects.create(event=graasten, name="Karen", email="karen@example.org")


# The public page


def test_the_summary_is_shown_only_when_published(client, graasten):
    graasten.workshop_summary = "## Temaer\n\n- Synlighed\n- Samarbejde på tværs"
    graasten.save()
    html = client.get(graasten.get_absolute_url()).content.decode()
    assert "Samarbejde på tværs" not in html
    graasten.summary_published = True
    graasten.save()
    html = client.get(graasten.get_absolute_url()).content.decode()
    assert "<li>Samarbejde på tværs</li>" in html
    assert "<h2>Temaer</h2>" in html


def test_the_page_shows_the_questions_but_never_the_answers_or_who_gave_them(client, graasten):
    submitted(graasten, name="Hemmelige Hanne", email="hanne@example.org", organisation="Klub X")
    graasten.workshop_summary = "Mange ønsker mere synlighed."
    graasten.summary_published = True
    graasten.save()
    for url in (graasten.get_absolute_url(), reverse("event_list")):
        html = client.get(url).content.decode()
        assert "Hemmelige Hanne" not in html
        assert "hanne@example.org" not in html
        assert "Klub X" not in html
        assert "Svar på 1 fra" not in html
    html = client.get(graasten.get_absolute_url()).content.decode()
    assert all(question in html for question in QUESTIONS)
    assert "Mange ønsker mere synlighed." in html


# The consultant


def test_the_consultant_group_may_read_tag_and_delete_responses_but_not_add_them(db):
    codenames = set(
        Group.objects.get(name=CONSULTANT_GROUP).permissions.values_list("codename", flat=True)
    )
    assert {
        "view_workshopresponse",
        "change_workshopresponse",
        "delete_workshopresponse",
        "view_workshopanswer",
        "add_workshopquestion",
        "change_workshoptag",
    } <= codenames
    assert "add_workshopresponse" not in codenames


def test_the_consultant_reads_the_answers_of_a_workshop_in_the_admin(consultant_client, graasten):
    saved = submitted(graasten, name="Karen Borger")
    submitted(workshop(title="Workshop i Nordborg"), name="Nils Nordborg", email="nils@example.org")
    changelist = reverse("admin:arrangementer_workshopresponse_changelist")
    html = consultant_client.get(changelist, {"event__id__exact": graasten.pk}).content.decode()
    assert "Karen Borger" in html
    assert "Nils Nordborg" not in html
    found = consultant_client.get(changelist, {"q": '"fra Karen"'}).content.decode()
    assert "Karen Borger" in found and "Nils Nordborg" not in found
    page = consultant_client.get(
        reverse("admin:arrangementer_workshopresponse_change", args=[saved.pk])
    )
    assert page.status_code == 200
    assert "Svar på 2 fra Karen Borger" in page.content.decode()
    assert 'name="answers-0-text"' not in page.content.decode()
    assert (
        consultant_client.get(reverse("admin:arrangementer_workshopresponse_add")).status_code
        == 403
    )
    event_page = consultant_client.get(
        reverse("admin:arrangementer_event_change", args=[graasten.pk])
    )
    assert f"?event__id__exact={graasten.pk}" in event_page.content.decode()


def test_the_consultant_edits_a_workshop_s_questions_inline(consultant_client, graasten):
    first, second = graasten.questions.order_by("order")
    data = {
        "title": graasten.title,
        "slug": graasten.slug,
        "kind": "workshop",
        "date_text": "Foråret 2019",
        "place": "Gråsten",
        "input_open": "on",
        "questions-TOTAL_FORMS": "3",
        "questions-INITIAL_FORMS": "2",
        "questions-0-id": first.pk,
        "questions-0-event": graasten.pk,
        "questions-0-text": "Et nyt første spørgsmål?",
        "questions-0-order": "1",
        "questions-1-id": second.pk,
        "questions-1-event": graasten.pk,
        "questions-1-text": second.text,
        "questions-1-order": "2",
        "questions-2-event": graasten.pk,
        "questions-2-text": "Et tredje spørgsmål?",
        "questions-2-order": "3",
    }
    url = reverse("admin:arrangementer_event_change", args=[graasten.pk])
    assert consultant_client.post(url, data).status_code == 302
    assert list(graasten.questions.order_by("order").values_list("text", flat=True)) == [
        "Et nyt første spørgsmål?",
        second.text,
        "Et tredje spørgsmål?",
    ]


def test_the_tag_action_adds_the_chosen_tag_to_the_selected_responses(consultant_client, graasten):
    tagged, other, untouched = (submitted(graasten, name=n) for n in ("Anne", "Bo", "Cai"))
    tag = WorkshopTag.objects.create(name="Synlighed")
    tagged.tags.add(tag)
    changelist = reverse("admin:arrangementer_workshopresponse_changelist")
    result = consultant_client.post(
        changelist,
        {"action": "add_tag", "_selected_action": [tagged.pk, other.pk], "tag": tag.pk},
        follow=True,
    )
    assert [m.level for m in result.context["messages"]] == [messages.SUCCESS]
    assert set(tag.responses.all()) == {tagged, other}
    assert not untouched.tags.exists()
    result = consultant_client.post(
        changelist, {"action": "add_tag", "_selected_action": [untouched.pk]}, follow=True
    )
    assert [m.level for m in result.context["messages"]] == [messages.ERROR]
    assert not untouched.tags.exists()


def _export(client, action, responses):
    return client.post(
        reverse("admin:arrangementer_workshopresponse_changelist"),
        {"action": action, "_selected_action": [r.pk for r in responses]},
    )


@pytest.fixture
def answered(graasten):
    first = submitted(graasten, name="Anne", organisation="Røde Kors", answers={2: ""})
    second = submitted(graasten, name="Bo", answers={1: '=HYPERLINK("http://x")', 2: "Mere tid"})
    first.tags.add(WorkshopTag.objects.create(name="Synlighed"))
    first.tags.add(WorkshopTag.objects.create(name="Frivillige"))
    return first, second


def test_the_csv_export_has_a_row_per_response_a_column_per_question_and_the_tags(
    consultant_client, answered
):
    response = _export(consultant_client, "export_csv", answered)
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == 3
    assert rows[0][5:7] == QUESTIONS
    assert len(rows[0]) == 8
    anne, bo = rows[1], rows[2]
    assert anne[0] == "Workshop i Gråsten"
    assert anne[2:5] == ["Anne", "karen@example.org", "Røde Kors"]
    assert anne[5:] == ["Svar på 1 fra Anne", "", "Frivillige, Synlighed"]
    # A formula a participant typed stays text in the spreadsheet.
    assert bo[5:] == ['\'=HYPERLINK("http://x")', "Mere tid", ""]


def test_the_xlsx_export_has_the_same_table_and_keeps_formulas_as_text(consultant_client, answered):
    answered[0].answers.filter(question__order=1).update(text="Svar\x01 med styretegn")
    response = _export(consultant_client, "export_xlsx", answered)
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[0][5:7] == QUESTIONS
    assert rows[1][2:] == [
        "Anne",
        "karen@example.org",
        "Røde Kors",
        "Svar med styretegn",
        None,
        "Frivillige, Synlighed",
    ]
    assert rows[2][5] == '\'=HYPERLINK("http://x")'
    assert sheet.cell(row=3, column=6).data_type == "s"


def test_an_export_across_workshops_names_the_workshop_in_each_question_column(
    consultant_client, graasten
):
    nordborg = workshop(title="Workshop i Nordborg", questions=["Hvad virker?"])
    header = next(
        csv.reader(
            io.StringIO(
                _export(
                    consultant_client,
                    "export_csv",
                    [submitted(graasten), submitted(nordborg)],
                ).content.decode("utf-8-sig")
            ),
            delimiter=";",
        )
    )
    assert "Workshop i Nordborg: Hvad virker?" in header
    assert f"Workshop i Gråsten: {QUESTIONS[0]}" in header


# Retention


def test_responses_are_deleted_two_years_after_they_were_given(graasten):
    old, recent = submitted(graasten, name="Gammel"), submitted(graasten, name="Ny")
    WorkshopResponse.objects.filter(pk=old.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2 * 365 + 1)
    )
    WorkshopResponse.objects.filter(pk=recent.pk).update(
        created_at=timezone.now() - datetime.timedelta(days=2 * 365 - 1)
    )
    out = io.StringIO()
    call_command("apply_retention", stdout=out)
    assert "workshop responses: 1 deleted" in out.getvalue()
    assert list(WorkshopResponse.objects.values_list("name", flat=True)) == ["Ny"]
    assert WorkshopAnswer.objects.filter(response=old.pk).count() == 0
    assert graasten.questions.count() == len(QUESTIONS)


# Events without a fixed date


def test_an_undated_event_is_listed_on_the_calendar_in_its_own_section(client, faaborg):
    factories.event(title="Snart", starts_at=timezone.now() + datetime.timedelta(days=3))
    workshop(title="Workshop i Sønderborg", input_open=False)
    response = client.get(reverse("event_list"))
    assert [e.title for e in response.context["events"]] == ["Snart"]
    assert [e.title for e in response.context["undated"]] == ["Workshop i Sønderborg"]
    html = response.content.decode()
    assert html.index("Snart") < html.index('id="undated-title"') < html.index("Sønderborg")
    assert "Foråret 2019" in html


def test_the_calendar_filters_apply_to_undated_events(client, faaborg):
    workshop(title="Workshop i Sønderborg")
    response = client.get(reverse("event_list"), {"type": "fair"})
    assert response.context["undated"] == []


def test_an_undated_event_is_in_no_archive_year(client, faaborg):
    past = factories.event(title="Forbi", starts_at=timezone.now() - datetime.timedelta(days=400))
    workshop(title="Workshop i Sønderborg")
    year = timezone.localtime(past.starts_at).year
    assert selectors.event_archive_years() == [year]
    archive = client.get(reverse("event_archive", args=[year])).content.decode()
    assert "Forbi" in archive
    assert "Sønderborg" not in archive


def test_the_page_of_an_undated_event_shows_the_date_in_words(client, faaborg):
    event = workshop(title="Workshop i Nordborg", date_text="Foråret 2019")
    html = client.get(event.get_absolute_url()).content.decode()
    facts = re.search(r'<dl class="facts.*?</dl>', html, re.S).group(0)
    assert "<dd>Foråret 2019</dd>" in facts
    assert "<time" not in facts
    assert 'Foråret 2019, Gråsten">' in html  # the page's meta description


def test_an_undated_event_is_not_in_the_calendar_feed(client, faaborg):
    dated = factories.event(title="Med dato")
    undated = workshop(title="Uden dato")
    body = client.get(reverse("folgegruppe:calendar")).content.decode()
    assert f"UID:event-{dated.pk}@" in body
    assert f"event-{undated.pk}@" not in body


def test_an_undated_event_takes_no_sign_up(faaborg):
    event = workshop(title="Uden dato")
    assert not event.registration_is_open
    assert not group_services.registration_open(event)
    with pytest.raises(
        group_services.RegistrationError,
        match=re.escape("Tilmeldingen til dette arrangement er lukket."),
    ):
        group_services.event_register(
            event=event, association=factories.association(), attendees=2, user=None
        )


def test_the_admin_lists_undated_events_by_their_date_in_words(consultant_client):
    workshop(title="Workshop i Sønderborg", date_text="Foråret 2019")
    factories.event(title="Med dato")
    url = reverse("admin:arrangementer_event_changelist")
    html = consultant_client.get(url).content.decode()
    assert "Foråret 2019" in html
    assert consultant_client.get(url, {"starts_at__isnull": "True"}).status_code == 200


# Database rules


def _refused(constraint, **fields):
    with pytest.raises(IntegrityError, match=constraint), transaction.atomic():
        factories.event(**fields)


def test_an_event_needs_a_start_or_a_date_in_words(db):
    _refused("event_has_start_or_date_text", starts_at=None, date_text="")
    assert factories.event(starts_at=None, date_text="Foråret 2019").pk


def test_an_event_without_a_start_has_no_end(db):
    _refused(
        "event_end_needs_start", starts_at=None, date_text="Foråret 2019", ends_at=timezone.now()
    )


def test_sign_up_needs_a_start(db):
    _refused(
        "event_registration_needs_start",
        starts_at=None,
        date_text="Foråret 2019",
        registration_open=True,
    )
    _refused(
        "event_registration_needs_start",
        starts_at=None,
        date_text="Foråret 2019",
        registration_deadline=timezone.now(),
    )


def test_only_a_workshop_collects_input(db):
    _refused("event_input_only_for_workshops", kind=Event.Kind.FAIR, input_open=True)
    _refused("event_input_only_for_workshops", kind=Event.Kind.FAIR, input_closes_at=timezone.now())


def test_a_summary_is_written_before_it_is_published(db):
    _refused(
        "event_published_summary_not_empty",
        kind=Event.Kind.WORKSHOP,
        summary_published=True,
        workshop_summary="",
    )


def test_a_response_answers_each_question_once_and_never_with_nothing(graasten):
    saved = submitted(graasten)
    question = graasten.questions.first()
    with (
        pytest.raises(IntegrityError, match="workshop_answer_once_per_question"),
        transaction.atomic(),
    ):
        WorkshopAnswer.objects.create(response=saved, question=question, text="Igen")
    other = WorkshopResponse.objects.create(
        event=graasten, name="Bo", email="bo@example.org", consented_at=timezone.now()
    )
    with pytest.raises(IntegrityError, match="workshop_answer_not_empty"), transaction.atomic():
        WorkshopAnswer.objects.create(response=other, question=question, text="")


def test_a_question_is_never_empty_and_a_tag_name_is_unique(graasten):
    with pytest.raises(IntegrityError, match="workshop_question_not_empty"), transaction.atomic():
        WorkshopQuestion.objects.create(event=graasten, text="")
    WorkshopTag.objects.create(name="Synlighed")
    with (
        pytest.raises(IntegrityError, match="frivillig_workshoptag_name_key"),
        transaction.atomic(),
    ):
        WorkshopTag.objects.create(name="Synlighed")
