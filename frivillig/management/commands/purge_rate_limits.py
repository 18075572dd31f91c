from django.core.management.base import BaseCommand

from frivillig.ratelimit import rate_limit_purge


class Command(BaseCommand):
    help = "Delete the form rate-limit records older than one day (the privacy page promises it)."

    def handle(self, *args, **options):
        self.stdout.write(f"Deleted {rate_limit_purge()} rate-limit record(s).")
