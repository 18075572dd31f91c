import base64

from django.conf import settings
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django_otp.plugins.otp_totp.models import TOTPDevice

from frivillig.hooks import demo_seeds
from frivillig.models import User
from frivillig.roles import CONSULTANT_GROUP

DEMO_PASSWORD = "demo-kodeord-2026"  # noqa: S105 - a published demo password, refused in production
# The demo staff's authenticator key, published like the password: staff must give a code, as
# the municipality requires two-factor login by default. Apps take it in base32.
DEMO_TOTP_KEY = "46726976696c6c6967706f7274616c2064656d6f"
DEMO_TOTP_KEY_BASE32 = base64.b32encode(bytes.fromhex(DEMO_TOTP_KEY)).decode()
DEMO_USERS = [
    {"email": "konsulent@example.org", "first_name": "Demo", "last_name": "Konsulent"},
    {"email": "admin@example.org", "first_name": "Demo", "last_name": "Administrator"},
]


class Command(BaseCommand):
    help = "Create demo accounts and each app's demo content (never in production)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo accounts are never created in production.")
        users = []
        for row in DEMO_USERS:
            user, created = User.objects.get_or_create(email=row["email"], defaults=row)
            if created:
                user.set_password(DEMO_PASSWORD)
            user.is_staff = True
            user.save()
            TOTPDevice.objects.filter(user=user).delete()
            TOTPDevice.objects.create(user=user, name="Demo", key=DEMO_TOTP_KEY, confirmed=True)
            users.append(user)
        consultant, admin = users
        consultant.groups.add(Group.objects.get(name=CONSULTANT_GROUP))
        User.objects.filter(pk=admin.pk).update(is_superuser=True)
        self.stdout.write(
            f"Demo accounts: {consultant.email} (consultant) and {admin.email} (superuser), "
            f"password {DEMO_PASSWORD}, authenticator key {DEMO_TOTP_KEY_BASE32}"
        )
        for seed in demo_seeds():
            self.stdout.write(seed())
