"""The consultant role: a group holding the permissions every app declares for it."""

from django.contrib.auth.models import Group, Permission
from django.db.models import Q

from frivillig.hooks import app_attribute

CONSULTANT_GROUP = "Frivilligkonsulent"


def consultant_group_sync(**kwargs):
    """Create the consultant group and give it exactly the declared permissions (post_migrate)."""
    query = Q(pk__in=[])
    for name in app_attribute("consultant_permissions"):
        app_label, codename = name.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    group, _ = Group.objects.get_or_create(name=CONSULTANT_GROUP)
    group.permissions.set(Permission.objects.filter(query))
