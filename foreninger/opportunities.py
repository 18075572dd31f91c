"""Volunteer opportunities (frivilligjob): approved associations post them, citizens answer.

Writes are `opportunity_<action>` services; reads used by the pages and the API are selectors.
An opportunity is current while it is open and its last day to answer has not passed in
Copenhagen; after that it leaves the public list, its page and the API by itself.
"""

from datetime import timedelta

from django.db import transaction
from django.db.models import Count, F, Prefetch, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from foreninger.models import Association, AssociationLog, Opportunity, OpportunityAnswer
from foreninger.selectors import prefix_query, search_words
from foreninger.services import AssociationError, association_log
from frivillig.mail import absolute_url, send_templated
from frivillig.models import TargetGroup
from frivillig.privacy import audit_trail_delete

# Answers are the citizens' personal data; the privacy page promises this period.
ANSWER_RETENTION_DAYS = 365


def answer_by_earliest(opportunity):
    """The last day to answer may not be before the day the opportunity was created."""
    if opportunity.pk and opportunity.created_at:
        return timezone.localdate(opportunity.created_at)
    return timezone.localdate()


def is_current(opportunity, *, today=None):
    today = today or timezone.localdate()
    return (
        opportunity.closed_at is None
        and opportunity.answer_by >= today
        and opportunity.association.status == Association.Status.APPROVED
    )


# Writes


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

    def send():
        send_templated(
            template="foreninger/email/opportunity_answer.txt",
            context=context,
            to=[association.email],
            reply_to=[answer.email],
        )
        send_templated(
            template="foreninger/email/opportunity_receipt.txt", context=context, to=[answer.email]
        )

    transaction.on_commit(send)
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


# Reads


def opportunities_current(*, today=None):
    """Open opportunities of approved associations whose last day to answer has not passed."""
    return Opportunity.objects.filter(
        association__status=Association.Status.APPROVED,
        closed_at__isnull=True,
        answer_by__gte=today or timezone.localdate(),
    )


def opportunity_search(
    *, text="", region=None, target_group=None, time_commitment="", queryset=None
):
    """Current opportunities matching the text and every given filter; soonest last day first.

    An opportunity without a region is anywhere in the municipality, so every region finds it.
    """
    opportunities = opportunities_current() if queryset is None else queryset
    if region is not None:
        opportunities = opportunities.filter(Q(region=region) | Q(region__isnull=True))
    if target_group is not None:
        opportunities = opportunities.filter(
            pk__in=Opportunity.target_groups.through.objects.filter(
                targetgroup=target_group
            ).values("opportunity_id")
        )
    if time_commitment:
        opportunities = opportunities.filter(time_commitment=time_commitment)
    words = search_words(text)
    if words:
        opportunities = opportunities.filter(search_vector=prefix_query(words))
    return opportunities.order_by("answer_by", "title", "pk")


def with_public_details(opportunities):
    """What a list card or the page shows, in a fixed number of queries."""
    return (
        opportunities.select_related("association", "region", "activity")
        .defer(
            "search_vector",
            "association__search_vector",
            "association__description",
            "activity__search_vector",
            "activity__description",
        )
        .prefetch_related(
            Prefetch("target_groups", queryset=TargetGroup.objects.order_by("order", "name"))
        )
    )


def opportunity_public_detail(pk):
    """Any opportunity with what its page shows; the view decides whether it is current."""
    return with_public_details(Opportunity.objects.filter(pk=pk)).first()


def opportunities_of(association):
    """An association's opportunities for its own area, with their count of unhandled answers."""
    return (
        association.opportunities.select_related("activity", "region")
        .defer("search_vector")
        .annotate(
            answer_count=Count("answers"),
            unhandled_count=Count("answers", filter=Q(answers__handled_at__isnull=True)),
        )
        .order_by(F("closed_at").desc(nulls_first=True), "-answer_by", "title")
    )


# GDPR: the association's data export, anonymisation and retention (hooks in apps.py)


def association_opportunity_data(association):
    """The association's opportunities and the answers it received (export hook)."""
    opportunities = association.opportunities.select_related("region", "activity").prefetch_related(
        Prefetch("target_groups", queryset=TargetGroup.objects.order_by("order", "name")),
        Prefetch("answers", queryset=OpportunityAnswer.objects.select_related("handled_by")),
    )
    return {
        "opportunities": [
            {
                "title": opportunity.title,
                "description": opportunity.description,
                "time_commitment": opportunity.time_commitment,
                "skills": opportunity.skills,
                "region": opportunity.region.name if opportunity.region else None,
                "target_groups": [group.name for group in opportunity.target_groups.all()],
                "activity": opportunity.activity.title if opportunity.activity else None,
                "needs_child_certificate": opportunity.needs_child_certificate,
                "starts_on": opportunity.starts_on,
                "answer_by": opportunity.answer_by,
                "closed_at": opportunity.closed_at,
                "created_at": opportunity.created_at,
                "answers": [
                    {
                        "name": answer.name,
                        "email": answer.email,
                        "phone": answer.phone,
                        "message": answer.message,
                        "created_at": answer.created_at,
                        "handled_at": answer.handled_at,
                        "handled_by": answer.handled_by.email if answer.handled_by else None,
                    }
                    for answer in opportunity.answers.all()
                ],
            }
            for opportunity in opportunities
        ]
    }


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
