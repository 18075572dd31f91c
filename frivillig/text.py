"""Plain-text helpers: Danish slugs, amounts in kroner, dates in the active language and the
small markup of editable pages."""

import datetime
from itertools import groupby

from django.utils import dateformat, timezone
from django.utils.formats import number_format
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import get_language
from django.utils.translation import gettext as _

_DANISH = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "ae", "Ø": "oe", "Å": "aa"})


def danish_slugify(value, max_length=None):
    """Like `slugify`, but æ, ø and å become ae, oe and aa instead of disappearing.

    With `max_length`, a long slug is cut at the last whole word that fits.
    """
    slug = slugify(value.translate(_DANISH))
    if max_length and len(slug) > max_length:
        slug = slug[: max_length + 1].rsplit("-", 1)[0][:max_length]
    return slug


def kroner(value):
    """Whole kroner in the Danish way: 1.900.000 kr."""
    if value is None or value == "":
        return _("not set")
    return _("%(amount)s kr.") % {"amount": number_format(value, 0, force_grouping=True)}


# Dates and times the way each language writes them, by kind: `long_date` “søndag 27. december
# 2026” / “Sunday 27 December 2026”; `clock` after a date or another time “19.00” / “19:00”;
# `clock_alone` “kl. 19.00” / “19:00”; `day` “27. december 2026” / “27 December 2026”;
# `day_time` “27. december 2026, 19.00” / “27 December 2026, 19:00”; `timestamp`, when something
# was sent, received or handled, “27. december 2026 19:00” / “27 December 2026, 19:00”.
MOMENT_FORMATS = {
    "long_date": {"da": "l j. F Y", "en": "l j F Y"},
    "clock": {"da": "H.i", "en": "H:i"},
    "clock_alone": {"da": r"\k\l. H.i", "en": "H:i"},
    "day": {"da": "j. F Y", "en": "j F Y"},
    "day_time": {"da": "j. F Y, H.i", "en": "j F Y, H:i"},
    "timestamp": {"da": "j. F Y H:i", "en": "j F Y, H:i"},
}


def moment_text(value, kind):
    """A date or a moment (in Danish time) as the active language writes the `kind`."""
    if not value:
        return ""
    formats = MOMENT_FORMATS[kind]
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return dateformat.format(value, formats.get((get_language() or "da")[:2], formats["da"]))


def one_full_stop(text):
    """A sentence that ends with an amount ends with its “kr.”, not “kr..”."""
    return text.replace("kr..", "kr.")


def _kind(line):
    if line.startswith("## "):
        return "heading"
    if line.startswith("- "):
        return "item"
    return "text"


def render_text(text):
    """Render the page markup as HTML, escaping everything.

    Blocks are separated by blank lines. Within a block, a line starting with "## " is a
    sub-heading (h2), consecutive lines starting with "- " are a list, other lines a paragraph.
    """
    parts = []
    for block in text.replace("\r\n", "\n").split("\n\n"):
        lines = [line.strip() for line in block.split("\n") if line.strip()]
        for kind, run in groupby(lines, key=_kind):
            run = [escape(line) for line in run]
            if kind == "heading":
                parts.extend(f"<h2>{line[3:].strip()}</h2>" for line in run)
            elif kind == "item":
                parts.append(
                    "<ul>" + "".join(f"<li>{line[2:].strip()}</li>" for line in run) + "</ul>"
                )
            else:
                parts.append("<p>" + "<br>".join(run) + "</p>")
    return mark_safe("\n".join(parts))  # noqa: S308 - every line is escaped above
