from django import forms
from django.contrib import admin, messages
from django.contrib.admin import actions as admin_actions
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from folgegruppe import selectors, services
from folgegruppe.forms import BallotForm
from folgegruppe.models import (
    AgendaProposal,
    Candidate,
    Election,
    ElectionLog,
    GroupSeat,
    Meeting,
    MeetingAttachment,
    MeetingPartner,
    MeetingSettings,
)
from foreninger.selectors import approved_associations
from frivillig.uploads import StorageRefusalInAdmin

Status = Election.Status


class ReadOnlyInline(admin.TabularInline):
    """Rows the services write; shown, never edited by hand."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class CandidateInline(ReadOnlyInline):
    model = Candidate
    fields = ["name", "association", "nominated_by", "consented_at", "withdrawn_at"]
    show_change_link = True


class ElectionLogInline(ReadOnlyInline):
    model = ElectionLog
    fields = ["created_at", "action", "user", "note"]


# The steps the consultant takes, in the order of the transition table in services.
STEPS = {
    "aabn-indstilling": (
        Status.NOMINATING,
        gettext_lazy("Open nominations"),
        services.election_open_nominations,
        gettext_lazy("Approved associations can then nominate candidates until the deadline."),
    ),
    "aabn-afstemning": (
        Status.VOTING,
        gettext_lazy("Settle the ballot and open voting"),
        services.election_open_voting,
        gettext_lazy(
            "The candidates who have confirmed are on the ballot. Associations can vote in "
            "the voting window."
        ),
    ),
    "luk": (
        Status.CLOSED,
        gettext_lazy("Close voting and count"),
        services.election_close,
        gettext_lazy(
            "No more ballots are accepted, also if the voting window has not ended yet. The "
            "ballots are counted; a tie for the last seat is settled by lot."
        ),
    ),
    "offentliggoer": (
        Status.PUBLISHED,
        gettext_lazy("Publish the result"),
        services.election_publish,
        gettext_lazy("The result is published and the elected get their seats for the term."),
    ),
}


@admin.register(Election)
class ElectionAdmin(admin.ModelAdmin):
    list_display = ["title", "status", "seats", "nomination_deadline", "voting_opens_at"]
    list_filter = ["status"]
    search_fields = ["title"]
    date_hierarchy = "voting_opens_at"
    autocomplete_fields = ["event"]
    # Who has voted is on no page: beside any count it would tie an association to its ballot.
    inlines = [CandidateInline, ElectionLogInline]
    actions = ["delete_selected"]
    fields = [
        "title",
        "description",
        "seats",
        "max_choices",
        "term_start",
        "term_end",
        "nomination_deadline",
        "voting_opens_at",
        "voting_closes_at",
        "event",
        "status",
        "closed_at",
        "published_at",
        "result_summary",
    ]

    def get_readonly_fields(self, request, obj=None):
        fixed = ["status", "closed_at", "published_at", "result_summary"]
        if obj and obj.status not in (Status.DRAFT, Status.NOMINATING):
            # Once voting has opened, the election's rules no longer change.
            return [name for name in self.fields if name not in fixed] + fixed
        return fixed

    def has_delete_permission(self, request, obj=None):
        # Deleting lists the ballots and voters it would take along; a started election stays.
        if obj is not None and not services.election_deletable(obj):
            return False
        return super().has_delete_permission(request, obj)

    def get_deleted_objects(self, objs, request):
        if not all(services.election_deletable(election) for election in objs):
            raise PermissionDenied
        return super().get_deleted_objects(objs, request)

    @admin.action(
        permissions=["delete"], description=gettext_lazy("Delete selected %(verbose_name_plural)s")
    )
    def delete_selected(self, request, queryset):
        started = [election for election in queryset if not services.election_deletable(election)]
        for election in started:
            self.message_user(
                request,
                _("%(election)s: An election cannot be deleted once nominations have opened.")
                % {"election": election},
                messages.ERROR,
            )
        if started:
            return None
        return admin_actions.delete_selected(self, request, queryset)

    def lookup_allowed(self, lookup, value, request=None):
        # Filtering the list by ballots or voters would count them.
        if lookup.split("__")[0] in ("ballots", "voters"):
            return False
        return super().lookup_allowed(lookup, value, request)

    @admin.display(description=gettext_lazy("result"))
    def result_summary(self, obj):
        if obj is None or not hasattr(obj, "result"):
            return _("Nobody can see any count before voting has closed.")
        result = obj.result
        lines = [
            f"{line.candidate.name}: {line.votes}"
            + (f" – {_('elected')}" if line.elected else "")
            + (f" ({_('by lot')})" if line.by_lot else "")
            for line in selectors.election_result_lines(obj)
        ]
        return "; ".join(
            [
                _("%(cast)d ballots (%(blank)d blank) of %(eligible)d associations")
                % {
                    "cast": result.ballots_cast,
                    "blank": result.blank_ballots,
                    "eligible": result.eligible,
                },
                *lines,
                _("seed of the draw: %(seed)d") % {"seed": result.seed},
            ]
        )

    def get_urls(self):
        return [
            path(
                "<int:pk>/skridt/<slug:step>/",
                self.admin_site.admin_view(self.step_view),
                name="folgegruppe_election_step",
            ),
            path(
                "<int:pk>/papirstemme/",
                self.admin_site.admin_view(self.paper_ballot_view),
                name="folgegruppe_election_paper_ballot",
            ),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        election = self.get_object(request, object_id)
        tools = []
        if election is not None:
            tools = [
                (reverse("admin:folgegruppe_election_step", args=[election.pk, key]), label)
                for key, (target, label, _service, _help) in STEPS.items()
                if target in services.TRANSITIONS.get(election.status, set())
            ]
            if services.voting_open(election):
                tools.append(
                    (
                        reverse("admin:folgegruppe_election_paper_ballot", args=[election.pk]),
                        _("Record a paper ballot"),
                    )
                )
            if election.is_public:
                tools.append((election.get_absolute_url(), _("See the public page")))
        extra_context = {**(extra_context or {}), "tools": tools}
        return super().change_view(request, object_id, form_url, extra_context)

    def _election_for_change(self, request, pk):
        if not self.has_change_permission(request):
            raise PermissionDenied
        return get_object_or_404(Election, pk=pk)

    def _page(self, request, election, title, **context):
        return TemplateResponse(
            request,
            "admin/folgegruppe/election/step.html",
            {
                **self.admin_site.each_context(request),
                "title": title,
                "opts": self.model._meta,
                "election": election,
                "original": election,
                **context,
            },
        )

    def step_view(self, request, pk, step):
        election = self._election_for_change(request, pk)
        if step not in STEPS:
            raise PermissionDenied
        _target, label, service, help_text = STEPS[step]
        if request.method == "POST":
            try:
                service(election=election, user=request.user)
            except services.ElectionError as error:
                self.message_user(request, str(error), messages.ERROR)
            else:
                self.message_user(request, _("Done: %(step)s.") % {"step": label}, messages.SUCCESS)
            return redirect("admin:folgegruppe_election_change", election.pk)
        return self._page(request, election, label, help_text=help_text)

    def paper_ballot_view(self, request, pk):
        election = self._election_for_change(request, pk)
        form = BallotForm(
            request.POST or None,
            election=election,
            associations=selectors.associations_not_voted(election, approved_associations()),
            association_label=_("Association voting on paper"),
        )
        if (
            request.method == "POST"
            and form.is_valid()
            and form.cast(user=request.user, on_paper=True)
        ):
            self.message_user(
                request,
                _("The paper ballot of %(association)s is recorded.")
                % {"association": form.cleaned_data["association"]},
                messages.SUCCESS,
            )
            return redirect("admin:folgegruppe_election_paper_ballot", election.pk)
        return self._page(request, election, _("Record a paper ballot"), form=form)


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    """Candidates come from the associations' nominations; the consultant may withdraw one."""

    list_display = [
        "name",
        "association",
        "election",
        "nominated_by",
        "consented_at",
        "withdrawn_at",
    ]
    list_filter = ["election"]
    list_select_related = ["association", "election", "nominated_by"]
    search_fields = ["name", "email", "association__name"]
    readonly_fields = [
        # The candidate confirms from this address, so nobody else may change it.
        "email",
        "election",
        "association",
        "nominated_by",
        "nominated_by_user",
        "nominated_at",
        "consented_at",
        "withdrawn_at",
    ]
    fields = ["name", "presentation", *readonly_fields]
    actions = ["withdraw_selected"]

    def get_readonly_fields(self, request, obj=None):
        if obj is None or services.candidate_details_frozen(obj):
            return ["name", "presentation", *self.readonly_fields]
        return self.readonly_fields

    def save_model(self, request, obj, form, change):
        if form.changed_data:
            services.candidate_update(
                candidate=obj, user=request.user, name=obj.name, presentation=obj.presentation
            )

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        # A candidate exists once nominations have opened; deleting would list their ballots.
        return False

    @admin.action(description=gettext_lazy("Withdraw the selected candidates"))
    def withdraw_selected(self, request, queryset):
        for candidate in queryset:
            try:
                services.candidate_withdraw(candidate=candidate, user=request.user)
            except services.ElectionError as error:
                self.message_user(request, f"{candidate}: {error}", messages.ERROR)


@admin.register(GroupSeat)
class GroupSeatAdmin(admin.ModelAdmin):
    list_display = ["__str__", "fixed", "association", "term_start", "term_end", "is_current"]
    list_filter = ["fixed"]
    search_fields = ["person_name", "organisation", "association__name"]
    autocomplete_fields = ["association"]
    readonly_fields = ["candidate"]

    @admin.display(description=gettext_lazy("current"), boolean=True)
    def is_current(self, obj):
        return obj.is_current()

    def changelist_view(self, request, extra_context=None):
        coverage = selectors.group_coverage(selectors.current_seats())
        covered = [
            f"{group.name} ({', '.join(seat.person_name or seat.holder for seat in seats)})"
            for group, seats in coverage.rows
            if seats
        ]
        if covered:
            self.message_user(
                request,
                _("Target groups the current members cover: %(groups)s.")
                % {"groups": "; ".join(covered)},
                messages.INFO,
            )
        gaps = coverage.gaps
        if gaps:
            self.message_user(
                request,
                ngettext(
                    "No current member's association works for this target group: %(groups)s.",
                    "No current member's association works for these target groups: %(groups)s.",
                    len(gaps),
                )
                % {"groups": ", ".join(group.name for group in gaps)},
                messages.WARNING,
            )
        return super().changelist_view(request, extra_context)


class MeetingAttachmentInline(admin.TabularInline):
    model = MeetingAttachment
    extra = 0


class AgendaProposalInline(ReadOnlyInline):
    model = AgendaProposal
    fields = ["title", "association", "status", "decision_reason"]
    show_change_link = True


class MeetingForm(forms.ModelForm):
    class Meta:
        model = Meeting
        fields = [
            "starts_at",
            "ends_at",
            "place",
            "partners",
            "participants",
            "cancelled",
            "proposal_deadline",
            "agenda",
            "minutes",
        ]
        widgets = {"partners": forms.CheckboxSelectMultiple}


@admin.register(Meeting)
class MeetingAdmin(StorageRefusalInAdmin, admin.ModelAdmin):
    form = MeetingForm
    list_display = [
        "starts_at",
        "place",
        "partner_names",
        "cancelled",
        "agenda_published_at",
        "minutes_published_at",
    ]
    list_filter = ["cancelled", "partners"]
    date_hierarchy = "starts_at"
    readonly_fields = ["agenda_published_at", "minutes_published_at"]
    inlines = [MeetingAttachmentInline, AgendaProposalInline]
    actions = ["publish_agenda", "publish_minutes"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("partners")

    @admin.display(description=gettext_lazy("also with"))
    def partner_names(self, obj):
        return ", ".join(partner.name for partner in obj.partners.all())

    def get_changeform_initial_data(self, request):
        rules = selectors.meeting_rules()
        return {
            "participants": "\n".join(rules.participants),
            **super().get_changeform_initial_data(request),
        }

    def changelist_view(self, request, extra_context=None):
        this_year = timezone.localdate().year
        for year in (this_year, this_year + 1):
            if year == this_year or Meeting.objects.filter(starts_at__year=year).exists():
                for problem in selectors.meeting_year_check(year):
                    self.message_user(request, problem, messages.WARNING)
        return super().changelist_view(request, extra_context)

    def _publish(self, request, queryset, service):
        for meeting in queryset:
            try:
                service(meeting=meeting)
            except services.MeetingError as error:
                self.message_user(request, f"{meeting}: {error}", messages.ERROR)

    @admin.action(description=gettext_lazy("Publish the agenda of the selected meetings"))
    def publish_agenda(self, request, queryset):
        self._publish(request, queryset, services.meeting_publish_agenda)

    @admin.action(description=gettext_lazy("Publish the minutes of the selected meetings"))
    def publish_minutes(self, request, queryset):
        self._publish(request, queryset, services.meeting_publish_minutes)


class DeclineForm(forms.Form):
    reason = forms.CharField(
        label=gettext_lazy("Reason"), widget=forms.Textarea(attrs={"rows": 4, "cols": 60})
    )


@admin.register(AgendaProposal)
class AgendaProposalAdmin(admin.ModelAdmin):
    list_display = ["title", "association", "meeting", "status", "created_at"]
    list_filter = ["status"]
    list_select_related = ["association", "meeting"]
    search_fields = ["title", "association__name"]
    fields = [
        "meeting",
        "association",
        "proposed_by",
        "title",
        "description",
        "status",
        "decision_reason",
        "created_at",
        "decided_at",
    ]
    readonly_fields = fields
    actions = ["accept_selected", "decline_selected"]

    def has_add_permission(self, request):
        return False

    @admin.action(description=gettext_lazy("Accept the selected proposals"))
    def accept_selected(self, request, queryset):
        self._decide(request, queryset, accept=True, reason="")

    @admin.action(description=gettext_lazy("Decline the selected proposals"))
    def decline_selected(self, request, queryset):
        form = DeclineForm(request.POST if "confirm" in request.POST else None)
        if form.is_valid():
            self._decide(request, queryset, accept=False, reason=form.cleaned_data["reason"])
            return None
        return TemplateResponse(
            request,
            "admin/folgegruppe/agendaproposal/decline.html",
            {
                **self.admin_site.each_context(request),
                "title": _("Decline the selected proposals"),
                "opts": self.model._meta,
                "proposals": list(queryset),
                "form": form,
            },
        )

    def _decide(self, request, queryset, *, accept, reason):
        for proposal in queryset:
            try:
                services.agenda_proposal_decide(proposal=proposal, accept=accept, reason=reason)
            except services.MeetingError as error:
                self.message_user(request, str(error), messages.ERROR)


@admin.register(MeetingSettings)
class MeetingSettingsAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return not MeetingSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(MeetingPartner)
class MeetingPartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "meetings_per_year", "order"]
    list_editable = ["order"]
