"""Writes of the grant process: pools, drafts, submission, decisions and reports."""

import datetime
from decimal import ROUND_DOWN, Decimal
from pathlib import PurePath

from auditlog.context import disable_auditlog
from django.db import transaction
from django.db.models import F, Sum
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from foreninger.letters import association_letter
from foreninger.services import child_certificate_missing
from frivillig.hooks import app_callables
from frivillig.mail import LetterKind, absolute_url, send_templated
from frivillig.privacy import audit_trail_delete, audit_trail_strip
from frivillig.selectors import consultant_recipients, municipality_get
from frivillig.text import kroner, moment_text
from frivillig.uploads import storage_refusal_as
from frivillig.workdays import working_day_on_or_after
from puljer import letters, selectors, workflow
from puljer.models import (
    GRANTED_STATUSES,
    Application,
    ApplicationEvent,
    Attachment,
    BudgetLine,
    CommitteeDecision,
    Hearing,
    Pool,
    Report,
    Status,
)
from puljer.workflow import ApplicationError

KIND_CODES = {
    Pool.Kind.SECTION_18: "S18",
    Pool.Kind.SECTION_79: "S79",
    Pool.Kind.CO_CREATION: "SAM",
}
REMIND_DAYS_BEFORE = 14
# What the association writes in an application (and who did), removed when it is anonymised.
ASSOCIATION_TEXTS = {"title", "purpose", "co_creation_description", "created_by"}


def pool_split(*, total, percent):
    """Split the year's §18 amount into (co-creation share, ordinary §18) in whole kroner.

    The share is rounded down so that it never exceeds the percentage; the ordinary part is
    what remains, so the two always add up to the total.
    """
    share = int((Decimal(total) * Decimal(percent) / 100).quantize(Decimal(1), ROUND_DOWN))
    return share, total - share


def pool_budgets_plan(*, section_18, co_creation, section_18_total, share_percent):
    """The budgets the §18 pool and its co-creation share get from the year's §18 amount and
    the share, checked against what is already granted; nothing is saved here."""
    co_creation_budget = None
    if section_18_total is None:
        section_18_budget = None
    elif co_creation is None or share_percent is None:
        section_18_budget = section_18_total
    else:
        co_creation_budget, section_18_budget = pool_split(
            total=section_18_total, percent=share_percent
        )
    plan = [(section_18, section_18_budget)]
    if co_creation is not None:
        plan.append((co_creation, co_creation_budget))
    for pool, budget in plan:
        pool_budget_check(pool=pool, budget=budget)
    return plan


def pool_budget_check(*, pool, budget):
    """The one rule for every pool's budget: never below what the pool has already granted,
    and not unset once it has granted anything. The database holds the same rule (the trigger
    `pool_budget_covers_granted`); checking it here first gives the user a clear message."""
    granted = granted_total(pool) if pool.pk else 0
    if granted and (budget is None or budget < granted):
        raise ApplicationError(
            _("%(pool)s has already granted %(granted)s; the budget cannot be lower.")
            % {"pool": pool, "granted": kroner(granted)}
        )


@transaction.atomic
def pool_budgets_set(*, year, section_18_total, share_percent):
    """Set the §18 and co-creation budgets of a year from the whole §18 amount and the share."""
    section_18 = Pool.objects.select_for_update().get(year=year, kind=Pool.Kind.SECTION_18)
    co_creation = (
        Pool.objects.select_for_update().filter(year=year, kind=Pool.Kind.CO_CREATION).first()
    )
    plan = pool_budgets_plan(
        section_18=section_18,
        co_creation=co_creation,
        section_18_total=section_18_total,
        share_percent=share_percent,
    )
    section_18.section_18_total = section_18_total
    if co_creation is not None:
        co_creation.share_percent = share_percent
    for pool, budget in plan:
        pool.budget = budget
        pool.save()
    return section_18, co_creation


def granted_total(pool):
    return (
        Application.objects.filter(round__pool=pool, status__in=GRANTED_STATUSES).aggregate(
            total=Sum("amount_granted")
        )["total"]
        or 0
    )


def _event(application, action, *, user=None, from_status="", note="", internal=False):
    return ApplicationEvent.objects.create(
        application=application,
        user=user,
        action=action,
        from_status=from_status,
        to_status=application.status if action in workflow.TRANSITIONS else "",
        note=note,
        internal=internal,
    )


def _move(application, action, *, user=None, note=""):
    """Apply one transition of the table and log it; the caller saves the application."""
    before = application.status
    application.status = workflow.next_status(before, action)
    return lambda: _event(application, action, user=user, from_status=before, note=note)


def _locked(application):
    return (
        Application.objects.select_for_update(of=("self",))
        .select_related("round__pool", "association")
        .get(pk=application.pk)
    )


def application_may_start(*, association, round_, now=None):
    """Raise the reason why the association cannot apply in the round, if there is one."""
    if association.status != association.Status.APPROVED:
        raise ApplicationError(
            _("Only an association approved by the municipality can apply for grants.")
        )
    if not round_.is_open(now):
        raise ApplicationError(_("The round is not open for applications."))


def application_new(*, association, round_, user):
    """An unsaved draft for the form: it is created when the association first saves it."""
    return Application(
        round=round_,
        association=association,
        contact_name=user.get_full_name(),
        contact_email=user.email,
    )


# A draft is the association's own until it is submitted (“only your association can see the
# draft”), so its writes stay out of the audit trail the consultant reads.
@transaction.atomic
def application_create(*, association, round_, user, now=None):
    application_may_start(association=association, round_=round_, now=now)
    with disable_auditlog():
        application = Application.objects.create(
            round=round_,
            association=association,
            created_by=user,
            contact_name=user.get_full_name(),
            contact_email=user.email,
        )
    _event(application, "created", user=user)
    return application


@transaction.atomic
def application_save_draft(*, application, user, fields, budget_lines, files=()):
    """Save what the association has written so far and attach the files it chose (`files`:
    (kind, file) pairs); a draft may be incomplete. An unsaved draft is created first."""
    if application.pk is None:
        application = application_create(
            association=application.association, round_=application.round, user=user
        )
    application = _locked(application)
    if application.status != Status.DRAFT:
        raise ApplicationError(_("Only a draft can be changed."))
    many = {name: fields.pop(name) for name in ("target_groups", "focus_areas") if name in fields}
    for name, value in fields.items():
        setattr(application, name, value)
    # The title may still be empty; submission asks for it.
    application.full_clean(exclude=["reference", "title"])
    with disable_auditlog():
        application.save()
    for name, value in many.items():
        getattr(application, name).set(value)
    application.budget_lines.all().delete()
    BudgetLine.objects.bulk_create(
        BudgetLine(application=application, **line) for line in budget_lines
    )
    for kind, file in files:
        attachment_add(application=application, user=user, kind=kind, file=file)
    return application


@transaction.atomic
def application_draft_delete(*, application, user):
    """The association deletes a draft it does not want to submit; nothing of it is kept."""
    application = _locked(application)
    if application.status != Status.DRAFT:
        raise ApplicationError(_("Only a draft can be deleted."))
    for attachment in application.attachments.all():
        attachment.file.delete(save=False)
    audit_trail_delete(Application, pks=[application.pk])
    with disable_auditlog():
        application.delete()


def budget_totals(lines):
    """Sums per kind and the most that may be applied for: expenses minus secured funding."""
    totals = dict.fromkeys(BudgetLine.Kind.values, 0)
    for line in lines:
        totals[line.kind] += line.amount
    totals["fundable"] = max(
        totals[BudgetLine.Kind.EXPENSE]
        - totals[BudgetLine.Kind.OWN_FUNDING]
        - totals[BudgetLine.Kind.OTHER_GRANTED],
        0,
    )
    return totals


@transaction.atomic
def attachment_add(*, application, user, kind, file):
    application = _locked(application)
    if application.status not in (
        Status.DRAFT,
        Status.GRANTED,
        Status.PARTIALLY_GRANTED,
        Status.REPORT_DUE,
    ):
        raise ApplicationError(_("Files can no longer be added to this application."))
    attachment = Attachment(
        application=application, kind=kind, file=file, original_name=file.name[:200]
    )
    attachment.full_clean()
    with storage_refusal_as(ApplicationError):
        attachment.save()
    return attachment


@transaction.atomic
def attachment_delete(*, attachment, user):
    application = _locked(attachment.application)
    if application.status != Status.DRAFT:
        raise ApplicationError(_("Files can only be removed from a draft."))
    attachment.file.delete(save=False)
    attachment.delete()


def application_problems(application):
    """What is missing before the application can be submitted, as (field, message) pairs."""
    pool = application.round.pool
    problems = []

    def need(condition, field, message):
        if not condition:
            problems.append((field, message))

    need(application.title.strip(), "title", _("Give the activity a title."))
    need(application.purpose.strip(), "purpose", _("Describe the purpose and content."))
    need(
        application.target_groups.exists(), "target_groups", _("Choose at least one target group.")
    )
    need(
        application.expected_participants,
        "expected_participants",
        _("Enter how many participants you expect."),
    )
    need(
        application.expected_volunteers is not None,
        "expected_volunteers",
        _("Enter how many volunteers take part."),
    )
    need(
        application.period_start and application.period_end,
        "period_start",
        _("Enter the period the money is for."),
    )
    need(
        application.contact_name.strip() and application.contact_email,
        "contact_name",
        _("Enter a contact person with an e-mail address."),
    )
    totals = budget_totals(application.budget_lines.all())
    need(totals[BudgetLine.Kind.EXPENSE] > 0, "budget", _("The budget needs at least one expense."))
    need(application.amount_applied > 0, "amount_applied", _("Enter the amount you apply for."))
    if totals[BudgetLine.Kind.EXPENSE] and application.amount_applied > totals["fundable"]:
        problems.append(
            (
                "amount_applied",
                _(
                    "The amount applied for is more than the expenses minus own and other granted "
                    "funding (%(fundable)s)."
                )
                % {"fundable": kroner(totals["fundable"])},
            )
        )
    kinds = set(application.attachments.values_list("kind", flat=True))
    if pool.requires_annual_accounts:
        need(
            Attachment.Kind.ACCOUNTS in kinds,
            "attachments",
            _("Attach the association's last annual accounts."),
        )
    if pool.requires_focus_area:
        need(
            application.focus_areas.exists(),
            "focus_areas",
            _("Choose at least one focus area the activity supports."),
        )
    if pool.requires_co_creation_description:
        need(
            application.co_creation_description.strip(),
            "co_creation_description",
            _("Describe how you will work together with the municipality."),
        )
    if pool.requires_over_65_confirmation:
        need(
            application.open_to_over_65_confirmed,
            "open_to_over_65_confirmed",
            _("Confirm that the activity is open and for citizens over 65."),
        )
    return problems


@transaction.atomic
def application_submit(*, application, user, now=None):
    """Submit a complete draft before the deadline; it gets a reference and a receipt."""
    pool = Pool.objects.select_for_update().get(pk=application.round.pool_id)
    application = _locked(application)
    if not application.round.is_open(now):
        raise ApplicationError(
            _("The deadline has passed. Applications were accepted until 23:59 on %(date)s.")
            % {"date": application.round.deadline.strftime("%d.%m.%Y")}
        )
    if problems := application_problems(application):
        raise ApplicationError(" ".join(str(message) for _field, message in problems))
    log = _move(application, "submit", user=user)
    # The pool row is locked, so two submissions cannot take the same number. One past the
    # highest, not the count: a deleted application leaves a gap, and its number stays taken.
    taken = Application.objects.filter(round__pool=pool).exclude(reference="")
    numbers = [int(ref.rsplit("-", 1)[1]) for ref in taken.values_list("reference", flat=True)]
    number = max(numbers, default=0) + 1
    application.reference = f"{pool.year}-{KIND_CODES[pool.kind]}-{number:04d}"
    application.submitted_at = timezone.now()
    application.save()
    log()
    recipients = sorted({application.contact_email, application.association.email})
    send_templated(
        template="puljer/email/receipt.txt",
        context={"application": application, "municipality": municipality_get()},
        to=recipients,
    )
    return application


@transaction.atomic
def application_withdraw(*, application, user, reason=""):
    application = _locked(application)
    log = _move(application, "withdraw", user=user, note=reason)
    application.save()
    log()
    return application


@transaction.atomic
def application_review(*, application, user):
    application = _locked(application)
    log = _move(application, "review", user=user)
    application.save()
    log()
    return application


def application_note(*, application, user, note):
    if not note.strip():
        raise ApplicationError(_("Write the note."))
    return _event(application, "note", user=user, note=note.strip(), internal=True)


def _add_months(day, months):
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for candidate in (31, 30, 29, 28):
        try:
            return datetime.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


@transaction.atomic
def grant_decide(
    *, application, user, amount, reason="", override_reason="", committee_decision=None
):
    """Decide an application: `amount` equal to the applied amount grants in full, less grants
    in part, 0 declines. A partial grant or a decline needs a reason.

    The pool row is locked for the whole transaction, so two consultants deciding at once on
    the last money are served one after the other and the budget is never exceeded.
    """
    pool = Pool.objects.select_for_update().get(pk=application.round.pool_id)
    application = _locked(application)
    if selectors.is_partial(user, application):
        raise ApplicationError(
            _(
                "You are not impartial in the case of %(application)s: another member of staff "
                "must decide it."
            )
            % {"application": application.title}
        )
    hearing_check(application)
    reason, override_reason = reason.strip(), override_reason.strip()
    if amount < 0 or amount > application.amount_applied:
        raise ApplicationError(
            _("The grant must be between 0 and the amount applied for (%(applied)s).")
            % {"applied": kroner(application.amount_applied)}
        )
    action = (
        "decline"
        if amount == 0
        else "grant"
        if amount == application.amount_applied
        else "grant_partly"
    )
    if action != "grant" and not reason:
        raise ApplicationError(_("A partial grant or a decline needs a written reason."))
    if action != "decline":
        if child_certificate_missing(application.association) and not override_reason:
            raise ApplicationError(
                _(
                    "The association has an activity with children under 15 and no børneattest "
                    "check within 12 months. Record the check, or give a reason for granting "
                    "anyway."
                )
            )
        if pool.budget is None:
            raise ApplicationError(_("The pool's budget is not set yet."))
        remaining = pool.budget - granted_total(pool)
        if amount > remaining:
            raise ApplicationError(
                _("Only %(remaining)s is left in %(pool)s.")
                % {"remaining": kroner(remaining), "pool": pool}
            )
    log = _move(application, action, user=user, note=reason)
    application.amount_granted = amount if action != "decline" else None
    application.decision_reason = reason
    application.decided_at = timezone.now()
    application.decided_by = user
    application.committee_decision = committee_decision
    if action != "decline" and pool.report_months:
        end = application.period_end or timezone.localdate()
        application.report_due_on = _add_months(end, pool.report_months)
    application.save()
    log()
    if override_reason:
        _event(
            application,
            "note",
            user=user,
            internal=True,
            note=_("Granted despite missing børneattest check: %(reason)s")
            % {"reason": override_reason},
        )
    for hook in app_callables("grant_decided_hooks"):
        hook(application=application, user=user)
    letters.decision_send(application)
    return application


def _committee_decision(*, round_, user, meeting_on, agenda_item):
    """Record a meeting of the pool's committee; the pool is locked until the caller commits."""
    pool = Pool.objects.select_for_update().get(pk=round_.pool_id)
    if pool.decision_authority != Pool.Authority.COMMITTEE:
        raise ApplicationError(
            _("The applications to %(pool)s are not decided by a committee.") % {"pool": pool}
        )
    agenda_item = agenda_item.strip()
    if meeting_on is None or not agenda_item:
        raise ApplicationError(_("Give the committee's meeting date and agenda item."))
    return CommitteeDecision.objects.create(
        round=round_,
        committee=pool.decision_authority_name,
        meeting_on=meeting_on,
        agenda_item=agenda_item,
        recorded_by=user,
    )


@transaction.atomic
def grant_decide_at_meeting(*, application, user, meeting_on, agenda_item, **decision):
    """Decide one application as the pool's committee decided it at a meeting."""
    meeting = _committee_decision(
        round_=application.round, user=user, meeting_on=meeting_on, agenda_item=agenda_item
    )
    return grant_decide(application=application, user=user, committee_decision=meeting, **decision)


@transaction.atomic
def round_decide(*, round_, user, meeting_on, agenda_item, lines):
    """Record a committee's decision on a round's recommendation list and decide every line of
    it: `lines` maps each application to (amount, reason) as the committee decided. One
    transaction under the pool's lock, so a failure on any line decides nothing; each
    association gets its own letter."""
    if not lines:
        raise ApplicationError(_("The list is empty."))
    decision = _committee_decision(
        round_=round_, user=user, meeting_on=meeting_on, agenda_item=agenda_item
    )
    applications = round_.applications.filter(pk__in=lines).order_by("pk")
    if len(applications) != len(lines):
        raise ApplicationError(_("The list holds an application that is not in the round."))
    for application in applications:
        amount, reason = lines[application.pk]
        try:
            grant_decide(
                application=application,
                user=user,
                amount=amount,
                reason=reason,
                committee_decision=decision,
            )
        except ApplicationError as error:
            raise ApplicationError(
                _("%(application)s: %(error)s Nothing on the list was decided.")
                % {"application": application, "error": error}
            ) from error
    return decision


def hearing_check(application, today=None):
    """No decision while the association may still answer a hearing (forvaltningsloven § 19)."""
    today = today or timezone.localdate()
    for hearing in application.hearings.all():
        if hearing.is_open(today):
            raise ApplicationError(
                _(
                    "The association can answer the hearing until %(date)s. The decision can be "
                    "sent once it has answered or the deadline has passed."
                )
                % {"date": formats.date_format(hearing.answer_by, "j. F Y")}
            )


@transaction.atomic
def hearing_send(*, application, user, information, answer_by):
    """Send the association information it did not give, before a decline or a cut rests on
    it. A deadline on a weekend or a public holiday moves to the next working day."""
    application = _locked(application)
    information = information.strip()
    if application.status not in (Status.SUBMITTED, Status.UNDER_REVIEW):
        raise ApplicationError(_("Only an application awaiting its decision can be heard."))
    if not information:
        raise ApplicationError(_("Write the information the association is to comment on."))
    answer_by = working_day_on_or_after(answer_by)
    if answer_by <= timezone.localdate():
        raise ApplicationError(_("The answer deadline must be after today."))
    hearing = Hearing.objects.create(
        application=application, information=information, answer_by=answer_by, sent_by=user
    )
    _event(
        application,
        "hearing_sent",
        user=user,
        note=_("Answer by %(date)s: %(information)s")
        % {"date": formats.date_format(answer_by, "j. F Y"), "information": information},
    )
    send_templated(
        template="puljer/email/hearing.txt",
        context={
            "hearing": hearing,
            "application": application,
            "municipality": municipality_get(),
            "url": absolute_url(
                reverse("puljer:application", args=[application.association_id, application.pk])
            ),
        },
        to=sorted({application.contact_email, application.association.email} - {""}),
        letter=association_letter(application.association, LetterKind.HEARING),
    )
    return hearing


@transaction.atomic
def hearing_answer(*, hearing, user, answer, today=None):
    application = _locked(hearing.application)
    hearing = Hearing.objects.select_for_update().get(pk=hearing.pk)
    answer = answer.strip()
    if not answer:
        raise ApplicationError(_("Write your answer."))
    if not hearing.is_open(today or timezone.localdate()):
        raise ApplicationError(
            _("The hearing is closed: the deadline for answering was %(date)s.")
            % {"date": moment_text(hearing.answer_by, "day")}
        )
    hearing.answer, hearing.answered_at = answer, timezone.now()
    hearing.save()
    _event(application, "hearing_answered", user=user, note=answer)
    send_templated(
        template="puljer/email/hearing_answered.txt",
        context={
            "application": application,
            "hearing": hearing,
            "admin_url": absolute_url(
                reverse("admin:puljer_application_change", args=[application.pk])
            ),
        },
        to=consultant_recipients(),
    )
    return hearing


def report_requirements(application):
    """What the report must contain for this grant, by the pool's limits."""
    pool = application.round.pool
    granted = application.amount_granted or 0
    audited = pool.audit_limit is not None and granted > pool.audit_limit
    return {
        "declaration": True,
        "accounts": audited
        or (pool.declaration_limit is not None and granted > pool.declaration_limit),
        "audited": audited,
    }


def report_is_open(application, today=None):
    """A report tells how the activity went, so it can come once the activity period starts."""
    start = application.period_start
    return start is None or start <= (today or timezone.localdate())


def report_not_open_message(application):
    return _("You can report once the activity period has started, on %(date)s.") % {
        "date": moment_text(application.period_start, "day")
    }


@transaction.atomic
def report_submit(*, application, user, fields):
    application = _locked(application)
    if not report_is_open(application):
        raise ApplicationError(report_not_open_message(application))
    rules = report_requirements(application)
    if not fields.get("declaration"):
        raise ApplicationError(_("Confirm the declaration."))
    if (
        rules["accounts"]
        and not application.attachments.filter(kind=Attachment.Kind.REPORT_ACCOUNTS).exists()
    ):
        raise ApplicationError(_("Attach the accounts for the grant."))
    if rules["audited"] and not fields.get("audited"):
        raise ApplicationError(_("Grants of this size need accounts approved by an auditor."))
    log = _move(application, "submit_report", user=user)
    report, _created = Report.objects.update_or_create(
        application=application, defaults={**fields, "submitted_at": timezone.now()}
    )
    report.full_clean()
    application.save()
    log()
    send_templated(
        template="puljer/email/report_submitted.txt",
        context={
            "application": application,
            "report": report,
            "admin_url": absolute_url(
                reverse("admin:puljer_application_change", args=[application.pk])
            ),
        },
        to=consultant_recipients(),
    )
    return report


@transaction.atomic
def report_approve(*, application, user):
    application = _locked(application)
    log = _move(application, "approve_report", user=user)
    application.save()
    log()
    for hook in app_callables("report_approved_hooks"):
        hook(application=application, user=user)
    send_templated(
        template="puljer/email/report_approved.txt",
        context={
            "application": application,
            "url": absolute_url(
                reverse("puljer:application", args=[application.association_id, application.pk])
            ),
        },
        to=sorted({application.contact_email, application.association.email} - {""}),
    )
    return application


@transaction.atomic
def report_return(*, application, user, note):
    if not note.strip():
        raise ApplicationError(_("Tell the association what is missing."))
    application = _locked(application)
    log = _move(application, "return_report", user=user, note=note.strip())
    Report.objects.filter(application=application).update(consultant_note=note.strip())
    application.save()
    log()
    send_templated(
        template="puljer/email/report_returned.txt",
        context={"application": application, "note": note.strip()},
        to=sorted({application.contact_email, application.association.email}),
    )
    return application


def reports_remind(*, today=None):
    """E-mail reminders before and after the report due date (for cron); returns the count.

    Granted applications are moved to “report due” 30 days before the date; reminders go out
    14 days before, on the day, and every 14 days after until the report arrives.
    """
    today = today or timezone.localdate()
    due_soon = Application.objects.filter(
        status__in=[Status.GRANTED, Status.PARTIALLY_GRANTED],
        report_due_on__lte=today + datetime.timedelta(days=30),
    )
    for application in due_soon:
        with transaction.atomic():
            application = _locked(application)
            log = _move(application, "open_report")
            application.save()
            log()
    sent = 0
    candidates = Application.objects.filter(
        status=Status.REPORT_DUE, report_due_on__isnull=False
    ).select_related("association", "round__pool")
    for application in candidates:
        days = (application.report_due_on - today).days
        if days == REMIND_DAYS_BEFORE or (days <= 0 and -days % REMIND_DAYS_BEFORE == 0):
            send_templated(
                template="puljer/email/report_reminder.txt",
                context={
                    "application": application,
                    "overdue": days < 0,
                    "municipality": municipality_get(),
                },
                to=sorted({application.contact_email, application.association.email}),
                letter=association_letter(application.association, LetterKind.REMINDER),
            )
            _event(application, "reminded")
            sent += 1
    return sent


def association_grant_data(association):
    """The association's grant cases for its data export (foreninger's export hook)."""
    applications = association.applications.select_related(
        "round__pool", "report"
    ).prefetch_related("budget_lines", "attachments")
    return {
        "applications": [
            {
                "reference": application.reference,
                "pool": application.round.pool.name,
                "round": application.round.title,
                "status": application.status,
                "title": application.title,
                "purpose": application.purpose,
                "period": [application.period_start, application.period_end],
                "amount_applied": application.amount_applied,
                "amount_granted": application.amount_granted,
                "decision_reason": application.decision_reason,
                "contact": [
                    application.contact_name,
                    application.contact_email,
                    application.contact_phone,
                ],
                "budget": [
                    {"kind": line.kind, "description": line.description, "amount": line.amount}
                    for line in application.budget_lines.all()
                ],
                "attachments": [
                    attachment.original_name for attachment in application.attachments.all()
                ],
                "timeline": list(
                    application.events.filter(internal=False).values("created_at", "action", "note")
                ),
                "hearings": list(
                    application.hearings.values("information", "answer_by", "answer", "answered_at")
                ),
                "report": _report_data(getattr(application, "report", None)),
            }
            for application in applications
        ]
    }


def _report_data(report):
    if report is None:
        return None
    return {
        "amount_spent": report.amount_spent,
        "participants_reached": report.participants_reached,
        "volunteers": report.volunteers,
        "account": report.account,
        "declaration": report.declaration,
        "audited": report.audited,
        "submitted_at": report.submitted_at,
        # Shown to the association when the consultant asks for more.
        "consultant_note": report.consultant_note,
    }


def association_grants_anonymise(association):
    """Anonymise hook: a grant case is the municipality's record and stays (the decision, the
    amounts, the dates, the consultant's reasons and notes), without what the association
    wrote, its contact person or links to its members. Drafts were never a case and go."""
    drafts = association.applications.filter(status=Status.DRAFT)
    audit_trail_delete(Application, pks=list(drafts.values_list("pk", flat=True)))
    for attachment in Attachment.objects.filter(application__in=drafts):
        attachment.file.delete(save=False)
    drafts.delete()
    cases = association.applications.all()
    references = dict(cases.values_list("pk", "reference"))
    audit_trail_strip(
        Application,
        pks=list(references),
        fields=ASSOCIATION_TEXTS,
        label=lambda pk: references[int(pk)],
    )
    cases.update(
        title=F("reference"),
        purpose="",
        co_creation_description="",
        contact_name="",
        contact_email="",
        contact_phone="",
    )
    cases.exclude(created_by__is_staff=True).update(created_by=None)
    BudgetLine.objects.filter(application__in=cases).update(description="")
    # The file stays with the case; the name the association gave it goes.
    for attachment in Attachment.objects.filter(application__in=cases):
        Attachment.objects.filter(pk=attachment.pk).update(
            original_name=f"{attachment.kind}{PurePath(attachment.file.name).suffix}"
        )
    Report.objects.filter(application__in=cases).update(account="")
    Hearing.objects.filter(application__in=cases).update(answer="")
    ApplicationEvent.objects.filter(application__in=cases).exclude(user__is_staff=True).update(
        note="", user=None
    )


def applications_apply_retention(*, today=None):
    """Delete grant cases five years after the end of their financial year (privacy page)."""
    today = today or timezone.localdate()
    old = Application.objects.filter(round__pool__year__lt=today.year - 5)
    for attachment in Attachment.objects.filter(application__in=old):
        attachment.file.delete(save=False)
    count = old.count()
    old.delete()
    return f"grant cases: {count} deleted"
