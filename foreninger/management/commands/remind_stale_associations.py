from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from foreninger.services import associations_remind_stale


class Command(BaseCommand):
    help = (
        "E-mail approved associations whose details were not confirmed for 12 months, with a "
        "confirm link. Run daily from cron; an association is reminded at most every 30 days."
    )

    def handle(self, *args, **options):
        with translation.override(settings.LANGUAGE_CODE):
            count = associations_remind_stale()
        self.stdout.write(f"Reminded {count} association(s).")
