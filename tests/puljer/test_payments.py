"""Each grant's payment plan from its pool's rules, held without a CVR number, released by the
approved report, and unspent money paid back where the pool's rules say so."""

import datetime
import itertools

import pytest
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from puljer import services as grants
from puljer.letters import decision_letter_text
from puljer.models import ApplicationEvent, Pool, Report, Status
from puljer.payments import services
from puljer.payments.models import PaymentEvent, PaymentLine, PaymentRules, RepaymentClaim
from puljer.payments.plans import instalments_split
from tests import factories
from tests.puljer.conftest import pool, submitted

CVR = "29190909"
APPROVED_ON = datetime.date(2026, 3, 2)


@pytest.fixture
def club(faaborg, alice):
    return factories.association(name="Klub C", cvr=CVR, members=[alice])


def rules(kind=Pool.Kind.SECTION_18, **fields):
    fields.setdefault("decision_percent", 80)
    fields.setdefault("source", "Eksempel i testen, afsnit 1")
    return PaymentRules.objects.create(pool=pool(kind), **fields)


def granted(club, round_, amount=10_000, **fields):
    return submitted(
        club,
        round_,
        status=Status.GRANTED,
        amount_applied=amount,
        amount_granted=amount,
        decided_at=datetime.datetime(2026, 1, 15, 10, tzinfo=datetime.UTC),
        **fields,
    )


def report(application, *, spent):
    """The association's report, with `spent` of the grant spent."""
    return Report.objects.create(
        application=application,
        amount_spent=spent,
        participants_reached=20,
        volunteers=4,
        account="Det gik godt.",
        declaration=True,
    )


def approve_report(application, *, spent):
    report(application, spent=spent)
    application.status = Status.REPORT_APPROVED
    application.save()
    event = ApplicationEvent.objects.create(application=application, action="approve_report")
    ApplicationEvent.objects.filter(pk=event.pk).update(
        created_at=datetime.datetime(2026, 3, 2, 9, tzinfo=datetime.UTC)
    )


def lines_of(application):
    return [
        (line.number, line.trigger, line.amount, line.status, line.due_on)
        for line in application.payment_lines.order_by("number")
    ]


@given(
    total=st.integers(min_value=0, max_value=10**9),
    cuts=st.lists(st.integers(min_value=1, max_value=99), max_size=5, unique=True),
)
def test_instalments_in_whole_kroner_always_add_up_to_the_grant(total, cuts):
    bounds = [0, *sorted(cuts), 100]
    percents = [high - low for low, high in itertools.pairwise(bounds)]
    parts = instalments_split(total=total, percents=percents)
    assert sum(parts) == total
    # Each part is its exact share rounded down or up: never a krone further off.
    for part, percent in zip(parts, percents, strict=True):
        assert total * percent / 100 - 1 < part < total * percent / 100 + 1


@pytest.mark.parametrize(
    ("total", "percents", "parts"),
    [
        (10_001, [80, 20], [8001, 2000]),
        (10_003, [80, 20], [8002, 2001]),
        (2, [34, 33, 33], [1, 1, 0]),
        (100, [100], [100]),
    ],
)
def test_the_kroner_left_by_rounding_go_to_the_parts_that_lost_most(total, percents, parts):
    assert instalments_split(total=total, percents=percents) == parts


def test_shares_that_do_not_add_up_to_100_are_refused():
    with pytest.raises(ValueError, match="add up to 100"):
        instalments_split(total=100, percents=[80, 30])


def test_a_pool_without_payment_rules_pays_a_grant_in_one_payment_at_the_decision(club, round_18):
    application = granted(club, round_18, 12_345)
    services.payment_plan_create(application=application)
    assert lines_of(application) == [(1, "decision", 12_345, "to_pay", datetime.date(2026, 1, 15))]
    text = decision_letter_text(application)
    assert "Tilskuddet udbetales på én gang efter afgørelsen." in text
    assert "skal betales tilbage" not in text


def test_the_decision_makes_the_plan_and_the_letter_states_it(club, round_18, consultant):
    rules(account_code="5.38.50", statement_text="Tilskud", repayment_days=30)
    Pool.objects.filter(pk=round_18.pool_id).update(requires_repayment=True)
    application = submitted(club, round_18, amount_applied=10_001)
    application = grants.grant_decide(application=application, user=consultant, amount=10_001)
    today = application.payment_lines.get(number=1).due_on
    assert lines_of(application) == [
        (1, "decision", 8001, "to_pay", today),
        (2, "report", 2000, "waiting", None),
    ]
    text = decision_letter_text(application)
    assert "Tilskuddet udbetales i to rater:" in text
    assert "8.001 kr. efter afgørelsen" in text
    assert "2.000 kr. når afrapporteringen er godkendt" in text
    assert f"På kontoudtoget står der „Tilskud {application.reference}“." in text
    assert "Penge, der ikke er brugt, skal betales tilbage." in text
    assert "med en frist på 30 dage fra godkendelsen af afrapporteringen" in text
    assert "CVR-nummer på portalen" not in text


def test_a_decline_has_no_payments_and_no_payment_terms(club, round_18, consultant):
    rules()
    application = submitted(club, round_18)
    application = grants.grant_decide(
        application=application, user=consultant, amount=0, reason="Ingen midler."
    )
    assert not application.payment_lines.exists()
    assert "Udbetaling" not in decision_letter_text(application)


def test_without_a_cvr_number_the_lines_are_held_and_the_letter_says_it_is_free(faaborg, round_18):
    no_cvr = factories.association(name="Klub uden CVR")
    application = granted(no_cvr, round_18)
    services.payment_plan_create(application=application)
    line = application.payment_lines.get()
    assert line.status == "held"
    assert line.held_reason == (
        "Foreningen har intet CVR-nummer, og økonomisystemet udbetaler til NemKonto via "
        "CVR-nummeret. Foreningen kan registrere et CVR-nummer gratis."
    )
    text = decision_letter_text(application)
    assert "Det er gratis at få et CVR-nummer." in text
    assert "Portalen gemmer ikke CPR-numre" in text
    no_cvr.cvr = CVR
    no_cvr.save()
    assert services.payments_sync()["freed"] == 1
    line.refresh_from_db()
    assert (line.status, line.held_reason) == ("to_pay", "")


def test_an_approved_report_releases_the_instalment_that_waited_for_it(club, round_18):
    rules()
    application = granted(club, round_18)
    services.payment_plan_create(application=application)
    approve_report(application, spent=10_000)
    assert services.payments_sync()["released"] == 1
    assert lines_of(application)[1] == (2, "report", 2000, "to_pay", APPROVED_ON)
    assert not RepaymentClaim.objects.exists()


def test_approving_the_report_releases_the_waiting_instalment_at_once(club, round_18, consultant):
    rules()
    application = granted(club, round_18)
    services.payment_plan_create(application=application)
    report(application, spent=10_000)
    application.status = Status.REPORTED
    application.save()
    grants.report_approve(application=application, user=consultant)
    today = timezone.localdate()
    assert lines_of(application) == [
        (1, "decision", 8000, "to_pay", datetime.date(2026, 1, 15)),
        (2, "report", 2000, "to_pay", today),
    ]


@pytest.mark.parametrize(
    ("spent", "second", "claim"),
    [
        # 1,000 kr. unspent: kept back from the 2,000 kr. instalment.
        (9000, (2, "report", 1000, "to_pay", APPROVED_ON), None),
        # 3,000 kr. unspent: the instalment is not paid (it stays, cancelled), and 1,000 kr.
        # is claimed back.
        (7000, (2, "report", 0, "cancelled", APPROVED_ON), (1000, datetime.date(2026, 4, 1))),
    ],
)
def test_unspent_money_is_kept_back_from_the_last_instalment_then_claimed(
    club, round_18, spent, second, claim
):
    rules(repayment_days=30)
    Pool.objects.filter(pk=round_18.pool_id).update(requires_repayment=True)
    application = granted(club, round_18)
    services.payment_plan_create(application=application)
    approve_report(application, spent=spent)
    services.payments_sync()
    assert lines_of(application)[1] == second
    # The letter still states the plan as decided.
    assert "2.000 kr. når afrapporteringen er godkendt" in decision_letter_text(application)
    assert [(c.amount, c.due_on) for c in RepaymentClaim.objects.all()] == (
        [claim] if claim else []
    )


def test_a_pool_without_the_repayment_rule_pays_the_instalment_and_claims_nothing(club, round_18):
    rules()
    Pool.objects.filter(pk=round_18.pool_id).update(requires_repayment=False)
    application = granted(club, round_18)
    services.payment_plan_create(application=application)
    approve_report(application, spent=1000)
    services.payments_sync()
    assert lines_of(application)[1][2:4] == (2000, "to_pay")
    assert not RepaymentClaim.objects.exists()


def test_a_repayment_paid_in_one_payment_is_claimed_once_with_its_due_date(club, round_18):
    rules(decision_percent=100, repayment_days=14)
    Pool.objects.filter(pk=round_18.pool_id).update(requires_repayment=True)
    application = granted(club, round_18)
    approve_report(application, spent=6500)
    services.payments_sync()
    services.payments_sync()
    claim = RepaymentClaim.objects.get()
    assert (claim.amount, claim.due_on, claim.status) == (3500, datetime.date(2026, 3, 16), "open")


def test_a_claim_is_received_or_waived_with_a_reason(club, round_18, consultant):
    Pool.objects.filter(pk=round_18.pool_id).update(requires_repayment=True)
    first, second = granted(club, round_18), granted(club, round_18)
    for application in (first, second):
        approve_report(application, spent=9000)
    services.payments_sync()
    first_claim, second_claim = (RepaymentClaim.objects.get(application=a) for a in (first, second))
    services.repayment_receive(
        claim=first_claim, user=consultant, received_on=datetime.date(2026, 4, 1)
    )
    with pytest.raises(services.PaymentError, match="Angiv begrundelsen"):
        services.repayment_waive(claim=second_claim, user=consultant, reason=" ")
    services.repayment_waive(claim=second_claim, user=consultant, reason="Foreningen er lukket.")
    with pytest.raises(services.PaymentError, match="allerede afgjort"):
        services.repayment_receive(
            claim=second_claim, user=consultant, received_on=datetime.date(2026, 4, 1)
        )
    assert list(
        PaymentEvent.objects.filter(action__in=["repaid", "waived"])
        .order_by("pk")
        .values_list("note", flat=True)
    ) == [
        "Tilbagebetaling af 1.000 kr. modtaget den 01.04.2026.",
        "Tilbagebetaling af 1.000 kr. frafaldet: Foreningen er lukket.",
    ]


def test_a_payment_line_cannot_be_held_without_a_reason(club, round_18):
    application = granted(club, round_18)
    with pytest.raises(Exception, match="paymentline_held_has_reason"):
        PaymentLine.objects.create(
            application=application,
            number=1,
            trigger="decision",
            amount=100,
            planned_amount=100,
            status="held",
            due_on=datetime.date(2026, 1, 1),
        )
