"""PDF documents (letters, case files, agenda annexes) made from HTML with WeasyPrint.

Tagged PDF/UA-1, so that a screen reader reads the letter in order; the language comes from
the document's `lang` attribute (`/Lang` in the catalogue). The fonts are Debian's (Pango finds
them through fontconfig), installed by the Makefile and the Dockerfile.
"""

from django.template.loader import render_to_string
from weasyprint import CSS, HTML
from weasyprint.urls import URLFetcher

# A letter holds text the association wrote; nothing in it may make the server fetch a file
# or a URL, so every fetch is refused.
_NO_FETCHING = URLFetcher(allowed_protocols=())

_PAGE = CSS(
    string="""
    @page { size: A4; margin: 2cm 2.2cm; }
    html { font-family: "DejaVu Sans", "Liberation Sans", sans-serif; font-size: 10.5pt; }
    body { line-height: 1.4; }
    h1 { font-size: 15pt; } h2 { font-size: 12pt; margin-top: 1.2em; }
    table { border-collapse: collapse; width: 100%; }
    th, td { border: 0.5pt solid #777; padding: 3pt 5pt; text-align: left; vertical-align: top; }
    td.number, th.number { text-align: right; }
    """,
    url_fetcher=_NO_FETCHING,
)


def html_to_pdf(html):
    """The PDF of a whole HTML document (with `lang` on <html> and a <title>) as bytes."""
    return HTML(string=html, url_fetcher=_NO_FETCHING).write_pdf(
        stylesheets=[_PAGE], pdf_variant="pdf/ua-1", pdf_tags=True
    )


def render_pdf(template, context):
    return html_to_pdf(render_to_string(template, context))
