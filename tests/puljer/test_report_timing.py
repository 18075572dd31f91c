"""A report comes once the activity period has started and is due the pool's months after it
ends; the association hears when the report is approved or more is needed."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from puljer import services
from puljer.models import Pool, Status
from puljer.workflow import ApplicationError
from tests.puljer.conftest import submitted
from tests.puljer.test_reports import REPORT


def granted(club, round_, *, starts):
    return submitted(
        club,
        round_,
        status=Status.GRANTED,
        amount_granted=10_000,
        period_start=starts,
        period_end=starts + datetime.timedelta(days=200),
    )


def test_a_report_before_the_period_has_started_is_refused(club_a, round_18, alice):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    application = granted(club_a, round_18, starts=tomorrow)
    with pytest.raises(ApplicationError, match=tomorrow.strftime("%Y")):
        services.report_submit(application=application, user=alice, fields=REPORT)


def test_the_report_page_sends_back_with_the_start_date_before_the_period(
    client, club_a, round_18, alice
):
    application = granted(club_a, round_18, starts=datetime.date(2099, 5, 1))
    client.force_login(alice)
    response = client.get(reverse("puljer:report", args=[club_a.pk, application.pk]), follow=True)
    assert response.redirect_chain[-1][0] == reverse(
        "puljer:application", args=[club_a.pk, application.pk]
    )
    assert "1. maj 2099" in response.content.decode()


def test_a_report_on_the_first_day_of_the_period_is_accepted(club_a, round_18, alice):
    application = granted(club_a, round_18, starts=timezone.localdate())
    services.report_submit(application=application, user=alice, fields=REPORT)
    application.refresh_from_db()
    assert application.status == Status.REPORTED


def test_the_report_is_due_the_pools_months_after_the_period_ends(club_a, round_18, consultant):
    Pool.objects.filter(pk=round_18.pool_id).update(report_months=2)
    application = submitted(
        club_a,
        round_18,
        period_start=datetime.date(2027, 1, 1),
        period_end=datetime.date(2027, 8, 31),
    )
    services.grant_decide(application=application, user=consultant, amount=10_000)
    application.refresh_from_db()
    assert application.report_due_on == datetime.date(2027, 10, 31)


def test_a_pool_without_a_report_period_sets_no_due_date(club_a, round_18, consultant):
    application = submitted(club_a, round_18)
    services.grant_decide(application=application, user=consultant, amount=10_000)
    application.refresh_from_db()
    assert application.report_due_on is None


def test_approving_the_report_mails_the_association(club_a, round_18, alice, consultant):
    application = granted(club_a, round_18, starts=datetime.date(2020, 1, 1))
    services.report_submit(application=application, user=alice, fields=REPORT)
    # The consultant's notice of the submitted report goes first.
    assert [message.to for message in mail.outbox] == [["sundhed@fmk.dk"]]
    mail.outbox.clear()
    services.report_approve(application=application, user=consultant)
    [message] = mail.outbox
    assert application.reference in message.subject
    assert set(message.to) == {"karen@example.com", club_a.email}
