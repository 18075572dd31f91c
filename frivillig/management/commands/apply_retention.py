from datetime import timedelta

from auditlog.models import LogEntry as AuditEntry
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from frivillig.hooks import retention_tasks
from frivillig.models import User
from frivillig.ratelimit import rate_limit_purge

UNACTIVATED_ACCOUNT_DAYS = 30
# The audit trail is kept as long as the grant cases it documents.
AUDIT_TRAIL_YEARS = 6


class Command(BaseCommand):
    help = (
        "Delete what the privacy page says is deleted: form rate-limit records after a day, "
        "accounts never activated after 30 days, the audit trail after six years, and each app's "
        "own data (grant cases after five years, associations a year after they left the "
        "directory). Run daily from cron."
    )

    def handle(self, *args, **options):
        self.stdout.write(f"rate limits: {rate_limit_purge()} deleted")
        old = timezone.now() - timedelta(days=365 * AUDIT_TRAIL_YEARS)
        audit = AuditEntry.objects.filter(timestamp__lt=old).delete()[0]
        self.stdout.write(f"audit trail: {audit} entries deleted")
        with transaction.atomic():
            unactivated = User.objects.filter(
                is_active=False,
                last_login__isnull=True,
                date_joined__lt=timezone.now() - timedelta(days=UNACTIVATED_ACCOUNT_DAYS),
                memberships__isnull=True,
            )
            self.stdout.write(f"accounts never activated: {unactivated.delete()[0]} deleted")
        for task in retention_tasks():
            self.stdout.write(task())
