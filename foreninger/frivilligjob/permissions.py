"""Access to an association's volunteer jobs and their answers: its members only."""

from django.shortcuts import get_object_or_404

from foreninger.frivilligjob.models import OpportunityAnswer
from foreninger.permissions import get_association_for


def get_opportunity_for(user, pk, opportunity_pk):
    """One of the opportunities of association `pk`, for its members; 404 for everybody else."""
    association = get_association_for(user, pk)
    return get_object_or_404(
        association.opportunities.select_related("activity", "association"), pk=opportunity_pk
    )


def get_opportunity_answer_for(user, pk, answer_pk):
    """An answer to one of the opportunities of association `pk`, for its members only."""
    association = get_association_for(user, pk)
    return get_object_or_404(
        OpportunityAnswer.objects.select_related("opportunity__association"),
        pk=answer_pk,
        opportunity__association=association,
    )
