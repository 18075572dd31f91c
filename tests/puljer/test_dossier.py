"""The case file: per application a ZIP with the application, the letters, the report, the
timeline, the assessment and the attachments under their own names; per round all of them."""

import datetime
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from pypdf import PdfReader

from puljer import dossier, services
from puljer.models import Attachment, Status
from tests.puljer.conftest import PDF, complete_draft, submitted
from tests.puljer.test_reports import REPORT

SECOND = b"%PDF-1.7\n% another\n%%EOF\n"


@pytest.fixture
def case(club_a, round_18, alice, consultant):
    """A case that has been through every step: submitted, noted, granted, reported."""
    application = submitted(club_a, round_18, recommended_amount=10_000)
    application.events.create(action="submit", to_status=Status.SUBMITTED)
    services.application_note(application=application, user=consultant, note="Ring til Karen.")
    hearing = services.hearing_send(
        application=application,
        user=consultant,
        information="Kommunen har et lignende tilbud.",
        answer_by=datetime.date.today() + datetime.timedelta(days=14),
    )
    services.hearing_answer(hearing=hearing, user=alice, answer="Vores er for andre.")
    services.grant_decide(application=application, user=consultant, amount=10_000)
    Attachment.objects.create(
        application=application,
        kind=Attachment.Kind.OTHER,
        file=SimpleUploadedFile("x.pdf", SECOND),
        original_name="budget.pdf",
    )
    services.report_submit(application=application, user=alice, fields=REPORT)
    services.report_approve(application=application, user=consultant)
    return application


def _zip(response):
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_the_consultant_downloads_the_case_file_with_all_its_parts(client, consultant, case):
    client.force_login(consultant)
    archive = _zip(client.get(reverse("admin:puljer_application_dossier", args=[case.pk])))
    names = archive.namelist()
    documents = [name for name in names if name[0].isdigit()]
    attachments = {
        name.split("/")[1]: archive.read(name) for name in names if not name[0].isdigit()
    }
    # The application, four letters (the receipt, the hearing, the decision, the approval of the
    # report), the report, the timeline and the assessment, numbered in the order of the case.
    assert [name[:3] for name in documents] == ["01 ", *["02 "] * 4, "03 ", "04 ", "05 "]
    assert documents[0] == "01 Ansøgning.pdf"
    assert documents[2].endswith(f"/02 Partshøring om jeres ansøgning {case.reference}.pdf")
    # No colon, which Windows refuses in a file name.
    assert documents[3].endswith(f"/03 Afgørelse om tilskud {case.reference}.pdf")
    assert "Vores er for andre." in _text(archive.read(documents[6]))  # the timeline
    for name in documents:
        assert archive.read(name).startswith(b"%PDF"), name
    # The attachments under their original names; two with the same name are both kept.
    assert attachments == {"accounts.pdf": PDF, "budget.pdf": PDF, "budget (2).pdf": SECOND}
    text = _text(archive.read("01 Ansøgning.pdf"))
    assert case.reference in text
    assert "Mad" in text and "Egenbetaling" in text  # the budget lines


def _text(pdf):
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_timeline_marks_internal_notes(monkeypatch, case):
    monkeypatch.setattr("frivillig.pdf.html_to_pdf", lambda html: html.encode())
    parts = dict(dossier.dossier_parts(case))
    timeline = next(data for name, data in parts.items() if name.startswith("04 ")).decode()
    note = timeline.split("Ring til Karen.")[0].rsplit("<tr>", 1)[1]
    assert 'class="internal-mark"' in note


def test_the_round_zip_holds_every_case_of_the_round(client, consultant, case, club_a, round_18):
    complete_draft(club_a, round_18)
    client.force_login(consultant)
    archive = _zip(client.get(reverse("admin:puljer_round_dossiers", args=[round_18.pk])))
    folders = {name.split("/")[0] for name in archive.namelist()}
    assert folders == {case.reference}


def test_an_association_member_cannot_download_a_case_file(client, alice, case):
    client.force_login(alice)
    response = client.get(reverse("admin:puljer_application_dossier", args=[case.pk]))
    assert response.status_code == 302
