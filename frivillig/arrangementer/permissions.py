"""Who may see what of events: an association's members see its sign-ups."""

from django.http import Http404

from frivillig.arrangementer.models import EventRegistration


def get_registration_for(user, pk):
    """A sign-up of one of the user's associations; 404 for everybody else."""
    if not user.is_authenticated:
        raise Http404
    registration = (
        EventRegistration.objects.select_related("event", "association")
        .filter(pk=pk, association__memberships__user=user)
        .first()
    )
    if registration is None:
        raise Http404
    return registration
