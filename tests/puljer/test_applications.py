"""An association drafts, resumes, attaches files and submits; the pools' own rules apply."""

import datetime
import io
import zipfile

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from frivillig.models import TargetGroup
from puljer import services
from puljer.models import Application, Attachment, Pool, Status
from puljer.selectors import double_funding_conflicts
from puljer.workflow import ApplicationError
from tests import factories
from tests.puljer.conftest import PDF, complete_draft, open_round, submitted


def url(application, name="puljer:application"):
    return reverse(name, args=[application.association_id, application.pk])


def form_data(application, **overrides):
    data = {
        "title": "Fællesspisning",
        "activity": "",
        "purpose": "Vi spiser sammen hver torsdag.",
        "target_groups": [TargetGroup.objects.first().pk],
        "focus_areas": [],
        "expected_participants": "20",
        "expected_volunteers": "4",
        "period_start": "2027-01-01",
        "period_end": "2027-12-31",
        "amount_applied": "10000",
        "contact_name": "Karen",
        "contact_email": "karen@example.com",
        "contact_phone": "",
        "budget-TOTAL_FORMS": "2",
        "budget-INITIAL_FORMS": "0",
        "budget-MIN_NUM_FORMS": "0",
        "budget-MAX_NUM_FORMS": "60",
        "budget-0-kind": "expense",
        "budget-0-description": "Mad",
        "budget-0-amount": "15000",
        "budget-1-kind": "own",
        "budget-1-description": "Egenbetaling",
        "budget-1-amount": "5000",
    }
    data.update(overrides)
    return data


@pytest.fixture
def draft(client, club_a, round_18, alice):
    client.force_login(alice)
    return services.application_create(association=club_a, round_=round_18, user=alice)


def test_a_draft_is_saved_and_resumed(client, draft, faaborg):
    response = client.post(url(draft), {**form_data(draft), "save": "1"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert draft.purpose == "Vi spiser sammen hver torsdag."
    assert draft.budget_lines.count() == 2
    html = client.get(url(draft)).content.decode()
    assert "Vi spiser sammen hver torsdag." in html
    assert "10.000 kr." in html


def test_submitting_an_incomplete_draft_lists_what_is_missing_and_submits_nothing(client, draft):
    response = client.post(url(draft), {**form_data(draft, purpose=""), "submit": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'href="#id_purpose"' in html
    draft.refresh_from_db()
    assert draft.status == Status.DRAFT
    assert mail.outbox == []


def test_a_refused_submission_shows_the_services_own_reason(
    client, club_a, round_18, alice, monkeypatch
):
    application = complete_draft(club_a, round_18, created_by=alice)
    save_draft = services.application_save_draft

    def save_while_another_tab_submits(**arguments):
        saved = save_draft(**arguments)
        services.application_submit(application=application, user=alice)
        return saved

    monkeypatch.setattr(services, "application_save_draft", save_while_another_tab_submits)
    client.force_login(alice)
    response = client.post(url(application), {**form_data(application), "submit": "1"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Det kan ikke gøres ved en ansøgning, der er “Indsendt”." in html
    assert "fristen er overskredet" not in html


def test_a_complete_application_is_submitted_with_a_reference_and_a_receipt(
    club_a, round_18, alice, django_capture_on_commit_callbacks
):
    application = complete_draft(club_a, round_18)
    with django_capture_on_commit_callbacks(execute=True):
        services.application_submit(application=application, user=alice)
    application.refresh_from_db()
    assert application.status == Status.SUBMITTED
    assert application.reference == f"{round_18.pool.year}-S18-0001"
    [receipt] = mail.outbox
    assert application.reference in receipt.subject
    assert set(receipt.to) == {"karen@example.com", club_a.email}


def test_the_amount_applied_for_must_fit_the_budget(club_a, round_18, alice):
    application = complete_draft(club_a, round_18, amount_applied=10001)
    with pytest.raises(ApplicationError, match=r"10\.000 kr\."):
        services.application_submit(application=application, user=alice)


def test_the_co_creation_pool_needs_a_focus_area_and_the_co_creation_described(
    club_a, faaborg, alice, first_focus_area
):
    round_ = open_round(Pool.Kind.CO_CREATION)
    application = complete_draft(club_a, round_)
    fields = {field for field, _message in services.application_problems(application)}
    assert {"focus_areas", "co_creation_description"} <= fields
    application.focus_areas.set([first_focus_area])
    Application.objects.filter(pk=application.pk).update(
        co_creation_description="Vi planlægger sammen med jobcentret."
    )
    application.refresh_from_db()
    assert services.application_problems(application) == []


def test_the_section_79_pool_needs_the_over_65_confirmation(club_a, faaborg):
    application = complete_draft(club_a, open_round(Pool.Kind.SECTION_79))
    assert [field for field, _ in services.application_problems(application)] == [
        "open_to_over_65_confirmed"
    ]


def test_only_an_approved_association_can_start_an_application(faaborg, round_18, alice):
    pending = factories.association(status="pending", members=[alice])
    with pytest.raises(
        ApplicationError, match="Kun en forening, som kommunen har godkendt, kan søge tilskud"
    ):
        services.application_create(association=pending, round_=round_18, user=alice)


def test_a_closed_round_takes_no_new_applications(club_a, faaborg, alice):
    today = datetime.date.today()
    closed = open_round(
        deadline=today - datetime.timedelta(days=1), opens_on=today - datetime.timedelta(days=10)
    )
    with pytest.raises(ApplicationError, match="Runden er ikke åben for ansøgninger"):
        services.application_create(association=club_a, round_=closed, user=alice)


def xlsx_bytes():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        package.writestr("xl/workbook.xml", "<workbook/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("name", "content", "accepted"),
    [("regnskab.pdf", PDF, True), ("budget.xlsx", None, True), ("virus.pdf", b"MZ\x90", False)],
)
def test_attachments_are_checked_by_content(client, draft, name, content, accepted):
    upload = SimpleUploadedFile(name, content if content is not None else xlsx_bytes())
    client.post(url(draft, "puljer:attachment_add"), {"kind": "accounts", "file": upload})
    assert draft.attachments.exists() == accepted


def test_an_attachment_is_served_only_to_the_association_and_the_consultant(
    client, draft, bob, consultant, club_b
):
    client.post(
        url(draft, "puljer:attachment_add"),
        {"kind": "budget", "file": SimpleUploadedFile("budget.pdf", PDF)},
    )
    attachment = draft.attachments.get()
    link = reverse("puljer:attachment", args=[attachment.pk])
    response = client.get(link)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    client.force_login(consultant)
    assert client.get(link).status_code == 200
    client.force_login(bob)
    assert client.get(link).status_code == 404


def test_the_association_withdraws_before_a_decision_and_sees_it_in_the_timeline(
    client, club_a, round_18, alice
):
    application = submitted(club_a, round_18)
    client.force_login(alice)
    client.post(url(application, "puljer:withdraw"), {"reason": "Aktiviteten er aflyst."})
    application.refresh_from_db()
    assert application.status == Status.WITHDRAWN
    html = client.get(url(application)).content.decode()
    assert "Aktiviteten er aflyst." in html


def test_internal_notes_are_not_shown_to_the_association(
    client, club_a, round_18, alice, consultant
):
    application = submitted(club_a, round_18)
    services.application_note(application=application, user=consultant, note="Hemmelig note")
    client.force_login(alice)
    assert "Hemmelig note" not in client.get(url(application)).content.decode()


def test_the_same_activity_with_both_18_and_79_money_warns_the_consultant(
    club_a, faaborg, client, consultant
):
    activity = factories.activity(club_a)
    s18 = submitted(club_a, open_round(), activity=activity)
    s79 = submitted(club_a, open_round(Pool.Kind.SECTION_79), activity=activity)
    assert list(double_funding_conflicts(s18)) == []
    # Only a pool with the rule warns; one of the two is enough.
    Pool.objects.filter(kind=Pool.Kind.SECTION_79).update(forbids_double_funding=True)
    assert list(double_funding_conflicts(s18)) == [s79]
    client.force_login(consultant)
    html = client.get(reverse("admin:puljer_application_change", args=[s18.pk])).content.decode()
    assert s79.reference in html


def test_an_association_with_an_overdue_report_is_flagged_when_it_applies_again(
    club_a, round_18, client, consultant
):
    old = submitted(
        club_a,
        round_18,
        status=Status.GRANTED,
        amount_granted=10000,
        report_due_on=datetime.date.today() - datetime.timedelta(days=1),
    )
    new = submitted(club_a, round_18)
    client.force_login(consultant)
    html = client.get(reverse("admin:puljer_application_change", args=[new.pk])).content.decode()
    assert old.reference in html
    assert "afrapportering, der er overskredet" in html


def test_nothing_is_attached_to_a_submitted_application(club_a, round_18, alice):
    application = submitted(club_a, round_18)
    with pytest.raises(
        ApplicationError, match="Der kan ikke længere vedhæftes filer til denne ansøgning"
    ):
        services.attachment_add(
            application=application,
            user=alice,
            kind=Attachment.Kind.OTHER,
            file=SimpleUploadedFile("x.pdf", PDF),
        )


def test_the_associations_application_list_runs_the_same_queries_for_few_and_many(
    client, club_a, round_18, alice, django_assert_max_num_queries
):
    client.force_login(alice)
    url = reverse("puljer:applications", args=[club_a.pk])
    submitted(club_a, round_18)
    with django_assert_max_num_queries(100) as few:
        client.get(url)
    for _ in range(15):
        submitted(club_a, round_18)
    with django_assert_max_num_queries(len(few.captured_queries)):
        assert client.get(url).status_code == 200
