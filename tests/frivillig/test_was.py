"""/was/: the municipality's statement on was.digst.dk when the data file gives its address,
otherwise the statement from the data."""

import datetime

from django.urls import reverse

from frivillig import datafile
from frivillig.models import Municipality
from tests.conftest import DATA_DIR

WAS = "https://www.was.digst.dk/frivillig-fmk-dk"


def test_was_leads_to_the_statement_on_was_digst_dk(client, faaborg):
    Municipality.objects.update(accessibility_statement_url=WAS)
    response = client.get("/was/")
    assert (response.status_code, response["Location"]) == (302, WAS)


def test_without_an_address_was_shows_the_statement_from_the_data(client, faaborg):
    Municipality.objects.update(
        accessibility_compliance="partial",
        accessibility_method="Selvevaluering med axe-core og manuelle tests.",
        accessibility_evaluated_on=datetime.date(2026, 5, 4),
    )
    response = client.get(reverse("accessibility"))
    html = response.content.decode()
    assert response.status_code == 200
    for part in ('id="compliance"', 'id="evaluation"', 'id="contact"', 'id="complaints"'):
        assert part in html
    assert "EN 301 549" in html
    assert "Selvevaluering med axe-core og manuelle tests." in html
    assert "4. maj 2026" in html
    assert "72 53 60 63" in html
    assert 'href="mailto:sundhed@fmk.dk"' in html
    assert (
        'href="https://digst.dk/digital-inklusion/webtilgaengelighed/'
        'oplever-du-ikke-tilgaengeligt-indhold/"' in html
    )


def test_a_municipality_without_an_e_mail_address_gives_its_website(client, db):
    datafile.municipality_load(data=datafile.read(DATA_DIR / "toender.yaml"))
    html = client.get(reverse("accessibility")).content.decode()
    assert "74 92 90 12" in html
    assert 'href="https://toender.dk"' in html
