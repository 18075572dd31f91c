from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device

from frivillig.hooks import app_callables
from frivillig.selectors import municipality_get


def two_factor_needed(user):
    """Whether this login of a member of staff still owes a code from their authenticator.

    Staff who enrolled a device always do, and all staff do unless the municipality has turned
    the requirement off (so also before its data is loaded). Until they give it they have no
    staff powers (frivillig.middleware.TwoFactorMiddleware).
    """
    if not (user.is_authenticated and user.is_staff):
        return False
    # A user logged in by password in this very request has no is_verified() yet, nor a code.
    is_verified = getattr(user, "is_verified", None)
    if is_verified is not None and is_verified():
        return False
    municipality = municipality_get()
    return municipality is None or municipality.require_two_factor or user_has_device(user)


class FrivilligAdminSite(admin.AdminSite):
    """The consultant's workbench, titled with the municipality's name."""

    site_header = _("Volunteer portal")
    site_title = _("Volunteer portal")
    index_title = _("The consultant's workbench")

    def each_context(self, request):
        context = super().each_context(request)
        municipality = municipality_get()
        if municipality:
            context["site_header"] = municipality.name
        return context

    def index(self, request, extra_context=None):
        """The workbench opens on what awaits the consultant, counted by each app."""
        counts = [
            count for build in app_callables("admin_dashboard_counts") for count in build(request)
        ]
        return super().index(request, {"dashboard_counts": counts, **(extra_context or {})})

    def has_permission(self, request):
        return super().has_permission(request) and not two_factor_needed(request.user)
