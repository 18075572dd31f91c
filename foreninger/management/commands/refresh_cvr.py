from django.core.management.base import BaseCommand

from foreninger.mitid import associations_cvr_refresh


class Command(BaseCommand):
    help = (
        "Ask the CVR register (CVR_LOOKUP) for the status of every association with a CVR "
        "number and flag the ceased ones for the consultant. Run nightly."
    )

    def handle(self, *args, **options):
        self.stdout.write(associations_cvr_refresh())
