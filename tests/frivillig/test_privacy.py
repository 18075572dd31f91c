"""The privacy page: the data protection officer, the recipients, the right to object, consent
for workshop answers, the audit trail and people named by others."""

from django.urls import reverse

from frivillig.models import Municipality


def test_the_privacy_page_has_each_part(client, faaborg):
    Municipality.objects.update(
        dpo_name="Databeskyttelsesrådgiveren",
        dpo_email="dpo@fmk.dk",
        dpo_phone="72 53 00 00",
        processors="Hostingfirmaet A/S – drift af portalen\nPostfirmaet ApS – afsendelse af e-mail",
    )
    html = client.get(reverse("privacy")).content.decode()
    for part in (
        'id="dpo"',
        'id="consent"',
        'id="recipients"',
        'id="named-by-others"',
        'id="audit-trail"',
        'id="objection"',
    ):
        assert part in html
    assert 'href="mailto:dpo@fmk.dk"' in html
    assert "72 53 00 00" in html
    assert "Hostingfirmaet A/S – drift af portalen" in html
    assert "Postfirmaet ApS – afsendelse af e-mail" in html
    assert "21" in html.split('id="objection"')[1].split("</p>")[0]


def test_without_a_dpo_in_the_data_the_page_points_to_the_municipalitys_contact(client, faaborg):
    html = client.get(reverse("privacy")).content.decode()
    dpo = html.split('id="dpo"')[1].split("</p>")[0]
    assert "mailto:" not in dpo
