"""The daily retention run: what the privacy page says is deleted (`manage.py apply_retention`,
and the worker's scheduled job)."""

from datetime import timedelta

from auditlog.models import LogEntry as AuditEntry
from django.db import transaction
from django.utils import timezone

from frivillig.hooks import retention_tasks
from frivillig.models import User
from frivillig.ratelimit import rate_limit_purge

UNACTIVATED_ACCOUNT_DAYS = 30
# The audit trail is kept as long as the grant cases it documents.
AUDIT_TRAIL_YEARS = 6


def retention_apply():
    """Delete form rate-limit records after a day, accounts never activated after 30 days, the
    audit trail after six years, and each app's own data (its retention tasks); returns one
    summary line for each."""
    lines = [f"rate limits: {rate_limit_purge()} deleted"]
    old = timezone.now() - timedelta(days=365 * AUDIT_TRAIL_YEARS)
    lines.append(
        f"audit trail: {AuditEntry.objects.filter(timestamp__lt=old).delete()[0]} entries deleted"
    )
    with transaction.atomic():
        unactivated = User.objects.filter(
            is_active=False,
            last_login__isnull=True,
            date_joined__lt=timezone.now() - timedelta(days=UNACTIVATED_ACCOUNT_DAYS),
            memberships__isnull=True,
        )
        lines.append(f"accounts never activated: {unactivated.delete()[0]} deleted")
    lines.extend(task() for task in retention_tasks())
    return lines
