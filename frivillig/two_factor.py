"""Staff confirm their logins with a code from an authenticator app (TOTP)."""

from django_otp.plugins.otp_totp.models import TOTPDevice


def totp_device_for(user):
    """The user's confirmed authenticator, or the one being set up (created on first visit)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device, _created = TOTPDevice.objects.get_or_create(
            user=user, confirmed=False, defaults={"name": "Frivilligportalen"}
        )
    return device


def two_factor_reset(*, user):
    """Forget the user's authenticators (a lost phone): their sessions confirmed with one owe a
    code again, and they set up a new app at their next login."""
    TOTPDevice.objects.filter(user=user).delete()


def totp_verify(*, device, token):
    """Check a code; the first right code also confirms a device that was being set up."""
    if not device.verify_token(token):
        return False
    if not device.confirmed:
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return True
