"""The roles: groups holding the permissions every app declares for them."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from frivillig.hooks import app_attribute

CONSULTANT_GROUP = "Frivilligkonsulent"
# Staff or external persons on a grant round's assessment panel (puljer.assessment).
ASSESSOR_GROUP = "Bedømmer"


def _group_sync(name, hook):
    """Create the group and give it exactly the permissions the apps declare in `hook`."""
    query = Q(pk__in=[])
    for permission in app_attribute(hook):
        app_label, codename = permission.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    group, _ = Group.objects.get_or_create(name=name)
    group.permissions.set(Permission.objects.filter(query))


def consultant_group_sync(**kwargs):
    """post_migrate: the consultant group holds the declared permissions."""
    _group_sync(CONSULTANT_GROUP, "consultant_permissions")


def assessor_group_sync(**kwargs):
    """post_migrate: the assessor group holds the declared permissions."""
    _group_sync(ASSESSOR_GROUP, "assessor_permissions")
