"""What the OIOSAML 3 profile puts in a NemLog-in assertion, and how the portal reads it.

Only the attributes named here are read; the CPR number (cprNumber) a NemLog-in assertion may
carry is never read, so it cannot be stored.
"""

import base64
import binascii
from dataclasses import dataclass

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from django.core.exceptions import PermissionDenied

SPEC_VERSION = "https://data.gov.dk/model/core/specVersion"
ASSURANCE = "https://data.gov.dk/concept/core/nsis/loa"
FIRST_NAME = "https://data.gov.dk/model/core/eid/firstName"
LAST_NAME = "https://data.gov.dk/model/core/eid/lastName"
FULL_NAME = "https://data.gov.dk/model/core/eid/fullName"
EMAIL = "https://data.gov.dk/model/core/eid/email"
CVR = "https://data.gov.dk/model/core/eid/professional/cvr"
ORGANISATION = "https://data.gov.dk/model/core/eid/professional/orgName"
PRIVILEGES = "https://data.gov.dk/model/core/eid/privilegesIntermediate"
# Never read: named only so that the test identity provider can send one, as NemLog-in may.
CPR_NUMBER = "https://data.gov.dk/model/core/eid/cprNumber"

# The NSIS levels of assurance in rising order; the portal requires Substantial or higher.
ASSURANCE_LEVELS = ("Low", "Substantial", "High")
REQUIRED_ASSURANCE = "Substantial"
# Asked for in the AuthnRequest (RequestedAuthnContext, comparison "minimum").
REQUIRED_ASSURANCE_CLASS = "https://data.gov.dk/concept/core/nsis/loa/Substantial"
# OIO Basic Privilege Profile: a privilege group's scope names the CVR number it holds for.
CVR_SCOPE = "urn:dk:gov:saml:cvrNumberIdentifier:"


class IdentityRefused(PermissionDenied):
    """The assertion is valid but the portal does not accept it; the message is for the user.
    A PermissionDenied, which djangosaml2's assertion consumer hands to its failure page."""


def _first(attributes, name):
    values = attributes.get(name) or [""]
    return str(values[0]).strip()


def privileges_from(encoded):
    """The (CVR number, privilege) pairs of a base64-encoded privilege list; an unreadable list
    grants nothing."""
    if not encoded:
        return frozenset()
    try:
        root = ElementTree.fromstring(base64.b64decode(encoded, validate=True))
    except (binascii.Error, ElementTree.ParseError, DefusedXmlException, ValueError):
        return frozenset()
    pairs = set()
    for group in root.iter():
        if not group.tag.endswith("PrivilegeGroup"):
            continue
        scope = group.get("Scope", "")
        if not scope.startswith(CVR_SCOPE):
            continue
        cvr = scope.removeprefix(CVR_SCOPE)
        pairs |= {
            (cvr, (element.text or "").strip())
            for element in group
            if element.tag.endswith("Privilege")
        }
    return frozenset(pairs)


def privileges_encode(pairs):
    """The privilege list NemLog-in would send for (CVR number, privilege) pairs (test IdP)."""
    groups = "".join(
        f'<PrivilegeGroup Scope="{CVR_SCOPE}{cvr}"><Privilege>{privilege}</Privilege>'
        "</PrivilegeGroup>"
        for cvr, privilege in pairs
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile">'
        f"{groups}</bpp:PrivilegeList>"
    )
    return base64.b64encode(document.encode()).decode()


@dataclass(frozen=True)
class Identity:
    """A person as NemLog-in vouched for them: never a CPR number."""

    issuer: str
    subject: str
    assurance: str
    first_name: str
    last_name: str
    email: str
    cvr: str
    organisation: str
    privileges: frozenset

    @classmethod
    def from_session_info(cls, session_info):
        attributes = session_info.get("ava") or {}
        name_id = session_info.get("name_id")
        first, last = _first(attributes, FIRST_NAME), _first(attributes, LAST_NAME)
        if not (first or last):
            first, _, last = _first(attributes, FULL_NAME).rpartition(" ")
        return cls(
            issuer=str(session_info.get("issuer") or ""),
            subject=getattr(name_id, "text", "") or "",
            assurance=_first(attributes, ASSURANCE),
            first_name=first,
            last_name=last,
            email=_first(attributes, EMAIL).lower(),
            cvr=_first(attributes, CVR),
            organisation=_first(attributes, ORGANISATION),
            privileges=privileges_from(_first(attributes, PRIVILEGES)),
        )

    @property
    def assurance_sufficient(self):
        levels = ASSURANCE_LEVELS
        return self.assurance in levels and levels.index(self.assurance) >= levels.index(
            REQUIRED_ASSURANCE
        )

    def may_act_for(self, privilege):
        """True when the privilege list grants `privilege` for the CVR number logged in for."""
        return bool(self.cvr and privilege) and (self.cvr, privilege) in self.privileges

    def for_session(self, privilege):
        """What later pages need, kept in the session: the organisation and the privilege rule's
        answer, nothing more."""
        return {
            "cvr": self.cvr,
            "organisation": self.organisation,
            "may_act": self.may_act_for(privilege),
        }
