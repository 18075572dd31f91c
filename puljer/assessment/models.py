from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from puljer.models import Application, Pool, Round


class Criterion(models.Model):
    """What a pool's applications are assessed against. The text and its source are the
    municipality's documents; the scale and the weight are its own choice (the demo's are
    examples), and a criterion cannot be scored until both are set."""

    pool = models.ForeignKey(
        Pool, on_delete=models.CASCADE, related_name="assessment_criteria", verbose_name=_("pool")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    text = models.TextField(_("criterion"))
    source = models.CharField(
        _("source"),
        max_length=200,
        blank=True,
        help_text=_("The document and section the criterion comes from."),
    )
    scale_max = models.PositiveSmallIntegerField(
        _("highest score"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("Scores run from 0 to this number. Empty until the municipality decides."),
    )
    weight = models.PositiveSmallIntegerField(
        _("weight"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(100)],
        help_text=_("The average score is multiplied by this in the total."),
    )
    example = models.BooleanField(
        _("the scale and the weight are examples"),
        default=False,
        help_text=_("Demo data: not decided by the municipality."),
    )

    class Meta:
        ordering = ["pool", "number"]
        verbose_name = _("assessment criterion")
        verbose_name_plural = _("assessment criteria")
        constraints = [
            models.UniqueConstraint(
                fields=["pool", "number"],
                name="criterion_pool_number_unique",
                violation_error_message=_("The pool already has a criterion with this number."),
            ),
            models.CheckConstraint(
                condition=Q(scale_max__isnull=True) | Q(scale_max__gte=1),
                name="criterion_scale_positive",
            ),
            models.CheckConstraint(
                condition=Q(weight__isnull=True) | Q(weight__gte=1),
                name="criterion_weight_positive",
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.text}"


class ReasonBlock(models.Model):
    """A standard text the consultant can give as the reason for a recommendation."""

    pool = models.ForeignKey(
        Pool, on_delete=models.CASCADE, related_name="reason_blocks", verbose_name=_("pool")
    )
    title = models.CharField(_("title"), max_length=100)
    text = models.TextField(_("text"))
    source = models.CharField(_("source"), max_length=200, blank=True)
    example = models.BooleanField(_("example (demo data)"), default=False)

    class Meta:
        ordering = ["pool", "title"]
        verbose_name = _("reason text block")
        verbose_name_plural = _("reason text blocks")
        constraints = [
            models.UniqueConstraint(fields=["pool", "title"], name="reasonblock_pool_title_unique")
        ]

    def __str__(self):
        return self.title


class Panel(models.Model):
    """The round's assessment panel: the consultant and the assessors."""

    round = models.OneToOneField(
        Round, on_delete=models.CASCADE, related_name="panel", verbose_name=_("round")
    )
    deadline = models.DateField(
        _("assessment deadline"), help_text=_("The assessors are reminded before this day.")
    )
    confidentiality_text = models.TextField(
        _("confidentiality declaration"),
        blank=True,
        help_text=_(
            "The municipality's text, which an external assessor signs before seeing any "
            "application."
        ),
    )

    class Meta:
        verbose_name = _("assessment panel")
        verbose_name_plural = _("assessment panels")
        permissions = [("manage_panel", _("Can see the panel's workbench and recommend"))]

    def __str__(self):
        return str(self.round)


class PanelMember(models.Model):
    """An assessor on a panel: staff, or an external person such as a member of the follow-up
    group. An external assessor signs the confidentiality declaration before seeing anything,
    and their access ends when the round is decided."""

    panel = models.ForeignKey(
        Panel, on_delete=models.CASCADE, related_name="members", verbose_name=_("panel")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="panel_seats",
        verbose_name=_("assessor"),
    )
    external = models.BooleanField(_("external assessor"), default=False)
    assigned_at = models.DateTimeField(_("assigned"), auto_now_add=True)
    confidentiality_signed_at = models.DateTimeField(
        _("confidentiality declaration signed"), null=True, blank=True
    )
    reminded_on = models.DateField(_("reminded"), null=True, blank=True)
    access_ended_at = models.DateTimeField(_("access ended"), null=True, blank=True)

    class Meta:
        ordering = ["panel", "user__first_name", "user__email"]
        verbose_name = _("assessor")
        verbose_name_plural = _("assessors")
        permissions = [("assess", _("Can assess the applications of their panels"))]
        constraints = [
            models.UniqueConstraint(
                fields=["panel", "user"],
                name="panelmember_panel_user_unique",
                violation_error_message=_("The person is already on the panel."),
            )
        ]

    def __str__(self):
        return self.user.get_full_name() or self.user.email


class Declaration(models.Model):
    """An assessor's declaration on one application, made before seeing it: impartial, or not
    (forvaltningsloven § 3). A membership of the applying association that the portal knows of
    makes the assessor partial whatever they declare."""

    member = models.ForeignKey(
        PanelMember,
        on_delete=models.PROTECT,
        related_name="declarations",
        verbose_name=_("assessor"),
    )
    application = models.ForeignKey(
        Application,
        on_delete=models.CASCADE,
        related_name="declarations",
        verbose_name=_("application"),
    )
    impartial = models.BooleanField(_("impartial"))
    member_of_applicant = models.BooleanField(
        _("member of the applying association"),
        default=False,
        help_text=_("Found by the portal in the association's members."),
    )
    reason = models.TextField(_("the assessor's reason"), blank=True)
    declared_at = models.DateTimeField(_("declared"), auto_now_add=True)

    class Meta:
        ordering = ["application", "declared_at"]
        verbose_name = _("declaration of impartiality")
        verbose_name_plural = _("declarations of impartiality")
        constraints = [
            models.UniqueConstraint(
                fields=["member", "application"], name="declaration_member_application_unique"
            ),
            models.CheckConstraint(
                condition=~Q(impartial=True, member_of_applicant=True),
                name="declaration_member_is_not_impartial",
            ),
            models.CheckConstraint(
                condition=Q(impartial=True) | Q(member_of_applicant=True) | ~Q(reason=""),
                name="declaration_partial_has_reason",
                violation_error_message=_("Say why you are not impartial."),
            ),
        ]

    def __str__(self):
        return f"{self.member} – {self.application}"


class Score(models.Model):
    """An impartial assessor's score of one criterion, with their comment."""

    declaration = models.ForeignKey(
        Declaration, on_delete=models.CASCADE, related_name="scores", verbose_name=_("declaration")
    )
    criterion = models.ForeignKey(
        Criterion, on_delete=models.PROTECT, related_name="scores", verbose_name=_("criterion")
    )
    value = models.PositiveSmallIntegerField(_("score"))
    comment = models.TextField(_("comment"))
    scored_at = models.DateTimeField(_("scored"), auto_now=True)

    class Meta:
        ordering = ["declaration", "criterion__number"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [
            models.UniqueConstraint(
                fields=["declaration", "criterion"], name="score_declaration_criterion_unique"
            ),
            models.CheckConstraint(condition=~Q(comment=""), name="score_has_comment"),
        ]

    def __str__(self):
        return f"{self.criterion.number}: {self.value}"
