from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from frivillig.models import (
    ExampleInitiative,
    FocusArea,
    Municipality,
    Page,
    Region,
    TargetGroup,
    User,
)


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


@admin.register(Municipality)
class MunicipalityAdmin(admin.ModelAdmin):
    fieldsets = [
        (None, {"fields": ["name", "department"]}),
        (
            _("Contact"),
            {"fields": ["address", "postcode", "town", "email", "phone", "phone_hours"]},
        ),
        (
            _("Strategy"),
            {
                "fields": [
                    "strategy_title",
                    "strategy_summary",
                    "strategy_adopted",
                    "strategy_start_year",
                    "strategy_end_year",
                    "focus_area_label",
                    "focus_area_label_plural",
                ]
            },
        ),
        (_("Follow-up group"), {"fields": ["group_name", "group_description"]}),
        (_("Accessibility"), {"fields": ["accessibility_statement_url"]}),
    ]

    def has_add_permission(self, request):
        return not Municipality.objects.exists()

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


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "order", "updated_at"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["title"]}
    search_fields = ["title", "body"]
