from django.core.management.base import BaseCommand

from frivillig.retention import retention_apply


class Command(BaseCommand):
    help = (
        "Delete what the privacy page says is deleted: form rate-limit records after a day, "
        "accounts never activated after 30 days, the audit trail after six years, and each app's "
        "own data (grant cases after five years, associations a year after they left the "
        "directory). The worker runs it daily."
    )

    def handle(self, *args, **options):
        for line in retention_apply():
            self.stdout.write(line)
