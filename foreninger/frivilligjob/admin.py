from django.contrib import admin
from django.db.models import Count
from django.utils.translation import gettext_lazy

from foreninger.frivilligjob import selectors
from foreninger.frivilligjob.models import Opportunity, OpportunityAnswer


class CurrentOpportunityFilter(admin.SimpleListFilter):
    title = gettext_lazy("shown on the website")
    parameter_name = "aktuel"

    def lookups(self, request, model_admin):
        return [("ja", gettext_lazy("Yes")), ("nej", gettext_lazy("No"))]

    def queryset(self, request, queryset):
        current = selectors.opportunities_current().values("pk")
        if self.value() == "ja":
            return queryset.filter(pk__in=current)
        if self.value() == "nej":
            return queryset.exclude(pk__in=current)
        return queryset


class AnswerInline(admin.TabularInline):
    """Citizens' answers: the consultant may read them, nobody edits them here."""

    model = OpportunityAnswer
    extra = 0
    fields = ["created_at", "name", "email", "phone", "handled_at", "handled_by"]
    readonly_fields = fields
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Opportunity)
class OpportunityAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "association",
        "time_commitment",
        "region",
        "answer_by",
        "closed_at",
        "answer_count",
    ]
    list_filter = [CurrentOpportunityFilter, "time_commitment", "region", "target_groups"]
    search_fields = ["title", "description", "skills", "association__name"]
    date_hierarchy = "answer_by"
    list_select_related = ["association", "region"]
    autocomplete_fields = ["association"]
    filter_horizontal = ["target_groups"]
    readonly_fields = ["closed_at", "created_at", "updated_at"]
    inlines = [AnswerInline]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(answer_total=Count("answers"))

    @admin.display(description=gettext_lazy("answers"), ordering="answer_total")
    def answer_count(self, obj):
        return obj.answer_total


@admin.register(OpportunityAnswer)
class OpportunityAnswerAdmin(admin.ModelAdmin):
    list_display = ["name", "opportunity", "association", "created_at", "handled_at"]
    list_filter = [("handled_at", admin.EmptyFieldListFilter), "opportunity__time_commitment"]
    search_fields = ["name", "email", "opportunity__title", "opportunity__association__name"]
    date_hierarchy = "created_at"
    list_select_related = ["opportunity__association"]
    readonly_fields = [
        "opportunity",
        "name",
        "email",
        "phone",
        "message",
        "created_at",
        "handled_at",
        "handled_by",
    ]

    def has_add_permission(self, request):
        return False

    @admin.display(description=gettext_lazy("association"))
    def association(self, obj):
        return obj.opportunity.association
