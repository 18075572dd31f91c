from django.contrib import admin
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.http import urlencode
from django.utils.translation import gettext_lazy as _
from django_otp import user_has_device

from frivillig.selectors import municipality_get


def two_factor_needed(user):
    """Staff who enrolled a device, or any staff when the municipality requires it, must have
    confirmed this login with a code before they reach the administration."""
    if not (user.is_authenticated and user.is_staff) or user.is_verified():
        return False
    municipality = municipality_get()
    return bool(municipality and municipality.require_two_factor) or user_has_device(user)


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

    def has_permission(self, request):
        return super().has_permission(request) and not two_factor_needed(request.user)

    def login(self, request, extra_context=None):
        # A logged-in member of staff who still has to give a code goes to the code page,
        # not back to a password form they have already passed.
        if request.user.is_active and two_factor_needed(request.user):
            next_url = request.GET.get("next", reverse("admin:index"))
            return redirect(f"{reverse('two_factor')}?{urlencode({'next': next_url})}")
        return super().login(request, extra_context)
