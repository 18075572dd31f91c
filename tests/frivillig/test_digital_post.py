"""Letters by Digital Post: a letter to an association with a CVR number goes as a MeMo message
through KOMBIT's SF1601 where the municipality chose so, and by e-mail when that fails.

MeMo 1.2 has no XSD (Digitaliseringsstyrelsen retired the schema with it), so the message is
checked for the elements its documentation and minimum example make mandatory, in their order.
The SF1601 tests post to a real HTTPS server on 127.0.0.1 that asks for the client certificate.
"""

import base64
import datetime
import io
import ipaddress
import json
import re
import ssl
import threading
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from django.core import mail
from django.utils import timezone
from lxml import etree
from pypdf import PdfReader

from frivillig.models import Municipality
from frivillig.outbox.checks import check_digital_post
from frivillig.outbox.digitalpost import DigitalPostAddress
from frivillig.outbox.models import LetterChannel, Message
from frivillig.outbox.services import deliver_due, message_enqueue
from puljer import services
from tests import factories
from tests.puljer.conftest import open_round, submitted

MEMO = {"memo": "https://DigitalPost.dk/MeMo-1"}
MUNICIPALITY_CVR = "12345678"
CLUB_CVR = "87654321"
PDF = b"%PDF-1.7\n%%EOF\n"
UUID4 = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}")
# The mandatory elements of a MeMo message in the order MeMo's documentation gives them
# (digitaliser.dk, "MeMo", MeMo_Minimum_Example.xml), with the two flags this portal always sets
# (false unless the municipality chose otherwise for the kind of letter).
HEADER = ["messageType", "messageUUID", "label", "mandatory", "legalNotification", "Sender"]
SENDER = ["senderID", "idType", "label"]
FILE = ["encodingFormat", "filename", "language", "content"]


def names(element):
    return [etree.QName(child).localname for child in element]


def one(root, path):
    [found] = root.xpath(path, namespaces=MEMO)
    return found


def assert_memo(root, *, mandatory="false", legal_notification="false"):
    """The documented mandatory elements, in order, with the forms they must have."""
    assert etree.QName(root) == etree.QName(MEMO["memo"], "Message")
    assert root.get("memoVersion") == "1.2"
    assert names(root) == ["MessageHeader", "MessageBody"]
    assert names(one(root, "memo:MessageHeader")) == [*HEADER, "Recipient"]
    assert names(one(root, "memo:MessageHeader/memo:Sender")) == SENDER
    assert names(one(root, "memo:MessageHeader/memo:Recipient")) == [
        "recipientID",
        "idType",
        "label",
    ]
    assert names(one(root, "memo:MessageBody"))[:2] == ["createdDateTime", "MainDocument"]
    assert names(one(root, "memo:MessageBody/memo:MainDocument/memo:File")) == FILE
    assert one(root, "memo:MessageHeader/memo:messageType").text == "DIGITALPOST"
    assert UUID4.fullmatch(one(root, "memo:MessageHeader/memo:messageUUID").text)
    assert re.fullmatch(
        r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ", one(root, "memo:MessageBody/memo:createdDateTime").text
    )
    assert one(root, "memo:MessageHeader/memo:mandatory").text == mandatory
    assert one(root, "memo:MessageHeader/memo:legalNotification").text == legal_notification


def text(root, path):
    return one(root, path).text


@pytest.fixture
def round_18(faaborg):
    return open_round()


@pytest.fixture
def digital_post_decisions(faaborg):
    Municipality.objects.filter(pk=1).update(cvr=MUNICIPALITY_CVR)
    LetterChannel.objects.update_or_create(kind="decision", defaults={"channel": "digital_post"})


@pytest.fixture
def folder(settings, tmp_path):
    settings.DIGITAL_POST_TRANSPORT = "folder"
    settings.DIGITAL_POST_FOLDER = tmp_path / "digital-post"
    return settings.DIGITAL_POST_FOLDER


def test_a_decision_to_an_association_with_a_cvr_number_is_a_memo_message_with_the_pdf(
    digital_post_decisions, folder, alice, round_18, consultant
):
    club = factories.association(name="Klub A", members=[alice], cvr=CLUB_CVR)
    application = submitted(club, round_18, amount_applied=10000)
    services.grant_decide(application=application, user=consultant, amount=10000)
    assert deliver_due() == {"sent": 1, "retry": 0, "failed": 0}
    assert mail.outbox == []
    [path] = folder.iterdir()
    root = etree.parse(path).getroot()
    assert_memo(root)
    assert text(root, "memo:MessageHeader/memo:label") == "Afgørelse om tilskud: T-0001"
    assert text(root, "memo:MessageHeader/memo:Sender/memo:senderID") == MUNICIPALITY_CVR
    assert text(root, "memo:MessageHeader/memo:Sender/memo:idType") == "CVR"
    assert text(root, "memo:MessageHeader/memo:Sender/memo:label") == "Faaborg-Midtfyn Kommune"
    assert text(root, "memo:MessageHeader/memo:Recipient/memo:recipientID") == CLUB_CVR
    assert text(root, "memo:MessageHeader/memo:Recipient/memo:idType") == "CVR"
    assert text(root, "memo:MessageHeader/memo:Recipient/memo:label") == "Klub A"
    file = "memo:MessageBody/memo:MainDocument/memo:File"
    assert text(root, f"{file}/memo:encodingFormat") == "application/pdf"
    assert text(root, f"{file}/memo:filename") == "afgoerelse-T-0001.pdf"
    assert text(root, f"{file}/memo:language") == "da"
    pdf = PdfReader(io.BytesIO(base64.b64decode(text(root, f"{file}/memo:content"))))
    assert "Klub A får tilskud på 10.000 kr." in " ".join(pdf.pages[0].extract_text().split())
    message = Message.objects.get()
    assert (message.channel, message.status, message.receipt) == ("digital_post", "sent", str(path))
    assert path.name == f"{message.memo_uuid}.xml"


def test_a_decision_to_an_association_without_a_cvr_number_is_an_email(
    digital_post_decisions, folder, alice, round_18, consultant
):
    club = factories.association(name="Klub A", members=[alice], cvr="")
    application = submitted(club, round_18, amount_applied=10000)
    services.grant_decide(application=application, user=consultant, amount=10000)
    [sent] = mail.outbox
    assert sent.attachments[0].filename == "afgoerelse-T-0001.pdf"
    assert Message.objects.get().channel == "email"
    assert not folder.exists()


def test_an_association_that_has_ceased_in_the_cvr_register_gets_an_email(
    digital_post_decisions, folder, alice, round_18, consultant
):
    club = factories.association(members=[alice], cvr=CLUB_CVR, cvr_ceased=True)
    services.grant_decide(
        application=submitted(club, round_18, amount_applied=10000),
        user=consultant,
        amount=10000,
    )
    assert Message.objects.get().channel == "email"


def test_a_letter_of_a_kind_the_municipality_sends_by_email_is_an_email(
    digital_post_decisions, folder, alice, round_18, consultant
):
    application = submitted(factories.association(cvr=CLUB_CVR), round_18)
    services.hearing_send(
        application=application,
        user=consultant,
        information="Budgettet mangler.",
        answer_by=timezone.localdate() + datetime.timedelta(days=14),
    )
    assert Message.objects.get().channel == "email"


def test_a_letter_without_a_pdf_is_its_text_as_the_main_document(folder, db):
    queued(body="Husk afrapporteringen.\n", attachments=())
    deliver_due()
    [path] = folder.iterdir()
    root = etree.parse(path).getroot()
    assert_memo(root)
    file = "memo:MessageBody/memo:MainDocument/memo:File"
    assert text(root, f"{file}/memo:encodingFormat") == "text/plain"
    assert text(root, f"{file}/memo:filename") == "brev.txt"
    assert base64.b64decode(text(root, f"{file}/memo:content")) == b"Husk afrapporteringen.\n"


def queued(**fields):
    fields.setdefault("attachments", [("afgoerelse-T-0001.pdf", PDF, "application/pdf")])
    fields.setdefault("body", "Afgørelsen er vedlagt.\n")
    return message_enqueue(
        to=["kontakt@klub.example.org"],
        subject="Afgørelse om tilskud: T-0001",
        digital_post=DigitalPostAddress(
            sender_cvr=MUNICIPALITY_CVR,
            sender_name="Faaborg-Midtfyn Kommune",
            recipient_cvr=CLUB_CVR,
            recipient_name="Klub A",
        ),
        **fields,
    )


# SF1601 against a local server


def _certificate(folder):
    """A self-signed certificate for 127.0.0.1, the server's and the municipality's both."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Testkommune systemcertifikat")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=1))
        .not_valid_after(now + datetime.timedelta(hours=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .sign(key, hashes.SHA256())
    )
    cert_file, key_file = folder / "certifikat.pem", folder / "noegle.pem"
    cert_file.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    key_file.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    der = certificate.public_bytes(serialization.Encoding.DER)
    return cert_file, key_file, base64.b64encode(der).decode()


class Serviceplatformen(BaseHTTPRequestHandler):
    """The security token service, the access token service and KombiPostAfsend: each request
    is kept with the client certificate it came with, and answered as `answers` says."""

    def do_POST(self):
        body = self.rfile.read(int(self.headers["Content-Length"]))
        self.server.requests.append(
            {
                "path": self.path,
                "headers": self.headers,  # case-insensitive, as HTTP headers are
                "body": body,
                "client_certificate": self.connection.getpeercert(binary_form=True),
            }
        )
        status, content_type, answer = self.server.answers[self.path]
        self.send_response(status)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(answer)))
        self.end_headers()
        self.wfile.write(answer)

    def log_message(self, *args):
        pass


TOKENS = {
    "/sts": (
        200,
        "application/json",
        json.dumps({"RequestedSecurityToken": {"Assertion": "PHNhbWw6QXNzZXJ0aW9uLz4="}}).encode(),
    ),
    "/token": (
        200,
        "application/json",
        json.dumps(
            {"access_token": "1889e404", "token_type": "Holder-of-key", "expires_in": 3600}
        ).encode(),
    ),
}


@pytest.fixture
def serviceplatformen(settings, tmp_path):
    cert_file, key_file, use_key = _certificate(tmp_path)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert_file, key_file)
    context.verify_mode = ssl.CERT_REQUIRED
    context.load_verify_locations(cert_file)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Serviceplatformen)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    server.requests = []
    server.answers = {**TOKENS, "/kombi": (200, "application/xml", b"<kombi_response/>")}
    server.use_key = use_key
    base = f"https://127.0.0.1:{server.server_address[1]}"
    settings.DIGITAL_POST_TRANSPORT = "sf1601"
    settings.DIGITAL_POST_STS_URL = f"{base}/sts"
    settings.DIGITAL_POST_TOKEN_URL = f"{base}/token"
    settings.DIGITAL_POST_URL = f"{base}/kombi"
    settings.DIGITAL_POST_CERT_FILE = str(cert_file)
    settings.DIGITAL_POST_KEY_FILE = str(key_file)
    settings.DIGITAL_POST_CA_FILE = str(cert_file)
    settings.DIGITAL_POST_TIMEOUT = 5
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server
    server.shutdown()
    server.server_close()


def test_sf1601_gets_a_token_for_the_municipality_and_posts_the_memo_message(serviceplatformen, db):
    message = queued()
    assert deliver_due() == {"sent": 1, "retry": 0, "failed": 0}
    sts, token, kombi = serviceplatformen.requests
    assert [sts["path"], token["path"], kombi["path"]] == ["/sts", "/token", "/kombi"]
    assert all(request["client_certificate"] for request in serviceplatformen.requests)
    assert json.loads(sts["body"]) == {
        "TokenType": "http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0",
        "RequestType": "http://docs.oasis-open.org/ws-sx/ws-trust/200512/Issue",
        "KeyType": "http://docs.oasis-open.org/ws-sx/ws-trust/200512/PublicKey",
        "AnvenderKontekst": {"Cvr": MUNICIPALITY_CVR},
        "UseKey": serviceplatformen.use_key,
        "AppliesTo": {
            "EndpointReference": {"Address": "http://entityid.kombit.dk/service/kombipostafsend/1"}
        },
        "OnBehalfOf": None,
    }
    assert urllib.parse.parse_qs(token["body"].decode()) == {
        "saml-token": ["PHNhbWw6QXNzZXJ0aW9uLz4="]
    }
    assert kombi["headers"]["Authorization"] == "Holder-of-key 1889e404"
    assert kombi["headers"]["Content-Type"] == "application/xml"
    assert UUID4.fullmatch(kombi["headers"]["x-TransaktionsId"])
    assert kombi["headers"]["x-TransaktionsTid"].endswith("Z")
    request = etree.fromstring(kombi["body"])
    assert request.tag == "kombi_request"
    assert request[0].tag == "KombiValgKode"
    assert request[0].text == "Digital Post"
    memo = request[1]
    assert_memo(memo)
    assert text(memo, "memo:MessageHeader/memo:messageUUID") == str(message.memo_uuid)
    content = text(memo, "memo:MessageBody/memo:MainDocument/memo:File/memo:content")
    assert base64.b64decode(content) == PDF
    message.refresh_from_db()
    assert message.status == "sent"
    assert message.receipt == (
        f"x-TransaktionsId {kombi['headers']['x-TransaktionsId']}: HTTP 200\n<kombi_response/>"
    )
    assert mail.outbox == []


def test_a_letter_digital_post_keeps_refusing_goes_by_email_after_the_last_try(
    serviceplatformen, settings, db
):
    settings.OUTBOX_MAX_ATTEMPTS = 2
    serviceplatformen.answers["/kombi"] = (503, "text/plain", b"Serviceplatformen er nede")
    message = queued()
    assert deliver_due() == {"sent": 0, "retry": 1, "failed": 0}
    message.refresh_from_db()
    assert (message.status, message.attempts) == ("queued", 1)
    assert "HTTP 503: Serviceplatformen er nede" in message.last_error
    assert deliver_due(now=timezone.now() + datetime.timedelta(minutes=2)) == {
        "sent": 1,
        "retry": 0,
        "failed": 1,
    }
    message.refresh_from_db()
    assert message.status == "failed"
    [sent] = mail.outbox
    assert sent.to == ["kontakt@klub.example.org"]
    assert sent.subject == "Afgørelse om tilskud: T-0001"
    assert sent.attachments[0].content == PDF
    assert message.fallback.channel == "email"
    assert message.fallback.status == "sent"


def test_a_letter_digital_post_refuses_goes_by_email_at_once(serviceplatformen, db):
    serviceplatformen.answers["/kombi"] = (400, "application/xml", b"<fejl>Ugyldig MeMo</fejl>")
    message = queued()
    assert deliver_due() == {"sent": 1, "retry": 0, "failed": 1}
    message.refresh_from_db()
    assert message.status == "failed"
    assert "HTTP 400: <fejl>Ugyldig MeMo</fejl>" in message.last_error
    assert message.fallback.status == "sent"
    assert len(mail.outbox) == 1


def test_a_certificate_that_cannot_be_read_sends_the_letter_by_email_at_once(
    serviceplatformen, settings, tmp_path, db
):
    settings.DIGITAL_POST_CERT_FILE = str(tmp_path / "mangler.pem")
    message = queued()
    assert deliver_due() == {"sent": 1, "retry": 0, "failed": 1}
    message.refresh_from_db()
    assert "The certificate cannot be read" in message.last_error
    assert serviceplatformen.requests == []


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"DIGITAL_POST_TRANSPORT": "smtp"}, ["outbox.E001"]),
        ({"DIGITAL_POST_TRANSPORT": "folder", "PRODUCTION": True}, ["outbox.E002"]),
        ({"DIGITAL_POST_TRANSPORT": "sf1601", "DIGITAL_POST_URL": ""}, ["outbox.E003"]),
        ({"DIGITAL_POST_TRANSPORT": "", "PRODUCTION": True}, []),
        ({"DIGITAL_POST_TRANSPORT": "folder"}, []),
    ],
)
def test_the_system_check_refuses_a_transport_that_cannot_send(settings, changes, expected):
    settings.DIGITAL_POST_STS_URL = "https://sts.example.org/issue"
    settings.DIGITAL_POST_TOKEN_URL = "https://token.example.org/token"
    settings.DIGITAL_POST_URL = "https://kombi.example.org/kombi"
    settings.DIGITAL_POST_CERT_FILE = "/run/secrets/certifikat.pem"
    for name, value in changes.items():
        setattr(settings, name, value)
    assert [error.id for error in check_digital_post()] == expected


def test_the_consultant_sees_the_failed_letter_and_its_email_on_the_outbox_page(
    client, consultant, settings
):
    settings.DIGITAL_POST_TRANSPORT = ""
    message = queued()
    deliver_due()
    client.force_login(consultant)
    page = client.get("/admin/outbox/message/").content.decode()
    assert f"CVR {CLUB_CVR} (Digital Post)" in page
    assert f'href="/admin/outbox/message/{message.fallback.pk}/change/"' in page
    detail = client.get(f"/admin/outbox/message/{message.pk}/change/").content.decode()
    assert "Digital Post is off (DIGITAL_POST_TRANSPORT is empty)." in detail


def test_the_consultant_chooses_digital_post_for_decisions(client, consultant, faaborg):
    # Made by outbox 0003; a transactional test's flush before this one removes them.
    for kind in ["decision", "hearing", "reminder"]:
        LetterChannel.objects.get_or_create(kind=kind)
    client.force_login(consultant)
    page = client.get("/admin/outbox/letterchannel/")
    assert page.status_code == 200
    decision = LetterChannel.objects.get(kind="decision")
    response = client.post(
        "/admin/outbox/letterchannel/",
        {
            "form-TOTAL_FORMS": "3",
            "form-INITIAL_FORMS": "3",
            **{
                f"form-{number}-{field}": value
                for number, row in enumerate(LetterChannel.objects.order_by("kind"))
                for field, value in [
                    ("id", str(row.pk)),
                    ("channel", "digital_post" if row == decision else row.channel),
                ]
            },
            "_save": "Gem",
        },
    )
    assert response.status_code == 302
    decision.refresh_from_db()
    assert decision.channel == "digital_post"


def test_the_consultant_is_told_when_digital_post_is_chosen_and_the_municipality_has_no_cvr(
    client, consultant, faaborg
):
    LetterChannel.objects.update_or_create(kind="decision", defaults={"channel": "digital_post"})
    Municipality.objects.update(cvr="")
    client.force_login(consultant)
    page = client.get("/admin/frivillig/municipality/1/change/", follow=True)
    assert [str(m) for m in page.context["messages"]] == [
        "Digital Post er valgt til nogle breve, men kommunen har intet CVR-nummer: de sendes "
        "med e-mail, til CVR-nummeret er skrevet her."
    ]
    index = client.get("/admin/")
    assert (
        "Brevtyper, der sendes med e-mail, fordi kommunen mangler sit CVR-nummer",
        1,
        "/admin/frivillig/municipality/1/change/",
    ) in index.context["dashboard_counts"]
    Municipality.objects.update(cvr="29189404")
    page = client.get("/admin/frivillig/municipality/1/change/")
    assert list(page.context["messages"]) == []
    labels = [label for label, _count, _url in client.get("/admin/").context["dashboard_counts"]]
    assert "Brevtyper, der sendes med e-mail, fordi kommunen mangler sit CVR-nummer" not in labels


def test_a_decision_is_obligatory_post_and_a_legal_notification_when_the_municipality_says_so(
    digital_post_decisions, folder, alice, round_18, consultant
):
    LetterChannel.objects.filter(kind="decision").update(mandatory=True, legal_notification=True)
    club = factories.association(name="Klub A", members=[alice], cvr=CLUB_CVR)
    application = submitted(club, round_18, amount_applied=10000)
    services.grant_decide(application=application, user=consultant, amount=10000)
    deliver_due()
    [path] = folder.iterdir()
    assert_memo(etree.parse(path).getroot(), mandatory="true", legal_notification="true")
