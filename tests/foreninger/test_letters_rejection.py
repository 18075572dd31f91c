"""The registry's rejection of an association is a letter like a grant decision: reason, legal
basis, who decided and complaint guidance, as the e-mail's text and as a tagged Danish PDF."""

import io

from django.core import mail
from pypdf import PdfReader

from foreninger import services
from tests import factories


def test_a_rejection_carries_legal_basis_reason_and_guidance(faaborg, alice, consultant, client):
    association = factories.association(name="Skakklubben", members=[alice], status="pending")
    services.association_reject(
        association=association, user=consultant, reason="Klubben driver ikke socialt arbejde."
    )
    [message] = mail.outbox
    assert message.subject == "Afgørelse om godkendelse af Skakklubben"
    body = " ".join(message.body.split())
    [(filename, pdf, mimetype)] = message.attachments
    assert (filename, mimetype) == (f"afgoerelse-forening-{association.pk}.pdf", "application/pdf")
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "da"
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    pdf_text = " ".join(" ".join(page.extract_text().split()) for page in reader.pages)
    for part in [
        f"Forening {association.pk}",
        "Skakklubben bliver ikke godkendt som frivillig social forening",
        "Afgørelsen er truffet efter Serviceloven §§ 18 og 79.",
        "Klubben driver ikke socialt arbejde.",
        "Afgørelsen er truffet af Sundhed, ældre og Socialområdet, Faaborg-Midtfyn Kommune.",
        "Afgørelsen kan ikke påklages til en anden administrativ myndighed.",
        "Skolevej 6",
        "Ankestyrelsen fører tilsyn med, at kommunerne overholder lovgivningen.",
        "En klage til ombudsmanden skal være indgivet senest 12 måneder efter",
    ]:
        assert part in body
        assert part in pdf_text
    client.force_login(alice)
    download = client.get(f"/mine-foreninger/{association.pk}/afgoerelse.pdf")
    assert download["Content-Type"] == "application/pdf"
