"""The decision letter (forvaltningsloven §§ 22–25): one Danish text on the page, in the e-mail
and as a tagged PDF, with the legal basis, the reasons, who decided and complaint guidance."""

import datetime
import io
from pathlib import Path

from django.core import mail
from django.utils import timezone
from pypdf import PdfReader

from puljer import letters, services
from puljer.models import Application, CommitteeDecision, Pool
from tests.puljer.conftest import submitted

DATA = Path(__file__).resolve().parents[2] / "frivillig" / "data"
DECIDED_AT = timezone.make_aware(datetime.datetime(2026, 3, 3, 10, 0))
DEFAULT_GUIDANCE = [
    "Klagevejledning",
    "Afgørelsen kan ikke påklages til en anden administrativ myndighed.",
    "kan I bede Sundhed, ældre og Socialområdet om at genoverveje den",
    "Skolevej 6",
    "5854 Gislev",
    "sundhed@fmk.dk",
    "Ankestyrelsen fører tilsyn med, at kommunerne overholder lovgivningen.",
    "En klage til ombudsmanden skal være indgivet senest 12 måneder efter, at afgørelsen er "
    "truffet.",
]


def _pdf_text(application):
    reader = PdfReader(io.BytesIO(letters.decision_letter_pdf(application)))
    return reader, " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def _decided(application, **fields):
    Application.objects.filter(pk=application.pk).update(decided_at=DECIDED_AT, **fields)
    application.refresh_from_db()
    return application


def test_a_committees_partial_grant_is_a_tagged_danish_pdf_with_every_part(
    club_a, round_18, consultant
):
    application = submitted(club_a, round_18, amount_applied=10000)
    meeting = CommitteeDecision.objects.create(
        round=round_18,
        committee="Socialudvalget",
        meeting_on=datetime.date(2026, 2, 24),
        agenda_item="7",
    )
    services.grant_decide(
        application=application,
        user=consultant,
        amount=6000,
        reason="Budgettet til transport er for højt.",
        committee_decision=meeting,
    )
    reader, text = _pdf_text(_decided(application))
    assert reader.trailer["/Root"]["/Lang"] == "da"
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    for part in [
        "Sagsnummer T-0001",
        "Dato for afgørelsen 3. marts 2026",
        "Afgørelse om tilskud fra §18-puljen",
        "Klub A får tilskud på 6.000 kr. af de 10.000 kr., I har søgt om",
        "Afgørelsen er truffet efter Serviceloven § 18.",
        "Aktiviteterne er målrettet socialt vanskeligt stillede borgere",
        "Budgettet til transport er for højt.",
        "Afgørelsen er truffet af Socialudvalget på mødet den 24. februar 2026, dagsordenens "
        "punkt 7.",
        "Vilkår",
        "Puljen har ingen frist for afrapporteringen.",
        *DEFAULT_GUIDANCE,
    ]:
        assert part in text


def test_a_decline_carries_legal_basis_reason_and_guidance_in_the_email(
    club_a, round_18, consultant, django_capture_on_commit_callbacks
):
    application = submitted(club_a, round_18, amount_applied=10000)
    with django_capture_on_commit_callbacks(execute=True):
        services.grant_decide(
            application=application, user=consultant, amount=0, reason="Ikke socialt arbejde."
        )
    [message] = mail.outbox
    assert message.subject == "Afgørelse om tilskud: T-0001"
    [(filename, pdf, mimetype)] = message.attachments
    assert (filename, mimetype) == ("afgoerelse-T-0001.pdf", "application/pdf")
    assert "Ikke socialt arbejde." in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
    body = " ".join(message.body.split())
    for part in [
        "Klub A får afslag på ansøgningen om 10.000 kr.",
        "Afgørelsen er truffet efter Serviceloven § 18.",
        "Ikke socialt arbejde.",
        "Afgørelsen er truffet af Socialudvalget.",
        *DEFAULT_GUIDANCE,
    ]:
        assert part in body
    assert "Vilkår" not in body


def test_the_administration_under_delegation_and_an_appeal_body_from_the_data(
    club_a, round_18, consultant
):
    Pool.objects.filter(pk=round_18.pool_id).update(
        decision_authority="administration",
        decision_authority_name="Sundhed, ældre og Socialområdet",
        decision_authority_role="frivilligkonsulenten",
        appeal_body="Eksempelnævnet",
        appeal_how="Klagen sendes til kommunen, som sender den videre.",
        appeal_deadline="4 uger fra modtagelsen af afgørelsen",
    )
    application = submitted(club_a, round_18, amount_applied=10000)
    services.grant_decide(application=application, user=consultant, amount=10000)
    text = " ".join(letters.decision_letter_text(_decided(application)).split())
    assert (
        "Afgørelsen er truffet af frivilligkonsulenten i Sundhed, ældre og Socialområdet efter "
        "bemyndigelse (delegation)." in text
    )
    assert "I kan klage over afgørelsen til Eksempelnævnet." in text
    assert "Klagen sendes til kommunen, som sender den videre." in text
    assert "Fristen for at klage er 4 uger fra modtagelsen af afgørelsen." in text
    assert "kan ikke påklages" not in text


def test_the_page_shows_the_letter_and_offers_the_pdf(client, alice, club_a, round_18, consultant):
    application = submitted(club_a, round_18, amount_applied=10000)
    services.grant_decide(application=application, user=consultant, amount=10000)
    client.force_login(alice)
    page = client.get(f"/mine-foreninger/{club_a.pk}/ansoegninger/{application.pk}/")
    html = page.content.decode()
    assert "Afgørelsen er truffet efter Serviceloven § 18." in html
    assert "Afgørelsen kan ikke påklages til en anden administrativ myndighed." in html
    pdf = client.get(f"/mine-foreninger/{club_a.pk}/ansoegninger/{application.pk}/afgoerelse.pdf")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")


def test_the_data_files_give_no_complaint_deadline_or_appeal_body():
    for path in sorted(DATA.glob("*.yaml")):
        text = path.read_text()
        assert "fire uger" not in text, path.name
        assert "complaint_guidance" not in text, path.name
        assert "appeal:" not in text, path.name


def test_the_pools_page_says_who_decides_from_the_data(client, faaborg):
    html = client.get("/puljer/").content.decode()
    # “Socialudvalget træffer afgørelse om ansøgningerne.” once translated.
    assert "<p>Socialudvalget " in html
    assert "frivilligkonsulenten behandler ansøgningerne og træffer afgørelse" not in html
