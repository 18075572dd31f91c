"""Letters to associations (decisions under forvaltningsloven): one HTML text, shown on the page,
sent as the e-mail's text and attached as a PDF, so the three can never say different things.

Letters are always in Danish: the language of the municipality's decisions.
"""

from html.parser import HTMLParser

from django.template.loader import render_to_string
from django.utils import translation

from frivillig.pdf import html_to_pdf

_BLOCKS = {"p", "h1", "h2", "h3", "h4", "li", "dd", "tr", "div", "address", "ul", "ol", "dl"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.lines, self.line = [], []

    def _break(self):
        text = " ".join("".join(self.line).split())
        if text:
            self.lines.append(text)
        self.line = []

    def handle_starttag(self, tag, attrs):
        if tag in _BLOCKS - {"dd"} or tag in {"br", "dt"}:
            self._break()
        if tag in {"h1", "h2", "h3", "h4"} and self.lines:
            self.lines.append("")
        if tag == "li":
            self.line.append("- ")
        if tag == "dd":
            self.line.append(": ")

    def handle_endtag(self, tag):
        if tag in _BLOCKS:
            self._break()

    def handle_data(self, data):
        self.line.append(data)


def html_to_text(html):
    """The plain text of a letter's HTML: one line per paragraph, heading and list item."""
    parser = _Text()
    parser.feed(html)
    parser.close()
    parser._break()
    return "\n".join(parser.lines) + "\n"


def render_letter(template, context):
    """The letter's HTML fragment, in Danish whatever the reader's language."""
    with translation.override("da"):
        return render_to_string(template, context)


def letter_pdf(*, title, body):
    """The PDF of a letter whose HTML fragment is `body`."""
    with translation.override("da"):
        return html_to_pdf(
            render_to_string("letters/document.html", {"title": title, "body": body})
        )
