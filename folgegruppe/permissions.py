"""Who may do what in the group's matters: members of approved associations and the consultant."""

from django.http import Http404

from folgegruppe.models import MeetingAttachment


def can_manage_group(user):
    """The consultant (or a superuser) through the admin permission."""
    return user.is_active and user.is_staff and user.has_perm("folgegruppe.change_election")


def get_attachment_for(user, meeting_pk, pk):
    """A meeting's file: public once its agenda or minutes are, before that only the consultant's.

    404 rather than 403, so nobody can probe which files exist.
    """
    attachment = (
        MeetingAttachment.objects.select_related("meeting")
        .filter(pk=pk, meeting=meeting_pk)
        .first()
    )
    if attachment is None:
        raise Http404
    if not attachment.is_public() and not (user.is_authenticated and can_manage_group(user)):
        raise Http404
    return attachment
