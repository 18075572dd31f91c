from datetime import timedelta

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Count
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from foreninger import mitid, services
from foreninger.models import (
    Activity,
    Association,
    AssociationLog,
    Invitation,
    JoinRequest,
    Membership,
    RegionPlace,
    SearchSynonym,
)
from foreninger.permissions import may_act_for_associations
from frivillig.uploads import StorageRefusalInAdmin


class StaleFilter(admin.SimpleListFilter):
    title = gettext_lazy("details confirmed")
    parameter_name = "bekraeftet"

    def lookups(self, request, model_admin):
        return [
            ("gammel", gettext_lazy("More than 12 months ago")),
            ("nylig", gettext_lazy("Within 12 months")),
        ]

    def queryset(self, request, queryset):
        limit = services.stale_before(timezone.localdate())
        if self.value() == "gammel":
            return queryset.filter(confirmed_on__lte=limit)
        if self.value() == "nylig":
            return queryset.filter(confirmed_on__gt=limit)
        return queryset


def error_reported_recently(associations):
    """Associations a visitor has reported an error on in the last 30 days (in their log)."""
    return associations.filter(
        log__action=AssociationLog.Action.ERROR_REPORTED,
        log__created_at__gte=timezone.now() - timedelta(days=30),
    ).distinct()


class ErrorReportFilter(admin.SimpleListFilter):
    title = gettext_lazy("error reports")
    parameter_name = "fejlmeldt"

    def lookups(self, request, model_admin):
        return [("ja", gettext_lazy("In the last 30 days"))]

    def queryset(self, request, queryset):
        return error_reported_recently(queryset) if self.value() == "ja" else queryset


class ActivityInline(admin.StackedInline):
    model = Activity
    extra = 0
    filter_horizontal = ["target_groups"]
    show_change_link = True


class MembershipForm(forms.ModelForm):
    # Set for each request by MembershipInline.get_formset.
    may_add_staff = False

    def clean_user(self):
        user = self.cleaned_data["user"]
        if (
            "user" in self.changed_data
            and not self.may_add_staff
            and not may_act_for_associations(user)
        ):
            raise forms.ValidationError(
                _(
                    "Staff of the municipality cannot act for an association. "
                    "Only a superuser can add them."
                ),
                code="staff_member",
            )
        return user


class MembershipInline(admin.TabularInline):
    """A superuser may add staff (the audit trail records it); the consultant may not."""

    model = Membership
    form = MembershipForm
    extra = 0
    autocomplete_fields = ["user"]
    readonly_fields = ["created_at"]

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        formset.form = type(
            "MembershipForm", (formset.form,), {"may_add_staff": request.user.is_superuser}
        )
        return formset


class LogInline(admin.TabularInline):
    """The association's history; written by the services, never edited by hand."""

    model = AssociationLog
    extra = 0
    fields = ["created_at", "action", "user", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class DecisionForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 60}),
    )


@admin.register(Association)
class AssociationAdmin(StorageRefusalInAdmin, admin.ModelAdmin):
    list_display = [
        "name",
        "status",
        "town",
        "child_certificate_checked_on",
        "confirmed_on",
        "activity_count",
        "cvr_ceased",
    ]
    list_filter = [
        "status",
        StaleFilter,
        ErrorReportFilter,
        # Flagged by the nightly check of the CVR register (manage.py refresh_cvr).
        "cvr_ceased",
        ("cvr_proven_on", admin.EmptyFieldListFilter),
        "regions",
        "focus_areas",
        "target_groups",
        "kind",
        "activities__involves_children_under_15",
    ]
    search_fields = ["name", "cvr", "email", "town", "short_description"]
    date_hierarchy = "created_at"
    prepopulated_fields = {"slug": ["name"]}
    filter_horizontal = ["focus_areas", "regions", "target_groups"]
    # Status changes only through the decision actions, which enforce the rules of play.
    readonly_fields = [
        "status",
        "rejection_reason",
        "created_at",
        "updated_at",
        "reminded_on",
        "cvr_proven_on",
        "cvr_ceased",
        "cvr_checked_on",
    ]
    inlines = [ActivityInline, MembershipInline, LogInline]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["approve_selected", "reject_selected", "deactivate_selected", "anonymise_selected"]
    fieldsets = [
        (None, {"fields": ["name", "slug", "kind", "cvr", "status", "rejection_reason"]}),
        (
            gettext_lazy("CVR register and MitID"),
            {"fields": ["cvr_proven_on", "cvr_ceased", "cvr_checked_on"]},
        ),
        (
            gettext_lazy("Public profile"),
            {
                "fields": [
                    "short_description",
                    "description",
                    "street",
                    "postcode",
                    "town",
                    "website",
                    "phone",
                    "focus_areas",
                    "regions",
                    "target_groups",
                ]
            },
        ),
        (
            gettext_lazy("Cooperation with the municipality (not public)"),
            {
                "fields": [
                    "email",
                    "agreement_date",
                    "agreement_file",
                    "child_certificate_checked_on",
                    "confirmed_on",
                    "reminded_on",
                    "created_at",
                    "updated_at",
                ]
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(activity_total=Count("activities"))

    @admin.display(description=gettext_lazy("activities"), ordering="activity_total")
    def activity_count(self, obj):
        return obj.activity_total

    def get_urls(self):
        return [
            path(
                "<int:pk>/beslut/<slug:decision>/",
                self.admin_site.admin_view(self.decide_view),
                name="foreninger_association_decide",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "decisions": [
                (reverse("admin:foreninger_association_decide", args=[object_id, key]), label)
                for key, label in self.decision_labels().items()
            ],
        }
        return super().change_view(request, object_id, form_url, extra_context)

    @staticmethod
    def decision_labels():
        return {
            "godkend": _("Approve"),
            "afvis": _("Reject"),
            "inaktiv": _("Make inactive"),
            "anonymiser": _("Remove personal data"),
        }

    def decide_view(self, request, pk, decision):
        if decision not in self.decision_labels():
            raise PermissionDenied
        return self.decide(request, Association.objects.filter(pk=pk), decision)

    @admin.action(description=gettext_lazy("Approve the selected associations"))
    def approve_selected(self, request, queryset):
        return self.decide(request, queryset, "godkend")

    @admin.action(description=gettext_lazy("Reject the selected associations"))
    def reject_selected(self, request, queryset):
        return self.decide(request, queryset, "afvis")

    @admin.action(description=gettext_lazy("Make the selected associations inactive"))
    def deactivate_selected(self, request, queryset):
        return self.decide(request, queryset, "inaktiv")

    @admin.action(description=gettext_lazy("Remove personal data of the selected associations"))
    def anonymise_selected(self, request, queryset):
        return self.decide(request, queryset, "anonymiser")

    def decide(self, request, queryset, decision):
        """Ask for a reason, then apply the decision to each association through the services."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        associations = list(queryset.order_by("name"))
        form = DecisionForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            reason = form.cleaned_data["reason"]
            done = 0
            for association in associations:
                try:
                    self.apply(decision, association, request.user, reason)
                except services.AssociationError as error:
                    self.message_user(request, str(error), messages.ERROR)
                else:
                    done += 1
            if done:
                self.message_user(
                    request,
                    ngettext(
                        "%(decision)s: %(count)d association.",
                        "%(decision)s: %(count)d associations.",
                        done,
                    )
                    % {"decision": self.decision_labels()[decision], "count": done},
                    messages.SUCCESS,
                )
            if len(associations) == 1 and not done:
                return redirect("admin:foreninger_association_change", associations[0].pk)
            return redirect("admin:foreninger_association_changelist")
        missing_certificate = [a for a in associations if services.child_certificate_missing(a)]
        context = {
            **self.admin_site.each_context(request),
            "title": self.decision_labels()[decision],
            "opts": self.model._meta,
            "associations": associations,
            "decision": decision,
            "form": form,
            "missing_certificate": missing_certificate if decision == "godkend" else [],
            "reason_required": decision == "afvis"
            or (decision == "godkend" and missing_certificate),
            "action": request.POST.get("action", ""),
        }
        return TemplateResponse(request, "admin/foreninger/association/decide.html", context)

    @staticmethod
    def apply(decision, association, user, reason):
        if decision == "godkend":
            services.association_approve(association=association, user=user, override_reason=reason)
        elif decision == "afvis":
            services.association_reject(association=association, user=user, reason=reason)
        elif decision == "inaktiv":
            services.association_deactivate(association=association, user=user, note=reason)
        else:
            services.association_anonymise(association=association, user=user)


class SearchSynonymForm(forms.ModelForm):
    class Meta:
        model = SearchSynonym
        fields = ["words"]

    def clean_words(self):
        # However the words are typed, they are stored as the search reads them.
        words = [word.strip().lower() for word in self.cleaned_data["words"].split(",")]
        return ", ".join(word for word in words if word)


@admin.register(SearchSynonym)
class SearchSynonymAdmin(admin.ModelAdmin):
    form = SearchSynonymForm
    search_fields = ["words"]


@admin.register(RegionPlace)
class RegionPlaceAdmin(admin.ModelAdmin):
    """The towns by which the directory's postcode-or-town box finds a region."""

    list_display = ["town", "postcode", "region"]
    list_filter = ["region"]
    search_fields = ["town", "postcode"]


@admin.register(Activity)
class ActivityAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "association",
        "region",
        "involves_children_under_15",
        "wants_volunteers",
    ]
    list_filter = ["region", "involves_children_under_15", "wants_volunteers", "target_groups"]
    search_fields = ["title", "description", "association__name"]
    list_select_related = ["association", "region"]
    autocomplete_fields = ["association"]
    filter_horizontal = ["target_groups"]


@admin.register(Invitation)
class InvitationAdmin(admin.ModelAdmin):
    list_display = [
        "email",
        "association",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    list_filter = [
        ("accepted_at", admin.EmptyFieldListFilter),
        ("revoked_at", admin.EmptyFieldListFilter),
    ]
    list_select_related = ["association", "invited_by"]
    search_fields = ["email", "association__name"]
    readonly_fields = [
        "association",
        "email",
        "invited_by",
        "created_at",
        "expires_at",
        "accepted_at",
        "revoked_at",
    ]
    actions = ["revoke_selected"]

    def has_add_permission(self, request):
        return False

    @admin.action(
        description=gettext_lazy("Revoke the selected invitations"), permissions=["change"]
    )
    def revoke_selected(self, request, queryset):
        revoked = 0
        for invitation in queryset.select_related("association"):
            try:
                services.invitation_revoke(invitation=invitation, user=request.user)
            except services.AssociationError as error:
                self.message_user(request, f"{invitation.email}: {error}", messages.ERROR)
            else:
                revoked += 1
        if revoked:
            self.message_user(
                request,
                ngettext("%(count)d invitation revoked.", "%(count)d invitations revoked.", revoked)
                % {"count": revoked},
                messages.SUCCESS,
            )


@admin.register(JoinRequest)
class JoinRequestAdmin(admin.ModelAdmin):
    """Requests to join from MitID Erhverv logins without the privilege; the consultant may
    answer them as a member may."""

    list_display = ["user", "association", "created_at", "approved", "decided_by"]
    list_filter = [("decided_at", admin.EmptyFieldListFilter), "approved"]
    search_fields = ["association__name", "user__email"]
    readonly_fields = ["association", "user", "created_at", "decided_at", "decided_by", "approved"]
    actions = ["approve_selected", "decline_selected"]

    def has_add_permission(self, request):
        return False

    def _decide(self, request, queryset, *, approve):
        answered = 0
        for join_request in queryset.filter(decided_at__isnull=True):
            mitid.join_request_decide(join_request=join_request, user=request.user, approve=approve)
            answered += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d request answered; the person asking gets an e-mail.",
                "%(count)d requests answered; the people asking get an e-mail.",
                answered,
            )
            % {"count": answered},
            messages.SUCCESS if answered else messages.WARNING,
        )

    @admin.action(permissions=["change"], description=gettext_lazy("Let the selected people in"))
    def approve_selected(self, request, queryset):
        self._decide(request, queryset, approve=True)

    @admin.action(permissions=["change"], description=gettext_lazy("Decline the selected requests"))
    def decline_selected(self, request, queryset):
        self._decide(request, queryset, approve=False)


def dashboard_counts(request):
    """The admin index's counts (frivillig.hooks): associations awaiting approval, those whose
    details are due for confirmation and those with a visitor's error report, each linked to
    the association list filtered the same way."""
    if not request.user.has_perm("foreninger.view_association"):
        return []
    changelist = reverse("admin:foreninger_association_changelist")
    approved = Association.objects.filter(status=Association.Status.APPROVED)
    return [
        (
            _("Associations awaiting approval"),
            Association.objects.filter(status=Association.Status.PENDING).count(),
            f"{changelist}?status__exact={Association.Status.PENDING}",
        ),
        (
            _("Associations whose details are due to be confirmed"),
            approved.filter(confirmed_on__lte=services.stale_before(timezone.localdate())).count(),
            f"{changelist}?status__exact={Association.Status.APPROVED}"
            f"&{StaleFilter.parameter_name}=gammel",
        ),
        (
            _("Associations with an error report from a visitor (30 days)"),
            error_reported_recently(Association.objects.all()).count(),
            f"{changelist}?{ErrorReportFilter.parameter_name}=ja",
        ),
    ]
