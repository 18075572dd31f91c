"""The municipality and its own data: focus areas, regions, target groups, places, pages."""

from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from frivillig.models.translated import Localized, english


class DocumentKind(models.TextChoices):
    STRATEGY = "strategy", _("strategy")
    POLICY = "policy", _("policy")
    PLAN = "plan", _("plan")


# Where the Agency for Digital Government takes complaints about public websites'
# accessibility (digst.dk, "Oplever du ikke-tilgængeligt indhold?").
ACCESSIBILITY_COMPLAINTS_URL = (
    "https://digst.dk/digital-inklusion/webtilgaengelighed/oplever-du-ikke-tilgaengeligt-indhold/"
)


class Compliance(models.TextChoices):
    """How far a website meets EN 301 549, in the words of the standard statement."""

    FULL = "full", _("fully compliant")
    PARTIAL = "partial", _("partially compliant")
    NONE = "none", _("not compliant")


class Municipality(Localized, models.Model):
    """The one municipality a deployment serves; loaded from its data file, edited in the admin."""

    name = models.CharField(_("name"), max_length=100)
    department = models.CharField(_("department"), max_length=150, blank=True)
    department_en = english(department)
    address = models.CharField(_("address"), max_length=150, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    email = models.EmailField(_("contact e-mail"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    phone_hours = models.TextField(_("telephone hours"), blank=True)
    phone_hours_en = english(phone_hours)
    # Who the municipality is in open grant data (360Giving); empty where no document gives it.
    cvr = models.CharField(
        _("CVR number"),
        max_length=8,
        blank=True,
        validators=[RegexValidator(r"^[0-9]{8}$", _("A CVR number is eight digits."))],
        help_text=_("Identifies the municipality as the funder in the open grant data."),
    )
    threesixtygiving_prefix = models.CharField(
        _("360Giving prefix"),
        max_length=50,
        blank=True,
        validators=[RegexValidator(r"^[a-z0-9-]+$", _("Use lowercase letters, digits and -."))],
        help_text=_(
            "The prefix 360Giving gives a publisher of grant data, without “360G-”. Until "
            "there is one, the grant data use the municipality's name."
        ),
    )
    # On unless a superuser turns it off (frivillig.admin); staff without a code have no powers.
    require_two_factor = models.BooleanField(
        _("require two-factor login for staff"),
        default=True,
        help_text=_(
            "When on, the consultant and other staff must confirm each login with a code from "
            "an authenticator app before they can use the administration or any staff rights. "
            "Only a superuser can change this."
        ),
    )
    accessibility_statement_url = models.URLField(
        _("accessibility statement (was.digst.dk)"),
        blank=True,
        help_text=_("When given, /was/ leads there; otherwise the portal shows the statement."),
    )
    accessibility_compliance = models.CharField(
        _("compliance with EN 301 549"),
        max_length=10,
        choices=Compliance,
        blank=True,
        help_text=_("Empty until the municipality has evaluated the website."),
    )
    accessibility_method = models.TextField(_("how the website was evaluated"), blank=True)
    accessibility_method_en = english(accessibility_method)
    accessibility_evaluated_on = models.DateField(_("evaluated on"), null=True, blank=True)
    accessibility_complaint_url = models.URLField(
        _("where to complain about accessibility"),
        default=ACCESSIBILITY_COMPLAINTS_URL,
        help_text=_("The Agency for Digital Government's page for complaints."),
    )
    website = models.URLField(
        _("the municipality's website"),
        blank=True,
        help_text=_("A written contact when no e-mail address is given."),
    )
    dpo_name = models.CharField(_("data protection officer"), max_length=100, blank=True)
    dpo_email = models.EmailField(_("data protection officer's e-mail"), blank=True)
    dpo_phone = models.CharField(_("data protection officer's phone"), max_length=30, blank=True)
    processors = models.TextField(
        _("data processors"),
        blank=True,
        help_text=_("One per line: who, and what they do, for example hosting or sending e-mail."),
    )
    registry_legal_basis = models.CharField(
        _("legal basis of approving associations"),
        max_length=300,
        blank=True,
        help_text=_(
            "Named in the letter that rejects an association, for example “Serviceloven § 18”."
        ),
    )
    committee_name = models.CharField(
        _("political committee"),
        max_length=100,
        blank=True,
        help_text=_(
            "The committee of the city council responsible for the area, for example "
            "“Socialudvalget” or “Sundhedsudvalget”."
        ),
    )
    group_name = models.CharField(
        _("name of the follow-up group"),
        max_length=100,
        blank=True,
        help_text=_(
            "For example “Frivillig Social Følgegruppe” or “Frivillighedsrådet”. "
            "Leave empty when the municipality has no such group."
        ),
    )
    group_description = models.TextField(_("about the follow-up group"), blank=True)
    group_description_en = english(group_description)
    focus_area_label = models.CharField(
        _("word for a focus area"), max_length=50, help_text=_("For example “indsatsområde”.")
    )
    focus_area_label_en = english(focus_area_label)
    focus_area_label_plural = models.CharField(_("word for focus areas"), max_length=50)
    focus_area_label_plural_en = english(focus_area_label_plural)
    strategy_title = models.CharField(_("strategy title"), max_length=200)
    strategy_title_en = english(strategy_title)
    strategy_summary = models.TextField(_("strategy summary"))
    strategy_summary_en = english(strategy_summary)
    strategy_adopted = models.DateField(_("strategy adopted on"), null=True, blank=True)
    strategy_updated = models.DateField(_("strategy updated on"), null=True, blank=True)
    strategy_start_year = models.PositiveSmallIntegerField(
        _("strategy from year"), null=True, blank=True
    )
    strategy_end_year = models.PositiveSmallIntegerField(
        _("strategy to year"), null=True, blank=True
    )
    strategy_kind = models.CharField(
        _("kind of document"),
        max_length=10,
        choices=DocumentKind,
        default=DocumentKind.STRATEGY,
        help_text=_("What the municipality calls its document: a strategy, a policy or a plan."),
    )
    strategy_revision = models.TextField(
        _("about the coming revision"),
        blank=True,
        help_text=_("Shown on the front page once the strategy's last year has passed."),
    )
    strategy_revision_en = english(strategy_revision)

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
            models.CheckConstraint(
                condition=models.Q(cvr="") | models.Q(cvr__regex=r"^[0-9]{8}$"),
                name="municipality_cvr_eight_digits",
                violation_error_message=_("A CVR number is eight digits."),
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @property
    def document_definite(self):
        """“the strategy” or “the policy”, for sentences about the municipality's document."""
        if self.strategy_kind == DocumentKind.POLICY:
            return gettext("the policy")
        if self.strategy_kind == DocumentKind.PLAN:
            return gettext("the plan")
        return gettext("the strategy")

    def strategy_has_ended(self, year):
        return self.strategy_end_year is not None and self.strategy_end_year < year

    @property
    def group_title(self):
        """The group's own name, or a general word when the municipality has not named one."""
        return self.group_name or gettext("Follow-up group")


class FocusArea(Localized, models.Model):
    number = models.PositiveSmallIntegerField(_("number"), unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=150)
    title_en = english(title)
    goal = models.TextField(_("goal"))
    goal_en = english(goal)
    quote = models.TextField(_("quote"), blank=True)
    quote_en = english(quote)
    quote_source = models.CharField(_("source of the quote"), max_length=200, blank=True)
    text = models.TextField(_("text"), blank=True)
    text_en = english(text)

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


class ExampleInitiative(Localized, models.Model):
    focus_area = models.ForeignKey(
        FocusArea, on_delete=models.CASCADE, related_name="examples", verbose_name=_("focus area")
    )
    text = models.TextField(_("text"))
    text_en = english(text)
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


class Region(Localized, models.Model):
    """An area of the municipality (egn) with its own values."""

    name = models.CharField(_("name"), max_length=100, unique=True)
    slug = models.SlugField(_("slug"), unique=True)
    tagline = models.CharField(_("tagline"), max_length=200, blank=True)
    tagline_en = english(tagline)
    values = models.TextField(_("values"), blank=True, help_text=_("One value per line."))
    values_en = english(values)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("region")
        verbose_name_plural = _("regions")

    def __str__(self):
        return self.name

    @property
    def value_list(self):
        return [line.strip() for line in self.localized("values").splitlines() if line.strip()]


class TargetGroup(Localized, models.Model):
    name = models.CharField(_("name"), max_length=100, unique=True)
    name_en = english(name)
    slug = models.SlugField(_("slug"), unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("target group")
        verbose_name_plural = _("target groups")

    def __str__(self):
        return self.name


class Weekday(models.IntegerChoices):
    """Monday first, as Python's `date.weekday()` counts."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class MeetingPlace(Localized, models.Model):
    """A place where the volunteer centre or the consultant meets people (mødested)."""

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    address = models.CharField(_("address"), max_length=150, blank=True)
    postcode = models.CharField(_("postcode"), max_length=4, blank=True)
    town = models.CharField(_("town"), max_length=100, blank=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="meeting_places",
        verbose_name=_("region"),
    )
    description = models.TextField(
        _("description"), blank=True, help_text=_("Blank line between paragraphs.")
    )
    description_en = english(description)
    accessibility = models.TextField(
        _("access"),
        blank=True,
        help_text=_("Step-free access, toilets, parking, public transport."),
    )
    accessibility_en = english(accessibility)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("meeting place")
        verbose_name_plural = _("meeting places")

    def __str__(self):
        return self.name


class OpeningHours(Localized, models.Model):
    """A weekly opening of a meeting place, optionally only for a period (periodic opening)."""

    Weekday = Weekday

    place = models.ForeignKey(
        MeetingPlace,
        on_delete=models.CASCADE,
        related_name="opening_hours",
        verbose_name=_("meeting place"),
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))
    valid_from = models.DateField(
        _("from"), null=True, blank=True, help_text=_("Empty when it has always applied.")
    )
    valid_to = models.DateField(
        _("to"), null=True, blank=True, help_text=_("Empty until further notice.")
    )
    note = models.CharField(
        _("note"), max_length=200, blank=True, help_text=_("For example “in even weeks”.")
    )
    note_en = english(note)

    class Meta:
        ordering = ["place", "weekday", "opens"]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(weekday__gte=0, weekday__lte=6),
                name="opening_hours_weekday_range",
            ),
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")),
                name="opening_hours_close_after_open",
                violation_error_message=_("The place must close after it opens."),
            ),
            models.CheckConstraint(
                condition=models.Q(valid_from__isnull=True)
                | models.Q(valid_to__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="opening_hours_period_ordered",
                violation_error_message=_("The period must end on or after its first day."),
            ),
        ]

    def __str__(self):
        return f"{self.get_weekday_display()} {self.opens:%H.%M}–{self.closes:%H.%M}"


class Page(Localized, models.Model):
    """An editable content page: the strategy, the rules of play, about the portal."""

    slug = models.SlugField(_("slug"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    title_en = english(title)
    summary = models.CharField(_("summary"), max_length=300, blank=True)
    summary_en = english(summary)
    body = models.TextField(
        _("body"),
        help_text=_(
            "Blank line between paragraphs; a line starting with “## ” is a sub-heading; "
            "lines starting with “- ” form a list."
        ),
    )
    body_en = english(body)
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
