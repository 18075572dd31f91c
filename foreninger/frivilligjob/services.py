"""Writes of the volunteer jobs: `opportunity_<action>` services, and the association's
anonymisation and the answers' retention (hooks in apps.py)."""

from datetime import timedelta

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from foreninger.frivilligjob.models import Opportunity, OpportunityAnswer
from foreninger.frivilligjob.selectors import is_current
from foreninger.models import Association, AssociationLog
from foreninger.services import AssociationError, association_log
from frivillig.mail import absolute_url, send_templated
from frivillig.privacy import audit_trail_delete

# Answers are the citizens' personal data; the privacy page promises this period.
ANSWER_RETENTION_DAYS = 365


def answer_by_earliest(opportunity):
    """The last day to answer may not be before the day the opportunity was created."""
    if opportunity.pk and opportunity.created_at:
        return timezone.localdate(opportunity.created_at)
    return timezone.localdate()


@transaction.atomic
def opportunity_save(*, opportunity, user, target_groups):
    """Post or edit an opportunity. Only an approved association publishes, and never a closed
    or back-dated one; the form says the same, this holds for every other path."""
    association = Association.objects.select_for_update().get(pk=opportunity.association_id)
    if association.status != Association.Status.APPROVED:
        raise AssociationError(_("Only an approved association can post volunteer opportunities."))
    if opportunity.closed_at is not None:
        raise AssociationError(_("A closed opportunity cannot be changed."))
    if opportunity.activity is not None and opportunity.activity.association_id != association.pk:
        raise AssociationError(_("Choose one of the association's own activities."))
    if opportunity.answer_by < answer_by_earliest(opportunity):
        raise AssociationError(_("The last day to answer cannot be in the past."))
    created = opportunity.pk is None
    opportunity.full_clean()
    opportunity.save()
    opportunity.target_groups.set(target_groups)
    note = (
        _("Volunteer opportunity “%(title)s” posted.")
        if created
        else _("Volunteer opportunity “%(title)s” changed.")
    )
    association_log(
        association=association,
        action=AssociationLog.Action.UPDATED,
        user=user,
        note=note % {"title": opportunity.title},
    )
    return opportunity


@transaction.atomic
def opportunity_close(*, opportunity, user):
    """The association has found its volunteers: the opportunity leaves the website."""
    opportunity = Opportunity.objects.select_for_update().get(pk=opportunity.pk)
    if opportunity.closed_at is not None:
        raise AssociationError(_("“%(title)s” is already closed.") % {"title": opportunity.title})
    opportunity.closed_at = timezone.now()
    opportunity.save(update_fields=["closed_at", "updated_at"])
    association_log(
        association=opportunity.association,
        action=AssociationLog.Action.UPDATED,
        user=user,
        note=_("Volunteer opportunity “%(title)s” closed.") % {"title": opportunity.title},
    )
    return opportunity


@transaction.atomic
def opportunity_answer(*, opportunity, name, email, phone, message):
    """Store a citizen's answer and e-mail it to the association, whose address the citizen
    never sees (the citizen's is the Reply-To); the citizen gets a receipt."""
    opportunity = Opportunity.objects.select_related("association").get(pk=opportunity.pk)
    if not is_current(opportunity):
        raise AssociationError(_("This opportunity is closed and takes no more answers."))
    answer = OpportunityAnswer(
        opportunity=opportunity, name=name, email=email, phone=phone, message=message
    )
    answer.full_clean()
    answer.save()
    association = opportunity.association
    context = {
        "opportunity": opportunity,
        "association": association,
        "answer": answer,
        "opportunity_url": absolute_url(opportunity.get_absolute_url()),
        "answers_url": absolute_url(
            reverse("foreninger:opportunity_answers", args=[association.pk, opportunity.pk])
        ),
    }

    send_templated(
        template="frivilligjob/email/opportunity_answer.txt",
        context=context,
        to=[association.email],
        reply_to=[answer.email],
    )
    send_templated(
        template="frivilligjob/email/opportunity_receipt.txt",
        context=context,
        to=[answer.email],
    )
    return answer


@transaction.atomic
def opportunity_answer_handle(*, answer, user):
    """A member marks an answer as dealt with; who and when are kept."""
    answer = OpportunityAnswer.objects.select_for_update().get(pk=answer.pk)
    if answer.handled_at is not None:
        raise AssociationError(_("This answer is already marked as handled."))
    answer.handled_at = timezone.now()
    answer.handled_by = user
    answer.save(update_fields=["handled_at", "handled_by"])
    opportunity = answer.opportunity
    association_log(
        association=opportunity.association,
        action=AssociationLog.Action.UPDATED,
        user=user,
        note=_("An answer to “%(title)s” marked as handled.") % {"title": opportunity.title},
    )
    return answer


# GDPR (hooks in apps.py)


def association_opportunities_anonymise(association):
    """An anonymised association's opportunities go, with the citizens' answers and the trail
    (also of those deleted before)."""
    audit_trail_delete(
        Opportunity,
        pks=list(association.opportunities.values_list("pk", flat=True)),
        recorded={"association": association.pk},
    )
    association.opportunities.all().delete()


def opportunity_answers_apply_retention(*, today=None):
    """What the privacy page promises: answers go a year after the opportunity's last day."""
    today = today or timezone.localdate()
    old = OpportunityAnswer.objects.filter(
        opportunity__answer_by__lt=today - timedelta(days=ANSWER_RETENTION_DAYS)
    )
    return f"answers to volunteer opportunities: {old.delete()[0]} deleted"
