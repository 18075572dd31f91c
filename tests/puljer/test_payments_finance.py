"""The finance file of due payments (CSV and XLSX) and the finance system's receipt: all of it
recorded, or nothing with an error for each wrong line; and segregation of duties."""

import datetime
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from puljer.models import Status
from puljer.payments import services
from puljer.payments.models import PaymentEvent, PaymentLine, PaymentRules
from tests import factories
from tests.puljer.conftest import open_round, pool, submitted

TODAY = datetime.date(2026, 12, 6)
HEADER = "cvr;association;amount;account_code;reference;case_reference;statement_text;due_on"


@pytest.fixture
def sent(faaborg, consultant):
    """Three grants decided by the consultant, each paid in one payment: the two of associations
    with a CVR number sent to finance in one file, the one without held."""
    PaymentRules.objects.create(
        pool=pool(),
        account_code="5.38.50",
        statement_text="Tilskud",
        source="Eksempel i testen, afsnit 1",
    )
    round_ = open_round()
    for name, cvr, amount, day in [
        ("Klub A", "29190909", 10_000, 1),
        ("Klub B", "", 5_000, 1),
        ("Klub C", "10150817", 2_500, 2),
    ]:
        application = submitted(
            factories.association(name=name, cvr=cvr),
            round_,
            status=Status.GRANTED,
            amount_applied=amount,
            amount_granted=amount,
            decided_by=consultant,
            decided_at=datetime.datetime(2026, 12, day, 10, tzinfo=datetime.UTC),
        )
        services.payment_plan_create(application=application)
    return services.finance_export_create(user=consultant, today=TODAY)


def receipt(*rows, header="reference;paid_on;amount"):
    text = "\n".join([header, *rows]) + "\n"
    return SimpleUploadedFile("kvittering.csv", text.encode("utf-8-sig"))


def statuses():
    return {line.reference: (line.status, line.paid_on) for line in PaymentLine.objects.all()}


def test_the_finance_file_holds_the_due_lines_with_cvr_account_and_bank_text(
    sent, client, consultant
):
    client.force_login(consultant)
    url = reverse("admin:payments_financeexport_download", args=[sent.pk, "csv"])
    text = client.get(url).content.decode("utf-8-sig")
    assert text.splitlines() == [
        HEADER,
        "29190909;Klub A;10000;5.38.50;T-0001-1;T-0001;Tilskud T-0001;2026-12-01",
        "10150817;Klub C;2500;5.38.50;T-0003-1;T-0003;Tilskud T-0003;2026-12-02",
    ]
    xlsx = client.get(reverse("admin:payments_financeexport_download", args=[sent.pk, "xlsx"]))
    sheet = load_workbook(io.BytesIO(xlsx.content)).active
    assert [cell.value for cell in sheet[2]] == [
        "29190909",
        "Klub A",
        10000,
        "5.38.50",
        "T-0001-1",
        "T-0001",
        "Tilskud T-0001",
        "2026-12-01",
    ]
    assert statuses()["T-0002-1"] == ("held", None)


def test_nothing_due_makes_no_file(sent, consultant):
    with pytest.raises(services.PaymentError, match="Ingen udbetalinger er forfaldne"):
        services.finance_export_create(user=consultant, today=TODAY)


def test_a_receipt_records_its_payments(sent, superuser):
    count = services.receipt_import(
        file=receipt("T-0001-1;2026-12-04;10000", "T-0003-1;2026-12-05;2500"),
        user=superuser,
        today=TODAY,
    )
    assert count == 2
    assert statuses() == {
        "T-0001-1": ("paid", datetime.date(2026, 12, 4)),
        "T-0002-1": ("held", None),
        "T-0003-1": ("paid", datetime.date(2026, 12, 5)),
    }


def test_a_receipt_with_wrong_lines_reports_each_and_records_nothing(sent, superuser):
    with pytest.raises(services.ReceiptError) as error:
        services.receipt_import(
            file=receipt(
                "T-0001-1;2026-12-04;10000",
                "T-0003-1;2026-12-05;2000",
                "T-0009-1;2026-12-05;100",
                "T-0002-1;2026-12-05;5000",
                "T-0001-1;4.12.2026;10000",
                "T-0003-1;2026-12-05",
            ),
            user=superuser,
            today=TODAY,
        )
    assert error.value.errors == [
        "Linje 3: T-0003-1 lyder på 2.500 kr., ikke 2.000 kr.",
        "Linje 4: ingen udbetaling har referencen „T-0009-1“.",
        "Linje 5: T-0002-1 er ikke sendt til økonomi.",
        "Linje 6: betalingsdatoen „4.12.2026“ er ikke en dato som 2026-12-06.",
        "Linje 7: har 2 felter, ikke 3 (er filen skåret af?).",
    ]
    assert statuses()["T-0001-1"] == ("sent", None)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"\xff\xfe not text", "Filen er ikke tekst i UTF-8."),
        (b"ref,date,amount\nT-0001-1,2026-12-04,10000\n", "Linje 1: første linje skal være"),
        (b"reference;paid_on;amount\n", "Filen har ingen betalinger."),
    ],
)
def test_a_file_that_is_no_receipt_is_refused_whole(sent, superuser, content, message):
    with pytest.raises(services.ReceiptError, match=message):
        services.receipt_import(
            file=SimpleUploadedFile("x.csv", content), user=superuser, today=TODAY
        )


def test_a_receipt_imported_twice_is_refused_the_second_time(sent, superuser):
    services.receipt_import(file=receipt("T-0001-1;2026-12-04;10000"), user=superuser, today=TODAY)
    with pytest.raises(services.ReceiptError, match="allerede registreret som betalt"):
        services.receipt_import(
            file=receipt("T-0001-1;2026-12-04;10000"), user=superuser, today=TODAY
        )


def test_whoever_decided_the_grant_cannot_record_its_payment(sent, consultant):
    with pytest.raises(services.ReceiptError, match="en anden skal indlæse den"):
        services.receipt_import(
            file=receipt("T-0001-1;2026-12-04;10000"), user=consultant, today=TODAY
        )
    line = PaymentLine.objects.get(application__reference="T-0001")
    with pytest.raises(services.PaymentError, match="en anden skal registrere udbetalingen"):
        services.payment_mark_paid(
            line=line, user=consultant, paid_on=datetime.date(2026, 12, 4), today=TODAY
        )


def test_a_superuser_who_decided_may_record_the_payment_and_it_is_logged(sent, superuser):
    line = PaymentLine.objects.get(application__reference="T-0001")
    line.application.decided_by = superuser
    line.application.save()
    services.payment_mark_paid(
        line=line, user=superuser, paid_on=datetime.date(2026, 12, 4), today=TODAY
    )
    assert PaymentEvent.objects.get(action="paid").note == (
        "Rate 1 (10.000 kr.) betalt den 04.12.2026 (registreret i hånden). Registreret af en "
        "superbruger, som også traf afgørelsen om tilskuddet."
    )


def test_the_associations_data_export_holds_its_payments(sent, client):
    alice = factories.user(email="kasserer@example.com")
    club = PaymentLine.objects.get(application__reference="T-0002").application.association
    club.memberships.create(user=alice)
    client.force_login(alice)
    response = client.get(reverse("foreninger:data_export", args=[club.pk]))
    assert response.json()["payments"] == {
        "lines": [
            {
                "reference": "T-0002-1",
                "amount": 5000,
                "due_on": "2026-12-01",
                "status": "held",
                "held_reason": (
                    "Foreningen har intet CVR-nummer, og økonomisystemet udbetaler til NemKonto "
                    "via CVR-nummeret. Foreningen kan registrere et CVR-nummer gratis."
                ),
                "paid_on": None,
            }
        ],
        "repayment_claims": [],
    }
