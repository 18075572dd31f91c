"""Logging in a person NemLog-in vouched for: the OIOSAML 3 rules the portal adds to pysaml2's
checks (level of assurance, one account per identity), and nothing stored but the pseudonym."""

from django.db import transaction
from django.utils.translation import gettext as _

from frivillig.identity.models import LoginIdentity
from frivillig.identity.oiosaml import IdentityRefused
from frivillig.models import User


@transaction.atomic
def identity_login_user(*, identity):
    """The user `identity` logs in as, made on its first login; IdentityRefused otherwise."""
    if not identity.assurance_sufficient:
        raise IdentityRefused(
            _(
                "You logged in with a level of assurance that is too low. Frivilligportalen "
                "requires at least the level “Substantial” (betydelig). Log in again with MitID "
                "at that level."
            )
        )
    if not identity.issuer or not identity.subject:
        raise IdentityRefused(_("The login did not say who you are. Try again."))
    link = (
        LoginIdentity.objects.select_for_update()
        .select_related("user")
        .filter(issuer=identity.issuer, subject=identity.subject)
        .first()
    )
    if link is not None:
        if not link.user.is_active:
            raise IdentityRefused(
                _("Your account has been closed. Contact the municipality's volunteer consultant.")
            )
        link.save(update_fields=["last_login_at"])
        return link.user
    if not identity.email:
        raise IdentityRefused(
            _(
                "MitID did not send an e-mail address for you. Ask your organisation's MitID "
                "administrator to add one, and try again."
            )
        )
    # An address NemLog-in sends is set by the organisation, not proven by its owner, so it never
    # opens an existing account.
    if User.objects.filter(email__iexact=identity.email).exists():
        raise IdentityRefused(
            _(
                "There is already an account with the e-mail address %(email)s. Log in with its "
                "password instead."
            )
            % {"email": identity.email}
        )
    user = User.objects.create_user(
        email=identity.email, first_name=identity.first_name, last_name=identity.last_name
    )
    LoginIdentity.objects.create(user=user, issuer=identity.issuer, subject=identity.subject)
    return user
