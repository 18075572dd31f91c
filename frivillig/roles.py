"""The consultant role: a group holding the permissions every app declares for it."""

from django.apps import apps
from django.contrib.auth.models import Group, Permission
from django.db.models import Q

CONSULTANT_GROUP = "Frivilligkonsulent"


def consultant_permission_names():
    return [
        name
        for config in apps.get_app_configs()
        for name in getattr(config, "consultant_permissions", [])
    ]


def consultant_group_sync(**kwargs):
    """Create the consultant group and give it exactly the declared permissions (post_migrate)."""
    query = Q(pk__in=[])
    for name in consultant_permission_names():
        app_label, codename = name.split(".")
        query |= Q(content_type__app_label=app_label, codename=codename)
    group, _ = Group.objects.get_or_create(name=CONSULTANT_GROUP)
    group.permissions.set(Permission.objects.filter(query))
