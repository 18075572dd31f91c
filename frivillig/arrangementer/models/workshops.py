"""Workshops that collect input: their questions, the answers given and the consultant's tags.

The tables keep the names they had in the core app."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from frivillig.arrangementer.models.events import Event
from frivillig.models.translated import Localized, english


class WorkshopQuestion(Localized, models.Model):
    """One of the working questions a workshop asks its participants."""

    event = models.ForeignKey(
        Event, on_delete=models.CASCADE, related_name="questions", verbose_name=_("event")
    )
    text = models.TextField(_("question"))
    text_en = english(text)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        db_table = "frivillig_workshopquestion"
        ordering = ["event", "order", "pk"]
        verbose_name = _("workshop question")
        verbose_name_plural = _("workshop questions")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(text=""),
                name="workshop_question_not_empty",
                violation_error_message=_("Write the question."),
            ),
        ]

    def __str__(self):
        return self.text


class WorkshopTag(models.Model):
    """The consultant's label for sorting the input, e.g. a theme of the policy."""

    name = models.CharField(_("name"), max_length=100, unique=True)

    class Meta:
        db_table = "frivillig_workshoptag"
        ordering = ["name"]
        verbose_name = _("workshop tag")
        verbose_name_plural = _("workshop tags")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name=""), name="workshop_tag_name_not_empty"
            ),
        ]

    def __str__(self):
        return self.name


class WorkshopResponse(models.Model):
    """What one participant sent in for a workshop; personal data, deleted after two years."""

    # Protected: input is deleted by the retention rule or on purpose, never with its event.
    event = models.ForeignKey(
        Event, on_delete=models.PROTECT, related_name="responses", verbose_name=_("event")
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("e-mail address"))
    organisation = models.CharField(_("organisation or association"), max_length=200, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="workshop_responses",
        verbose_name=_("user"),
    )
    # The form's consent, kept with the answers: they may be used only when it was given.
    consented_at = models.DateTimeField(_("consent given"))
    created_at = models.DateTimeField(_("received"), auto_now_add=True)
    tags = models.ManyToManyField(
        WorkshopTag,
        blank=True,
        related_name="responses",
        verbose_name=_("tags"),
        db_table="frivillig_workshopresponse_tags",
    )

    class Meta:
        db_table = "frivillig_workshopresponse"
        ordering = ["-created_at", "-pk"]
        verbose_name = _("workshop response")
        verbose_name_plural = _("workshop responses")
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(name="") & ~models.Q(email=""),
                name="workshop_response_has_name_and_email",
            ),
        ]
        indexes = [models.Index(fields=["created_at"], name="workshop_response_created_idx")]

    def __str__(self):
        return f"{self.name} – {self.event}"


class WorkshopAnswer(models.Model):
    response = models.ForeignKey(
        WorkshopResponse,
        on_delete=models.CASCADE,
        related_name="answers",
        verbose_name=_("response"),
    )
    # Protected: a question that has been answered cannot silently take its answers with it.
    question = models.ForeignKey(
        WorkshopQuestion,
        on_delete=models.PROTECT,
        related_name="answers",
        verbose_name=_("question"),
    )
    text = models.TextField(_("answer"))

    class Meta:
        db_table = "frivillig_workshopanswer"
        ordering = ["question__order", "question__pk"]
        verbose_name = _("workshop answer")
        verbose_name_plural = _("workshop answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="workshop_answer_once_per_question"
            ),
            models.CheckConstraint(condition=~models.Q(text=""), name="workshop_answer_not_empty"),
        ]

    def __str__(self):
        return str(self.question)
