"""Who may see an application: the members of its association and the consultant."""

from django.http import Http404

from foreninger.permissions import get_association_for
from puljer.models import Application, Attachment


def can_manage_grants(user):
    return user.is_active and user.is_staff and user.has_perm("puljer.change_application")


def get_application_for(user, association_pk, pk):
    """An application of one of `user`'s associations; 404 for everybody else."""
    association = get_association_for(user, association_pk)
    application = (
        Application.objects.filter(association=association, pk=pk)
        .select_related("round__pool", "association")
        .first()
    )
    if application is None:
        raise Http404
    return application


def get_attachment_for(user, pk):
    """An attachment for a member of the application's association or the consultant."""
    if not user.is_authenticated:
        raise Http404
    attachments = Attachment.objects.select_related("application")
    if not can_manage_grants(user):
        attachments = attachments.filter(application__association__memberships__user=user)
    attachment = attachments.filter(pk=pk).first()
    if attachment is None:
        raise Http404
    return attachment
