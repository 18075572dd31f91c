from django.contrib import admin
from django.utils.text import capfirst
from django.utils.translation import gettext
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


class NamedListEditable:
    """Each editable cell of a changelist is named (aria-label) by its column and its row's
    object: the admin shows them in table cells without a label (WCAG 1.3.1, 4.1.2)."""

    def get_changelist_form(self, request, **kwargs):
        form_class = super().get_changelist_form(request, **kwargs)

        class Named(form_class):
            def __init__(self, *args, **kwargs):
                super().__init__(*args, **kwargs)
                for field in self.fields.values():
                    field.widget.attrs.setdefault(
                        "aria-label",
                        gettext("%(field)s: %(object)s")
                        % {"field": capfirst(field.label), "object": self.instance},
                    )

        Named.__name__ = form_class.__name__
        return Named


class NamedInlineFields:
    """Each field of a tabular inline is named by its column and its row's number, as the
    admin shows them in table cells without a label too."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)

        class Named(formset):
            # Here, not in the form: the formset adds its own fields (“delete”) to each form.
            def add_fields(self, form, index):
                super().add_fields(form, index)
                for field in form.fields.values():
                    field.widget.attrs.setdefault("aria-label", _row_name(field, index))

        Named.__name__ = formset.__name__
        return Named


def _row_name(field, index):
    # The empty row the admin's script copies (index None) is named by its column.
    if index is None:
        return capfirst(field.label)
    return gettext("%(field)s, row %(row)d") % {"field": capfirst(field.label), "row": index + 1}


def _with_names(admin_class):
    """`admin_class` with NamedListEditable, and its tabular inlines with NamedInlineFields."""
    inlines = [
        type(inline.__name__, (NamedInlineFields, inline), {})
        if issubclass(inline, admin.TabularInline)
        else inline
        for inline in admin_class.inlines
    ]
    return type(admin_class.__name__, (NamedListEditable, admin_class), {"inlines": inlines})


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

    def register(self, model_or_iterable, admin_class=None, **options):
        # Every list and inline of every app gets the names, not only those that remember to.
        super().register(model_or_iterable, _with_names(admin_class or admin.ModelAdmin), **options)

    def index(self, request, extra_context=None):
        """The workbench opens on what awaits the consultant, counted by each app."""
        counts = [
            count for build in app_callables("admin_dashboard_counts") for count in build(request)
        ]
        return super().index(request, {"dashboard_counts": counts, **(extra_context or {})})

    def has_permission(self, request):
        return super().has_permission(request) and not two_factor_needed(request.user)
