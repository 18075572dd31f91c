"""PDF documents (letters, case files, agenda annexes) made from HTML with WeasyPrint.

Tagged PDF/UA-1, so that a screen reader reads the letter in order; the language comes from
the document's `lang` attribute (`/Lang` in the catalogue). The fonts are Debian's (Pango finds
them through fontconfig), installed by the Makefile and the Dockerfile.
"""

import functools

from django.template.loader import render_to_string

PAGE_CSS = """
    @page { size: A4; margin: 2cm 2.2cm; }
    html { font-family: "DejaVu Sans", "Liberation Sans", sans-serif; font-size: 10.5pt; }
    body { line-height: 1.4; }
    h1 { font-size: 15pt; } h2 { font-size: 12pt; margin-top: 1.2em; }
    table { border-collapse: collapse; width: 100%; }
    th, td { border: 0.5pt solid #777; padding: 3pt 5pt; text-align: left; vertical-align: top; }
    td.number, th.number { text-align: right; }
"""


@functools.cache
def _weasyprint():
    """WeasyPrint loads Pango when imported: only where a PDF is made, so that the commands that
    make none (collectstatic while the image is built) run without it."""
    from weasyprint import CSS, HTML
    from weasyprint.urls import URLFetcher

    # A letter holds text the association wrote; nothing in it may make the server fetch a
    # file or a URL, so every fetch is refused.
    no_fetching = URLFetcher(allowed_protocols=())
    return HTML, CSS(string=PAGE_CSS, url_fetcher=no_fetching), no_fetching


def html_to_pdf(html):
    """The PDF of a whole HTML document (with `lang` on <html> and a <title>) as bytes."""
    html_class, page, no_fetching = _weasyprint()
    return html_class(string=html, url_fetcher=no_fetching).write_pdf(
        stylesheets=[page], pdf_variant="pdf/ua-1", pdf_tags=True
    )


def render_pdf(template, context):
    return html_to_pdf(render_to_string(template, context))
