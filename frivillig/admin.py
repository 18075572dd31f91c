from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from frivillig import awards
from frivillig.models import (
    ActionPlan,
    ActionPlanGoal,
    AwardCategory,
    ExampleInitiative,
    FocusArea,
    GoalStatusUpdate,
    MeetingPlace,
    Municipality,
    Nomination,
    OpeningHours,
    Page,
    Region,
    TargetGroup,
    User,
)
from frivillig.outbox.models import LetterChannel, Message
from frivillig.selectors import municipality_get
from frivillig.two_factor import two_factor_reset


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    ordering = ["email"]
    list_display = ["email", "first_name", "last_name", "is_staff", "is_active", "last_login"]
    search_fields = ["email", "first_name", "last_name"]
    fieldsets = [
        (None, {"fields": ["email", "password"]}),
        (_("Personal info"), {"fields": ["first_name", "last_name"]}),
        (
            _("Permissions"),
            {"fields": ["is_active", "is_staff", "is_superuser", "groups", "user_permissions"]},
        ),
        (_("Important dates"), {"fields": ["last_login", "date_joined"]}),
    ]
    add_fieldsets = [
        (None, {"classes": ["wide"], "fields": ["email", "password1", "password2"]}),
    ]
    actions = ["reset_two_factor"]

    def has_reset_two_factor_permission(self, request):
        return request.user.is_superuser

    @admin.action(
        permissions=["reset_two_factor"],
        description=_("Reset two-factor login (lost or new phone)"),
    )
    def reset_two_factor(self, request, queryset):
        for user in queryset:
            two_factor_reset(user=user)
            self.log_change(
                request,
                user,
                gettext("Two-factor login reset: they set up a new app at their next login."),
            )
        self.message_user(
            request,
            ngettext(
                "Two-factor login reset for %(count)d user.",
                "Two-factor login reset for %(count)d users.",
                len(queryset),
            )
            % {"count": len(queryset)},
            messages.SUCCESS,
        )


def _letters_wanting_a_cvr():
    """How many kinds of letter the municipality chose to send by Digital Post, which goes from
    its CVR number, when it has none; 0 when it has one."""
    if not Municipality.objects.filter(cvr="").exists():
        return 0
    return LetterChannel.objects.filter(channel=Message.Channel.DIGITAL_POST).count()


def dashboard_counts(request):
    """The admin index's count (frivillig.hooks): letters that cannot go by Digital Post for
    want of the municipality's CVR number, linked to where it is entered."""
    if not request.user.has_perm("frivillig.change_municipality"):
        return []
    if not (wanting := _letters_wanting_a_cvr()):
        return []
    return [
        (
            gettext("Kinds of letter sent by e-mail because the municipality lacks its CVR number"),
            wanting,
            reverse("admin:frivillig_municipality_change", args=[1]),
        )
    ]


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    # Django 6's default; a web address typed without one is read as https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    fieldsets = [
        (None, {"fields": ["name", "department", "department_en", "committee_name"]}),
        (
            _("Contact"),
            {
                "fields": [
                    "address",
                    "postcode",
                    "town",
                    "email",
                    "phone",
                    "phone_hours",
                    "phone_hours_en",
                ]
            },
        ),
        (
            _("Strategy"),
            {
                "fields": [
                    "strategy_title",
                    "strategy_title_en",
                    "strategy_summary",
                    "strategy_summary_en",
                    "strategy_adopted",
                    "strategy_updated",
                    "strategy_start_year",
                    "strategy_end_year",
                    "strategy_kind",
                    "strategy_revision",
                    "strategy_revision_en",
                    "focus_area_label",
                    "focus_area_label_en",
                    "focus_area_label_plural",
                    "focus_area_label_plural_en",
                ]
            },
        ),
        (
            _("Follow-up group"),
            {"fields": ["group_name", "group_description", "group_description_en"]},
        ),
        (
            _("Accessibility statement"),
            {
                "fields": [
                    "accessibility_statement_url",
                    "accessibility_compliance",
                    "accessibility_method",
                    "accessibility_method_en",
                    "accessibility_evaluated_on",
                    "accessibility_complaint_url",
                    "website",
                ]
            },
        ),
        (_("Privacy"), {"fields": ["dpo_name", "dpo_email", "dpo_phone", "processors"]}),
        (_("Open grant data (360Giving)"), {"fields": ["cvr", "threesixtygiving_prefix"]}),
        (_("Security"), {"fields": ["require_two_factor"]}),
    ]

    def get_readonly_fields(self, request, obj=None):
        # Turning two-factor off weakens every staff account, so only a superuser may.
        return [] if request.user.is_superuser else ["require_two_factor"]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET" and _letters_wanting_a_cvr():
            self.message_user(
                request,
                gettext(
                    "Digital Post is chosen for some letters, but the municipality has no CVR "
                    "number: they go by e-mail until the CVR number is entered here."
                ),
                messages.WARNING,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def has_add_permission(self, request):
        return municipality_get() is None

    def has_delete_permission(self, request, obj=None):
        return False


class ExampleInitiativeInline(admin.TabularInline):
    model = ExampleInitiative
    extra = 1


@admin.register(FocusArea)
class FocusAreaAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "goal"]
    list_display_links = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "goal", "text"]
    inlines = [ExampleInitiativeInline]


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ["name", "tagline", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(TargetGroup)
class TargetGroupAdmin(admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 1


@admin.register(MeetingPlace)
class MeetingPlaceAdmin(admin.ModelAdmin):
    list_display = ["name", "town", "region", "order"]
    list_editable = ["order"]
    list_filter = ["region"]
    search_fields = ["name", "address", "town"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [OpeningHoursInline]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "order", "updated_at"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "body"]


class ActionPlanGoalInline(admin.StackedInline):
    model = ActionPlanGoal
    extra = 1
    # A goal's status over time is kept on the goal's own page (inlines do not nest).
    show_change_link = True


@admin.register(ActionPlan)
class ActionPlanAdmin(admin.ModelAdmin):
    list_display = ["title", "focus_area", "starts_on", "ends_on", "published", "updated_at"]
    list_filter = ["published", "focus_area", "starts_on"]
    list_select_related = ["focus_area"]
    date_hierarchy = "starts_on"
    search_fields = ["title", "summary"]
    inlines = [ActionPlanGoalInline]
    fieldsets = [
        (None, {"fields": ["focus_area", "title", "starts_on", "ends_on", "summary", "published"]}),
        (
            _("The value the plan creates"),
            {
                "fields": [
                    "value_citizens",
                    "value_volunteers",
                    "value_associations",
                    "value_municipality",
                ]
            },
        ),
    ]


class GoalStatusUpdateInline(admin.TabularInline):
    model = GoalStatusUpdate
    extra = 1


@admin.register(ActionPlanGoal)
class ActionPlanGoalAdmin(admin.ModelAdmin):
    list_display = ["__str__", "plan"]
    list_filter = ["plan__focus_area", "plan"]
    list_select_related = ["plan"]
    search_fields = ["text", "success_criteria", "plan__title"]
    inlines = [GoalStatusUpdateInline]


@admin.register(AwardCategory)
class AwardCategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "focus_area", "is_open", "order"]
    list_editable = ["order"]
    list_select_related = ["focus_area"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Nomination)
class NominationAdmin(admin.ModelAdmin):
    list_display = ["nominee_name", "category", "year", "status", "is_winner", "created_at"]
    list_filter = ["category", "year", "status", "is_winner"]
    list_select_related = ["category"]
    date_hierarchy = "created_at"
    search_fields = [
        "nominee_name",
        "nominee_association",
        "reason",
        "nominator_name",
        "nominator_email",
    ]
    # Status and winner change only through the actions, which keep one winner per year.
    readonly_fields = ["status", "is_winner", "decided_by", "decided_at", "created_at"]
    actions = ["mark_winner", "unmark_winner", "shortlist", "decline"]
    fieldsets = [
        (
            None,
            {"fields": ["category", "year", "nominee_name", "nominee_association", "reason"]},
        ),
        (_("Nominated by (not public)"), {"fields": ["nominator_name", "nominator_email"]}),
        (
            _("Decision"),
            {"fields": ["status", "is_winner", "citation", "decided_by", "decided_at"]},
        ),
        (None, {"fields": ["created_at"]}),
    ]

    def _apply(self, request, queryset, decide, done_message):
        """`done_message`: the message for a number of nominations done."""
        done = 0
        for nomination in queryset.order_by("created_at"):
            try:
                decide(nomination=nomination, user=request.user)
            except awards.AwardError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(request, done_message(done) % {"count": done}, messages.SUCCESS)

    @admin.action(permissions=["change"], description=_("Mark as the winner of the award and year"))
    def mark_winner(self, request, queryset):
        self._apply(
            request,
            queryset,
            awards.award_winner_mark,
            lambda count: ngettext(
                "Marked as winner: %(count)d nomination.",
                "Marked as winner: %(count)d nominations.",
                count,
            ),
        )

    @admin.action(permissions=["change"], description=_("Remove the winner mark"))
    def unmark_winner(self, request, queryset):
        self._apply(
            request,
            queryset,
            awards.award_winner_unmark,
            lambda count: ngettext(
                "Winner mark removed: %(count)d nomination.",
                "Winner mark removed: %(count)d nominations.",
                count,
            ),
        )

    @admin.action(permissions=["change"], description=_("Put on the shortlist"))
    def shortlist(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda **kwargs: awards.nomination_review(
                status=Nomination.Status.SHORTLISTED, **kwargs
            ),
            lambda count: ngettext(
                "Shortlisted: %(count)d nomination.", "Shortlisted: %(count)d nominations.", count
            ),
        )

    @admin.action(permissions=["change"], description=_("Decline"))
    def decline(self, request, queryset):
        self._apply(
            request,
            queryset,
            lambda **kwargs: awards.nomination_review(status=Nomination.Status.DECLINED, **kwargs),
            lambda count: ngettext(
                "Declined: %(count)d nomination.", "Declined: %(count)d nominations.", count
            ),
        )
