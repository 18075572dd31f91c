"""The local test identity provider: a stand-in for NemLog-in in development and the tests.

It is a real SAML identity provider (pysaml2's Server): it checks the portal's signed
AuthnRequest and answers with an assertion signed (and encrypted) with its own key, made on
first run. Instead of MitID it shows a few test persons to log in as. A system check refuses it
in production (frivillig.identity.checks); its URLs exist only while it is in use.
"""

import base64
import functools
from dataclasses import dataclass

import saml2
from django.conf import settings
from django.core.exceptions import BadRequest
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods
from saml2.authn_context import AuthnBroker, authn_context_class_ref
from saml2.saml import NAMEID_FORMAT_PERSISTENT, NameID
from saml2.server import Server

from frivillig.identity import config, oiosaml

SUBJECT_PREFIX = "https://data.gov.dk/model/core/eid/professional/uuid/"
TEST_CPR_NUMBER = "0101709999"
# The fields of the redirect binding that the person picker carries from the request to its form.
REQUEST_FIELDS = ("SAMLRequest", "RelayState", "SigAlg", "Signature")


@dataclass(frozen=True)
class TestPerson:
    key: str
    first_name: str
    last_name: str
    email: str
    uuid: str
    assurance: str
    cvr: str = ""
    organisation: str = ""
    may_act: bool = False

    @property
    def name(self):
        return f"{self.first_name} {self.last_name}"

    def attributes(self):
        values = {
            oiosaml.SPEC_VERSION: "OIO-SAML-3.0",
            oiosaml.ASSURANCE: self.assurance,
            oiosaml.FIRST_NAME: self.first_name,
            oiosaml.LAST_NAME: self.last_name,
            oiosaml.FULL_NAME: self.name,
            oiosaml.EMAIL: self.email,
            # A made-up CPR number in NemLog-in's format, which the portal must never store.
            oiosaml.CPR_NUMBER: TEST_CPR_NUMBER,
        }
        if self.cvr:
            values[oiosaml.CVR] = self.cvr
            values[oiosaml.ORGANISATION] = self.organisation
            privileges = [(self.cvr, settings.MITID_PRIVILEGE)] if self.may_act else []
            values[oiosaml.PRIVILEGES] = oiosaml.privileges_encode(privileges)
        return {name: [value] for name, value in values.items()}


# Test persons with the CVR numbers of the development CVR register (foreninger/data/cvr.yaml).
TEST_PERSONS = [
    TestPerson(
        key="formand",
        first_name="Freja",
        last_name="Formand",
        email="freja.formand@example.org",
        uuid="5c2b1c2e-2d3f-4b5a-9f10-000000000001",
        assurance="Substantial",
        cvr="12345674",
        organisation="Testforeningen Sammen",
        may_act=True,
    ),
    TestPerson(
        key="frivillig",
        first_name="Villy",
        last_name="Frivillig",
        email="villy.frivillig@example.org",
        uuid="5c2b1c2e-2d3f-4b5a-9f10-000000000002",
        assurance="Substantial",
        cvr="12345674",
        organisation="Testforeningen Sammen",
    ),
    TestPerson(
        key="ny",
        first_name="Nora",
        last_name="Nystifter",
        email="nora.nystifter@example.org",
        uuid="5c2b1c2e-2d3f-4b5a-9f10-000000000003",
        assurance="Substantial",
        cvr="29183740",
        organisation="Testklubben Ny Start",
        may_act=True,
    ),
    TestPerson(
        key="privat",
        first_name="Per",
        last_name="Privat",
        email="per.privat@example.org",
        uuid="5c2b1c2e-2d3f-4b5a-9f10-000000000004",
        assurance="Substantial",
    ),
    TestPerson(
        key="lav",
        first_name="Lone",
        last_name="Lavsikring",
        email="lone.lavsikring@example.org",
        uuid="5c2b1c2e-2d3f-4b5a-9f10-000000000005",
        assurance="Low",
        cvr="12345674",
        organisation="Testforeningen Sammen",
        may_act=True,
    ),
]
PERSONS = {person.key: person for person in TEST_PERSONS}


def _server(request):
    if not settings.LOCAL_TEST_IDP:
        raise Http404
    return _server_at(config.base_url(request))


@functools.cache
def _server_at(base):
    """One identity provider per address, as its configuration is: making one reads and checks
    its RSA key (~30 ms a request)."""
    return Server(config=config.local_idp_config(base))


def _fields(data):
    return {name: data[name] for name in REQUEST_FIELDS if data.get(name)}


def _parsed(parse, fields):
    """The portal's request (AuthnRequest or LogoutRequest) in the redirect binding, its
    signature checked; 400 when it is missing or wrong."""
    if "SAMLRequest" not in fields:
        raise BadRequest("No SAML request")
    try:
        parsed = parse(
            fields["SAMLRequest"],
            saml2.BINDING_HTTP_REDIRECT,
            relay_state=fields.get("RelayState"),
            sigalg=fields.get("SigAlg"),
            signature=fields.get("Signature"),
        )
    except Exception as error:
        raise BadRequest("Invalid SAML request") from error
    if parsed is None:
        raise BadRequest("Invalid SAML request")
    return parsed


def _response(server, authn_request, person, *, encrypt):
    broker = AuthnBroker()
    level = f"https://data.gov.dk/concept/core/nsis/loa/{person.assurance}"
    broker.add(authn_context_class_ref(level), "")
    return server.create_authn_response(
        identity=person.attributes(),
        in_response_to=authn_request.id,
        destination=authn_request.assertion_consumer_service_url,
        sp_entity_id=authn_request.issuer.text,
        name_id=NameID(format=NAMEID_FORMAT_PERSISTENT, text=f"{SUBJECT_PREFIX}{person.uuid}"),
        authn=broker.get_authn_by_accr(level),
        sign_assertion=True,
        sign_response=False,
        encrypt_assertion=encrypt,
        encrypt_assertion_self_contained=True,
        encrypt_cert_assertion=None,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def sso(request):
    """The person picker for the portal's AuthnRequest, and the signed answer once one is picked."""
    server = _server(request)
    data = request.POST if request.method == "POST" else request.GET
    fields = _fields(data)
    authn_request = _parsed(server.parse_authn_request, fields).message
    if request.method != "POST":
        return render(
            request, "identity/test_idp.html", {"persons": TEST_PERSONS, "fields": fields}
        )
    person = PERSONS.get(request.POST.get("person"))
    if person is None:
        raise BadRequest("Unknown test person")
    response = _response(server, authn_request, person, encrypt=settings.SAML_REQUIRE_ENCRYPTION)
    return render(
        request,
        "identity/test_idp_post.html",
        {
            "action": authn_request.assertion_consumer_service_url,
            "saml_response": base64.b64encode(str(response).encode()).decode(),
            "relay_state": fields.get("RelayState", ""),
        },
    )


@require_http_methods(["GET", "HEAD"])
def slo(request):
    """Single logout: answers the portal's signed LogoutRequest and sends the browser back."""
    server = _server(request)
    fields = _fields(request.GET)
    logout_request = _parsed(server.parse_logout_request, fields)
    response = server.create_logout_response(logout_request.message, [saml2.BINDING_HTTP_REDIRECT])
    binding, destination = server.pick_binding(
        "single_logout_service", [saml2.BINDING_HTTP_REDIRECT], "spsso", logout_request
    )
    http = server.apply_binding(
        binding, str(response), destination, fields.get("RelayState", ""), response=True, sign=True
    )
    return redirect(dict(http["headers"])["Location"])


@require_http_methods(["GET", "HEAD"])
def metadata(request):
    if not settings.LOCAL_TEST_IDP:
        raise Http404
    return HttpResponse(
        config.local_idp_metadata(config.base_url(request)), content_type="application/xml"
    )
