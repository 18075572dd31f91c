"""Deciding: in full, in part with a reason, or declined; the pool's budget is never exceeded."""

import re
import threading
from datetime import timedelta

import pytest
from django.core import mail
from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from frivillig.models import User
from puljer import services
from puljer.models import Application, Pool, Status
from puljer.workflow import ApplicationError
from tests import factories
from tests.puljer.conftest import open_round, pool, submitted


def test_a_full_grant_mails_the_decision_with_the_complaint_guidance(
    club_a, round_18, consultant, django_capture_on_commit_callbacks
):
    application = submitted(club_a, round_18, amount_applied=10000)
    with django_capture_on_commit_callbacks(execute=True):
        services.grant_decide(application=application, user=consultant, amount=10000)
    application.refresh_from_db()
    assert application.status == Status.GRANTED
    assert application.amount_granted == 10000
    # Faaborg-Midtfyn's pools set no report deadline (tests/puljer/test_report_timing.py).
    assert application.report_due_on is None
    [message] = mail.outbox
    assert "10.000 kr." in message.body
    assert "Folketingets Ombudsmand" in message.body
    assert set(message.to) == {"karen@example.com", club_a.email}


def test_a_partial_grant_needs_a_reason_that_the_association_receives(
    club_a, round_18, consultant, django_capture_on_commit_callbacks
):
    application = submitted(club_a, round_18, amount_applied=10000)
    with pytest.raises(ApplicationError, match="begrundelse"):
        services.grant_decide(application=application, user=consultant, amount=6000)
    with django_capture_on_commit_callbacks(execute=True):
        services.grant_decide(
            application=application, user=consultant, amount=6000, reason="Mange ansøgere."
        )
    application.refresh_from_db()
    assert application.status == Status.PARTIALLY_GRANTED
    assert "Mange ansøgere." in mail.outbox[0].body


def test_a_decline_needs_a_reason_and_grants_nothing(club_a, round_18, consultant):
    application = submitted(club_a, round_18)
    with pytest.raises(
        ApplicationError,
        match="En delvis bevilling eller et afslag kræver en skriftlig begrundelse",
    ):
        services.grant_decide(application=application, user=consultant, amount=0)
    services.grant_decide(application=application, user=consultant, amount=0, reason="Uden for")
    application.refresh_from_db()
    assert application.status == Status.DECLINED
    assert application.amount_granted is None


def test_more_than_applied_for_is_refused(club_a, round_18, consultant):
    application = submitted(club_a, round_18, amount_applied=10000)
    with pytest.raises(
        ApplicationError, match="Bevillingen skal være mellem 0 og det ansøgte beløb"
    ):
        services.grant_decide(application=application, user=consultant, amount=10001)


def test_the_database_refuses_a_grant_above_the_applied_amount(club_a, round_18):
    application = submitted(club_a, round_18, amount_applied=10000)
    with (
        pytest.raises(IntegrityError, match="application_granted_at_most_applied"),
        transaction.atomic(),
    ):
        Application.objects.filter(pk=application.pk).update(
            status=Status.GRANTED, amount_granted=10001
        )


def test_the_database_refuses_a_decline_without_a_reason(club_a, round_18):
    application = submitted(club_a, round_18)
    with (
        pytest.raises(IntegrityError, match="application_partial_or_decline_has_reason"),
        transaction.atomic(),
    ):
        Application.objects.filter(pk=application.pk).update(status=Status.DECLINED)


def test_a_grant_beyond_what_is_left_in_the_pool_is_refused(club_a, club_b, faaborg, consultant):
    co_creation = open_round(Pool.Kind.CO_CREATION)
    first = submitted(club_a, co_creation, amount_applied=150_000)
    second = submitted(club_b, co_creation, amount_applied=50_000)
    services.grant_decide(application=first, user=consultant, amount=150_000)
    with pytest.raises(ApplicationError, match=re.escape("40.000 kr.")):
        services.grant_decide(application=second, user=consultant, amount=50_000)
    services.grant_decide(
        application=second, user=consultant, amount=40_000, reason="Resten af puljen."
    )
    assert services.granted_total(pool(Pool.Kind.CO_CREATION)) == 190_000


def test_a_pool_without_a_budget_grants_nothing(toender, consultant):
    club = factories.association()
    application = submitted(club, open_round())
    with pytest.raises(ApplicationError, match="ikke fastsat"):
        services.grant_decide(application=application, user=consultant, amount=10000)


def test_children_activities_without_a_child_certificate_check_need_an_override(
    club_a, round_18, consultant
):
    factories.activity(club_a, involves_children_under_15=True)
    application = submitted(club_a, round_18)
    with pytest.raises(ApplicationError, match="børneattest"):
        services.grant_decide(application=application, user=consultant, amount=10000)
    services.grant_decide(
        application=application, user=consultant, amount=10000, override_reason="Set i dag."
    )
    note = application.events.get(internal=True)
    assert "Set i dag." in note.note


@pytest.mark.django_db(transaction=True)
def test_two_consultants_deciding_at_once_on_the_last_money_cannot_both_win(faaborg):
    consultants = [factories.user(email=f"k{n}@example.com", is_staff=True) for n in (1, 2)]
    co_creation = open_round(Pool.Kind.CO_CREATION)
    applications = [
        submitted(factories.association(name=f"Forening {n}"), co_creation, amount_applied=150_000)
        for n in (1, 2)
    ]
    barrier = threading.Barrier(2)
    outcomes = []

    def decide(application, user):
        try:
            barrier.wait()
            services.grant_decide(application=application, user=user, amount=150_000)
            outcomes.append("granted")
        except ApplicationError as error:
            outcomes.append(str(error))
        finally:
            connection.close()

    threads = [
        threading.Thread(target=decide, args=pair)
        for pair in zip(applications, consultants, strict=True)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes)[-1] == "granted"
    assert outcomes.count("granted") == 1
    assert "Der er kun 40.000 kr. tilbage" in next(o for o in outcomes if o != "granted")
    assert services.granted_total(pool(Pool.Kind.CO_CREATION)) == 150_000
    assert User.objects.count() == 2


def test_the_report_due_date_follows_the_pools_rule(club_a, round_18, consultant):
    Pool.objects.filter(pk=round_18.pool_id).update(report_months=3)
    application = submitted(club_a, round_18)
    Application.objects.filter(pk=application.pk).update(period_end=None)
    application.refresh_from_db()
    services.grant_decide(application=application, user=consultant, amount=10000)
    application.refresh_from_db()
    assert application.report_due_on > timezone.localdate() + timedelta(days=80)
