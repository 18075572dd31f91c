import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from foreninger.models import Activity, Association
from frivillig import timewindow
from frivillig.models import FocusArea, LogEntry, TargetGroup
from frivillig.models.translated import Localized, english
from frivillig.text import kroner
from frivillig.uploads import DOCX, PDF, XLSX, DocumentValidator, GeneratedName


class Pool(Localized, models.Model):
    """A year's money of one kind. Amounts, texts, legal basis and rules are data: the law
    changes, and each municipality adopts its own rules (a rule not set does not apply)."""

    class Kind(models.TextChoices):
        SECTION_18 = "s18", _("§18 – voluntary social work")
        SECTION_79 = "s79", _("§79 – open activities for citizens over 65")
        CO_CREATION = "co_creation", _("Co-creation pool")

    year = models.PositiveSmallIntegerField(_("year"))
    kind = models.CharField(_("kind"), max_length=12, choices=Kind)
    name = models.CharField(_("name"), max_length=150)
    name_en = english(name)
    budget = models.PositiveBigIntegerField(
        _("budget (kr.)"), null=True, blank=True, help_text=_("Empty when not yet decided.")
    )
    section_18_total = models.PositiveBigIntegerField(
        _("whole §18 amount of the year (kr.)"),
        null=True,
        blank=True,
        help_text=_("Only on the §18 pool: the amount before the co-creation pool's share."),
    )
    share_percent = models.DecimalField(
        _("share of the §18 amount (%)"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
        help_text=_("Only on the co-creation pool, for example 10."),
    )
    legal_basis = models.CharField(
        _("legal basis"), max_length=300, help_text=_("For example “Serviceloven § 18”.")
    )
    description = models.TextField(_("what the pool supports"))
    description_en = english(description)
    criteria = models.TextField(_("criteria"), blank=True)
    criteria_en = english(criteria)
    decision_text = models.TextField(
        _("standard text of the decision letter"),
        blank=True,
        help_text=_("Shown with every decision, after the reason."),
    )

    class Authority(models.TextChoices):
        ADMINISTRATION = "administration", _("the administration under delegation")
        COMMITTEE = "committee", _("a committee")

    decision_authority = models.CharField(
        _("who decides"),
        max_length=14,
        choices=Authority,
        blank=True,
        help_text=_("Empty when no document says: the letters name the municipality's unit."),
    )
    decision_authority_name = models.CharField(
        _("deciding committee or unit"),
        max_length=150,
        blank=True,
        help_text=_("For example “Socialudvalget”, or the unit that decides under delegation."),
    )
    decision_authority_role = models.CharField(
        _("role that decides under delegation"),
        max_length=150,
        blank=True,
        help_text=_("Only for the administration, for example “frivilligkonsulenten”."),
    )
    # Complaint guidance: without an appeal body the letter gives the default guidance
    # (reconsideration by the unit, Ankestyrelsen's supervision, the Ombudsman).
    appeal_body = models.CharField(
        _("appeal body"),
        max_length=200,
        blank=True,
        help_text=_("Only when a document names one; the letter then names it."),
    )
    appeal_how = models.TextField(_("how to complain to the appeal body"), blank=True)
    appeal_deadline = models.CharField(
        _("deadline for complaints"),
        max_length=200,
        blank=True,
        help_text=_("As the document gives it, for example “4 uger fra modtagelsen”."),
    )
    requires_focus_area = models.BooleanField(
        _("applications must name a focus area"), default=False
    )
    requires_over_65_confirmation = models.BooleanField(
        _("applications must confirm an open activity for citizens over 65"), default=False
    )
    requires_co_creation_description = models.BooleanField(
        _("applications must describe the co-creation with the municipality"), default=False
    )
    requires_annual_accounts = models.BooleanField(
        _("applications must attach the association's last annual accounts"), default=False
    )
    forbids_double_funding = models.BooleanField(
        _("the same activity may not get both §18 and §79 money in a year"), default=False
    )
    requires_repayment = models.BooleanField(_("unspent money must be paid back"), default=False)
    declaration_limit = models.PositiveIntegerField(
        _("up to this grant a signed declaration is enough (kr.)"),
        null=True,
        blank=True,
        help_text=_("Empty when the pool has no such rule: the report needs no accounts."),
    )
    audit_limit = models.PositiveIntegerField(
        _("above this grant the accounts must be approved by an auditor (kr.)"),
        null=True,
        blank=True,
    )
    report_months = models.PositiveSmallIntegerField(
        _("report due months after the end of the period"),
        null=True,
        blank=True,
        help_text=_("Empty when the pool sets no deadline for the report."),
    )

    rule_sources = models.JSONField(
        _("sources of the rules"),
        default=dict,
        blank=True,
        help_text=_(
            "For each rule above that is set, the document and section it comes from, for "
            'example {"report_months": "Retningslinjer for §18, afsnit 4"}.'
        ),
    )

    class Meta:
        ordering = ["-year", "kind"]
        verbose_name = _("pool")
        verbose_name_plural = _("pools")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "kind"],
                name="pool_year_kind_unique",
                violation_error_message=_("There is already a pool of this kind this year."),
            ),
            models.CheckConstraint(
                condition=Q(share_percent__isnull=True)
                | Q(share_percent__gte=0, share_percent__lte=100),
                name="pool_share_percent_range",
            ),
            models.CheckConstraint(
                condition=Q(share_percent__isnull=True) | Q(kind="co_creation"),
                name="pool_share_only_on_co_creation",
                violation_error_message=_("Only the co-creation pool has a share of §18."),
            ),
            models.CheckConstraint(
                condition=Q(section_18_total__isnull=True) | Q(kind="s18"),
                name="pool_section_18_total_only_on_s18",
                violation_error_message=_("Only the §18 pool has the whole §18 amount."),
            ),
            models.CheckConstraint(
                condition=Q(decision_authority="") | ~Q(decision_authority_name=""),
                name="pool_decision_authority_named",
                violation_error_message=_("Name the committee or unit that decides."),
            ),
            models.CheckConstraint(
                condition=Q(appeal_body="") | (~Q(appeal_how="") & ~Q(appeal_deadline="")),
                name="pool_appeal_body_how_and_deadline",
                violation_error_message=_(
                    "An appeal body needs the way to complain and the deadline."
                ),
            ),
            models.CheckConstraint(
                condition=Q(audit_limit__isnull=True)
                | Q(audit_limit__gte=models.F("declaration_limit")),
                name="pool_audit_limit_above_declaration_limit",
                violation_error_message=_(
                    "The auditor limit must not be below the declaration limit."
                ),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("puljer:year", args=[self.year])

    def authority_text(self):
        """Who decides on the applications, for the public pages; empty when no document says."""
        name, role = self.decision_authority_name, self.decision_authority_role
        if self.decision_authority == self.Authority.COMMITTEE:
            return _("%(committee)s decides on the applications.") % {"committee": name}
        if self.decision_authority == self.Authority.ADMINISTRATION and role:
            return _("The %(role)s in %(unit)s decides on the applications under delegation.") % {
                "role": role,
                "unit": name,
            }
        if self.decision_authority == self.Authority.ADMINISTRATION:
            return _("%(unit)s decides on the applications under delegation.") % {"unit": name}
        return ""

    def rules(self):
        """The rules that are set, as (text, source) for the public pages."""
        texts = {
            "requires_annual_accounts": self.requires_annual_accounts
            and _("The application must include the association's last annual accounts."),
            "forbids_double_funding": self.forbids_double_funding
            and _("The same activity cannot receive both §18 and §79 money in the same year."),
            "declaration_limit": self.declaration_limit is not None
            and _(
                "For a grant up to %(amount)s the report needs only a signed declaration; "
                "above it, accounts for the grant."
            )
            % {"amount": kroner(self.declaration_limit)},
            "audit_limit": self.audit_limit is not None
            and _("For a grant above %(amount)s the accounts must be approved by an auditor.")
            % {"amount": kroner(self.audit_limit)},
            "report_months": self.report_months
            and ngettext(
                "The report is due %(months)d month after the period ends.",
                "The report is due %(months)d months after the period ends.",
                self.report_months,
            )
            % {"months": self.report_months},
            "requires_repayment": self.requires_repayment and _("Unspent money must be paid back."),
        }
        return [(text, self.rule_sources.get(name, "")) for name, text in texts.items() if text]


class Round(models.Model):
    """An application round. Dates are Copenhagen calendar days, both included."""

    pool = models.ForeignKey(
        Pool, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("pool")
    )
    title = models.CharField(_("title"), max_length=150)
    opens_on = models.DateField(_("opens on"))
    deadline = models.DateField(
        _("deadline"), help_text=_("Applications are accepted until 23:59 on this day.")
    )
    decision_expected_on = models.DateField(_("decision expected on"), null=True, blank=True)

    class Meta:
        ordering = ["-deadline"]
        verbose_name = _("round")
        verbose_name_plural = _("rounds")
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=models.F("opens_on")),
                name="round_deadline_after_opening",
                violation_error_message=_("The deadline must not be before the opening day."),
            ),
            models.CheckConstraint(
                condition=Q(decision_expected_on__isnull=True)
                | Q(decision_expected_on__gte=models.F("deadline")),
                name="round_decision_after_deadline",
                violation_error_message=_("The decision cannot be expected before the deadline."),
            ),
        ]

    def __str__(self):
        return f"{self.pool} – {self.title}"

    @property
    def closes_at(self):
        """The first moment after the deadline day: midnight, whatever the DST offset."""
        return timewindow.end_of_day(self.deadline)

    def is_open(self, now=None):
        return timewindow.window_open(
            timewindow.start_of_day(self.opens_on), self.closes_at, now=now
        )


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    UNDER_REVIEW = "under_review", _("Under review")
    GRANTED = "granted", _("Granted")
    PARTIALLY_GRANTED = "partially_granted", _("Partially granted")
    DECLINED = "declined", _("Declined")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    REPORT_DUE = "report_due", _("Report due")
    REPORTED = "reported", _("Reported")
    REPORT_APPROVED = "report_approved", _("Report approved")


# Statuses in which granted money counts against the pool.
GRANTED_STATUSES = [
    Status.GRANTED,
    Status.PARTIALLY_GRANTED,
    Status.REPORT_DUE,
    Status.REPORTED,
    Status.REPORT_APPROVED,
]
OPEN_STATUSES = [Status.SUBMITTED, Status.UNDER_REVIEW]


class Application(models.Model):
    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="applications", verbose_name=_("round")
    )
    association = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        related_name="applications",
        verbose_name=_("association"),
    )
    reference = models.CharField(_("reference number"), max_length=30, blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status, default=Status.DRAFT, db_index=True
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("created by"),
    )
    activity = models.ForeignKey(
        Activity,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("activity in the directory"),
    )
    title = models.CharField(_("title of the activity"), max_length=150)
    purpose = models.TextField(_("purpose and content"), blank=True)
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="applications", verbose_name=_("target groups")
    )
    focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="applications", verbose_name=_("focus areas")
    )
    expected_participants = models.PositiveIntegerField(
        _("expected participants"), null=True, blank=True
    )
    expected_volunteers = models.PositiveIntegerField(
        _("expected volunteers"), null=True, blank=True
    )
    period_start = models.DateField(_("period from"), null=True, blank=True)
    period_end = models.DateField(_("period to"), null=True, blank=True)
    co_creation_description = models.TextField(_("co-creation with the municipality"), blank=True)
    open_to_over_65_confirmed = models.BooleanField(
        _("the activity is open and for citizens over 65"), default=False
    )
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_email = models.EmailField(_("contact e-mail"), blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    amount_applied = models.PositiveIntegerField(_("amount applied for (kr.)"), default=0)
    recommended_amount = models.PositiveIntegerField(
        _("recommended amount (kr.)"), null=True, blank=True
    )
    recommendation_reason = models.TextField(
        _("reason for the recommendation"),
        blank=True,
        help_text=_("Goes to the committee with the recommendation list."),
    )
    internal_note = models.TextField(_("internal note"), blank=True)
    committee_decision = models.ForeignKey(
        "CommitteeDecision",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="applications",
        verbose_name=_("committee decision"),
    )
    amount_granted = models.PositiveIntegerField(_("amount granted (kr.)"), null=True, blank=True)
    decision_reason = models.TextField(_("reason for the decision"), blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    report_due_on = models.DateField(_("report due on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("application")
        verbose_name_plural = _("applications")
        constraints = [
            models.UniqueConstraint(
                fields=["reference"], condition=~Q(reference=""), name="application_reference"
            ),
            models.CheckConstraint(
                condition=Q(amount_granted__isnull=True)
                | Q(amount_granted__lte=models.F("amount_applied")),
                name="application_granted_at_most_applied",
                violation_error_message=_("The grant cannot exceed the amount applied for."),
            ),
            models.CheckConstraint(
                condition=Q(period_start__isnull=True)
                | Q(period_end__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="application_period_ordered",
                violation_error_message=_("The period must end after it starts."),
            ),
            models.CheckConstraint(
                condition=Q(status__in=[Status.DRAFT]) | ~Q(reference=""),
                name="application_submitted_has_reference",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=GRANTED_STATUSES) | Q(amount_granted__gt=0),
                name="application_granted_has_amount",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[Status.PARTIALLY_GRANTED, Status.DECLINED])
                | ~Q(decision_reason=""),
                name="application_partial_or_decline_has_reason",
            ),
        ]

    def __str__(self):
        return self.reference or f"{self.title} ({self.get_status_display()})"


class BudgetLine(models.Model):
    class Kind(models.TextChoices):
        EXPENSE = "expense", _("Expense")
        OWN_FUNDING = "own", _("Own funding")
        OTHER_SOUGHT = "other_sought", _("Other funding applied for")
        OTHER_GRANTED = "other_granted", _("Other funding granted")

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines"
    )
    kind = models.CharField(_("kind"), max_length=15, choices=Kind)
    description = models.CharField(_("description"), max_length=200)
    amount = models.PositiveIntegerField(_("amount (kr.)"))

    class Meta:
        ordering = ["application", "kind", "pk"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")

    def __str__(self):
        return self.description


class Attachment(models.Model):
    class Kind(models.TextChoices):
        ACCOUNTS = "accounts", _("Last annual accounts")
        BUDGET = "budget", _("Budget")
        REPORT_ACCOUNTS = "report_accounts", _("Accounts for the grant")
        OTHER = "other", _("Other")

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=16, choices=Kind)
    file = models.FileField(
        _("file (PDF, DOCX or XLSX)"),
        upload_to=GeneratedName("ansoegninger"),
        validators=[DocumentValidator(allowed=(PDF, DOCX, XLSX))],
    )
    original_name = models.CharField(_("file name"), max_length=200)
    uploaded_at = models.DateTimeField(_("uploaded"), auto_now_add=True)

    class Meta:
        ordering = ["uploaded_at"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


class Report(models.Model):
    """How the money was used; what it must contain depends on the grant (see the pool)."""

    application = models.OneToOneField(Application, on_delete=models.CASCADE, related_name="report")
    amount_spent = models.PositiveIntegerField(_("amount spent (kr.)"))
    participants_reached = models.PositiveIntegerField(_("participants reached"))
    volunteers = models.PositiveIntegerField(_("volunteers"))
    account = models.TextField(_("short account of the activity"))
    declaration = models.BooleanField(
        _("we declare that the grant was used as described"), default=False
    )
    audited = models.BooleanField(_("the accounts are approved by an auditor"), default=False)
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True)
    consultant_note = models.TextField(_("the consultant's note"), blank=True)

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")

    def __str__(self):
        return str(self.application)

    @property
    def unspent(self):
        return max((self.application.amount_granted or 0) - self.amount_spent, 0)


class ApplicationEvent(LogEntry):
    """One entry of an application's timeline: who, when, what and why."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("action"), max_length=30)
    from_status = models.CharField(_("from"), max_length=20, choices=Status, blank=True)
    to_status = models.CharField(_("to"), max_length=20, choices=Status, blank=True)
    internal = models.BooleanField(
        _("internal"),
        default=False,
        help_text=_("Internal notes are not shown to the association."),
    )

    class Meta(LogEntry.Meta):
        ordering = ["created_at", "pk"]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline")

    def __str__(self):
        # The admin shows each entry by this: the words, never the action's code.
        from puljer.workflow import action_label  # workflow imports the models

        return str(action_label(self.action))


class CommitteeDecision(models.Model):
    """A committee's decision on a round's recommendation list, recorded by the consultant."""

    round = models.ForeignKey(
        Round, on_delete=models.PROTECT, related_name="committee_decisions", verbose_name=_("round")
    )
    committee = models.CharField(_("committee"), max_length=150)
    meeting_on = models.DateField(_("meeting date"))
    agenda_item = models.CharField(_("agenda item"), max_length=50)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    recorded_at = models.DateTimeField(_("recorded"), auto_now_add=True)

    class Meta:
        ordering = ["-meeting_on"]
        verbose_name = _("committee decision")
        verbose_name_plural = _("committee decisions")

    def __str__(self):
        return f"{self.committee} {self.meeting_on:%d.%m.%Y}, {self.agenda_item}"


class Hearing(models.Model):
    """Partshøring (forvaltningsloven § 19): information the association did not give, sent to
    it with a deadline before a decline or a cut may be decided on it."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="hearings")
    information = models.TextField(_("the information"))
    answer_by = models.DateField(_("answer by"))
    sent_at = models.DateTimeField(_("sent"), auto_now_add=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("sent by"),
    )
    answer = models.TextField(_("the association's answer"), blank=True)
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        ordering = ["sent_at"]
        verbose_name = _("hearing")
        verbose_name_plural = _("hearings")

    def __str__(self):
        return f"{self.application} – {self.answer_by:%d.%m.%Y}"

    def is_open(self, today):
        return self.answered_at is None and today <= self.answer_by
