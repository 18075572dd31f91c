"""Elections at the New Year reception: candidates, ballots, who voted and the result.

Ballot secrecy: who voted (`VoterRecord`) and what was voted (`Ballot`, `BallotChoice`) live in
separate tables with nothing in common but the election. Ballots have random UUID keys and no
timestamp, and the voting service rewrites an election's ballots in a random order in every
vote, so neither key order, physical row order nor the inserting transaction (xmin) ties a
ballot to a voter. `folgegruppe.services.ballot_cast` says what remains.
"""

import uuid

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models.functions import Lower
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from foreninger.models import Association
from frivillig.arrangementer.models import Event
from frivillig.models import LogEntry


class Election(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        NOMINATING = "nominating", _("Open for nominations")
        VOTING = "voting", _("Voting")
        CLOSED = "closed", _("Closed and counted")
        PUBLISHED = "published", _("Result published")

    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    seats = models.PositiveSmallIntegerField(_("seats to fill"), validators=[MinValueValidator(1)])
    max_choices = models.PositiveSmallIntegerField(
        _("choices per ballot"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("How many candidates each association may vote for. Empty: as many as seats."),
    )
    term_start = models.DateField(_("term from"))
    term_end = models.DateField(_("term to"))
    nomination_deadline = models.DateTimeField(_("nomination deadline"))
    voting_opens_at = models.DateTimeField(_("voting opens"))
    voting_closes_at = models.DateTimeField(_("voting closes"))
    event = models.ForeignKey(
        Event,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="elections",
        verbose_name=_("held at event"),
    )
    status = models.CharField(
        _("status"), max_length=12, choices=Status, default=Status.DRAFT, editable=False
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-voting_opens_at"]
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        constraints = [
            models.CheckConstraint(condition=models.Q(seats__gte=1), name="election_seats_gte_1"),
            models.CheckConstraint(
                condition=models.Q(max_choices__isnull=True) | models.Q(max_choices__gte=1),
                name="election_max_choices_gte_1",
            ),
            models.CheckConstraint(
                condition=models.Q(term_end__gt=models.F("term_start")),
                name="election_term_ordered",
                violation_error_message=_("The term must end after it starts."),
            ),
            models.CheckConstraint(
                condition=models.Q(voting_opens_at__gte=models.F("nomination_deadline")),
                name="election_voting_after_nominations",
                violation_error_message=_("Voting cannot open before the nomination deadline."),
            ),
            models.CheckConstraint(
                condition=models.Q(voting_closes_at__gt=models.F("voting_opens_at")),
                name="election_voting_window_ordered",
                violation_error_message=_("Voting must close after it opens."),
            ),
        ]

    def __str__(self):
        return self.title

    def get_absolute_url(self):
        return reverse("folgegruppe:election", args=[self.pk])

    @property
    def choices_allowed(self):
        return self.max_choices or self.seats

    @property
    def is_public(self):
        return self.status != self.Status.DRAFT


class Candidate(models.Model):
    """A person nominated by an approved association; on the ballot only after consenting.

    Once nominations have closed, the name, address, presentation and associations stay as
    the voters saw them: the database trigger `candidate_frozen` refuses any change, except
    blanking by `folgegruppe.services.candidates_blank_for_anonymise`.
    """

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="candidates", verbose_name=_("election")
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(
        _("e-mail address"), help_text=_("The candidate confirms the candidacy from this address.")
    )
    association = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        related_name="candidacies",
        verbose_name=_("the candidate's association"),
    )
    nominated_by = models.ForeignKey(
        Association,
        on_delete=models.PROTECT,
        related_name="nominations_made",
        verbose_name=_("nominated by"),
    )
    nominated_by_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("nominated by user"),
    )
    presentation = models.TextField(_("presentation"), blank=True)
    token = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    nominated_at = models.DateTimeField(_("nominated"), auto_now_add=True)
    consented_at = models.DateTimeField(_("consented"), null=True, blank=True, editable=False)
    withdrawn_at = models.DateTimeField(_("withdrawn"), null=True, blank=True, editable=False)

    class Meta:
        ordering = ["election", "name", "pk"]
        verbose_name = _("candidate")
        verbose_name_plural = _("candidates")
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "election",
                name="candidate_email_unique_per_election",
                violation_error_message=_("This person is already nominated in this election."),
            )
        ]

    def __str__(self):
        return f"{self.name} ({self.association.name})"

    @property
    def on_ballot(self):
        return self.consented_at is not None and self.withdrawn_at is None


class VoterRecord(models.Model):
    """That an association has voted in an election; never which ballot is its."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="voters", verbose_name=_("election")
    )
    association = models.ForeignKey(
        Association, on_delete=models.PROTECT, related_name="+", verbose_name=_("association")
    )
    on_paper = models.BooleanField(_("voted on paper"), default=False)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("cast or recorded by"),
    )

    class Meta:
        ordering = ["association__name"]
        verbose_name = _("association that has voted")
        verbose_name_plural = _("associations that have voted")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "association"],
                name="one_ballot_per_association",
                violation_error_message=_("This association has already voted in this election."),
            )
        ]

    def __str__(self):
        return str(self.association)


class Ballot(models.Model):
    """One association's ballot, anonymous: a random key, no time, no reference to a voter."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="ballots")

    class Meta:
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")

    def __str__(self):
        return str(self.pk)


class BallotChoice(models.Model):
    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="choices")
    candidate = models.ForeignKey(Candidate, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["ballot", "candidate"], name="ballot_choice_candidate_once"
            )
        ]

    def __str__(self):
        return str(self.pk)


class ElectionResult(models.Model):
    """The count of a closed election, with what anyone needs to re-run its draw of lots."""

    election = models.OneToOneField(
        Election, on_delete=models.CASCADE, related_name="result", verbose_name=_("election")
    )
    counted_at = models.DateTimeField(_("counted"))
    ballots_cast = models.PositiveIntegerField(_("ballots cast"))
    blank_ballots = models.PositiveIntegerField(_("blank ballots"))
    eligible = models.PositiveIntegerField(
        _("associations entitled to vote"),
        help_text=_("The approved associations when voting closed."),
    )
    seed = models.BigIntegerField(
        _("seed of the draw"),
        validators=[MinValueValidator(0)],
        help_text=_("random.Random(seed).shuffle() over the tied candidates re-runs the draw."),
    )
    tied = models.JSONField(
        _("tied candidates"),
        default=list,
        help_text=_("The ids of the candidates tied for the last seats, in the order drawn from."),
    )
    drawn = models.JSONField(_("order drawn"), default=list)

    class Meta:
        verbose_name = _("election result")
        verbose_name_plural = _("election results")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(blank_ballots__lte=models.F("ballots_cast")),
                name="result_blank_within_cast",
            ),
            models.CheckConstraint(condition=models.Q(seed__gte=0), name="result_seed_gte_0"),
        ]

    def __str__(self):
        return str(self.election)

    @property
    def turnout_percent(self):
        return round(100 * self.ballots_cast / self.eligible) if self.eligible else None


class CandidateResult(models.Model):
    result = models.ForeignKey(
        ElectionResult, on_delete=models.CASCADE, related_name="lines", verbose_name=_("result")
    )
    candidate = models.OneToOneField(
        Candidate, on_delete=models.CASCADE, related_name="result", verbose_name=_("candidate")
    )
    votes = models.PositiveIntegerField(_("votes"))
    elected = models.BooleanField(_("elected"), default=False)
    by_lot = models.BooleanField(_("seat decided by lot"), default=False)

    class Meta:
        ordering = ["-elected", "-votes", "candidate__name"]
        verbose_name = _("votes for a candidate")
        verbose_name_plural = _("votes per candidate")

    def __str__(self):
        return str(self.candidate)


class ElectionLog(LogEntry):
    """What happened in an election, by whom; never a ballot or who cast it."""

    class Action(models.TextChoices):
        NOMINATIONS_OPENED = "nominations_opened", _("Nominations opened")
        NOMINATED = "nominated", _("Candidate nominated")
        CONSENTED = "consented", _("Candidate consented")
        WITHDRAWN = "withdrawn", _("Candidate withdrawn")
        CORRECTED = "corrected", _("Candidate's details corrected")
        VOTING_OPENED = "voting_opened", _("Voting opened")
        CLOSED = "closed", _("Voting closed and counted")
        PUBLISHED = "published", _("Result published")

    election = models.ForeignKey(
        Election, on_delete=models.CASCADE, related_name="log", verbose_name=_("election")
    )
    action = models.CharField(_("action"), max_length=20, choices=Action)

    def __str__(self):
        return self.get_action_display()
