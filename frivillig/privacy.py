"""What the core keeps about people that an app's removal of personal data must reach too: the
audit trail (django-auditlog), the admin's change history and the login records (django-axes).

The feature apps call these from their `association_anonymise_hooks` for their own models.
"""

from auditlog.models import LogEntry as AuditEntry
from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.admin.models import LogEntry as AdminEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q


def audit_trail(model, *, pks=(), recorded=None):
    """The audit entries of `model`'s objects `pks`, and of every object of `model`, deleted
    ones too, that an entry recorded with one of the `recorded` {field: value} (the trail keeps
    each value as text, before and after), with all its other entries, such as later edits."""
    entries = AuditEntry.objects.filter(content_type=ContentType.objects.get_for_model(model))
    query = Q(object_pk__in=[str(pk) for pk in pks])
    for field, value in (recorded or {}).items():
        held = Q(**{f"changes__{field}__0": str(value)}) | Q(**{f"changes__{field}__1": str(value)})
        query |= Q(object_pk__in=entries.filter(held).values("object_pk"))
    return entries.filter(query)


def audit_trail_delete(model, *, pks=(), recorded=None):
    """Delete the audit trail and the admin's change history of the objects (see audit_trail)."""
    audit_trail(model, pks=pks, recorded=recorded).delete()
    AdminEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(model),
        object_id__in=[str(pk) for pk in pks],
    ).delete()


def audit_trail_strip(model, *, pks, fields, label):
    """Keep the trail of the objects `pks` (a record the municipality keeps), but without the
    values of `fields`, with `label(pk)` for the object's name, and without the people who are
    not the municipality's staff: only the staff's own actions stay attributed (the admin's
    history is the staff's own)."""
    for entry in audit_trail(model, pks=pks).select_related("actor"):
        staff = entry.actor is not None and entry.actor.is_staff
        AuditEntry.objects.filter(pk=entry.pk).update(
            changes={
                key: value for key, value in (entry.changes or {}).items() if key not in fields
            },
            changes_text="",
            object_repr=label(entry.object_pk),
            actor=entry.actor if staff else None,
            actor_email=entry.actor_email if staff else None,
        )
    for pk in pks:
        AdminEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model), object_id=str(pk)
        ).update(object_repr=label(pk))


def login_records_delete(emails):
    """Delete the failed and successful logins recorded under these addresses (any case)."""
    if not emails:
        return
    query = Q()
    for email in emails:
        query |= Q(username__iexact=email)
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.filter(query).delete()
