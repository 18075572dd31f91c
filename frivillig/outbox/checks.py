"""System checks for Digital Post: a transport this code knows, no folder in production, and an
SF1601 setup that names everything it needs."""

from django.conf import settings
from django.core import checks

from frivillig.outbox.digitalpost import TRANSPORTS

SF1601_SETTINGS = [
    "DIGITAL_POST_STS_URL",
    "DIGITAL_POST_TOKEN_URL",
    "DIGITAL_POST_URL",
    "DIGITAL_POST_CERT_FILE",
]


@checks.register()
def check_digital_post(app_configs=None, **kwargs):
    transport = settings.DIGITAL_POST_TRANSPORT
    if transport and transport not in TRANSPORTS:
        return [
            checks.Error(
                f"DIGITAL_POST_TRANSPORT is {transport!r}.",
                hint="Use sf1601, folder, or nothing for e-mail only.",
                id="outbox.E001",
            )
        ]
    if transport == "folder" and settings.PRODUCTION:
        return [
            checks.Error(
                "Digital Post letters would be written to a folder and never sent.",
                hint="Set DIGITAL_POST_TRANSPORT=sf1601 with its settings, or leave it empty.",
                id="outbox.E002",
            )
        ]
    missing = [name for name in SF1601_SETTINGS if not getattr(settings, name)]
    if transport == "sf1601" and missing:
        return [
            checks.Error(
                f"SF1601 needs {', '.join(missing)}.",
                hint="See the README's section on Digital Post.",
                id="outbox.E003",
            )
        ]
    return []
