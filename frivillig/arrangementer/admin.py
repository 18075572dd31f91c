from django import forms
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.text import capfirst
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from frivillig.arrangementer import workshops
from frivillig.arrangementer.models import (
    Event,
    EventRegistration,
    RecurringEvent,
    WorkshopAnswer,
    WorkshopQuestion,
    WorkshopResponse,
    WorkshopTag,
)
from frivillig.exports import csv_response


class WorkshopQuestionInline(admin.TabularInline):
    model = WorkshopQuestion
    extra = 1
    formfield_overrides = {
        WorkshopQuestion._meta.get_field("text").__class__: {
            "widget": forms.Textarea(attrs={"rows": 2, "cols": 80})
        }
    }


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["title", "kind", "when", "place", "region", "registration_open", "input_open"]
    list_filter = ["kind", "region", "registration_open", "input_open", "starts_at"]
    list_select_related = ["region"]
    date_hierarchy = "starts_at"
    search_fields = ["title", "place", "description", "date_text"]
    prepopulated_fields = {"slug": ["title"]}
    readonly_fields = ["responses_link"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "title",
                    "title_en",
                    "slug",
                    "kind",
                    "starts_at",
                    "ends_at",
                    "date_text",
                    "date_text_en",
                    "place",
                    "place_en",
                    "region",
                ]
            },
        ),
        (None, {"fields": ["description", "description_en"]}),
        (
            _("Sign-up"),
            {"fields": ["registration_open", "registration_deadline", "capacity"]},
        ),
        (
            _("Workshop"),
            {
                "description": _(
                    "Save a workshop once to add its questions below. The answers are under "
                    "“Workshop responses”; only the published summary is shown publicly."
                ),
                "fields": [
                    "input_open",
                    "input_closes_at",
                    "responses_link",
                    "workshop_summary",
                    "summary_published",
                ],
            },
        ),
    ]

    def get_inlines(self, request, obj):
        # Questions belong to workshops only, and a workshop gets them once it exists.
        return [WorkshopQuestionInline] if obj and obj.kind == Event.Kind.WORKSHOP else []

    @admin.display(description=_("when"), ordering="starts_at")
    def when(self, obj):
        if obj.starts_at is None:
            return obj.date_text
        return date_format(timezone.localtime(obj.starts_at), "DATETIME_FORMAT")

    @admin.display(description=_("responses"))
    def responses_link(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        url = reverse("admin:arrangementer_workshopresponse_changelist")
        count = obj.responses.count()
        return format_html(
            '<a href="{}?event__id__exact={}">{}</a>',
            url,
            obj.pk,
            ngettext("%(count)d response", "%(count)d responses", count) % {"count": count},
        )


@admin.register(WorkshopTag)
class WorkshopTagAdmin(admin.ModelAdmin):
    list_display = ["name"]
    search_fields = ["name"]


class WorkshopAnswerInline(admin.TabularInline):
    model = WorkshopAnswer
    extra = 0
    can_delete = False
    fields = ["question", "text"]
    readonly_fields = ["question", "text"]

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class TagActionForm(helpers.ActionForm):
    tag = forms.ModelChoiceField(
        label=_("Tag"), queryset=WorkshopTag.objects.order_by("name"), required=False
    )


@admin.register(WorkshopResponse)
class WorkshopResponseAdmin(admin.ModelAdmin):
    list_display = ["name", "organisation", "event", "created_at", "tag_list"]
    list_filter = [("event", admin.RelatedOnlyFieldListFilter), "tags", "created_at"]
    list_select_related = ["event"]
    date_hierarchy = "created_at"
    search_fields = ["name", "email", "organisation", "answers__text"]
    fields = [
        *("event", "name", "email", "organisation", "user", "consented_at", "created_at"),
        "tags",
    ]
    readonly_fields = [
        *("event", "name", "email", "organisation", "user", "consented_at", "created_at")
    ]
    filter_horizontal = ["tags"]
    inlines = [WorkshopAnswerInline]
    action_form = TagActionForm
    actions = ["add_tag", "export_csv", "export_xlsx"]

    def has_add_permission(self, request):
        # Input comes from the public form on the workshop's page.
        return False

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("tags")

    @admin.display(description=_("tags"))
    def tag_list(self, obj):
        return ", ".join(tag.name for tag in obj.tags.all())

    @admin.action(permissions=["change"], description=_("Add the chosen tag"))
    def add_tag(self, request, queryset):
        try:
            tag = TagActionForm.base_fields["tag"].clean(request.POST.get("tag"))
        except ValidationError:
            tag = None
        if tag is None:
            self.message_user(request, gettext("Choose the tag to add."), messages.ERROR)
            return
        count = workshops.workshop_responses_tag(responses=list(queryset), tag=tag)
        self.message_user(
            request,
            ngettext(
                "“%(tag)s” added to %(count)d response.",
                "“%(tag)s” added to %(count)d responses.",
                count,
            )
            % {"tag": tag, "count": count},
            messages.SUCCESS,
        )

    def _filename(self, extension):
        return f"workshop-svar-{timezone.localdate().isoformat()}.{extension}"

    @admin.action(permissions=["view"], description=_("Export to CSV"))
    def export_csv(self, request, queryset):
        return workshops.workshop_export_csv(queryset, self._filename("csv"))

    @admin.action(permissions=["view"], description=_("Export to Excel (XLSX)"))
    def export_xlsx(self, request, queryset):
        return workshops.workshop_export_xlsx(queryset, self._filename("xlsx"))


@admin.register(RecurringEvent)
class RecurringEventAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "every_years", "month", "order"]
    list_editable = ["order"]
    prepopulated_fields = {"slug": ["name"]}


def _registration_label(name):
    return capfirst(EventRegistration._meta.get_field(name).verbose_name)


@admin.register(EventRegistration)
class EventRegistrationAdmin(admin.ModelAdmin):
    """The associations' sign-ups, read-only; the list goes to a spreadsheet as CSV."""

    list_display = ["association", "event", "attendees", "note", "registered_by", "updated_at"]
    list_filter = ["event"]
    list_select_related = ["association", "event", "registered_by"]
    search_fields = ["association__name", "event__title"]
    readonly_fields = [
        "event",
        "association",
        "attendees",
        "note",
        "registered_by",
        "created_at",
        "updated_at",
    ]
    fields = readonly_fields
    actions = ["export_csv"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=_("Export the selected sign-ups as CSV"))
    def export_csv(self, request, queryset):
        header = [
            _registration_label("event"),
            _registration_label("association"),
            _registration_label("attendees"),
            _registration_label("note"),
            _registration_label("registered_by"),
            gettext("E-mail"),
            _registration_label("updated_at"),
        ]
        rows = (
            [
                registration.event.title,
                registration.association.name,
                registration.attendees,
                registration.note,
                str(registration.registered_by or ""),
                registration.registered_by.email if registration.registered_by else "",
                timezone.localtime(registration.updated_at).strftime("%Y-%m-%d %H:%M"),
            ]
            for registration in queryset.select_related(
                "event", "association", "registered_by"
            ).order_by("event__starts_at", "association__name")
        )
        return csv_response("tilmeldinger.csv", header, rows)
