"""The service provider's endpoints (djangosaml2's views with the portal's rules) and logout."""

import logging

from django.conf import settings
from django.contrib import auth
from django.contrib.auth import views as auth_views
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from djangosaml2 import views as saml_views

from frivillig.hooks import app_callables
from frivillig.identity import services
from frivillig.identity.oiosaml import Identity, IdentityRefused

logger = logging.getLogger(__name__)
BACKEND = "frivillig.identity.backends.MitIDBackend"
SESSION_KEY = "mitid_organisation"
# Where djangosaml2's IdentityCache keeps pysaml2's session info in the SAML session.
IDENTITIES_KEY = "_saml2_identities"


def _forget_attributes(saml_session):
    """pysaml2 keeps each login's session info for single logout; the attributes in it (a CPR
    number among them, where NemLog-in sends one) are not needed for that and never stored."""
    identities = saml_session.get(IDENTITIES_KEY, {})
    for entities in identities.values():
        for entity, (not_on_or_after, info) in entities.items():
            entities[entity] = (not_on_or_after, {**info, "ava": {}})
    saml_session[IDENTITIES_KEY] = identities


class MitIDOnly:
    def dispatch(self, request, *args, **kwargs):
        if not settings.MITID_LOGIN:
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class Login(MitIDOnly, saml_views.LoginView):
    pass


# The identity provider posts from its own page, without the portal's CSRF token; the signed
# answer and the outstanding request it must match are the protection (as in djangosaml2).
@method_decorator(csrf_exempt, name="dispatch")
class AssertionConsumer(MitIDOnly, saml_views.AssertionConsumerServiceView):
    def custom_validation(self, response):
        # pysaml2 keeps in `response.response.assertion` only what came unencrypted.
        if settings.SAML_REQUIRE_ENCRYPTION and response.response.assertion:
            raise IdentityRefused("The assertion was not encrypted")

    def handle_acs_failure(self, request, exception=None, status=403, **kwargs):
        if isinstance(exception, IdentityRefused) and status == 403:
            message = str(exception)
        else:
            logger.warning("MitID login refused: %s", exception)
            message = _("The answer from MitID could not be verified, so you are not logged in.")
        return render(request, "identity/refused.html", {"message": message}, status=status)

    def authenticate_user(self, request, session_info, *args, **kwargs):
        identity = Identity.from_session_info(session_info)
        user = services.identity_login_user(identity=identity)
        auth.login(request, user, backend=BACKEND)
        saml_views._set_subject_id(request.saml_session, session_info["name_id"])
        _forget_attributes(request.saml_session)
        if identity.cvr:
            request.session[SESSION_KEY] = identity.for_session(settings.MITID_PRIVILEGE)
        else:
            request.session.pop(SESSION_KEY, None)
        return user

    def custom_redirect(self, user, relay_state, session_info):
        organisation = self.request.session.get(SESSION_KEY)
        if organisation is None:
            return None
        for destination in app_callables("professional_login"):
            if url := destination(self.request, organisation):
                return url
        return None


@method_decorator(require_POST, name="dispatch")
class LogoutInit(MitIDOnly, saml_views.LogoutInitView):
    def post(self, request, *args, **kwargs):
        # Logged in with a password: nothing to end at NemLog-in.
        if saml_views._get_subject_id(request.saml_session) is None:
            return auth_views.LogoutView.as_view()(request)
        return self.get(request, *args, **kwargs)


@method_decorator(csrf_exempt, name="dispatch")
class LogoutService(MitIDOnly, saml_views.LogoutView):
    pass


class Metadata(MitIDOnly, saml_views.MetadataView):
    pass


@require_POST
def logout(request):
    """Log out; after a MitID login also at NemLog-in (single logout), which then sends the
    browser back to the portal's logout service."""
    if settings.MITID_LOGIN and request.user.is_authenticated:
        return LogoutInit.as_view()(request)
    return auth_views.LogoutView.as_view()(request)


class PasswordLogin(auth_views.LoginView):
    """Django's login page, with the MitID button; without PASSWORD_LOGIN only the button."""

    def post(self, request, *args, **kwargs):
        if not settings.PASSWORD_LOGIN:
            raise PermissionDenied
        return super().post(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            mitid_login=settings.MITID_LOGIN,
            password_login=settings.PASSWORD_LOGIN,
            **kwargs,
        )
