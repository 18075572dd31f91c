from auditlog.admin import LogEntryAdmin
from auditlog.models import LogEntry as AuditEntry
from django import forms
from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db.models import CharField, Count
from django.db.models.functions import Cast
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from frivillig.exports import csv_response, xlsx_response
from puljer import dossier, letters, selectors, services
from puljer.models import (
    GRANTED_STATUSES,
    OPEN_STATUSES,
    Application,
    ApplicationEvent,
    Attachment,
    BudgetLine,
    Hearing,
    Pool,
    Report,
    Round,
    Status,
)
from puljer.workflow import ApplicationError, action_label, allowed


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class BudgetLineInline(ReadOnlyInline):
    model = BudgetLine
    fields = readonly_fields = ["kind", "description", "amount"]


class AttachmentInline(ReadOnlyInline):
    model = Attachment
    fields = readonly_fields = ["kind", "download", "uploaded_at"]

    @admin.display(description=gettext_lazy("file"))
    def download(self, obj):
        return format_html(
            '<a href="{}">{}</a>', reverse("puljer:attachment", args=[obj.pk]), obj.original_name
        )


class TimelineInline(ReadOnlyInline):
    """Every event of the application, internal notes included; written only by the services."""

    model = ApplicationEvent
    fields = readonly_fields = ["created_at", "label", "user", "note", "internal"]

    @admin.display(description=gettext_lazy("what"))
    def label(self, obj):
        return action_label(obj.action)


class HearingInline(ReadOnlyInline):
    """Partshøring: what was sent, the deadline and the association's answer."""

    model = Hearing
    fields = readonly_fields = ["sent_at", "information", "answer_by", "answer", "answered_at"]


class ReportInline(admin.StackedInline):
    model = Report
    extra = 0
    can_delete = False
    readonly_fields = [
        "amount_spent",
        "participants_reached",
        "volunteers",
        "account",
        "declaration",
        "audited",
        "submitted_at",
        "unspent_amount",
        "consultant_note",
    ]
    fields = readonly_fields

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("unspent (kr.)"))
    def unspent_amount(self, obj):
        return obj.unspent


class PoolYearFilter(admin.SimpleListFilter):
    title = gettext_lazy("year")
    parameter_name = "aar"

    def lookups(self, request, model_admin):
        return [(year, year) for year in selectors.grant_years()]

    def queryset(self, request, queryset):
        if self.value() is None:
            return queryset
        # Anything but one of the offered years is a bad link, which the admin answers itself.
        if self.value() not in {str(year) for year, _label in self.lookup_choices}:
            raise IncorrectLookupParameters
        return queryset.filter(round__pool__year=self.value())


class OverdueReportFilter(admin.SimpleListFilter):
    title = gettext_lazy("report")
    parameter_name = "afrapportering"

    def lookups(self, request, model_admin):
        return [("forsinket", gettext_lazy("Overdue"))]

    def queryset(self, request, queryset):
        if self.value() == "forsinket":
            return queryset.filter(selectors.overdue_report_filter())
        return queryset


class HearingForm(forms.Form):
    information = forms.CharField(
        label=gettext_lazy(
            "Information the association did not give, that the decision may rest on"
        ),
        widget=forms.Textarea(attrs={"rows": 6, "cols": 70}),
    )
    answer_by = forms.DateField(
        label=gettext_lazy("Answer by"),
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("A weekend or a public holiday moves to the next working day."),
    )


class CommitteeDecisionForm(forms.Form):
    """The committee's decision on the whole list: each line as recommended unless changed."""

    meeting_on = forms.DateField(
        label=gettext_lazy("Meeting date"), widget=forms.DateInput(attrs={"type": "date"})
    )
    agenda_item = forms.CharField(label=gettext_lazy("Agenda item"), max_length=50)

    def __init__(self, *args, applications, **kwargs):
        super().__init__(*args, **kwargs)
        self.applications = applications
        for application in applications:
            self.fields[f"amount_{application.pk}"] = forms.IntegerField(
                label=gettext_lazy("Amount"),
                min_value=0,
                initial=application.recommended_amount,
            )
            self.fields[f"reason_{application.pk}"] = forms.CharField(
                label=gettext_lazy("Reason"),
                required=False,
                initial=application.recommendation_reason,
                widget=forms.Textarea(attrs={"rows": 2, "cols": 40}),
            )

    def rows(self):
        return [
            (application, self[f"amount_{application.pk}"], self[f"reason_{application.pk}"])
            for application in self.applications
        ]

    def lines(self):
        data = self.cleaned_data
        return {a.pk: (data[f"amount_{a.pk}"], data[f"reason_{a.pk}"]) for a in self.applications}


class DecisionForm(forms.Form):
    amount = forms.IntegerField(label=gettext_lazy("Amount granted (kr.)"), min_value=0)
    reason = forms.CharField(
        label=gettext_lazy("Reason (required for a partial grant or a decline)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4, "cols": 70}),
    )
    override_reason = forms.CharField(
        label=gettext_lazy("Reason for granting without a recent børneattest check"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2, "cols": 70}),
    )
    meeting_on = forms.DateField(
        label=gettext_lazy("The committee's meeting date"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text=gettext_lazy("When a committee decides the pool's applications."),
    )
    agenda_item = forms.CharField(label=gettext_lazy("Agenda item"), required=False, max_length=50)


class NoteForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note"), widget=forms.Textarea(attrs={"rows": 3, "cols": 70})
    )


SHARED_KINDS = (Pool.Kind.SECTION_18, Pool.Kind.CO_CREATION)


class PoolForm(forms.ModelForm):
    """Checks the budget, or the §18 split, before anything is saved, so a budget below what
    is already granted is an error on the form rather than a half-saved pool."""

    class Meta:
        model = Pool
        fields = [f.name for f in Pool._meta.concrete_fields if f.editable and not f.primary_key]

    def clean(self):
        cleaned = super().clean()
        kind, year = cleaned.get("kind"), cleaned.get("year")
        if self.errors:
            return cleaned
        if kind not in SHARED_KINDS:
            if self.instance.pk:
                # Locked until the admin's transaction commits, as a decision locks it: no
                # grant can slip in between this check and the save.
                Pool.objects.select_for_update().get(pk=self.instance.pk)
            try:
                services.pool_budget_check(pool=self.instance, budget=cleaned.get("budget"))
            except ApplicationError as error:
                raise forms.ValidationError(str(error)) from None
            return cleaned
        others = {pool.kind: pool for pool in Pool.objects.filter(year=year, kind__in=SHARED_KINDS)}
        others[kind] = self.instance
        section_18, co_creation = (
            others.get(Pool.Kind.SECTION_18),
            others.get(Pool.Kind.CO_CREATION),
        )
        if section_18 is None:
            return cleaned
        total = (
            cleaned.get("section_18_total")
            if kind == Pool.Kind.SECTION_18
            else section_18.section_18_total
        )
        share = (
            cleaned.get("share_percent")
            if kind == Pool.Kind.CO_CREATION
            else (co_creation.share_percent if co_creation else None)
        )
        try:
            services.pool_budgets_plan(
                section_18=section_18,
                co_creation=co_creation,
                section_18_total=total,
                share_percent=share,
            )
        except ApplicationError as error:
            raise forms.ValidationError(str(error)) from None
        return cleaned


@admin.register(Pool)
class PoolAdmin(admin.ModelAdmin):
    form = PoolForm
    list_display = ["name", "year", "kind", "budget"]
    list_filter = ["year", "kind"]
    search_fields = ["name", "legal_basis"]

    def get_readonly_fields(self, request, obj=None):
        # The §18 pool's and the co-creation pool's budgets follow from the split.
        if obj is not None and obj.kind in SHARED_KINDS:
            return ["budget"]
        return []

    def get_urls(self):
        return [
            path(
                "oversigt/",
                self.admin_site.admin_view(self.overview_view),
                name="puljer_pool_overview",
            ),
            path(
                "oversigt/<str:format>/",
                self.admin_site.admin_view(self.overview_export),
                name="puljer_pool_overview_export",
            ),
            *super().get_urls(),
        ]

    def save_model(self, request, obj, form, change):
        # §18 and the co-creation pool share one amount; the split is computed in one place
        # (the form has already checked it against what is granted).
        super().save_model(request, obj, form, change)
        if obj.kind in SHARED_KINDS:
            section_18 = Pool.objects.filter(year=obj.year, kind=Pool.Kind.SECTION_18).first()
            share = Pool.objects.filter(year=obj.year, kind=Pool.Kind.CO_CREATION).first()
            if section_18:
                services.pool_budgets_set(
                    year=obj.year,
                    section_18_total=section_18.section_18_total,
                    share_percent=share.share_percent if share else None,
                )

    def overview_rows(self):
        pools = list(selectors.pool_overview())
        rows = []
        for pool in pools:
            granted = pool.granted or 0
            rows.append(
                {
                    "year": pool.year,
                    "name": str(pool),
                    "round": "",
                    "budget": pool.budget,
                    "granted": granted,
                    "remaining": None if pool.budget is None else pool.budget - granted,
                    "applied_open": pool.applied_open or 0,
                    "is_pool": True,
                }
            )
            for round_ in pool.round_rows:
                rows.append(
                    {
                        "year": pool.year,
                        "name": str(pool),
                        "round": round_.title,
                        "budget": None,
                        "granted": round_.granted or 0,
                        "remaining": None,
                        "applied_open": round_.applied_open or 0,
                        "is_pool": False,
                    }
                )
        return rows

    def overview_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Pool overview"),
            "opts": self.model._meta,
            "rows": self.overview_rows(),
        }
        return TemplateResponse(request, "admin/puljer/pool/overview.html", context)

    def overview_export(self, request, format):
        if not self.has_view_permission(request) or format not in ("csv", "xlsx"):
            raise PermissionDenied
        header = [
            _("Year"),
            _("Pool"),
            _("Round"),
            _("Budget (kr.)"),
            _("Granted (kr.)"),
            _("Remaining (kr.)"),
            _("Applied for in open applications (kr.)"),
        ]
        rows = [
            [
                r["year"],
                r["name"],
                r["round"],
                r["budget"],
                r["granted"],
                r["remaining"],
                r["applied_open"],
            ]
            for r in self.overview_rows()
        ]
        stamp = timezone.localdate().isoformat()
        if format == "csv":
            return csv_response(f"puljeoversigt-{stamp}.csv", header, rows)
        return xlsx_response(f"puljeoversigt-{stamp}.xlsx", _("Pools"), header, rows)


def _zip_response(data, name):
    response = HttpResponse(data, content_type="application/zip")
    response["Content-Disposition"] = f'attachment; filename="{name}.zip"'
    return response


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "pool",
        "opens_on",
        "deadline",
        "decision_expected_on",
        "recommendation_link",
        "dossiers_link",
    ]
    list_filter = ["pool__year", "pool__kind"]
    list_select_related = ["pool"]
    date_hierarchy = "deadline"

    def get_urls(self):
        return [
            path(
                "<int:pk>/indstilling/",
                self.admin_site.admin_view(self.recommendation_view),
                name="puljer_round_recommendation",
            ),
            path(
                "<int:pk>/sagsmapper/",
                self.admin_site.admin_view(self.dossiers_view),
                name="puljer_round_dossiers",
            ),
            path(
                "<int:pk>/indstilling.<slug:format>",
                self.admin_site.admin_view(self.annex_view),
                name="puljer_round_annex",
            ),
            path(
                "<int:pk>/udvalgets-afgoerelse/",
                self.admin_site.admin_view(self.committee_view),
                name="puljer_round_committee",
            ),
            *super().get_urls(),
        ]

    @admin.display(description=gettext_lazy("recommendation list"))
    def recommendation_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:puljer_round_recommendation", args=[obj.pk]),
            _("Show"),
        )

    @admin.display(description=gettext_lazy("case files"))
    def dossiers_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:puljer_round_dossiers", args=[obj.pk]),
            _("Download (ZIP)"),
        )

    def dossiers_view(self, request, pk):
        """The case files of all the round's applications, for journalising."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        round_ = get_object_or_404(Round.objects.select_related("pool"), pk=pk)
        return _zip_response(dossier.round_dossiers(round_), f"sagsmapper-runde-{round_.pk}")

    def annex_view(self, request, pk, format):
        """The recommendation list as an annex to the committee's agenda (PDF or XLSX)."""
        if not self.has_view_permission(request) or format not in ("pdf", "xlsx"):
            raise PermissionDenied
        round_ = get_object_or_404(Round.objects.select_related("pool"), pk=pk)
        name = f"indstilling-runde-{round_.pk}"
        if format == "xlsx":
            header, rows = letters.recommendation_rows(round_)
            return xlsx_response(f"{name}.xlsx", "Indstilling", header, rows)
        response = HttpResponse(letters.recommendation_pdf(round_), content_type="application/pdf")
        response["Content-Disposition"] = f'attachment; filename="{name}.pdf"'
        return response

    def committee_view(self, request, pk):
        """Record the committee's decision on the list and decide every line in one batch."""
        if not self.has_change_permission(request):
            raise PermissionDenied
        round_ = get_object_or_404(Round.objects.select_related("pool"), pk=pk)
        applications = list(
            round_.applications.filter(status__in=OPEN_STATUSES)
            .select_related("association")
            .order_by("association__name", "pk")
        )
        form = CommitteeDecisionForm(request.POST or None, applications=applications)
        if request.method == "POST" and form.is_valid():
            try:
                services.round_decide(
                    round_=round_,
                    user=request.user,
                    meeting_on=form.cleaned_data["meeting_on"],
                    agenda_item=form.cleaned_data["agenda_item"],
                    lines=form.lines(),
                )
            except ApplicationError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(
                    request,
                    _("The committee's decision is recorded; %(count)d letters are sent.")
                    % {"count": len(applications)},
                )
                return redirect("admin:puljer_round_recommendation", round_.pk)
        context = {
            **self.admin_site.each_context(request),
            "title": _("The committee's decision: %(round)s") % {"round": round_},
            "opts": self.model._meta,
            "round": round_,
            "form": form,
        }
        return TemplateResponse(request, "admin/puljer/round/committee.html", context)

    def recommendation_view(self, request, pk):
        """The consultant's recommendation list for a round, with the totals against the budget."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        round_ = get_object_or_404(Round.objects.select_related("pool"), pk=pk)
        applications = list(
            selectors.with_overdue_flag(
                round_.applications.exclude(status="draft").select_related("association")
            ).order_by("association__name")
        )
        recommended = sum(a.recommended_amount or 0 for a in applications)
        granted = services.granted_total(round_.pool)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Recommendation list: %(round)s") % {"round": round_},
            "opts": self.model._meta,
            "round": round_,
            "applications": applications,
            "applied": sum(a.amount_applied for a in applications),
            "recommended": recommended,
            "granted": granted,
            "remaining": None if round_.pool.budget is None else round_.pool.budget - granted,
        }
        return TemplateResponse(request, "admin/puljer/round/recommendation.html", context)


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    """The consultant's workbench: review, notes, decisions and reports."""

    list_display = [
        "reference",
        "association",
        "title",
        "round",
        "status",
        "amount_applied",
        "recommended_amount",
        "amount_granted",
        "overdue_elsewhere",
    ]
    list_filter = [PoolYearFilter, "round__pool__kind", "round", "status", OverdueReportFilter]
    list_select_related = ["association", "round__pool"]
    search_fields = ["reference", "title", "association__name", "association__cvr"]
    date_hierarchy = "submitted_at"
    list_editable = ["recommended_amount"]
    inlines = [BudgetLineInline, AttachmentInline, HearingInline, ReportInline, TimelineInline]
    actions = ["start_review"]
    fieldsets = [
        (None, {"fields": ["reference", "status", "round", "association", "activity", "title"]}),
        (
            gettext_lazy("Application"),
            {
                "fields": [
                    "purpose",
                    "target_groups",
                    "focus_areas",
                    "co_creation_description",
                    "open_to_over_65_confirmed",
                    "expected_participants",
                    "expected_volunteers",
                    "period_start",
                    "period_end",
                    "amount_applied",
                    "contact_name",
                    "contact_email",
                    "contact_phone",
                    "submitted_at",
                ]
            },
        ),
        (
            gettext_lazy("Review (not shown to the association)"),
            {"fields": ["recommended_amount", "recommendation_reason", "internal_note"]},
        ),
        (
            gettext_lazy("Decision"),
            {
                "fields": [
                    "amount_granted",
                    "decision_reason",
                    "decided_at",
                    "decided_by",
                    "report_due_on",
                ]
            },
        ),
    ]

    def get_fieldsets(self, request, obj=None):
        # The pool's own questions only: no §79 confirmation on a §18 application.
        pool = obj.round.pool if obj else None
        asked = {
            "open_to_over_65_confirmed": pool is None or pool.requires_over_65_confirmation,
            "co_creation_description": pool is None or pool.requires_co_creation_description,
        }
        return [
            (name, {**options, "fields": [f for f in options["fields"] if asked.get(f, True)]})
            for name, options in super().get_fieldsets(request, obj)
        ]

    def get_readonly_fields(self, request, obj=None):
        # Only the consultant's own working fields are edited directly; the rest moves through
        # the services, which keep the timeline and the pool's invariant.
        editable = {"recommended_amount", "recommendation_reason", "internal_note"}
        return [
            field.name
            for field in self.model._meta.get_fields()
            if field.concrete and field.name not in editable and not field.auto_created
        ] + ["target_groups", "focus_areas"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_queryset(self, request):
        # A draft is the association's own until it is submitted, as its form promises; and
        # nobody handles a case they are not impartial in.
        return selectors.with_overdue_flag(
            selectors.handled_by(
                super().get_queryset(request).exclude(status=Status.DRAFT), request.user
            )
        )

    @admin.display(description=gettext_lazy("overdue report"), boolean=True)
    def overdue_elsewhere(self, obj):
        return obj.association_has_overdue_report

    @admin.action(description=gettext_lazy("Start the review of the selected applications"))
    def start_review(self, request, queryset):
        started = 0
        for application in queryset:
            try:
                services.application_review(application=application, user=request.user)
            except ApplicationError as error:
                self.message_user(request, f"{application}: {error}", messages.WARNING)
            else:
                started += 1
        self.message_user(
            request,
            ngettext("%(count)d review started.", "%(count)d reviews started.", started)
            % {"count": started},
        )

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/beslut/", view(self.decide_view), name="puljer_application_decide"),
            path("<int:pk>/note/", view(self.note_view), name="puljer_application_note"),
            path(
                "<int:pk>/partshoering/", view(self.hearing_view), name="puljer_application_hearing"
            ),
            path(
                "<int:pk>/sagsmappe/",
                view(self.dossier_view),
                name="puljer_application_dossier",
            ),
            path(
                "<int:pk>/rapport/<slug:outcome>/",
                view(self.report_view),
                name="puljer_application_report",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        application = get_object_or_404(
            self.get_queryset(request).select_related("round__pool", "association"), pk=object_id
        )
        history = (
            selectors.with_overdue_flag(application.association.applications.all())
            .exclude(pk=application.pk)
            .exclude(status="draft")
            .select_related("round__pool")
            .order_by("-round__pool__year")
        )
        extra_context = {
            **(extra_context or {}),
            "application": application,
            "history": history,
            "overdue": history.filter(selectors.overdue_report_filter()),
            "conflicts": selectors.double_funding_conflicts(application),
            "can_decide": allowed(application.status, "grant"),
            "can_judge_report": allowed(application.status, "approve_report"),
            "granted_statuses": GRANTED_STATUSES,
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def _application(self, request, pk):
        if not self.has_change_permission(request):
            raise PermissionDenied
        return get_object_or_404(
            self.get_queryset(request).select_related("round__pool", "association"), pk=pk
        )

    def _page(self, request, application, title, form, template):
        context = {
            **self.admin_site.each_context(request),
            "title": title,
            "opts": self.model._meta,
            "application": application,
            "form": form,
            "remaining": (
                None
                if application.round.pool.budget is None
                else application.round.pool.budget - services.granted_total(application.round.pool)
            ),
        }
        return TemplateResponse(request, template, context)

    def decide_view(self, request, pk):
        application = self._application(request, pk)
        form = DecisionForm(
            request.POST or None,
            initial={"amount": application.recommended_amount or application.amount_applied},
        )
        if request.method == "POST" and form.is_valid():
            data = form.cleaned_data
            decision = {
                "application": application,
                "user": request.user,
                "amount": data["amount"],
                "reason": data["reason"],
                "override_reason": data["override_reason"],
            }
            try:
                if data["meeting_on"] or data["agenda_item"]:
                    services.grant_decide_at_meeting(
                        meeting_on=data["meeting_on"], agenda_item=data["agenda_item"], **decision
                    )
                else:
                    services.grant_decide(**decision)
            except ApplicationError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(request, _("The decision is sent to the association."))
                return redirect("admin:puljer_application_change", application.pk)
        return self._page(
            request,
            application,
            _("Decide %(application)s") % {"application": application},
            form,
            "admin/puljer/application/decide.html",
        )

    def dossier_view(self, request, pk):
        """The application's case file, for journalising and requests for access."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        application = get_object_or_404(
            self.get_queryset(request).select_related("round__pool", "association"), pk=pk
        )
        return _zip_response(
            dossier.application_dossier(application),
            f"sagsmappe-{application.reference or application.pk}",
        )

    def hearing_view(self, request, pk):
        """Partshøring: send the association information it did not give, with a deadline."""
        application = self._application(request, pk)
        form = HearingForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.hearing_send(
                    application=application, user=request.user, **form.cleaned_data
                )
            except ApplicationError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(request, _("The information is sent to the association."))
                return redirect("admin:puljer_application_change", application.pk)
        return self._page(
            request,
            application,
            _("Hear the association"),
            form,
            "admin/puljer/application/form.html",
        )

    def note_view(self, request, pk):
        application = self._application(request, pk)
        form = NoteForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            services.application_note(
                application=application, user=request.user, note=form.cleaned_data["note"]
            )
            self.message_user(request, _("The internal note is saved."), messages.SUCCESS)
            return redirect("admin:puljer_application_change", application.pk)
        return self._page(
            request, application, _("Internal note"), form, "admin/puljer/application/form.html"
        )

    def report_view(self, request, pk, outcome):
        application = self._application(request, pk)
        if outcome not in ("godkend", "mere"):
            raise PermissionDenied
        form = (
            NoteForm(request.POST or None)
            if outcome == "mere"
            else forms.Form(request.POST or None)
        )
        if request.method == "POST" and form.is_valid():
            try:
                if outcome == "godkend":
                    services.report_approve(application=application, user=request.user)
                else:
                    services.report_return(
                        application=application, user=request.user, note=form.cleaned_data["note"]
                    )
            except ApplicationError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(
                    request,
                    _("The report is approved; the association is told by e-mail.")
                    if outcome == "godkend"
                    else _("The association is asked for more by e-mail."),
                    messages.SUCCESS,
                )
            return redirect("admin:puljer_application_change", application.pk)
        title = _("Approve the report") if outcome == "godkend" else _("Ask for more in the report")
        return self._page(request, application, title, form, "admin/puljer/application/form.html")


def dashboard_counts(request):
    """The admin index's counts (frivillig.hooks): new applications per round, reports to
    read and overdue reports, each linked to the application list filtered the same way."""
    if not request.user.has_perm("puljer.view_application"):
        return []
    applications = Application.objects.exclude(status=Status.DRAFT)
    changelist = reverse("admin:puljer_application_changelist")
    new = (
        applications.filter(status=Status.SUBMITTED)
        .values("round", "round__title", "round__pool__name")
        .annotate(count=Count("pk"))
        .order_by("round__pool__name", "round__title")
    )
    rows = [
        (
            _("New applications: %(pool)s – %(round)s")
            % {"pool": row["round__pool__name"], "round": row["round__title"]},
            row["count"],
            f"{changelist}?round__id__exact={row['round']}&status__exact={Status.SUBMITTED}",
        )
        for row in new
    ] or [(_("New applications"), 0, f"{changelist}?status__exact={Status.SUBMITTED}")]
    return [
        *rows,
        (
            _("Reports waiting to be read"),
            applications.filter(status=Status.REPORTED).count(),
            f"{changelist}?status__exact={Status.REPORTED}",
        ),
        (
            _("Overdue reports"),
            applications.filter(selectors.overdue_report_filter()).count(),
            f"{changelist}?{OverdueReportFilter.parameter_name}=forsinket",
        ),
    ]


class AuditTrailAdmin(LogEntryAdmin):
    """django-auditlog's audit trail without the associations' drafts: a draft is theirs until
    it is submitted. Its writes are not audited (puljer.services), and what was recorded of a
    draft before that rule is hidden here rather than deleted."""

    def get_queryset(self, request):
        drafts = Application.objects.filter(status=Status.DRAFT).values_list(
            Cast("pk", output_field=CharField()), flat=True
        )
        return (
            super()
            .get_queryset(request)
            .exclude(
                content_type=ContentType.objects.get_for_model(Application), object_pk__in=drafts
            )
        )


admin.site.unregister(AuditEntry)
admin.site.register(AuditEntry, AuditTrailAdmin)
