from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
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
