"""The roles: groups holding the permissions every app declares for them."""

from django.apps import apps
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


def groups_sync(app_config, **kwargs):
    """post_migrate: sent once for each app, after that app's permissions are created; the
    groups are synced after the last app's, when every permission exists (once, not for each
    app: a test's database flush sends it too)."""
    if app_config is [config for config in apps.get_app_configs() if config.models_module][-1]:
        roles_sync()


def roles_sync():
    """The consultant and assessor groups hold exactly the permissions the apps declare."""
    _group_sync(CONSULTANT_GROUP, "consultant_permissions")
    _group_sync(ASSESSOR_GROUP, "assessor_permissions")
