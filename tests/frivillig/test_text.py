from django.utils import translation

from frivillig.text import danish_slugify, kroner, one_full_stop, render_text


def test_danish_letters_survive_in_slugs():
    assert danish_slugify("Øget mangfoldighed") == "oeget-mangfoldighed"
    assert danish_slugify("Nye idéer – nye veje") == "nye-ideer-nye-veje"
    assert danish_slugify("Ældre på Ærø") == "aeldre-paa-aeroe"


def test_page_markup_renders_paragraphs_headings_and_lists():
    html = render_text("Første afsnit\nfortsat\n\n## Overskrift\n- et\n- to\n\nSidste")
    assert html == (
        "<p>Første afsnit<br>fortsat</p>\n<h2>Overskrift</h2>\n<ul><li>et</li><li>to</li></ul>\n"
        "<p>Sidste</p>"
    )


def test_page_markup_escapes_html():
    html = render_text('<script>alert(1)</script>\n- <b onclick="x">')
    assert "<script>" not in html
    assert "&lt;script&gt;" in html
    assert "&lt;b onclick=&quot;x&quot;&gt;" in html


def test_amounts_are_written_the_danish_way():
    with translation.override("da"):
        assert kroner(1900000) == "1.900.000 kr."
        assert kroner(None) == "ikke fastsat"


def test_a_sentence_ending_with_an_amount_has_one_full_stop():
    assert one_full_stop("Tilbage i puljen: 190.000 kr..") == "Tilbage i puljen: 190.000 kr."
    assert one_full_stop("Vent...") == "Vent..."
