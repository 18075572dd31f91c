import io

from pypdf import PdfReader

from frivillig.pdf import html_to_pdf

LETTER = (
    '<!doctype html><html lang="da"><head><title>Afgørelse</title></head>'
    "<body><h1>Afgørelse på ansøgning</h1><p>Æbleø og blåbær</p>{extra}</body></html>"
)


def test_a_pdf_is_tagged_danish_and_holds_the_text():
    reader = PdfReader(io.BytesIO(html_to_pdf(LETTER.format(extra=""))))
    catalog = reader.trailer["/Root"]
    assert catalog["/Lang"] == "da"
    assert catalog["/MarkInfo"] == {"/Marked": True}
    assert "/StructTreeRoot" in catalog
    assert reader.metadata.title == "Afgørelse"
    text = reader.pages[0].extract_text()
    assert "Afgørelse på ansøgning" in text
    assert "Æbleø og blåbær" in text


def test_a_pdf_fetches_no_file_the_html_names(caplog):
    html_to_pdf(LETTER.format(extra='<img src="file:///etc/hostname" alt="">'))
    assert "URI uses disallowed protocol: file:///etc/hostname" in caplog.text
