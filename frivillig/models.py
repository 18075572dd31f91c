import datetime

from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class UserManager(BaseUserManager):
    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def get_by_natural_key(self, email):
        # Addresses are stored in lower case; people type them in any case.
        return self.get(email__iexact=email)

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person who logs in with an e-mail address: an association member or municipal staff."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)

    USERNAME_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [models.UniqueConstraint(Lower("email"), name="user_email_ci_unique")]

    def __str__(self):
        return self.get_full_name() or self.email


class LogEntry(models.Model):
    """Who did what to an object, when and why. Only services write entries; the admin shows
    them read-only, so together they are the audit trail of the consultant's decisions."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("by"),
    )
    note = models.TextField(_("note"), blank=True)
    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        abstract = True
        ordering = ["-created_at", "-pk"]
        verbose_name = _("log entry")
        verbose_name_plural = _("log")


class Municipality(models.Model):
    """The one municipality a deployment serves; loaded from its data file, edited in the admin."""

    name = models.CharField(_("name"), max_length=100)
    department = models.CharField(_("department"), max_length=150, blank=True)
    address = models.CharField(_("address"), max_length=150, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    phone_hours = models.TextField(_("telephone hours"), blank=True)
    require_two_factor = models.BooleanField(
        _("require two-factor login for staff"),
        default=False,
        help_text=_(
            "When on, the consultant and other staff must confirm each login to the "
            "administration with a code from an authenticator app."
        ),
    )
    accessibility_statement_url = models.URLField(
        _("accessibility statement (was.digst.dk)"), blank=True
    )
    group_name = models.CharField(
        _("name of the follow-up group"),
        max_length=100,
        help_text=_("For example “Frivillig Social Følgegruppe” or “Frivillighedsrådet”."),
    )
    group_description = models.TextField(_("about the follow-up group"))
    focus_area_label = models.CharField(
        _("word for a focus area"), max_length=50, help_text=_("For example “indsatsområde”.")
    )
    focus_area_label_plural = models.CharField(_("word for focus areas"), max_length=50)
    strategy_title = models.CharField(_("strategy title"), max_length=200)
    strategy_summary = models.TextField(_("strategy summary"))
    strategy_adopted = models.DateField(_("strategy adopted on"), null=True, blank=True)
    strategy_start_year = models.PositiveSmallIntegerField(
        _("strategy from year"), null=True, blank=True
    )
    strategy_end_year = models.PositiveSmallIntegerField(
        _("strategy to year"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("municipality")
        verbose_name_plural = _("municipality")
        constraints = [
            # A deployment serves exactly one municipality.
            models.CheckConstraint(condition=models.Q(id=1), name="municipality_singleton"),
            models.CheckConstraint(
                condition=models.Q(strategy_end_year__isnull=True)
                | models.Q(strategy_start_year__isnull=True)
                | models.Q(strategy_end_year__gte=models.F("strategy_start_year")),
                name="municipality_strategy_years_ordered",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)


class FocusArea(models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=150)
    goal = models.TextField(_("goal"))
    quote = models.TextField(_("quote"), blank=True)
    quote_source = models.CharField(_("source of the quote"), max_length=200, blank=True)
    text = models.TextField(_("text"))

    class Meta:
        ordering = ["number"]
        verbose_name = _("focus area")
        verbose_name_plural = _("focus areas")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(number__gte=1), name="focus_area_number_gte_1"
            )
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"

    def get_absolute_url(self):
        return reverse("focus_area", args=[self.slug])


class ExampleInitiative(models.Model):
    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.CASCADE, related_name="examples", verbose_name=_("focus area")
    )
    text = models.TextField(_("text"))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["focus_area", "order"]
        verbose_name = _("example initiative")
        verbose_name_plural = _("example initiatives")
        constraints = [
            models.UniqueConstraint(fields=["focus_area", "order"], name="example_order_unique")
        ]

    def __str__(self):
        return self.text


class Region(models.Model):
    """An area of the municipality (egn) with its own values."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    values = models.TextField(_("values"), blank=True, help_text=_("One value per line."))
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name

    @property
    def value_list(self):
        return [line.strip() for line in self.values.splitlines() if line.strip()]


class TargetGroup(models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self):
        return self.name


class Page(models.Model):
    """An editable content page: the strategy, the rules of play, about the portal."""

    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    body = models.TextField(
        _("body"),
        help_text=_(
            "Blank line between paragraphs; a line starting with “## ” is a sub-heading; "
            "lines starting with “- ” form a list."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["order", "title"]
        verbose_name = _("page")
        verbose_name_plural = _("pages")

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("page", args=[self.slug])


class RateLimitHit(models.Model):
    """One use of a rate-limited public form; the key is a salted hash, never an address."""

    scope = models.CharField(max_length=50)
    key = models.CharField(max_length=64)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "created_at"])]

    def __str__(self):
        return f"{self.scope} {self.created_at:%Y-%m-%d %H:%M}"


class Event(models.Model):
    """A public event in the calendar: the New Year reception, the fair, meetings in the regions."""

    class Kind(models.TextChoices):
        NYTAARSKUR = "nytaarskur", _("New Year reception")
        FAIR = "fair", _("Volunteer fair")
        VOLUNTEER_DAY = "volunteer_day", _("Volunteer day")
        REGIONAL_MEETING = "regional_meeting", _("Regional meeting")
        OTHER = "other", _("Other event")

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=200, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200)
    description = models.TextField(
        _("description"), blank=True, help_text=_("Blank line between paragraphs.")
    )
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="events",
        verbose_name=_("region"),
        help_text=_("Leave empty for events for the whole municipality."),
    )
    registration_open = models.BooleanField(_("registration open"), default=False)
    capacity = models.PositiveIntegerField(
        _("capacity"), null=True, blank=True, help_text=_("Leave empty for no limit.")
    )
    registration_deadline = models.DateTimeField(_("registration deadline"), null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "title"]
        verbose_name = _("event")
        verbose_name_plural = _("events")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="event_ends_after_start",
                violation_error_message=_("An event must end after it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(capacity__isnull=True) | models.Q(capacity__gte=1),
                name="event_capacity_gte_1",
                violation_error_message=_(
                    "The capacity must be at least 1, or empty for no limit."
                ),
            ),
        ]
        indexes = [models.Index(fields=["starts_at"], name="event_starts_at_idx")]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("event_detail", args=[self.slug])

    @property
    def registration_is_open(self):
        """Sign-up is switched on and neither its deadline nor the event's start has passed."""
        now = timezone.now()
        closes = self.registration_deadline or self.starts_at
        return self.registration_open and now <= min(closes, self.starts_at)


# An action plan runs one to two years; a day more lets a two-year period end on the
# anniversary of its start, leap day included.
ACTION_PLAN_MAX_DAYS = 2 * 366


class ActionPlan(models.Model):
    """The consultant's plan for a focus area over one to two years, written with the group."""

    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.PROTECT,
        related_name="action_plans",
        verbose_name=_("focus area"),
    )
    title = models.CharField(_("title"), max_length=200)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("to"))
    summary = models.TextField(_("summary"), blank=True)
    value_citizens = models.TextField(_("value for citizens"), blank=True)
    value_volunteers = models.TextField(_("value for volunteers"), blank=True)
    value_associations = models.TextField(_("value for associations"), blank=True)
    value_municipality = models.TextField(_("value for the municipality"), blank=True)
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Only published plans are shown publicly.")
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    class Meta:
        ordering = ["focus_area", "-starts_on"]
        verbose_name = _("action plan")
        verbose_name_plural = _("action plans")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gt=models.F("starts_on")),
                name="action_plan_ends_after_start",
                violation_error_message=_("The plan must end after it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(
                    ends_on__lte=models.ExpressionWrapper(
                        models.F("starts_on") + datetime.timedelta(days=ACTION_PLAN_MAX_DAYS),
                        output_field=models.DateField(),
                    )
                ),
                name="action_plan_at_most_two_years",
                violation_error_message=_("An action plan covers at most two years."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("action_plan", args=[self.focus_area.slug, self.pk])


class ActionPlanGoal(models.Model):
    plan = models.ForeignKey(
        ActionPlan, on_delete=models.CASCADE, related_name="goals", verbose_name=_("action plan")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=1)
    text = models.TextField(_("goal"))
    success_criteria = models.TextField(_("success criteria"))

    class Meta:
        ordering = ["plan", "order"]
        verbose_name = _("goal")
        verbose_name_plural = _("goals")
        constraints = [
            models.UniqueConstraint(
                fields=["plan", "order"],
                name="action_plan_goal_order_unique",
                violation_error_message=_("Two goals of a plan cannot have the same number."),
            )
        ]

    def __str__(self):
        return f"{self.order}. {self.text}"


class GoalStatusUpdate(models.Model):
    """Where a goal stood on a date; the updates of a goal are its status over time."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("Not started")
        IN_PROGRESS = "in_progress", _("In progress")
        ACHIEVED = "achieved", _("Achieved")
        DROPPED = "dropped", _("Dropped")

    goal = models.ForeignKey(
        ActionPlanGoal,
        on_delete=models.CASCADE,
        related_name="status_updates",
        verbose_name=_("goal"),
    )
    date = models.DateField(_("date"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["goal", "-date"]
        verbose_name = _("status update")
        verbose_name_plural = _("status updates")
        constraints = [
            models.UniqueConstraint(
                fields=["goal", "date"],
                name="goal_status_one_per_day",
                violation_error_message=_("The goal already has a status on this date."),
            )
        ]

    def __str__(self):
        return f"{self.date}: {self.get_status_display()}"


class AwardCategory(models.Model):
    """A yearly award, e.g. “Årets Ildsjæl”; loaded from the data file, edited in the admin."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    description = models.TextField(_("description"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    focus_area = models.ForeignKey(
        FocusArea,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="award_categories",
        verbose_name=_("focus area"),
        help_text=_("The focus area whose page links to the awards."),
    )
    is_open = models.BooleanField(
        _("open for nominations"),
        default=True,
        help_text=_("A closed category takes no nominations; its past winners are still shown."),
    )

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("award category")
        verbose_name_plural = _("award categories")

    def __str__(self):
        return self.name


class Nomination(models.Model):
    """A nomination for an award. The reason and the nominator are seen only by the consultant."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SHORTLISTED = "shortlisted", _("Shortlisted")
        DECLINED = "declined", _("Declined")

    category = models.ForeignKey(
        AwardCategory,
        on_delete=models.PROTECT,
        related_name="nominations",
        verbose_name=_("award"),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    nominee_name = models.CharField(_("nominee"), max_length=150)
    nominee_association = models.CharField(
        _("the nominee's association"), max_length=200, blank=True
    )
    reason = models.TextField(_("reason"))
    nominator_name = models.CharField(_("nominated by"), max_length=150)
    nominator_email = models.EmailField(_("nominator's e-mail address"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    is_winner = models.BooleanField(_("winner"), default=False)
    citation = models.TextField(
        _("public citation"),
        blank=True,
        help_text=_("Why the winner got the award, shown on the public page of winners."),
    )
    decided_by = models.ForeignKey(
        "User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    created_at = models.DateTimeField(_("received"), auto_now_add=True)

    class Meta:
        ordering = ["-year", "category", "-created_at"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["category", "year"],
                condition=models.Q(is_winner=True),
                name="nomination_one_winner_per_award_and_year",
                violation_error_message=_("The award already has a winner that year."),
            ),
            models.CheckConstraint(
                condition=models.Q(is_winner=False) | models.Q(status="shortlisted"),
                name="nomination_winner_is_shortlisted",
                violation_error_message=_("A winner must be on the shortlist."),
            ),
            models.CheckConstraint(
                condition=models.Q(year__gte=1900),
                name="nomination_year_plausible",
                violation_error_message=_("Give the year as four digits."),
            ),
        ]
        indexes = [models.Index(fields=["is_winner", "year"], name="nomination_winner_year_idx")]

    def __str__(self):
        return f"{self.nominee_name} ({self.category}, {self.year})"
