"""Log lines without the secret tokens of links (password reset, activation, confirmations,
invitations): every URL argument named `token` is a key that grants something."""

import logging
import re

from django.apps import apps
from django.urls import Resolver404, resolve
from gunicorn.glogging import Logger

HIDDEN = "[token]"
# A path on its own, or the path of an absolute URL, in a request line, a referer or a message.
URL = re.compile(r"(https?://[^/\s\"]+)?(/[^\s\"?#]*)")


def _hide_in_path(path):
    # Before the apps are loaded the URL conf cannot be read; nothing logs a link that early.
    if not apps.ready:
        return path
    try:
        token = resolve(path).kwargs.get("token")
    except Resolver404:
        return path
    if not token:
        return path
    return path.replace(f"/{token}/", f"/{HIDDEN}/")


def hide_tokens(text):
    """`text` with the token of every portal URL in it replaced by [token]."""
    if not text or "/" not in text:
        return text
    return URL.sub(lambda match: (match[1] or "") + _hide_in_path(match[2]), text)


class TokenHidingLogger(Logger):
    """gunicorn's logger (`--logger-class`), whose access log hides the tokens of links in the
    request line, the path and the referer."""

    def atoms(self, resp, req, environ, request_time):
        atoms = super().atoms(resp, req, environ, request_time)
        for name in atoms:
            if name in ("r", "U", "f") or any(
                part in name for part in ("uri", "path", "referer", "url")
            ):
                value = atoms[name]
                if isinstance(value, str):
                    atoms[name] = hide_tokens(value)
        return atoms


class HideTokens(logging.Filter):
    """Hides the tokens of links in a log record's message and arguments, such as the path
    that Django logs with a 4xx or 5xx answer."""

    def filter(self, record):
        if isinstance(record.msg, str):
            record.msg = hide_tokens(record.msg)
        if isinstance(record.args, tuple):
            record.args = tuple(
                hide_tokens(arg) if isinstance(arg, str) else arg for arg in record.args
            )
        return True
