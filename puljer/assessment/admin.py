"""The assessment in the admin: the consultant's panels, criteria and reason texts, the
workbench and the recommendation list; the assessor's own assignments."""

from pathlib import PurePath

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from frivillig import uploads
from frivillig.text import kroner
from puljer.assessment import forms, selectors, services
from puljer.assessment.models import Criterion, Declaration, Panel, PanelMember, ReasonBlock
from puljer.models import OPEN_STATUSES, Pool
from puljer.services import granted_total
from puljer.workflow import ApplicationError


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["pool", "number", "text", "scale_max", "weight", "example", "source"]
    list_filter = ["pool__year", "pool__kind", "example"]
    list_select_related = ["pool"]


@admin.register(ReasonBlock)
class ReasonBlockAdmin(admin.ModelAdmin):
    list_display = ["title", "pool", "example", "source"]
    list_filter = ["pool__year", "pool__kind"]
    list_select_related = ["pool"]
    search_fields = ["title", "text"]


class MemberInline(admin.TabularInline):
    """Who is on the panel; people are added through “Add an assessor”, which gives them the
    role and an e-mail."""

    model = PanelMember
    extra = 0
    can_delete = False
    fields = readonly_fields = [
        "user",
        "external",
        "assigned_at",
        "confidentiality_signed_at",
        "reminded_on",
        "access_ended_at",
    ]

    def has_add_permission(self, request, obj=None):
        return False


def _link(url, text):
    return format_html('<a href="{}">{}</a>', url, text)


def _page(admin_site, request, template, **context):
    return TemplateResponse(
        request,
        f"admin/assessment/{template}",
        {**admin_site.each_context(request), **context},
    )


@admin.register(Panel)
class PanelAdmin(admin.ModelAdmin):
    list_display = ["round", "deadline", "member_count", "workbench_link", "recommendation_link"]
    list_select_related = ["round__pool"]
    list_filter = ["round__pool__year", "round__pool__kind"]
    fields = ["round", "deadline", "confidentiality_text", "links"]
    readonly_fields = ["links"]
    inlines = [MemberInline]

    @admin.display(description=gettext_lazy("pages"))
    def links(self, obj):
        if obj is None or obj.pk is None:
            return "–"
        return format_html(
            '<a href="{}">{}</a> · <a href="{}">{}</a> · <a href="{}">{}</a>',
            reverse("admin:assessment_panel_member_add", args=[obj.pk]),
            _("Add an assessor"),
            reverse("admin:assessment_panel_workbench", args=[obj.pk]),
            _("Workbench"),
            reverse("admin:assessment_panel_recommendation", args=[obj.pk]),
            _("Recommendation list"),
        )

    @admin.display(description=gettext_lazy("assessors"))
    def member_count(self, obj):
        return obj.members.count()

    @admin.display(description=gettext_lazy("workbench"))
    def workbench_link(self, obj):
        return _link(reverse("admin:assessment_panel_workbench", args=[obj.pk]), _("Show"))

    @admin.display(description=gettext_lazy("recommendation list"))
    def recommendation_link(self, obj):
        return _link(reverse("admin:assessment_panel_recommendation", args=[obj.pk]), _("Build"))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "<int:pk>/tilfoej/", view(self.member_add_view), name="assessment_panel_member_add"
            ),
            path(
                "<int:pk>/arbejdsbord/",
                view(self.workbench_view),
                name="assessment_panel_workbench",
            ),
            path(
                "<int:pk>/indstilling/",
                view(self.recommendation_view),
                name="assessment_panel_recommendation",
            ),
            path("<int:pk>/afgoer/", view(self.decide_view), name="assessment_panel_decide"),
            *super().get_urls(),
        ]

    def _panel(self, request, pk):
        if not request.user.has_perm("assessment.manage_panel"):
            raise PermissionDenied
        return get_object_or_404(Panel.objects.select_related("round__pool"), pk=pk)

    def member_add_view(self, request, pk):
        panel = self._panel(request, pk)
        form = forms.MemberAddForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            try:
                member = services.panel_member_add(
                    panel=panel, by=request.user, **form.cleaned_data
                )
            except ApplicationError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(
                    request,
                    _("%(name)s is on the panel and has been sent an e-mail.") % {"name": member},
                )
                return redirect("admin:assessment_panel_change", panel.pk)
        return _page(
            self.admin_site,
            request,
            "form.html",
            title=_("Add an assessor to %(panel)s") % {"panel": panel},
            opts=self.model._meta,
            form=form,
            back=reverse("admin:assessment_panel_change", args=[panel.pk]),
            submit=_("Add the assessor"),
        )

    def workbench_view(self, request, pk):
        panel = self._panel(request, pk)
        return _page(
            self.admin_site,
            request,
            "workbench.html",
            title=_("Workbench: %(panel)s") % {"panel": panel},
            opts=self.model._meta,
            panel=panel,
            workbench=selectors.workbench(panel),
            back=reverse("admin:assessment_panel_change", args=[panel.pk]),
        )

    def decide_view(self, request, pk):
        """The administration decides the list in one batch (POST from the list's page)."""
        panel = self._panel(request, pk)
        if request.method != "POST" or not request.user.has_perm("puljer.change_application"):
            raise PermissionDenied
        try:
            count = services.recommendation_decide(panel=panel, user=request.user)
        except ApplicationError as error:
            self.message_user(request, str(error), messages.ERROR)
        else:
            self.message_user(
                request, _("The list is decided; %(count)d letters are sent.") % {"count": count}
            )
        return redirect("admin:assessment_panel_recommendation", panel.pk)

    def recommendation_view(self, request, pk):
        """The recommendation list built from the scores: amounts within what is left in the
        pool and a reason from the pool's text blocks."""
        panel = self._panel(request, pk)
        pool = panel.round.pool
        rows = selectors.recommendation_rows(panel)
        form = forms.RecommendationForm(
            request.POST or None, rows=rows, blocks=ReasonBlock.objects.filter(pool=pool)
        )
        if request.method == "POST" and form.is_valid():
            try:
                total = services.recommendation_set(
                    panel=panel, user=request.user, lines=form.lines()
                )
            except ApplicationError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(
                    request,
                    _("The recommendation list is saved: %(total)s recommended.")
                    % {"total": kroner(total)},
                )
                return redirect("admin:assessment_panel_recommendation", panel.pk)
        pool = Pool.objects.get(pk=pool.pk)
        granted = granted_total(pool)
        remaining = None if pool.budget is None else pool.budget - granted
        running, lines = 0, []
        for row, amount, block, reason in form.rows():
            running += row.application.recommended_amount or 0
            lines.append((row, amount, block, reason, running))
        return _page(
            self.admin_site,
            request,
            "recommendation.html",
            title=_("Recommendation list: %(round)s") % {"round": panel.round},
            opts=self.model._meta,
            panel=panel,
            pool=pool,
            form=form,
            lines=lines,
            criteria=selectors.criteria_for(pool),
            granted=granted,
            remaining=remaining,
            left_after=None if remaining is None else remaining - running,
            back=reverse("admin:assessment_panel_change", args=[panel.pk]),
        )


@admin.register(PanelMember)
class PanelMemberAdmin(admin.ModelAdmin):
    """An assessor's assignments: their open seats on panels, and the consultant's view of
    every seat."""

    list_display = ["panel", "user", "external", "confidentiality_signed_at", "open_link"]
    list_select_related = ["panel__round__pool", "user"]

    def get_queryset(self, request):
        seats = super().get_queryset(request)
        if request.user.has_perm("assessment.manage_panel"):
            return seats
        return seats.filter(user=request.user, access_ended_at__isnull=True)

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=gettext_lazy("assess"))
    def open_link(self, obj):
        if obj.access_ended_at is not None:
            return _("Access ended")
        return _link(reverse("admin:assessment_panelmember_round", args=[obj.pk]), _("Open"))

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/runde/", view(self.round_view), name="assessment_panelmember_round"),
            path(
                "<int:pk>/tavshed/",
                view(self.confidentiality_view),
                name="assessment_panelmember_confidentiality",
            ),
            path(
                "<int:pk>/ansoegning/<int:application_pk>/",
                view(self.assess_view),
                name="assessment_panelmember_assess",
            ),
            path(
                "<int:pk>/bilag/<uuid:attachment_pk>/",
                view(require_safe(self.attachment_view)),
                name="assessment_panelmember_attachment",
            ),
            *super().get_urls(),
        ]

    def _seat(self, request, pk):
        if not request.user.has_perm("assessment.assess"):
            raise PermissionDenied
        return selectors.get_seat_for(request.user, pk)

    def _unsigned(self, member):
        """An external assessor sees nothing before signing the confidentiality declaration."""
        if member.external and member.confidentiality_signed_at is None:
            return redirect("admin:assessment_panelmember_confidentiality", member.pk)
        return None

    def confidentiality_view(self, request, pk):
        member = self._seat(request, pk)
        form = forms.ConfidentialityForm(request.POST or None)
        if request.method == "POST" and form.is_valid():
            services.confidentiality_sign(member=member)
            self.message_user(request, _("Thank you. The declaration is signed."))
            return redirect("admin:assessment_panelmember_round", member.pk)
        return _page(
            self.admin_site,
            request,
            "form.html",
            title=_("Confidentiality declaration"),
            opts=self.model._meta,
            form=form,
            intro=member.panel.confidentiality_text,
            back=reverse("admin:assessment_panelmember_changelist"),
            submit=_("Sign"),
        )

    def round_view(self, request, pk):
        member = self._seat(request, pk)
        if response := self._unsigned(member):
            return response
        return _page(
            self.admin_site,
            request,
            "round.html",
            title=_("Assessment: %(round)s") % {"round": member.panel.round},
            opts=self.model._meta,
            member=member,
            panel=member.panel,
            workbench=selectors.workbench(member.panel, viewer_member=member),
            back=reverse("admin:assessment_panelmember_changelist"),
        )

    def assess_view(self, request, pk, application_pk):
        """Declare first; an impartial assessor then sees the application and scores it."""
        member = self._seat(request, pk)
        if response := self._unsigned(member):
            return response
        application = selectors.get_application_for_assessor(member, application_pk)
        declaration = Declaration.objects.filter(member=member, application=application).first()
        back = reverse("admin:assessment_panelmember_round", args=[member.pk])
        context = {
            "opts": self.model._meta,
            "member": member,
            "application": application,
            "back": back,
        }
        if declaration is None:
            form = forms.DeclarationForm(request.POST or None)
            if request.method == "POST" and form.is_valid():
                try:
                    declaration = services.declaration_make(
                        member=member, application=application, **form.cleaned_data
                    )
                except ApplicationError as error:
                    form.add_error(None, str(error))
                else:
                    if declaration.impartial:
                        self.message_user(request, _("Thank you. You can now assess it."))
                        return redirect(request.path)
                    self.message_user(request, _("You stand aside on this application."))
                    return redirect(back)
            return _page(
                self.admin_site,
                request,
                "declare.html",
                title=_("Impartiality: %(application)s") % {"application": application},
                form=form,
                **context,
            )
        criteria = selectors.criteria_for(application.round.pool)
        initial = {
            score.criterion_id: (score.value, score.comment) for score in declaration.scores.all()
        }
        form = forms.ScoresForm(request.POST or None, criteria=criteria, initial_scores=initial)
        if request.method == "POST" and form.is_valid():
            try:
                services.scores_save(member=member, application=application, scores=form.scores())
            except ApplicationError as error:
                form.add_error(None, str(error))
            else:
                self.message_user(request, _("Your assessment is saved."))
                return redirect(back)
        return _page(
            self.admin_site,
            request,
            "assess.html",
            title=_("Assess %(application)s") % {"application": application},
            form=form,
            budget_lines=application.budget_lines.all(),
            attachments=application.attachments.all(),
            **context,
        )

    def attachment_view(self, request, pk, attachment_pk):
        """A file of an application the assessor has declared impartial on; before declaring
        they are sent to the declaration, as the application's own page does."""
        member = self._seat(request, pk)
        if response := self._unsigned(member):
            return response
        attachment = selectors.get_attachment_for_assessor(member, attachment_pk)
        if not selectors.has_declared_impartial(member, attachment.application):
            return redirect(
                "admin:assessment_panelmember_assess", member.pk, attachment.application_id
            )
        return uploads.download(attachment.file, PurePath(attachment.original_name).stem)


def dashboard_counts(request):
    """The admin index's counts (frivillig.hooks): per panel whose round has applications
    awaiting a decision, the assessments still missing, linked to the panel's workbench."""
    if not request.user.has_perm("assessment.view_panel"):
        return []
    panels = (
        Panel.objects.filter(round__applications__status__in=OPEN_STATUSES)
        .distinct()
        .select_related("round__pool")
    )
    return [
        (
            _("Assessments missing: %(round)s") % {"round": panel.round},
            sum(len(row.missing) for row in selectors.workbench(panel).rows),
            reverse("admin:assessment_panel_workbench", args=[panel.pk]),
        )
        for panel in panels
    ]
