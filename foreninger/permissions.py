"""Who may see and change an association's private data: its members and the consultant."""

from django.http import Http404

from foreninger.models import Association


def can_manage_associations(user):
    """The consultant (or a superuser) through the admin permission."""
    return user.is_active and user.is_staff and user.has_perm("foreninger.change_association")


def may_act_for_associations(user):
    """Staff decide on associations (approval, grants, elections), so they never act as one.

    Only a superuser may still make one of them a member, in the admin, where it is logged.
    """
    return not user.is_staff


def get_association_for(user, pk):
    """The association with `pk` when `user` is one of its members; 404 for everybody else.

    A 404 rather than a 403, so that nobody can probe which associations exist.
    """
    if not user.is_authenticated:
        raise Http404
    association = Association.objects.filter(pk=pk, memberships__user=user).first()
    if association is None:
        raise Http404
    return association


def get_agreement_for(user, pk):
    """The association whose cooperation agreement `user` may download: members and consultant."""
    if user.is_authenticated and can_manage_associations(user):
        association = Association.objects.filter(pk=pk).first()
        if association is None:
            raise Http404
        return association
    return get_association_for(user, pk)
