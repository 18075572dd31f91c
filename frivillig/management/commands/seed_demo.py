from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from frivillig.models import User
from frivillig.roles import CONSULTANT_GROUP

DEMO_PASSWORD = "demo-kodeord-2026"  # noqa: S105 - a published demo password, refused in production
DEMO_USERS = [
    {"email": "konsulent@example.org", "first_name": "Demo", "last_name": "Konsulent"},
    {"email": "admin@example.org", "first_name": "Demo", "last_name": "Administrator"},
]


class Command(BaseCommand):
    help = "Create the demo accounts for a development portal (never in production)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo accounts are never created in production.")
        consultant, admin = (
            User.objects.get_or_create(email=row["email"], defaults=row)[0] for row in DEMO_USERS
        )
        for user in (consultant, admin):
            if not user.has_usable_password():
                user.set_password(DEMO_PASSWORD)
            user.is_staff = True
            user.save()
        consultant.groups.add(Group.objects.get(name=CONSULTANT_GROUP))
        User.objects.filter(pk=admin.pk).update(is_superuser=True)
        self.stdout.write(
            f"Demo accounts: {consultant.email} (consultant) and {admin.email} (superuser), "
            f"password {DEMO_PASSWORD}"
        )
