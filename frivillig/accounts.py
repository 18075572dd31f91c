"""Accounts: sign-up with an activation link, and limits on guessing at them (one spelling of an
address for the lockout, a throttle per account across client addresses, and limits on
password-reset e-mails)."""

import hashlib
import unicodedata
from datetime import timedelta
from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import default_token_generator
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode
from django.utils.translation import gettext as _

from frivillig.mail import absolute_url, send_templated
from frivillig.models import User
from frivillig.ratelimit import client_key, rate_limit_allow

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
            rate_limit_allow(scope=f"login_account_{number}", key=key, limit=limit, window=window)
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
    return rate_limit_allow(
        scope="password_reset_address", key=client_key(request), limit=PASSWORD_RESET_PER_ADDRESS
    ) and rate_limit_allow(
        scope="password_reset_account", key=account_key(email), limit=PASSWORD_RESET_PER_ACCOUNT
    )


def account_signup(*, email, password, first_name, last_name):
    """Create an inactive account and mail an activation link.

    When the address already has an account, its owner gets a reminder instead, so the form
    answers the same either way and nobody learns which addresses are registered.
    """
    existing = User.objects.filter(email__iexact=email).first()
    if existing is not None:
        # The same hashing work as for a new account, so the answer takes as long either way.
        make_password(password)
        send_templated(
            template="registration/signup_exists_email.txt",
            context={"user": existing, "reset_url": absolute_url(reverse("password_reset"))},
            to=[existing.email],
        )
        return None
    user = User.objects.create_user(
        email=email,
        password=password,
        first_name=first_name,
        last_name=last_name,
        is_active=False,
    )
    path = reverse(
        "activate",
        args=[
            urlsafe_base64_encode(force_bytes(user.pk)),
            default_token_generator.make_token(user),
        ],
    )
    send_templated(
        template="registration/activation_email.txt",
        context={"user": user, "activate_url": absolute_url(path)},
        to=[user.email],
    )
    return user


def account_to_activate(*, uidb64, token):
    """The inactive account an activation link is for; None when the link is invalid or used."""
    try:
        user = User.objects.get(pk=urlsafe_base64_decode(uidb64).decode())
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None
    if user.is_active or not default_token_generator.check_token(user, token):
        return None
    return user


def account_activate(*, uidb64, token):
    """The user an activation link is for, activated; None when the link is invalid or used."""
    user = account_to_activate(uidb64=uidb64, token=token)
    if user is None:
        return None
    user.is_active = True
    user.save(update_fields=["is_active"])
    return user


def login_wall(reason):
    """Like login_required, and the login page says why (`reason`): the visitor came to do
    something, and after logging in comes back to the page they were on (?next=)."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if request.user.is_authenticated:
                return view(request, *args, **kwargs)
            messages.info(request, reason)
            return redirect_to_login(request.get_full_path())

        return wrapped

    return decorator
