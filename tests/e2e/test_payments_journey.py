"""The money out and back, as the consultant does it in the admin: a batch of grants sent to
finance, the receipt imported (one line wrong, reported, nothing recorded; then right), an
instalment released by an approved report, and a repayment claim settled."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from puljer.models import Pool, Status
from puljer.payments import services
from puljer.payments.models import PaymentLine, PaymentRules, RepaymentClaim
from tests import factories
from tests.e2e.conftest import admin_log_in, axe_violations
from tests.puljer.conftest import open_round, pool, submitted
from tests.puljer.test_payments import report

pytestmark = pytest.mark.browser


@pytest.fixture
def portal(live_server, transactional_db, faaborg, settings, tmp_path):
    settings.SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    return live_server.url


def _grant(round_, name, cvr, amount, *, spent=None):
    """A grant paid 80 % at the decision; with `spent`, its report waits for approval."""
    application = submitted(
        factories.association(name=name, cvr=cvr),
        round_,
        status=Status.REPORTED if spent is not None else Status.GRANTED,
        amount_applied=amount,
        amount_granted=amount,
        decided_at=timezone.now(),
    )
    if spent is not None:
        report(application, spent=spent)
    services.payment_plan_create(application=application)
    return application


def _message(page):
    return page.locator(".messagelist").inner_text()


def _receipt(page, text):
    page.locator("#id_file").set_input_files(
        files=[{"name": "kvittering.csv", "mimeType": "text/csv", "buffer": text.encode()}]
    )
    with page.expect_navigation():
        page.get_by_role("button", name="Indlæs").click()


def test_a_batch_is_paid_an_instalment_released_and_a_claim_settled(portal, page, consultant):
    PaymentRules.objects.create(
        pool=pool(), decision_percent=80, repayment_days=30, source="Eksempel, afsnit 1"
    )
    Pool.objects.filter(pk=pool().pk).update(requires_repayment=True)
    round_ = open_round()
    full = _grant(round_, "Spisevennerne", "29190909", 10_000, spent=10_000)
    part = _grant(round_, "Sorggruppen", "10150817", 5_000, spent=2_000)
    _grant(round_, "Klub uden CVR", "", 3_000)
    today = timezone.localdate().isoformat()

    page.goto(portal + reverse("admin:payments_paymentline_changelist"))
    admin_log_in(page, consultant)
    with page.expect_navigation():
        page.get_by_role("button", name="Send forfaldne udbetalinger til økonomi").click()
    assert "2 udbetalinger på i alt 12.000 kr. er sendt til økonomi" in _message(page)
    href = page.get_by_role("link", name="CSV").get_attribute("href")
    csv = page.request.get(portal + href).text()
    assert csv.splitlines()[1:] == [
        f"29190909;Spisevennerne;8000;;{full.reference}-1;{full.reference};{full.reference};{today}",
        f"10150817;Sorggruppen;4000;;{part.reference}-1;{part.reference};{part.reference};{today}",
    ]

    page.goto(portal + reverse("admin:payments_paymentline_receipt"))
    header = "reference;paid_on;amount"
    _receipt(page, f"{header}\n{full.reference}-1;{today};8000\n{part.reference}-1;{today};400\n")
    assert page.locator("#receipt-errors").inner_text() == (
        f"Linje 3: {part.reference}-1 lyder på 4.000 kr., ikke 400 kr."
    )
    assert not PaymentLine.objects.filter(status="paid").exists()
    assert axe_violations(page) == []
    _receipt(page, f"{header}\n{full.reference}-1;{today};8000\n{part.reference}-1;{today};4000\n")
    assert "2 udbetalinger registreret som betalt." in _message(page)

    for application in (full, part):
        page.goto(
            portal + reverse("admin:puljer_application_report", args=[application.pk, "godkend"])
        )
        with page.expect_navigation():
            page.locator("input[type=submit]").click()
    # Approving a report releases the waiting instalment and claims back what was not spent.
    page.goto(portal + reverse("admin:payments_paymentline_changelist"))
    assert axe_violations(page) == []
    with page.expect_navigation():
        page.get_by_role("button", name="Send forfaldne udbetalinger til økonomi").click()
    assert "1 udbetaling på 2.000 kr. er sendt til økonomi" in _message(page)

    page.goto(portal + reverse("admin:payments_repaymentclaim_changelist"))
    claim = RepaymentClaim.objects.get()
    assert (claim.application, claim.amount) == (part, 2_000)
    assert claim.due_on == timezone.localdate() + datetime.timedelta(days=30)
    page.locator(f"input[name=_selected_action][value='{claim.pk}']").check()
    page.locator("select[name=action]").select_option("mark_received_today")
    with page.expect_navigation():
        page.get_by_role("button", name="Udfør").click()
    assert "1 tilbagebetaling registreret som modtaget." in _message(page)

    page.goto(portal + reverse("admin:payments_paymentline_overview"))
    section_18 = page.locator("#money-overview tbody tr").filter(
        has=page.locator("th", has_text="§18-puljen")
    )
    row = section_18.inner_text().split("\t")
    # Granted 18,000; paid 12,000; to pay 2,000 (sent) + 2,400 (held) + 600 (waits for the
    # report); repaid 2,000.
    assert row[3:7] == ["18.000 kr.", "12.000 kr.", "5.000 kr.", "2.000 kr."]
    assert axe_violations(page) == []
