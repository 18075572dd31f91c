"""Writes for the follow-up group: elections, meetings and agenda proposals."""

import random
import secrets
import uuid

from auditlog.models import LogEntry as AuditEntry
from django.contrib.postgres.aggregates import ArrayAgg
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import CharField, Q, Value
from django.db.models.functions import Cast, Concat
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from folgegruppe.counting import tally
from folgegruppe.models import (
    AgendaProposal,
    Ballot,
    BallotChoice,
    Candidate,
    CandidateResult,
    Election,
    ElectionLog,
    ElectionResult,
    GroupSeat,
    Meeting,
    VoterRecord,
)
from foreninger.models import Association
from foreninger.selectors import approved_associations
from frivillig import timewindow
from frivillig.mail import absolute_url, send_templated
from frivillig.selectors import consultant_recipients, municipality_get

Status = Election.Status


class ElectionError(Exception):
    """A rule of the election was broken; the message is for the user, the code for code."""

    def __init__(self, message, code=""):
        super().__init__(message)
        self.code = code


class MeetingError(Exception):
    """A rule of the group's meetings was broken; the message is for the user."""


def _messages(error):
    return " ".join(error.messages)


# Elections

# The election's life, one step at a time; each step is a service below.
TRANSITIONS = {
    Status.DRAFT: {Status.NOMINATING},
    Status.NOMINATING: {Status.VOTING},
    Status.VOTING: {Status.CLOSED},
    Status.CLOSED: {Status.PUBLISHED},
}


def election_log(*, election, action, user=None, note=""):
    return ElectionLog.objects.create(election=election, action=action, user=user, note=note)


def _locked(election):
    return Election.objects.select_for_update().get(pk=election.pk)


def _transition(election, to):
    if to not in TRANSITIONS.get(election.status, set()):
        raise ElectionError(
            _("An election that is “%(status)s” cannot become “%(new)s”.")
            % {"status": election.get_status_display(), "new": Status(to).label}
        )
    election.status = to


def election_deletable(election):
    """Only a draft: once nominations have opened, the election and its ballots are records."""
    return election.status == Status.DRAFT


def nominations_open(election, now=None):
    return election.status == Status.NOMINATING and timewindow.window_open(
        None, election.nomination_deadline, now=now
    )


def voting_open(election, now=None):
    return election.status == Status.VOTING and timewindow.window_open(
        election.voting_opens_at, election.voting_closes_at, now=now
    )


@transaction.atomic
def election_open_nominations(*, election, user):
    election = _locked(election)
    _transition(election, Status.NOMINATING)
    if timewindow.has_passed(election.nomination_deadline):
        raise ElectionError(_("The nomination deadline has passed. Move it first."))
    election.save(update_fields=["status"])
    election_log(election=election, action=ElectionLog.Action.NOMINATIONS_OPENED, user=user)
    return election


def _require_approved(association):
    if association.status != Association.Status.APPROVED:
        raise ElectionError(_("“%(name)s” is not an approved association.") % {"name": association})


@transaction.atomic
def candidate_nominate(*, election, nominated_by, user, name, email, association, presentation=""):
    """An approved association nominates a person; the person is asked by e-mail to consent."""
    election = _locked(election)
    if not nominations_open(election):
        raise ElectionError(_("Nominations for this election are closed."))
    _require_approved(nominated_by)
    _require_approved(association)
    candidate = Candidate(
        election=election,
        name=name.strip(),
        email=email.strip().lower(),
        association=association,
        nominated_by=nominated_by,
        nominated_by_user=user,
        presentation=presentation.strip(),
    )
    try:
        candidate.full_clean()
    except ValidationError as error:
        raise ElectionError(_messages(error)) from None
    candidate.save()
    election_log(
        election=election,
        action=ElectionLog.Action.NOMINATED,
        user=user,
        note=_("%(name)s, nominated by %(association)s")
        % {"name": candidate.name, "association": nominated_by},
    )
    context = {
        "candidate": candidate,
        "election": election,
        "municipality": municipality_get(),
        "consent_url": absolute_url(reverse("folgegruppe:consent", args=[candidate.token])),
    }
    send_templated(template="folgegruppe/email/consent.txt", context=context, to=[candidate.email])
    return candidate


def _locked_candidate(candidate):
    return Candidate.objects.select_for_update().select_related("election").get(pk=candidate.pk)


def candidate_may_answer(candidate, user):
    """Only the candidate answers: logged in with the account of the address nominated.

    An account is active only once its owner opened the activation link sent to its address,
    so the account proves control of the address, which the nominator's link does not.
    """
    return (
        user.is_authenticated and user.is_active and user.email.lower() == candidate.email.lower()
    )


def _require_candidate(candidate, user):
    if not candidate_may_answer(candidate, user):
        raise ElectionError(
            _(
                "Only the candidate can answer, logged in with their own account at the e-mail "
                "address the nomination was sent to."
            )
        )


@transaction.atomic
def candidate_consent(*, candidate, user):
    """The candidate accepts the nomination and comes on the ballot (before voting opens)."""
    candidate = _locked_candidate(candidate)
    _require_candidate(candidate, user)
    if candidate.election.status != Status.NOMINATING:
        raise ElectionError(_("The ballot is settled; it is too late to consent."))
    if candidate.withdrawn_at:
        raise ElectionError(_("The candidacy has been withdrawn."))
    if candidate.consented_at is None:
        candidate.consented_at = timezone.now()
        candidate.save(update_fields=["consented_at"])
        election_log(
            election=candidate.election,
            action=ElectionLog.Action.CONSENTED,
            user=user,
            note=candidate.name,
        )
    return candidate


@transaction.atomic
def candidate_decline(*, candidate, user):
    """The candidate, from their own account, says no or withdraws a given consent."""
    _require_candidate(candidate, user)
    return candidate_withdraw(candidate=candidate, user=user)


def candidate_details_frozen(candidate):
    """Once nominations have closed, a candidate stays as the associations saw them."""
    return not nominations_open(candidate.election)


@transaction.atomic
def candidate_update(*, candidate, user, name, presentation):
    """The consultant corrects a candidate's name or presentation while nominations are open."""
    candidate = _locked_candidate(candidate)
    if candidate_details_frozen(candidate):
        raise ElectionError(_("Nominations have closed, so the candidate's details are frozen."))
    candidate.name = name.strip()
    candidate.presentation = presentation.strip()
    try:
        candidate.full_clean()
    except ValidationError as error:
        raise ElectionError(_messages(error)) from None
    candidate.save(update_fields=["name", "presentation"])
    election_log(
        election=candidate.election,
        action=ElectionLog.Action.CORRECTED,
        user=user,
        note=candidate.name,
    )
    return candidate


# The notes that name a candidate.
CANDIDATE_NOTES = [
    ElectionLog.Action.NOMINATED,
    ElectionLog.Action.CONSENTED,
    ElectionLog.Action.WITHDRAWN,
    ElectionLog.Action.CORRECTED,
]


@transaction.atomic
def candidates_blank_for_anonymise(*, association):
    """Blank the name, address and presentation of an anonymised association's candidates.

    The only writer allowed past the freeze of candidates (the trigger `candidate_frozen`): it
    turns the transaction-local setting `frivillig.anonymise` on for its one update and off
    again, and the trigger then accepts blanks and nothing else. The election log's notes and
    the audit trail that name the candidates go too.
    """
    candidates = Candidate.objects.filter(association=association)
    named = list(candidates.exclude(name="").values_list("election_id", "name"))
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config('frivillig.anonymise', 'on', true)")
        candidates.update(
            name="",
            presentation="",
            email=Concat(
                Value("slettet-kandidat-"),
                Cast("pk", CharField()),
                Value("@invalid.invalid"),
            ),
        )
        cursor.execute("SELECT set_config('frivillig.anonymise', 'off', true)")
    for election_id, name in named:
        ElectionLog.objects.filter(
            election_id=election_id, action__in=CANDIDATE_NOTES, note__contains=name
        ).update(note="")
    AuditEntry.objects.get_for_objects(candidates).delete()


@transaction.atomic
def candidate_withdraw(*, candidate, user=None):
    """The candidate (or the consultant) withdraws; possible until voting closes."""
    candidate = _locked_candidate(candidate)
    if candidate.election.status not in (Status.NOMINATING, Status.VOTING):
        raise ElectionError(_("The election is over; the candidacy can no longer be withdrawn."))
    if candidate.withdrawn_at is None:
        candidate.withdrawn_at = timezone.now()
        candidate.save(update_fields=["withdrawn_at"])
        election_log(
            election=candidate.election,
            action=ElectionLog.Action.WITHDRAWN,
            user=user,
            note=candidate.name,
        )
    return candidate


@transaction.atomic
def election_open_voting(*, election, user):
    """Settle the ballot: the candidates who have consented by now are on it."""
    election = _locked(election)
    _transition(election, Status.VOTING)
    if not timewindow.has_passed(election.nomination_deadline):
        raise ElectionError(_("Voting can open when the nomination deadline has passed."))
    if not ballot_candidates(election).exists():
        raise ElectionError(_("No candidate has consented, so there is nobody to vote for."))
    election.save(update_fields=["status"])
    election_log(election=election, action=ElectionLog.Action.VOTING_OPENED, user=user)
    return election


def ballot_candidates(election):
    return election.candidates.filter(consented_at__isnull=False, withdrawn_at__isnull=True)


def _ballot_contents(election):
    """Every ballot of the election as a list of candidate ids (empty for a blank ballot)."""
    rows = Ballot.objects.filter(election=election).annotate(
        picks=ArrayAgg("choices__candidate", filter=Q(choices__isnull=False), default=None)
    )
    return [row.picks or [] for row in rows]


def _store_ballot(election, picks):
    """Add a ballot by rewriting all the election's ballots, in a random order, with new keys.

    Every ballot row then carries this transaction's id (xmin) and a random place in the table,
    so neither tells which ballot came with which voter record.
    """
    ballots = [*_ballot_contents(election), picks]
    BallotChoice.objects.filter(ballot__election=election).delete()
    Ballot.objects.filter(election=election).delete()
    shuffler = random.SystemRandom()
    shuffler.shuffle(ballots)
    rows = [Ballot(id=uuid.uuid4(), election=election) for _ in ballots]
    Ballot.objects.bulk_create(rows)
    choices = [
        BallotChoice(id=uuid.uuid4(), ballot=row, candidate_id=pk)
        for row, ballot in zip(rows, ballots, strict=True)
        for pk in ballot
    ]
    shuffler.shuffle(choices)
    BallotChoice.objects.bulk_create(choices)


@transaction.atomic
def _ballot_cast(*, election, association, candidates, user, on_paper):
    # The lock makes votes in one election take turns, so each rewrite sees the last one's.
    election = _locked(election)
    if not voting_open(election):
        raise ElectionError(_("Voting is not open."))
    _require_approved(association)
    picks = sorted({candidate.pk for candidate in candidates})
    if len(picks) > election.choices_allowed:
        raise ElectionError(
            _("Choose at most %(count)d candidates.") % {"count": election.choices_allowed}
        )
    on_ballot = set(ballot_candidates(election).values_list("pk", flat=True))
    if not set(picks) <= on_ballot:
        raise ElectionError(_("Choose only candidates on this election's ballot."))
    # The unique constraint on (election, association) is the one-ballot rule.
    VoterRecord.objects.create(
        election=election, association=association, recorded_by=user, on_paper=on_paper
    )
    _store_ballot(election, picks)


def ballot_cast(*, election, association, candidates, user, on_paper=False):
    """Cast an association's secret ballot (`candidates` may be empty: a blank ballot).

    A member casts it on the portal, or the consultant records a paper ballot. Who voted is
    recorded in `VoterRecord` in the same transaction as the ballot, with nothing linking them:
    no shared key or timestamp, and since every vote rewrites all the election's ballots in a
    random order with new random keys, their row order and their transaction id (xmin, the same
    for all of them) say nothing about who cast which.

    What this does not protect against, and so must stay with the database's operators:
    someone who reads the tables between every two votes can tell the new ballot by comparing;
    the rows a rewrite replaces stay in the data files until VACUUM and can be read there (or
    with superuser tools such as pageinspect); the write-ahead log, backups taken during the
    vote, and a statement log (`log_statement = 'mod'` or 'all') hold the inserts in order.
    """
    try:
        _ballot_cast(
            election=election,
            association=association,
            candidates=candidates,
            user=user,
            on_paper=on_paper,
        )
    except IntegrityError as error:
        if "one_ballot_per_association" not in str(error):
            raise
        raise ElectionError(
            _("%(association)s has already voted in this election.") % {"association": association},
            code="already_voted",
        ) from None


def election_count(*, election, seed=None):
    """Count the stored ballots; a tie for the last seat is drawn with `seed` (new if None)."""
    candidates = {
        candidate.pk: candidate.on_ballot
        for candidate in election.candidates.only("consented_at", "withdrawn_at")
    }
    return tally(
        ballots=_ballot_contents(election),
        candidates=candidates,
        seats=election.seats,
        seed=secrets.randbits(63) if seed is None else seed,
    )


@transaction.atomic
def election_close(*, election, user):
    """Close the voting (early, if the consultant closes before the set time) and count."""
    election = _locked(election)
    _transition(election, Status.CLOSED)
    now = timezone.now()
    if not timewindow.has_passed(election.voting_opens_at, now=now):
        raise ElectionError(_("Voting has not opened yet."))
    election.closed_at = now
    election.save(update_fields=["status", "closed_at"])
    count = election_count(election=election)
    result = ElectionResult.objects.create(
        election=election,
        counted_at=now,
        ballots_cast=count.ballots_cast,
        blank_ballots=count.blank_ballots,
        eligible=approved_associations().count(),
        seed=count.seed,
        tied=count.tied,
        drawn=count.drawn,
    )
    CandidateResult.objects.bulk_create(
        CandidateResult(
            result=result,
            candidate_id=pk,
            votes=votes,
            elected=pk in count.elected,
            by_lot=pk in count.by_lot,
        )
        for pk, votes in count.votes.items()
    )
    election_log(
        election=election,
        action=ElectionLog.Action.CLOSED,
        user=user,
        note=_("%(ballots)d ballots; seed of the draw %(seed)d")
        % {"ballots": count.ballots_cast, "seed": count.seed},
    )
    return result


@transaction.atomic
def election_publish(*, election, user):
    """Publish the result; the elected take their seats for the election's term."""
    election = _locked(election)
    _transition(election, Status.PUBLISHED)
    election.published_at = timezone.now()
    election.save(update_fields=["status", "published_at"])
    elected = Candidate.objects.filter(election=election, result__elected=True)
    GroupSeat.objects.bulk_create(
        GroupSeat(
            person_name=candidate.name,
            association=candidate.association,
            term_start=election.term_start,
            term_end=election.term_end,
            candidate=candidate,
        )
        for candidate in elected.select_related("association")
    )
    election_log(election=election, action=ElectionLog.Action.PUBLISHED, user=user)
    return election


# Meetings


def _meeting_publish(meeting, part, *, empty_message, early_message=None):
    """Make the agenda or the minutes public; publishing again keeps the first time."""
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if not getattr(meeting, part).strip():
        raise MeetingError(empty_message)
    if early_message and not timewindow.has_passed(meeting.starts_at):
        raise MeetingError(early_message)
    field = f"{part}_published_at"
    setattr(meeting, field, getattr(meeting, field) or timezone.now())
    meeting.save(update_fields=[field])
    return meeting


@transaction.atomic
def meeting_publish_agenda(*, meeting):
    return _meeting_publish(
        meeting, "agenda", empty_message=_("Write the agenda before publishing it.")
    )


@transaction.atomic
def meeting_publish_minutes(*, meeting):
    return _meeting_publish(
        meeting,
        "minutes",
        empty_message=_("Write the minutes before publishing them."),
        early_message=_("Minutes can be published after the meeting."),
    )


def proposals_open(meeting, now=None):
    """Without a deadline a meeting takes no proposals."""
    return (
        not meeting.cancelled
        and meeting.proposal_deadline is not None
        and timewindow.window_open(None, meeting.proposal_deadline, now=now)
    )


@transaction.atomic
def agenda_proposal_submit(*, meeting, association, user, title, description):
    """An approved association proposes an item for a meeting's agenda before the deadline."""
    if not proposals_open(meeting):
        raise MeetingError(_("The deadline for proposing items for this meeting has passed."))
    if association.status != Association.Status.APPROVED:
        raise MeetingError(_("Only approved associations can propose agenda items."))
    proposal = AgendaProposal.objects.create(
        meeting=meeting,
        association=association,
        proposed_by=user,
        title=title.strip(),
        description=description.strip(),
    )
    context = {
        "proposal": proposal,
        "municipality": municipality_get(),
        "admin_url": absolute_url(
            reverse("admin:folgegruppe_agendaproposal_change", args=[proposal.pk])
        ),
    }
    send_templated(
        template="folgegruppe/email/proposal_received.txt",
        context=context,
        to=consultant_recipients(),
    )
    return proposal


@transaction.atomic
def agenda_proposal_decide(*, proposal, accept, reason=""):
    """The consultant accepts or declines a proposed item; the association is told why."""
    proposal = (
        AgendaProposal.objects.select_for_update()
        .select_related("association", "meeting")
        .get(pk=proposal.pk)
    )
    if proposal.status != AgendaProposal.Status.PENDING:
        raise MeetingError(_("“%(title)s” has already been decided.") % {"title": proposal})
    reason = reason.strip()
    if not accept and not reason:
        raise MeetingError(_("Give the association a reason for declining."))
    proposal.status = AgendaProposal.Status.ACCEPTED if accept else AgendaProposal.Status.DECLINED
    proposal.decision_reason = reason
    proposal.decided_at = timezone.now()
    proposal.save(update_fields=["status", "decision_reason", "decided_at"])
    context = {
        "proposal": proposal,
        "municipality": municipality_get(),
        "meeting_url": absolute_url(proposal.meeting.get_absolute_url()),
    }
    send_templated(
        template="folgegruppe/email/proposal_decided.txt",
        context=context,
        to=[proposal.association.email],
    )
    return proposal
