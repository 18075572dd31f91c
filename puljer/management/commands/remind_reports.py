from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from puljer.services import reports_remind


class Command(BaseCommand):
    help = (
        "Move grants whose report is due within 30 days to “report due” and e-mail reminders "
        "14 days before the due date, on it, and every 14 days after. Run daily from cron."
    )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            count = reports_remind()
        self.stdout.write(f"Sent {count} reminder(s).")
