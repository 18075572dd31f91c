"""System checks for MitID login: the local test identity provider never runs in production, and
a NemLog-in setup names everything it needs."""

import shutil

from django.conf import settings
from django.core import checks


@checks.register(checks.Tags.security)
def check_mitid(app_configs=None, **kwargs):
    errors = []
    if settings.PRODUCTION and settings.LOCAL_TEST_IDP:
        errors.append(
            checks.Error(
                "The local test identity provider is not allowed in production.",
                hint="Set SAML_IDP_METADATA to NemLog-in's metadata, or MITID_LOGIN=false.",
                id="identity.E001",
            )
        )
    if not settings.MITID_LOGIN and not settings.PASSWORD_LOGIN:
        errors.append(
            checks.Error(
                "Both MITID_LOGIN and PASSWORD_LOGIN are off: nobody can log in.",
                id="identity.E002",
            )
        )
    if not settings.MITID_LOGIN:
        return errors
    if not shutil.which("xmlsec1"):
        errors.append(
            checks.Error(
                "xmlsec1 is missing; pysaml2 needs it to sign and verify.",
                hint="Install the Debian package xmlsec1.",
                id="identity.E003",
            )
        )
    if not settings.MITID_PRIVILEGE:
        errors.append(
            checks.Error(
                "MITID_PRIVILEGE is not set, so nobody may act for an association.",
                hint="Set it to the privilege created in NemLog-in's user administration.",
                id="identity.E004",
            )
        )
    if not settings.LOCAL_TEST_IDP and not (
        settings.SAML_SP_KEY_FILE and settings.SAML_SP_CERT_FILE and settings.SAML_SP_ENTITY_ID
    ):
        errors.append(
            checks.Error(
                "NemLog-in needs the service provider's key, certificate and entity ID.",
                hint="Set SAML_SP_KEY_FILE, SAML_SP_CERT_FILE and SAML_SP_ENTITY_ID.",
                id="identity.E005",
            )
        )
    return errors
