"""The transparency page and its CSV show what was paid out and paid back per pool, from the
payments (the hook `grant_money`), fresh after every payment."""

import datetime
import re

import pytest
from django.conf import settings
from django.urls import reverse

from puljer.models import Pool
from puljer.payments.models import FinanceExport, PaymentLine, RepaymentClaim
from tests.puljer.conftest import open_round
from tests.puljer.test_transparency import grant

PAID_ON = datetime.date(2026, 2, 2)


def line(application, number, amount, status):
    """A payment line as the finance file and its receipt leave it."""
    sent = status in (PaymentLine.Status.SENT, PaymentLine.Status.PAID)
    return PaymentLine.objects.create(
        application=application,
        number=number,
        trigger=PaymentLine.Trigger.DECISION,
        amount=amount,
        planned_amount=amount,
        due_on=PAID_ON,
        status=status,
        export=FinanceExport.objects.create() if sent else None,
        paid_on=PAID_ON if status == PaymentLine.Status.PAID else None,
    )


def claim(application, amount, status):
    return RepaymentClaim.objects.create(
        application=application,
        amount=amount,
        status=status,
        settled_on=None if status == RepaymentClaim.Status.OPEN else PAID_ON,
        waive_reason="Foreningen er opløst." if status == RepaymentClaim.Status.WAIVED else "",
    )


@pytest.fixture
def grants(faaborg):
    """§ 18: 72.000 kr. paid and 5.000 kr. repaid; what is to pay or sent and claims open or
    waived are not counted. Co-creation: granted, nothing paid yet."""
    section_18 = open_round()
    spisevenner = grant(section_18, "Spisevenner", 60_000)
    line(spisevenner, 1, 48_000, PaymentLine.Status.PAID)
    line(spisevenner, 2, 12_000, PaymentLine.Status.TO_PAY)
    besog = grant(section_18, "Besøgsvennerne", 20_000)
    line(besog, 1, 20_000, PaymentLine.Status.PAID)
    claim(besog, 5_000, RepaymentClaim.Status.RECEIVED)
    strik = grant(section_18, "Strikkeklubben", 10_000)
    line(strik, 1, 10_000, PaymentLine.Status.SENT)
    claim(strik, 3_000, RepaymentClaim.Status.OPEN)
    kor = grant(section_18, "Koret", 4_000)
    line(kor, 1, 4_000, PaymentLine.Status.PAID)
    claim(kor, 1_000, RepaymentClaim.Status.WAIVED)
    grant(open_round(Pool.Kind.CO_CREATION), "Samskaberne", 30_000)
    return {"spisevenner": spisevenner, "besog": besog}


def pool_rows(client, year, language="da"):
    """The pools table's rows as their cells' text."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    html = client.get(reverse("puljer:year", args=[year])).content.decode()
    table = html[html.index('<table class="table">') : html.index("</table>")]
    rows = re.findall(r"<tr>(.*?)</tr>", table, flags=re.S)
    return [
        [re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", cell)).strip() for cell in cells]
        for cells in (re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, flags=re.S) for row in rows)
    ]


def test_the_year_page_shows_granted_paid_and_repaid_per_pool(client, grants):
    year = grants["besog"].round.pool.year
    assert pool_rows(client, year) == [
        ["Pulje", "Budget", "Bevilget", "Tilbage", "Udbetalt", "Tilbagebetalt", "Tilskud"],
        [
            "Samskabelsespuljen Serviceloven § 18",
            "190.000 kr.",
            "30.000 kr.",
            "160.000 kr.",
            "0 kr.",
            "0 kr.",
            "1",
        ],
        [
            "§18-puljen Serviceloven § 18",
            "1.710.000 kr.",
            "94.000 kr.",
            "1.616.000 kr.",
            "72.000 kr.",
            "5.000 kr.",
            "4",
        ],
        [
            "§79-puljen Serviceloven § 79",
            "200.000 kr.",
            "0 kr.",
            "200.000 kr.",
            "0 kr.",
            "0 kr.",
            "0",
        ],
    ]


def test_in_english_the_columns_are_paid_out_and_repaid(client, grants):
    year = grants["besog"].round.pool.year
    header = pool_rows(client, year, "en")[0]
    assert header == ["Pool", "Budget", "Granted", "Remaining", "Paid out", "Repaid", "Grants"]


def test_a_recorded_payment_and_a_received_repayment_show_at_once(client, grants):
    year = grants["besog"].round.pool.year
    assert pool_rows(client, year)[2][4:6] == ["72.000 kr.", "5.000 kr."]
    PaymentLine.objects.filter(application=grants["spisevenner"], number=2).update(
        status=PaymentLine.Status.PAID, export=FinanceExport.objects.create(), paid_on=PAID_ON
    )
    claim(grants["spisevenner"], 2_000, RepaymentClaim.Status.RECEIVED)
    assert pool_rows(client, year)[2][4:6] == ["84.000 kr.", "7.000 kr."]


def test_the_csv_gives_each_grant_its_paid_and_repaid_last(client, grants):
    year = grants["besog"].round.pool.year
    response = client.get(reverse("puljer:year_csv", args=[year]))
    rows = [row.split(";") for row in response.content.decode("utf-8-sig").splitlines()]
    assert rows[0][-3:] == ["Indsatsområder", "Udbetalt (kr.)", "Tilbagebetalt (kr.)"]
    money = {row[2]: row[4:5] + row[-2:] for row in rows[1:]}
    assert money == {
        "Besøgsvennerne": ["20000", "20000", "5000"],
        "Koret": ["4000", "4000", "0"],
        "Samskaberne": ["30000", "0", "0"],
        "Spisevenner": ["60000", "48000", "0"],
        "Strikkeklubben": ["10000", "0", "0"],
    }
