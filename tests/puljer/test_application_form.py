"""The application form stands out of the way: the budget lines are the budget, files go with
the form, a draft exists once it is saved, can be deleted and is the association's own."""

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from puljer import services
from puljer.models import Application, Pool, Status
from tests.puljer.conftest import PDF, complete_draft, open_round, submitted
from tests.puljer.test_applications import form_data, url


def start_url(association, round_):
    return reverse("puljer:application_start", args=[association.pk, round_.pk])


@pytest.fixture
def member(client, alice):
    client.force_login(alice)
    return client


def test_it_creates_no_draft_when_the_form_is_only_opened(member, club_a, round_18):
    html = member.get(start_url(club_a, round_18)).content.decode()
    assert Application.objects.count() == 0
    assert 'name="title"' in html
    assert 'value="Ny ansøgning"' not in html


def test_it_creates_the_draft_on_the_first_save_without_a_title(member, club_a, round_18):
    response = member.post(start_url(club_a, round_18), {**form_data(None, title=""), "save": "1"})
    application = Application.objects.get()
    assert response["Location"] == url(application)
    assert application.title == ""
    assert application.status == Status.DRAFT
    assert application.budget_lines.count() == 2


def test_it_submits_an_application_with_budget_lines_and_no_attachment(member, club_a, round_18):
    response = member.post(start_url(club_a, round_18), {**form_data(None), "submit": "1"})
    application = Application.objects.get()
    assert response.status_code == 302
    assert application.status == Status.SUBMITTED
    assert application.attachments.count() == 0


def test_it_attaches_the_chosen_files_when_the_draft_is_saved(member, club_a, round_18):
    member.post(
        start_url(club_a, round_18),
        {
            **form_data(None),
            "upload-other": [
                SimpleUploadedFile("budget.pdf", PDF),
                SimpleUploadedFile("program.pdf", PDF),
            ],
            "save": "1",
        },
    )
    application = Application.objects.get()
    assert sorted(application.attachments.values_list("kind", "original_name")) == [
        ("other", "budget.pdf"),
        ("other", "program.pdf"),
    ]


def test_it_removes_an_attachment_and_keeps_what_was_written(member, club_a, round_18, alice):
    draft = complete_draft(club_a, round_18, created_by=alice)
    attachment = draft.attachments.first()
    response = member.post(
        url(draft), {**form_data(draft, purpose="Ny tekst."), "remove": str(attachment.pk)}
    )
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.purpose == "Ny tekst."
    assert not draft.attachments.filter(pk=attachment.pk).exists()


def test_empty_budget_lines_are_not_required_but_a_started_line_is_completed(
    member, club_a, round_18
):
    html = member.get(start_url(club_a, round_18)).content.decode()
    budget = html[html.index('id="id_budget-lines"') : html.index("budget-totals")]
    assert "asteriskField" not in budget
    assert " required" not in budget
    response = member.post(
        start_url(club_a, round_18),
        {**form_data(None), "budget-1-description": "", "save": "1"},
    )
    assert response.status_code == 200
    assert "Udfyld slags, beskrivelse og beløb." in response.content.decode()
    assert Application.objects.count() == 0


@pytest.mark.parametrize(
    ("kind", "shown"), [(Pool.Kind.SECTION_18, False), (Pool.Kind.SECTION_79, True)]
)
def test_the_over_65_question_is_asked_only_on_a_section_79_application(
    member, club_a, kind, shown
):
    html = member.get(start_url(club_a, open_round(kind))).content.decode()
    assert ('name="open_to_over_65_confirmed"' in html) is shown


def test_the_association_deletes_its_draft_and_its_files(member, club_a, round_18, alice):
    draft = complete_draft(club_a, round_18, created_by=alice)
    files = [attachment.file.name for attachment in draft.attachments.all()]
    storage = draft.attachments.first().file.storage
    response = member.post(url(draft, "puljer:application_delete"))
    assert response["Location"] == reverse("puljer:applications", args=[club_a.pk])
    assert not Application.objects.filter(pk=draft.pk).exists()
    assert not any(storage.exists(name) for name in files)


def test_a_submitted_application_cannot_be_deleted(member, club_a, round_18):
    application = submitted(club_a, round_18)
    member.post(url(application, "puljer:application_delete"))
    assert Application.objects.filter(pk=application.pk).exists()


def test_a_draft_is_neither_listed_nor_opened_nor_audited_for_the_consultant(
    client, club_a, round_18, alice, consultant
):
    draft = services.application_create(association=club_a, round_=round_18, user=alice)
    services.application_save_draft(
        application=draft,
        user=alice,
        fields={"title": "Hemmelig kladde"},
        budget_lines=[],
    )
    case = submitted(club_a, round_18, title="Indsendt sag")
    client.force_login(consultant)
    changelist = client.get(reverse("admin:puljer_application_changelist")).content.decode()
    assert "Indsendt sag" in changelist
    assert "Hemmelig kladde" not in changelist
    change = reverse("admin:puljer_application_change", args=[draft.pk])
    assert client.get(change).status_code in (302, 404)
    assert client.get(reverse("admin:puljer_application_change", args=[case.pk])).status_code == 200
    assert not LogEntry.objects.filter(object_pk=str(draft.pk), content_type__model="application")


@pytest.mark.parametrize(
    ("kind", "shown"), [(Pool.Kind.SECTION_18, False), (Pool.Kind.SECTION_79, True)]
)
def test_the_consultant_sees_the_over_65_answer_only_on_a_section_79_application(
    client, club_a, consultant, kind, shown
):
    application = submitted(club_a, open_round(kind))
    client.force_login(consultant)
    html = client.get(reverse("admin:puljer_application_change", args=[application.pk]))
    assert ("field-open_to_over_65_confirmed" in html.content.decode()) is shown


def test_what_the_audit_trail_recorded_of_a_draft_before_is_hidden_from_the_consultant(
    client, club_a, round_18, consultant
):
    # Written past the services, as drafts were before their writes left the audit trail.
    Application.objects.create(round=round_18, association=club_a, title="Gammel kladde")
    case = submitted(club_a, round_18)
    assert LogEntry.objects.filter(content_type__model="application").count() == 2
    client.force_login(consultant)
    html = client.get(reverse("admin:auditlog_logentry_changelist")).content.decode()
    assert case.reference in html
    assert "Gammel kladde" not in html
