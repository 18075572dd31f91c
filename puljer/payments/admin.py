from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from frivillig.exports import csv_response, xlsx_response
from frivillig.text import kroner
from puljer.payments import selectors, services
from puljer.payments.models import (
    FinanceExport,
    PaymentEvent,
    PaymentLine,
    PaymentRules,
    RepaymentClaim,
)


def _paid_message(count):
    return ngettext(
        "%(count)d payment recorded as paid.", "%(count)d payments recorded as paid.", count
    ) % {"count": count}


class ReadOnlyAdmin(admin.ModelAdmin):
    """Rows the services write; the consultant reads them and acts through the actions."""

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in self.model._meta.concrete_fields]


@admin.register(PaymentRules)
class PaymentRulesAdmin(admin.ModelAdmin):
    list_display = ["pool", "decision_percent", "account_code", "repayment_days", "source"]
    list_filter = ["pool__year", "pool__kind"]
    list_select_related = ["pool"]


class ReceiptForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Receipt from the finance system (CSV)"),
        help_text=gettext_lazy(
            "UTF-8, semicolons between the fields, the first line reference;paid_on;amount."
        ),
    )


@admin.register(PaymentLine)
class PaymentLineAdmin(ReadOnlyAdmin):
    list_display = [
        "reference",
        "case",
        "association",
        "pool",
        "trigger",
        "amount",
        "due_on",
        "status",
        "held_reason",
        "paid_on",
    ]
    list_filter = [
        "status",
        "trigger",
        "application__round__pool__year",
        "application__round__pool",
    ]
    list_select_related = ["application__association", "application__round__pool"]
    search_fields = ["application__reference", "application__association__name"]
    date_hierarchy = "due_on"
    actions = ["mark_paid_today"]

    @admin.display(description=gettext_lazy("association"))
    def association(self, obj):
        return obj.application.association

    @admin.display(description=gettext_lazy("application"))
    def case(self, obj):
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:puljer_application_change", args=[obj.application_id]),
            obj.application.reference,
        )

    @admin.display(description=gettext_lazy("pool"))
    def pool(self, obj):
        return obj.application.round.pool

    @admin.action(description=gettext_lazy("Record the selected payments as paid today"))
    def mark_paid_today(self, request, queryset):
        paid = 0
        for line in queryset.select_related("application"):
            try:
                services.payment_mark_paid(
                    line=line, user=request.user, paid_on=timezone.localdate()
                )
            except services.PaymentError as error:
                self.message_user(request, str(error), messages.WARNING)
            else:
                paid += 1
        self.message_user(request, _paid_message(paid))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("opdater/", view(self.sync_view), name="payments_paymentline_sync"),
            path("eksport/", view(self.export_view), name="payments_paymentline_export"),
            path("kvittering/", view(self.receipt_view), name="payments_paymentline_receipt"),
            path("oversigt/", view(self.overview_view), name="payments_paymentline_overview"),
            path(
                "oversigt.<slug:format>",
                view(self.overview_export),
                name="payments_paymentline_overview_export",
            ),
            *super().get_urls(),
        ]

    def _post_only(self, request):
        if request.method != "POST" or not self.has_change_permission(request):
            raise PermissionDenied

    def sync_view(self, request):
        self._post_only(request)
        counts = services.payments_sync()
        self.message_user(request, services.sync_summary(counts))
        return redirect("admin:payments_paymentline_changelist")

    def export_view(self, request):
        self._post_only(request)
        try:
            export = services.finance_export_create(user=request.user)
        except services.PaymentError as error:
            self.message_user(request, str(error), messages.WARNING)
            return redirect("admin:payments_paymentline_changelist")
        self.message_user(
            request,
            ngettext(
                "%(count)d payment of %(total)s is sent to finance in file %(file)s.",
                "%(count)d payments of %(total)s in all are sent to finance in file %(file)s.",
                count := export.lines.count(),
            )
            % {
                "count": count,
                "total": kroner(selectors.export_total(export)),
                "file": export.pk,
            },
        )
        return redirect("admin:payments_financeexport_change", export.pk)

    def receipt_view(self, request):
        if not self.has_change_permission(request):
            raise PermissionDenied
        form = ReceiptForm(request.POST or None, request.FILES or None)
        errors = []
        if request.method == "POST" and form.is_valid():
            try:
                count = services.receipt_import(file=form.cleaned_data["file"], user=request.user)
            except services.ReceiptError as error:
                errors = error.errors
                self.message_user(
                    request,
                    _("Nothing was imported: the receipt has errors, listed below."),
                    messages.ERROR,
                )
            else:
                self.message_user(request, _paid_message(count))
                return redirect("admin:payments_paymentline_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Import the receipt from the finance system"),
            "opts": self.model._meta,
            "form": form,
            "errors": errors,
            "columns": services.RECEIPT_COLUMNS,
        }
        return TemplateResponse(request, "admin/payments/paymentline/receipt.html", context)

    def overview_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": _("Money per pool and round"),
            "opts": self.model._meta,
            "rows": selectors.money_overview(),
        }
        return TemplateResponse(request, "admin/payments/paymentline/overview.html", context)

    def overview_export(self, request, format):
        if not self.has_view_permission(request) or format not in ("csv", "xlsx"):
            raise PermissionDenied
        header = [
            _("Pool"),
            _("Round"),
            _("Budget (kr.)"),
            _("Granted (kr.)"),
            _("Paid (kr.)"),
            _("To pay (kr.)"),
            _("Repaid (kr.)"),
            _("Remaining (kr.)"),
        ]
        rows = [
            [
                str(row["pool"]),
                row["round"].title if row["round"] else "",
                *(row[key] for key in ("budget", "granted", "paid", "to_pay", "repaid")),
                row["remaining"],
            ]
            for row in selectors.money_overview()
        ]
        name = f"penge-pr-pulje-{timezone.localdate().isoformat()}.{format}"
        if format == "csv":
            return csv_response(name, header, rows)
        return xlsx_response(name, _("Money per pool"), header, rows)


@admin.register(FinanceExport)
class FinanceExportAdmin(ReadOnlyAdmin):
    list_display = ["pk", "created_at", "created_by", "line_count", "total", "downloads"]
    list_select_related = ["created_by"]
    date_hierarchy = "created_at"

    def get_readonly_fields(self, request, obj=None):
        return ["created_at", "created_by", "line_count", "total", "downloads"]

    def get_fields(self, request, obj=None):
        return self.get_readonly_fields(request, obj)

    @admin.display(description=gettext_lazy("lines"))
    def line_count(self, obj):
        return obj.lines.count()

    @admin.display(description=gettext_lazy("total (kr.)"))
    def total(self, obj):
        return selectors.export_total(obj)

    @admin.display(description=gettext_lazy("file"))
    def downloads(self, obj):
        return format_html(
            '<a href="{}">CSV</a> · <a href="{}">XLSX</a>',
            reverse("admin:payments_financeexport_download", args=[obj.pk, "csv"]),
            reverse("admin:payments_financeexport_download", args=[obj.pk, "xlsx"]),
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/fil.<slug:format>",
                self.admin_site.admin_view(self.download_view),
                name="payments_financeexport_download",
            ),
            *super().get_urls(),
        ]

    def download_view(self, request, pk, format):
        if not self.has_view_permission(request) or format not in ("csv", "xlsx"):
            raise PermissionDenied
        export = get_object_or_404(FinanceExport, pk=pk)
        rows = selectors.export_rows(export)
        name = f"udbetalinger-{export.pk}.{format}"
        if format == "csv":
            return csv_response(name, selectors.EXPORT_COLUMNS, rows)
        return xlsx_response(name, _("Payments"), selectors.EXPORT_COLUMNS, rows)


class WaiveForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason for waiving the claim"),
        widget=forms.Textarea(attrs={"rows": 3, "cols": 70}),
    )


@admin.register(RepaymentClaim)
class RepaymentClaimAdmin(ReadOnlyAdmin):
    list_display = [
        "application",
        "association",
        "amount",
        "due_on",
        "status",
        "settled_on",
        "waive_link",
    ]
    list_filter = ["status", "application__round__pool__year"]
    list_select_related = ["application__association"]
    search_fields = ["application__reference", "application__association__name"]
    actions = ["mark_received_today"]

    @admin.display(description=gettext_lazy("association"))
    def association(self, obj):
        return obj.application.association

    @admin.display(description=gettext_lazy("waive"))
    def waive_link(self, obj):
        if obj.status != RepaymentClaim.Status.OPEN:
            return ""
        return format_html(
            '<a href="{}">{}</a>',
            reverse("admin:payments_repaymentclaim_waive", args=[obj.pk]),
            _("Waive with a reason"),
        )

    @admin.action(description=gettext_lazy("Record the selected repayments as received today"))
    def mark_received_today(self, request, queryset):
        received = 0
        for claim in queryset:
            try:
                services.repayment_receive(
                    claim=claim, user=request.user, received_on=timezone.localdate()
                )
            except services.PaymentError as error:
                self.message_user(request, str(error), messages.WARNING)
            else:
                received += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d repayment recorded as received.",
                "%(count)d repayments recorded as received.",
                received,
            )
            % {"count": received},
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/frafald/",
                self.admin_site.admin_view(self.waive_view),
                name="payments_repaymentclaim_waive",
            ),
            *super().get_urls(),
        ]

    def waive_view(self, request, pk):
        if not self.has_change_permission(request):
            raise PermissionDenied
        claim = get_object_or_404(RepaymentClaim.objects.select_related("application"), pk=pk)
        form = WaiveForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                services.repayment_waive(
                    claim=claim, user=request.user, reason=form.cleaned_data["reason"]
                )
            except services.PaymentError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(request, _("The claim is waived."))
                return redirect("admin:payments_repaymentclaim_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Waive the repayment claim on %(reference)s")
            % {"reference": claim.application.reference},
            "opts": self.model._meta,
            "claim": claim,
            "form": form,
        }
        return TemplateResponse(request, "admin/payments/repaymentclaim/waive.html", context)


@admin.register(PaymentEvent)
class PaymentEventAdmin(ReadOnlyAdmin):
    list_display = ["created_at", "application", "action", "user", "note"]
    list_filter = ["action"]
    list_select_related = ["application", "user"]
    search_fields = ["application__reference", "note"]
    date_hierarchy = "created_at"
