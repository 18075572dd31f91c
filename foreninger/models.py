import uuid

from django.conf import settings
from django.contrib.postgres.indexes import GinIndex
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.validators import RegexValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from foreninger.validators import validate_cvr
from frivillig.models import FocusArea, LogEntry, Region, TargetGroup, Weekday
from frivillig.uploads import DocumentValidator, GeneratedName

postcode_validator = RegexValidator(r"^\d{4}$", _("Enter a Danish postcode of four digits."))


def danish_search_vector(*weighted_fields):
    """A tsvector over the fields with the Danish stemmer, stored by PostgreSQL itself."""
    vector = None
    for field, weight in weighted_fields:
        part = SearchVector(field, weight=weight, config="danish")
        vector = part if vector is None else vector + part
    return vector


class Association(models.Model):
    class Kind(models.TextChoices):
        ASSOCIATION = "association", _("Association")
        SELF_GOVERNING = "self_governing", _("Self-governing institution")
        GROUP = "group", _("Volunteer group")
        NETWORK = "network", _("Network")
        LOCAL_BRANCH = "local_branch", _("Local branch of a national organisation")
        OTHER = "other", _("Other")

    class Status(models.TextChoices):
        PENDING = "pending", _("Awaiting approval")
        APPROVED = "approved", _("Approved")
        INACTIVE = "inactive", _("Inactive")
        REJECTED = "rejected", _("Rejected")

    name = models.CharField(_("name"), max_length=150)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    cvr = models.CharField(
        _("CVR number"),
        max_length=8,
        blank=True,
        validators=[validate_cvr],
        help_text=_("Optional. Eight digits."),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind, default=Kind.ASSOCIATION)
    short_description = models.CharField(
        _("short description"),
        max_length=300,
        help_text=_("One or two sentences shown in the directory."),
    )
    description = models.TextField(_("description"), blank=True)
    street = models.CharField(_("street and number"), max_length=150, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=4, blank=True, validators=[postcode_validator]
    )
    town = models.CharField(_("town"), max_length=100, blank=True)
    website = models.URLField(_("website"), blank=True)
    phone = models.CharField(_("public phone"), max_length=30, blank=True)
    email = models.EmailField(
        _("contact e-mail"),
        help_text=_(
            "Messages from the contact form and the municipality go here. "
            "It is never shown on the website."
        ),
    )
    focus_areas = models.ManyToManyField(
        FocusArea, blank=True, related_name="associations", verbose_name=_("focus areas")
    )
    regions = models.ManyToManyField(
        Region, blank=True, related_name="associations", verbose_name=_("regions")
    )
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="associations", verbose_name=_("target groups")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.PENDING, db_index=True
    )
    rejection_reason = models.TextField(_("reason for rejection"), blank=True)
    agreement_date = models.DateField(_("cooperation agreement signed on"), null=True, blank=True)
    agreement_file = models.FileField(
        _("cooperation agreement (PDF or DOCX)"),
        upload_to=GeneratedName("samarbejdsaftaler"),
        validators=[DocumentValidator()],
        blank=True,
    )
    child_certificate_checked_on = models.DateField(
        _("child protection certificates last checked on"), null=True, blank=True
    )
    confirmed_on = models.DateField(_("details last confirmed on"))
    cvr_proven_on = models.DateField(
        _("CVR identity proven with MitID Erhverv on"),
        null=True,
        blank=True,
        help_text=_(
            "Set when a person with the privilege to act for the CVR number registered or "
            "joined the association. The consultant still approves what the portal requires."
        ),
    )
    cvr_ceased = models.BooleanField(
        _("ceased in the CVR register"),
        default=False,
        help_text=_("Set by the nightly check of the CVR register."),
    )
    cvr_checked_on = models.DateField(_("CVR register last checked on"), null=True, blank=True)
    reminded_on = models.DateField(_("last reminded to confirm on"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    # The open data's search. The directory searches `search_document`, a column that
    # PostgreSQL keeps with the activities' and target groups' words (migration 0013).
    search_vector = models.GeneratedField(
        expression=danish_search_vector(
            ("name", "A"), ("short_description", "B"), ("description", "C"), ("town", "D")
        ),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("association")
        verbose_name_plural = _("associations")
        indexes = [GinIndex(fields=["search_vector"], name="association_search_gin")]
        constraints = [
            models.UniqueConstraint(
                fields=["cvr"],
                condition=~models.Q(cvr=""),
                name="association_cvr_unique",
                violation_error_message=_(
                    "An association with this CVR number is already registered."
                ),
            ),
            models.CheckConstraint(
                condition=models.Q(cvr="") | models.Q(cvr__regex=r"^[0-9]{8}$"),
                name="association_cvr_eight_digits",
            ),
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(rejection_reason=""),
                name="association_rejection_has_reason",
                violation_error_message=_("Give a reason for the rejection."),
            ),
            models.CheckConstraint(
                condition=models.Q(postcode="") | models.Q(postcode__regex=r"^[0-9]{4}$"),
                name="association_postcode_four_digits",
            ),
            models.CheckConstraint(
                condition=models.Q(agreement_file="") | models.Q(agreement_date__isnull=False),
                name="association_agreement_file_has_date",
                violation_error_message=_("Enter the date the agreement was signed."),
            ),
        ]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("foreninger:detail", args=[self.slug])

    @property
    def is_public(self):
        return self.status == self.Status.APPROVED


class Activity(models.Model):
    class Recurrence(models.TextChoices):
        WEEKLY = "weekly", _("Every week")
        FORTNIGHTLY = "fortnightly", _("Every other week")
        MONTHLY = "monthly", _("Every month")

    Weekday = Weekday

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="activities",
        verbose_name=_("association"),
    )
    title = models.CharField(_("title"), max_length=150)
    description = models.TextField(_("description"))
    target_groups = models.ManyToManyField(
        TargetGroup, blank=True, related_name="activities", verbose_name=_("target groups")
    )
    involves_children_under_15 = models.BooleanField(
        _("involves children under 15"),
        default=False,
        help_text=_("Volunteers in activities with children under 15 need a børneattest."),
    )
    online = models.BooleanField(_("takes place online"), default=False)
    street = models.CharField(_("street and number"), max_length=150, blank=True)
    postcode = models.CharField(
        _("postcode"), max_length=4, blank=True, validators=[postcode_validator]
    )
    town = models.CharField(_("town"), max_length=100, blank=True)
    region = models.ForeignKey(
        Region,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="activities",
        verbose_name=_("region"),
    )
    when = models.CharField(
        _("when"), max_length=200, blank=True, help_text=_("For example “Tuesdays 14–16”.")
    )
    recurrence = models.CharField(_("repeats"), max_length=12, choices=Recurrence, blank=True)
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday, null=True, blank=True)
    starts_at = models.TimeField(_("from"), null=True, blank=True)
    ends_at = models.TimeField(_("to"), null=True, blank=True)
    contact_name = models.CharField(_("contact person"), max_length=100, blank=True)
    contact_phone = models.CharField(_("contact phone"), max_length=30, blank=True)
    wants_volunteers = models.BooleanField(_("looking for new volunteers"), default=False)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    search_vector = models.GeneratedField(
        expression=danish_search_vector(("title", "B"), ("description", "C")),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["association", "title"]
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        indexes = [
            GinIndex(fields=["search_vector"], name="activity_search_gin"),
            # The directory's two activity filters and card badges look up these few rows.
            models.Index(
                fields=["association"],
                condition=models.Q(involves_children_under_15=True),
                name="activity_children_idx",
            ),
            models.Index(
                fields=["association"],
                condition=models.Q(wants_volunteers=True),
                name="activity_volunteers_idx",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(online=True)
                | (~models.Q(street="") & models.Q(postcode__regex=r"^[0-9]{4}$")),
                name="activity_online_or_address",
            ),
            models.CheckConstraint(
                condition=models.Q(recurrence="") | models.Q(weekday__isnull=False),
                name="activity_recurrence_has_weekday",
            ),
            models.CheckConstraint(
                condition=models.Q(weekday__isnull=True) | models.Q(weekday__gte=0, weekday__lte=6),
                name="activity_weekday_range",
            ),
            models.CheckConstraint(
                condition=models.Q(starts_at__isnull=True)
                | models.Q(ends_at__isnull=True)
                | models.Q(ends_at__gt=models.F("starts_at")),
                name="activity_ends_after_start",
            ),
        ]

    def __str__(self):
        return self.title


class Membership(models.Model):
    """A user who may act for an association."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("user"),
    )
    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("association"),
    )
    created_at = models.DateTimeField(_("member since"), auto_now_add=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "association"], name="membership_user_association_unique"
            )
        ]

    def __str__(self):
        return f"{self.user} – {self.association}"


class Invitation(models.Model):
    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="invitations",
        verbose_name=_("association"),
    )
    email = models.EmailField(_("e-mail address"))
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(expires_at__gt=models.F("created_at")),
                name="invitation_expires_after_creation",
            ),
            models.CheckConstraint(
                condition=models.Q(accepted_at__isnull=True) | models.Q(revoked_at__isnull=True),
                name="invitation_accepted_or_revoked_not_both",
            ),
        ]

    def __str__(self):
        return self.email


class AssociationLog(LogEntry):
    """What happened to an association, by whom and why; written only by the services."""

    class Action(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        UPDATED = "updated", _("Profile updated")
        APPROVED = "approved", _("Approved")
        APPROVED_OVERRIDE = "approved_override", _("Approved despite missing børneattest check")
        REJECTED = "rejected", _("Rejected")
        DEACTIVATED = "deactivated", _("Made inactive")
        CONFIRMED = "confirmed", _("Details confirmed")
        REMINDED = "reminded", _("Reminded to confirm details")
        MEMBER_INVITED = "member_invited", _("Member invited")
        MEMBER_JOINED = "member_joined", _("Member joined")
        MEMBER_REMOVED = "member_removed", _("Member removed")
        INVITATION_REVOKED = "invitation_revoked", _("Invitation revoked")
        ERROR_REPORTED = "error_reported", _("Error reported by a visitor")
        CVR_PROVEN = "cvr_proven", _("Identity proven with MitID Erhverv")
        JOIN_REQUESTED = "join_requested", _("Asked to join")
        JOIN_APPROVED = "join_approved", _("Request to join approved")
        JOIN_DECLINED = "join_declined", _("Request to join declined")
        CVR_CEASED = "cvr_ceased", _("Ceased in the CVR register")
        ANONYMISED = "anonymised", _("Personal data removed")

    association = models.ForeignKey(
        Association, on_delete=models.CASCADE, related_name="log", verbose_name=_("association")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action)

    def __str__(self):
        return self.get_action_display()


class JoinRequest(models.Model):
    """A person logged in with MitID Erhverv for the association's CVR number, without the
    privilege to act for it, asks to become a member; a member or the consultant decides."""

    association = models.ForeignKey(
        Association,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("association"),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="join_requests",
        verbose_name=_("user"),
    )
    created_at = models.DateTimeField(_("asked"), auto_now_add=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    approved = models.BooleanField(_("approved"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("request to join")
        verbose_name_plural = _("requests to join")
        constraints = [
            models.UniqueConstraint(
                fields=["association", "user"],
                condition=models.Q(decided_at__isnull=True),
                name="join_request_one_open_per_user",
                violation_error_message=_("You have already asked to join this association."),
            ),
            models.CheckConstraint(
                condition=models.Q(decided_at__isnull=True, approved__isnull=True)
                | models.Q(decided_at__isnull=False, approved__isnull=False),
                name="join_request_decided_has_answer",
            ),
        ]

    def __str__(self):
        return f"{self.user} – {self.association}"


SYNONYM_WORDS = r"^[^,[:space:]]+(, [^,[:space:]]+)+$"


class SearchSynonym(models.Model):
    """Words that the directory's search treats as one: a search for any of them finds all.

    An editorial aid for citizens who search by need ("ensom" also finds "alene"), kept by the
    municipality in the admin; foreninger.synonyms holds the default list a new site starts with.
    """

    words = models.CharField(
        _("words"),
        max_length=300,
        unique=True,
        help_text=_(
            "Two or more lowercase words that mean the same in a search, separated by commas, "
            "for example “ensom, ensomhed, alene”."
        ),
    )
    # The words as the search compares them: Danish stems, so "ensomme" finds this group too.
    stems = models.GeneratedField(
        expression=SearchVector("words", config="danish"),
        output_field=SearchVectorField(),
        db_persist=True,
    )

    class Meta:
        ordering = ["words"]
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(words__regex=SYNONYM_WORDS)
                & models.Q(words=models.functions.Lower("words")),
                name="search_synonym_words_listed",
                violation_error_message=_(
                    "Write two or more lowercase words separated by a comma and a space."
                ),
            ),
        ]

    def __str__(self):
        return self.words


class RegionPlace(models.Model):
    """A town in a region (egn), with its postcode where a source gives it, so that the
    directory's postcode-or-town box finds the region. The data file lists the places its
    documents name; the municipality adds more in the admin."""

    region = models.ForeignKey(
        Region, on_delete=models.CASCADE, related_name="places", verbose_name=_("region")
    )
    town = models.CharField(_("town"), max_length=100)
    postcode = models.CharField(
        _("postcode"), max_length=4, blank=True, validators=[postcode_validator]
    )

    class Meta:
        ordering = ["town"]
        verbose_name = _("place in a region")
        verbose_name_plural = _("places in regions")
        constraints = [
            # A town lies in one region: the box must not have to guess.
            models.UniqueConstraint(
                models.functions.Lower("town"),
                name="region_place_town_unique",
                violation_error_message=_("This town is already listed in a region."),
            ),
            models.CheckConstraint(
                condition=models.Q(postcode="") | models.Q(postcode__regex=r"^[0-9]{4}$"),
                name="region_place_postcode_four_digits",
                violation_error_message=_("Enter a Danish postcode of four digits."),
            ),
        ]

    def __str__(self):
        return f"{self.postcode} {self.town}" if self.postcode else self.town
