"""Reads of the volunteer jobs, for the pages, the API, the admin and the data export.

A job is current while it is open and its last day to answer has not passed in Copenhagen;
after that it leaves the public list, its page and the API by itself.
"""

from django.db.models import Count, F, Prefetch, Q

from foreninger.frivilligjob.models import Opportunity, OpportunityAnswer
from foreninger.models import Association
from foreninger.selectors import prefix_query, search_words
from frivillig.models import TargetGroup
from frivillig.timewindow import days_open, today


def is_current(opportunity, *, now=None):
    """Open, of an approved association, and answerable through its last day (Copenhagen)."""
    return (
        opportunity.closed_at is None
        and days_open(None, opportunity.answer_by, now=now)
        and opportunity.association.status == Association.Status.APPROVED
    )


def opportunities_current(*, now=None):
    """Open opportunities of approved associations whose last day to answer has not passed."""
    return Opportunity.objects.filter(
        association__status=Association.Status.APPROVED,
        closed_at__isnull=True,
        answer_by__gte=today(now=now),
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
