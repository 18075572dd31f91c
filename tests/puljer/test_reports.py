"""After a grant the association reports; what it must contain depends on the grant's size."""

import datetime
from io import StringIO

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from puljer import services
from puljer.models import Attachment, Pool, Status
from puljer.workflow import ApplicationError
from tests.puljer.conftest import PDF, submitted

REPORT = {
    "amount_spent": 8000,
    "participants_reached": 25,
    "volunteers": 5,
    "account": "Vi holdt 40 spisninger.",
    "declaration": True,
}


@pytest.fixture(autouse=True)
def _limits(faaborg):
    """Example limits (Faaborg-Midtfyn's documents give none): a declaration up to 20,000 kr.,
    an auditor above 100,000 kr."""
    Pool.objects.update(declaration_limit=20_000, audit_limit=100_000)


def granted(club, round_, amount):
    return submitted(
        club,
        round_,
        status=Status.GRANTED,
        amount_applied=amount,
        amount_granted=amount,
        report_due_on=timezone.localdate() + datetime.timedelta(days=60),
    )


@pytest.mark.parametrize(
    ("amount", "accounts", "audited"),
    [(20_000, False, False), (20_001, True, False), (100_000, True, False), (100_001, True, True)],
)
def test_the_pool_limits_decide_what_a_report_must_contain(
    club_a, round_18, amount, accounts, audited
):
    application = granted(club_a, round_18, amount)
    assert services.report_requirements(application) == {
        "declaration": True,
        "accounts": accounts,
        "audited": audited,
    }


def test_a_pool_without_limits_asks_only_for_the_declaration(club_a, round_18):
    Pool.objects.update(declaration_limit=None, audit_limit=None)
    round_18.pool.refresh_from_db()
    application = granted(club_a, round_18, 500_000)
    assert services.report_requirements(application) == {
        "declaration": True,
        "accounts": False,
        "audited": False,
    }


def test_a_small_grant_is_reported_with_the_declaration_and_unspent_money_is_flagged(
    club_a, round_18, alice, django_capture_on_commit_callbacks
):
    application = granted(club_a, round_18, 10_000)
    with django_capture_on_commit_callbacks(execute=True):
        report = services.report_submit(application=application, user=alice, fields=REPORT)
    application.refresh_from_db()
    assert application.status == Status.REPORTED
    assert report.unspent == 2_000
    [notice] = mail.outbox
    assert notice.to == ["sundhed@fmk.dk"]
    assert "2.000 kr." in notice.body


def test_a_larger_grant_needs_the_accounts_attached(club_a, round_18, alice):
    application = granted(club_a, round_18, 50_000)
    with pytest.raises(ApplicationError, match="Vedhæft regnskabet for tilskuddet"):
        services.report_submit(application=application, user=alice, fields=REPORT)
    services.attachment_add(
        application=application,
        user=alice,
        kind=Attachment.Kind.REPORT_ACCOUNTS,
        file=SimpleUploadedFile("regnskab.pdf", PDF),
    )
    services.report_submit(application=application, user=alice, fields=REPORT)
    application.refresh_from_db()
    assert application.status == Status.REPORTED


def test_the_consultant_asks_for_more_and_then_approves(
    club_a, round_18, alice, consultant, django_capture_on_commit_callbacks
):
    application = granted(club_a, round_18, 10_000)
    services.report_submit(application=application, user=alice, fields=REPORT)
    with django_capture_on_commit_callbacks(execute=True):
        services.report_return(application=application, user=consultant, note="Send bilag.")
    application.refresh_from_db()
    assert application.status == Status.REPORT_DUE
    assert "Send bilag." in mail.outbox[-1].body
    services.report_submit(application=application, user=alice, fields=REPORT)
    services.report_approve(application=application, user=consultant)
    application.refresh_from_db()
    assert application.status == Status.REPORT_APPROVED


def test_the_report_form_in_the_browser(client, club_a, round_18, alice):
    application = granted(club_a, round_18, 10_000)
    client.force_login(alice)
    url = reverse("puljer:report", args=[club_a.pk, application.pk])
    response = client.post(url, {**REPORT, "declaration": ""})
    assert 'href="#id_declaration"' in response.content.decode()
    assert client.post(url, {**REPORT, "declaration": "on"}).status_code == 302
    application.refresh_from_db()
    assert application.status == Status.REPORTED


def test_the_reminder_command_writes_before_and_after_the_due_date(club_a, round_18):
    today = timezone.localdate()
    soon = granted(club_a, round_18, 10_000)
    late = granted(club_a, round_18, 10_000)
    soon.report_due_on = today + datetime.timedelta(days=14)
    late.report_due_on = today - datetime.timedelta(days=14)
    soon.save()
    late.save()
    call_command("remind_reports", stdout=StringIO())
    soon.refresh_from_db()
    assert soon.status == Status.REPORT_DUE
    subjects = sorted(message.subject for message in mail.outbox)
    assert len(subjects) == 2
    assert any("overskredet" in subject for subject in subjects)
