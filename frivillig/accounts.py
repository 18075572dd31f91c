"""Limits on guessing at accounts: one spelling of an address for the lockout, a throttle per
account across client addresses, and limits on password-reset e-mails."""

import hashlib
import unicodedata
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from frivillig.ratelimit import client_key, rate_limit_hit

# Guesses at one account from many addresses (each below the lockout) are slowed down, not
# stopped: past each step the account's logins wait until its window has room again, a few
# minutes after the first step, longer after the second. Every attempt counts, so that the
# check comes before the password is known; the owner's few logins a day leave ample room.
LOGIN_ACCOUNT_STEPS = [(10, timedelta(minutes=5)), (20, timedelta(minutes=30))]
PASSWORD_RESET_PER_ACCOUNT = 3
PASSWORD_RESET_PER_ADDRESS = 10


def normalised_email(value):
    """An address as login and reset look it up: people type it in any case, with spaces."""
    return unicodedata.normalize("NFKC", value or "").strip().lower()


def axes_username(request, credentials):
    """The name django-axes counts failures under (AXES_USERNAME_CALLABLE), so that `Eve@…`
    and ` eve@… ` share one count."""
    data = credentials if credentials else getattr(request, "POST", {})
    return normalised_email(data.get(settings.AXES_USERNAME_FORM_FIELD))


def account_key(email):
    """A salted hash of the normalised address: enough to count, useless to read."""
    digest = f"{settings.SECRET_KEY}:account:{normalised_email(email)}".encode()
    return hashlib.sha256(digest).hexdigest()


class LoginThrottleBackend:
    """Logs nobody in: counts each login attempt for an account, from any address, and refuses
    it with a form error once the account is over a step of LOGIN_ACCOUNT_STEPS. Without
    get_user() no session is ever tied to it (the test client's force_login skips it too).

    It comes after django-axes, so attempts that axes already refuses do not count, and before
    the password check. The error is a ValidationError so that the login forms (ours and the
    admin's) show it as a message; callers without a request (the test client's login) pass.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None or not username:
            return None
        key = account_key(username)
        if not all(
            rate_limit_hit(scope=f"login_account_{number}", key=key, limit=limit, window=window)
            for number, (limit, window) in enumerate(LOGIN_ACCOUNT_STEPS, start=1)
        ):
            raise ValidationError(
                _(
                    "There have been many attempts to log in to this account in a short time. "
                    "Wait a few minutes and try again."
                ),
                code="login_throttled",
            )
        return None


def password_reset_allowed(request, email):
    """Count a reset request; False once the client address or the account used its hour."""
    return rate_limit_hit(
        scope="password_reset_address", key=client_key(request), limit=PASSWORD_RESET_PER_ADDRESS
    ) and rate_limit_hit(
        scope="password_reset_account", key=account_key(email), limit=PASSWORD_RESET_PER_ACCOUNT
    )
