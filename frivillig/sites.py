from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from frivillig.selectors import municipality_get


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
