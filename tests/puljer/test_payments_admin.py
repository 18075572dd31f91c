"""The consultant's payment pages in the admin: each action says what it did, in Danish; the
overview per pool and round; and the payment rules from the data file, with their source."""

import datetime

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from frivillig import datafile
from frivillig.datafile import DataFileError
from puljer.models import Pool, Status
from puljer.payments.models import FinanceExport, PaymentLine, PaymentRules, RepaymentClaim
from tests import factories
from tests.conftest import DATA_DIR
from tests.puljer.conftest import pool, submitted


@pytest.fixture
def admin_client(client, consultant):
    client.force_login(consultant)
    return client


@pytest.fixture
def grant(faaborg, round_18):
    """A grant of 10,000 kr. the consultant did not decide, paid 80 % at the decision."""
    PaymentRules.objects.create(pool=pool(), decision_percent=80, source="Eksempel, afsnit 1")
    club = factories.association(name="Klub A", cvr="29190909")
    return submitted(
        club, round_18, status=Status.GRANTED, amount_applied=10_000, amount_granted=10_000
    )


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_the_consultant_updates_exports_and_imports_the_receipt(admin_client, grant):
    changelist = reverse("admin:payments_paymentline_changelist")
    assert admin_client.get(changelist).status_code == 200
    response = admin_client.post(reverse("admin:payments_paymentline_sync"), follow=True)
    assert messages_of(response) == [
        "Nye udbetalingsplaner: 1. Frigivne rater: 0. Krav om tilbagebetaling: 0. "
        "Tilbageholdte linjer: 0, frigjorte: 0."
    ]
    response = admin_client.post(reverse("admin:payments_paymentline_export"), follow=True)
    export = FinanceExport.objects.get()
    assert messages_of(response) == [
        f"1 udbetaling på 8.000 kr. er sendt til økonomi i fil {export.pk}."
    ]
    download = reverse("admin:payments_financeexport_download", args=[export.pk, "csv"])
    assert f'href="{download}"' in response.content.decode()
    url = reverse("admin:payments_paymentline_receipt")
    wrong = SimpleUploadedFile("k.csv", b"reference;paid_on;amount\nT-0001-1;2026-12-01;800\n")
    response = admin_client.post(url, {"file": wrong})
    html = response.content.decode()
    assert "Intet blev indlæst. Ret disse linjer" in html
    assert "Linje 2: T-0001-1 lyder på 8.000 kr., ikke 800 kr." in html
    assert PaymentLine.objects.get(number=1).status == "sent"
    today = datetime.date.today().isoformat()
    right = SimpleUploadedFile(
        "k.csv", f"reference;paid_on;amount\nT-0001-1;{today};8000\n".encode()
    )
    response = admin_client.post(url, {"file": right}, follow=True)
    assert messages_of(response) == ["1 udbetaling registreret som betalt."]


def test_export_with_nothing_due_says_so(admin_client, faaborg):
    response = admin_client.post(reverse("admin:payments_paymentline_export"), follow=True)
    assert messages_of(response) == ["Ingen udbetalinger er forfaldne."]


def test_the_tools_take_only_a_post(admin_client, faaborg):
    assert admin_client.get(reverse("admin:payments_paymentline_export")).status_code == 403


def test_the_overview_shows_budget_granted_paid_to_pay_and_remaining(admin_client, grant):
    admin_client.post(reverse("admin:payments_paymentline_sync"))
    html = admin_client.get(reverse("admin:payments_paymentline_overview")).content.decode()
    budget = pool().budget
    assert f"{budget:,}".replace(",", ".") + " kr." in html
    assert "<td>10.000 kr.</td>\n        <td>0 kr.</td>\n        <td>10.000 kr.</td>" in html


def test_the_overview_downloads_as_csv(admin_client, grant):
    admin_client.post(reverse("admin:payments_paymentline_sync"))
    url = reverse("admin:payments_paymentline_overview_export", args=["csv"])
    lines = admin_client.get(url).content.decode("utf-8-sig").splitlines()
    assert lines[0] == (
        "Pulje;Runde;Budget (kr.);Bevilget (kr.);Udbetalt (kr.);Til udbetaling (kr.);"
        "Tilbagebetalt (kr.);Tilbage (kr.)"
    )
    assert "§18-puljen;Runde;;10000;0;10000;0;" in lines


def test_a_claim_is_waived_with_a_reason_in_the_admin(admin_client, grant):
    claim = RepaymentClaim.objects.create(application=grant, amount=1500)
    url = reverse("admin:payments_repaymentclaim_waive", args=[claim.pk])
    assert "Klub A skal betale 1.500 kr. tilbage." in admin_client.get(url).content.decode()
    response = admin_client.post(url, {"reason": "Foreningen er opløst."}, follow=True)
    assert messages_of(response) == ["Kravet er frafaldet."]
    claim.refresh_from_db()
    assert (claim.status, claim.waive_reason) == ("waived", "Foreningen er opløst.")


def test_the_data_file_sets_a_pools_payment_rules_with_their_source(faaborg):
    text = (DATA_DIR / "faaborg-midtfyn.yaml").read_text(encoding="utf-8")
    text += (
        "\npayments:\n  - pool: s18\n    decision_percent: 75\n    account_code: 5.38.50\n"
        "    repayment_days: 30\n    source: Retningslinjer for §18, afsnit 5\n"
    )
    datafile.municipality_load(data=datafile.parse(text))
    rules = PaymentRules.objects.get(pool__kind=Pool.Kind.SECTION_18)
    assert (rules.decision_percent, rules.account_code, rules.repayment_days, rules.source) == (
        75,
        "5.38.50",
        30,
        "Retningslinjer for §18, afsnit 5",
    )


def test_the_data_file_refuses_payment_rules_without_a_source():
    text = (DATA_DIR / "faaborg-midtfyn.yaml").read_text(encoding="utf-8")
    text += "\npayments:\n  - pool: s18\n    decision_percent: 75\n"
    with pytest.raises(DataFileError, match="source"):
        datafile.parse(text)
