import functools

from asgiref.sync import sync_to_async
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.http import HttpResponseRedirect
from django.shortcuts import resolve_url
from django.urls import Resolver404, resolve, reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.functional import SimpleLazyObject
from django.utils.http import urlencode

from frivillig import selectors
from frivillig.sites import two_factor_needed


def municipality_read_once(get_response):
    """The municipality is read at most once in a request (frivillig.selectors)."""

    def middleware(request):
        with selectors.municipality_read_once():
            return get_response(request)

    return middleware


class LanguageMiddleware:
    """Danish unless the visitor chose another language with the language switcher.

    Unlike Django's LocaleMiddleware this ignores the browser's Accept-Language: a Danish
    municipality's site speaks Danish, and an English browser would otherwise get English
    menus around Danish content.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.codes = {code for code, _ in settings.LANGUAGES}

    def __call__(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        language = chosen if chosen in self.codes else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        patch_vary_headers(response, ["Cookie"])
        return response


class TwoFactorMiddleware:
    """Staff who still owe this login's code (see `two_factor_needed`) act as anonymous visitors.

    So no staff power, in the admin or outside it, is used on a password alone. Only the code
    page and logout see who they are (the session is kept for them); the login pages, and a
    password login that leaves a code owing, send them on to the code page. Placed after
    OTPMiddleware, which tells whether this login was confirmed with a code.
    """

    CODE_PAGES = frozenset({"two_factor", "logout"})
    LOGIN_PAGES = frozenset({"login", "admin:login"})

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = request.user
        request.owes_code = functools.cache(functools.partial(two_factor_needed, user))
        acting = functools.cache(functools.partial(self._acting_user, request, user))
        request.user = SimpleLazyObject(acting)
        request.auser = sync_to_async(acting)
        response = self.get_response(request)
        # A password login has replaced request.user with the account that just logged in.
        if (
            response.status_code == 302
            and _view_name(request) in self.LOGIN_PAGES
            and two_factor_needed(request.user)
        ):
            return _to_code_page(response["Location"])
        return response

    def process_view(self, request, view_func, view_args, view_kwargs):
        if _view_name(request) in self.LOGIN_PAGES and request.owes_code():
            return _to_code_page(
                request.GET.get("next") or resolve_url(settings.LOGIN_REDIRECT_URL)
            )
        return None

    def _acting_user(self, request, user):
        if request.owes_code() and _view_name(request) not in self.CODE_PAGES:
            anonymous = AnonymousUser()
            # What OTPMiddleware gives every user, so code that asks still gets an answer.
            anonymous.otp_device = None
            anonymous.is_verified = lambda: False
            return anonymous
        return user


def _view_name(request):
    match = getattr(request, "resolver_match", None)
    if match is None:
        try:
            match = resolve(request.path_info)
        except Resolver404:
            return None
    return match.view_name


def _to_code_page(next_url):
    return HttpResponseRedirect(f"{reverse('two_factor')}?{urlencode({'next': next_url})}")
