"""Digital Post: a letter to an association's CVR number as a MeMo message, sent through KOMBIT's
Serviceplatformen (SF1601, KombiPostAfsend) or, in development, written to a folder.

MeMo is the Agency for Digital Government's message format (digitaliser.dk, "MeMo"), version 1.2.
Version 1.2 has no XSD: the schema and schematron were retired with it, and Digital Post
validates a message when it arrives. The elements written here are those its documentation and
its minimum example make mandatory, in their order, and the letter's files.

SF1601 is three HTTP requests, each with the municipality's system certificate (mutual TLS): a
SAML token from the security token service for the municipality's CVR number and KombiPostAfsend's
entity id, an access token for it, and the message posted with that token.
"""

import base64
import json
import re
import ssl
import urllib.error
import urllib.parse
import urllib.request
import uuid
from dataclasses import dataclass
from datetime import UTC
from pathlib import Path

from django.conf import settings
from django.utils import timezone
from lxml import etree

MEMO = "https://DigitalPost.dk/MeMo-1"
MEMO_VERSION = "1.2"
# The letters are in Danish (frivillig/letters.py); MeMo names a file's language in ISO 639-1.
LANGUAGE = "da"
# KombiPostAfsend's choice of channel: Digital Post only; a letter it cannot deliver comes back
# to the outbox, which sends it by e-mail.
KOMBI_CHANNEL = "Digital Post"
# 4xx answers that are worth another try.
PASSING_CLIENT_ERRORS = {408, 425, 429}


class DeliveryError(Exception):
    """A failure that may pass (a server down, a network error): tried again later."""


class PermanentError(DeliveryError):
    """A failure that another try will not mend (a refused message, a missing configuration):
    the letter goes by e-mail at once."""


@dataclass(frozen=True)
class DigitalPostAddress:
    """From the municipality's CVR number to the association's, with their names."""

    sender_cvr: str
    sender_name: str
    recipient_cvr: str
    recipient_name: str
    # The municipality's choice for the kind of letter (LetterChannel).
    mandatory: bool = False
    legal_notification: bool = False


def _memo(parent, name, text=None):
    element = etree.SubElement(parent, f"{{{MEMO}}}{name}")
    if text is not None:
        element.text = text
    return element


def _zulu(moment):
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def _documents(message):
    """(file name, content type, bytes) of the letter's documents, the main one first: its
    attachments (the decision's PDF), or the message's text where it has none."""
    files = [
        (attachment.filename, attachment.content_type, bytes(attachment.content))
        for attachment in message.attachments.all()
    ]
    return files or [("brev.txt", "text/plain", message.body.encode())]


def _file(document, filename, content_type, content):
    file = _memo(document, "File")
    _memo(file, "encodingFormat", content_type)
    _memo(file, "filename", filename[:256])
    _memo(file, "language", LANGUAGE)
    _memo(file, "content", base64.b64encode(content).decode("ascii"))


def memo_message(message):
    """The MeMo message (an lxml element) of an outbox message on the Digital Post channel."""
    root = etree.Element(f"{{{MEMO}}}Message", nsmap={"memo": MEMO}, memoVersion=MEMO_VERSION)
    header = _memo(root, "MessageHeader")
    _memo(header, "messageType", "DIGITALPOST")
    _memo(header, "messageUUID", str(message.memo_uuid))
    _memo(header, "label", message.subject[:256])
    # Obligatory post, a legal notification: as the municipality chose for the kind of letter.
    _memo(header, "mandatory", "true" if message.mandatory else "false")
    _memo(header, "legalNotification", "true" if message.legal_notification else "false")
    sender = _memo(header, "Sender")
    _memo(sender, "senderID", message.sender_cvr)
    _memo(sender, "idType", "CVR")
    _memo(sender, "label", message.sender_name[:256])
    recipient = _memo(header, "Recipient")
    _memo(recipient, "recipientID", message.recipient_cvr)
    _memo(recipient, "idType", "CVR")
    if message.recipient_name:
        _memo(recipient, "label", message.recipient_name[:256])
    body = _memo(root, "MessageBody")
    _memo(body, "createdDateTime", _zulu(message.created_at))
    main, *additional = _documents(message)
    _file(_memo(body, "MainDocument"), *main)
    for document in additional:
        _file(_memo(body, "AdditionalDocument"), *document)
    return root


def memo_bytes(message):
    return etree.tostring(memo_message(message), xml_declaration=True, encoding="UTF-8")


def kombi_request(message):
    """KombiPostAfsend's request body: the channel and the MeMo message."""
    request = etree.Element("kombi_request")
    etree.SubElement(request, "KombiValgKode").text = KOMBI_CHANNEL
    request.append(memo_message(message))
    return etree.tostring(request, xml_declaration=True, encoding="UTF-8")


class FolderTransport:
    """Development: the MeMo message written to a folder, and taken as delivered."""

    def __init__(self, folder):
        self.folder = Path(folder)

    def send(self, message):
        self.folder.mkdir(parents=True, exist_ok=True)
        path = self.folder / f"{message.memo_uuid}.xml"
        path.write_bytes(memo_bytes(message))
        return str(path)


def _use_key(cert_file):
    """The certificate (the first in the file) as one line of base64, as the security token
    service asks for it ("UseKey")."""
    try:
        pem = Path(cert_file).read_text()
    except OSError as error:
        raise PermanentError(f"The certificate cannot be read: {error}") from error
    first = re.search(r"-----BEGIN CERTIFICATE-----.+?-----END CERTIFICATE-----", pem, re.S)
    if not first:
        raise PermanentError(f"No certificate in {cert_file}")
    return base64.b64encode(ssl.PEM_cert_to_DER_cert(first.group(0))).decode("ascii")


class SF1601Transport:
    """KOMBIT's KombiPostAfsend on Serviceplatformen, with the municipality's certificate. The
    access token is fetched once per delivery run and used for its messages."""

    def __init__(self):
        self.timeout = settings.DIGITAL_POST_TIMEOUT
        self._context = None
        self._tokens = {}

    @property
    def context(self):
        if self._context is None:
            try:
                context = ssl.create_default_context(cafile=settings.DIGITAL_POST_CA_FILE or None)
                context.load_cert_chain(
                    settings.DIGITAL_POST_CERT_FILE, settings.DIGITAL_POST_KEY_FILE or None
                )
            except OSError as error:  # a file missing or not a certificate or key
                raise PermanentError(f"The certificate or key cannot be read: {error}") from error
            self._context = context
        return self._context

    def _post(self, url, data, headers):
        request = urllib.request.Request(url, data=data, headers=headers, method="POST")  # noqa: S310
        try:
            with urllib.request.urlopen(  # noqa: S310 (the URLs are the settings')
                request, timeout=self.timeout, context=self.context
            ) as answer:
                return answer.status, answer.read()
        except urllib.error.HTTPError as error:
            text = f"{url}: HTTP {error.code}: {error.read()[:1000].decode(errors='replace')}"
            if 400 <= error.code < 500 and error.code not in PASSING_CLIENT_ERRORS:
                raise PermanentError(text) from error
            raise DeliveryError(text) from error
        except OSError as error:  # refused, timed out, a TLS failure
            raise DeliveryError(f"{url}: {error}") from error

    def _post_json(self, url, data, content_type):
        _status, answer = self._post(url, data, {"Content-Type": content_type})
        try:
            return json.loads(answer)
        except ValueError as error:
            raise DeliveryError(f"{url}: not JSON: {answer[:200]!r}") from error

    def _authorization(self, cvr):
        if cvr not in self._tokens:
            saml = self._post_json(
                settings.DIGITAL_POST_STS_URL,
                json.dumps(
                    {
                        "TokenType": "http://docs.oasis-open.org/wss/oasis-wss-saml-token-profile-1.1#SAMLV2.0",
                        "RequestType": "http://docs.oasis-open.org/ws-sx/ws-trust/200512/Issue",
                        "KeyType": "http://docs.oasis-open.org/ws-sx/ws-trust/200512/PublicKey",
                        "AnvenderKontekst": {"Cvr": cvr},
                        "UseKey": _use_key(settings.DIGITAL_POST_CERT_FILE),
                        "AppliesTo": {
                            "EndpointReference": {"Address": settings.DIGITAL_POST_ENTITY_ID}
                        },
                        "OnBehalfOf": None,
                    }
                ).encode(),
                "application/json",
            )
            token = self._post_json(
                settings.DIGITAL_POST_TOKEN_URL,
                urllib.parse.urlencode(
                    {"saml-token": saml["RequestedSecurityToken"]["Assertion"]}
                ).encode(),
                "application/x-www-form-urlencoded",
            )
            self._tokens[cvr] = f"{token['token_type']} {token['access_token']}"
        return self._tokens[cvr]

    def send(self, message):
        transaction_id = str(uuid.uuid4())
        status, answer = self._post(
            settings.DIGITAL_POST_URL,
            kombi_request(message),
            {
                "Content-Type": "application/xml",
                "Accept": "application/xml",
                "Authorization": self._authorization(message.sender_cvr),
                "x-TransaktionsId": transaction_id,
                "x-TransaktionsTid": _zulu(timezone.now()),
            },
        )
        return (
            f"x-TransaktionsId {transaction_id}: HTTP {status}\n"
            f"{answer[:2000].decode(errors='replace')}"
        )


TRANSPORTS = {
    "folder": lambda: FolderTransport(settings.DIGITAL_POST_FOLDER),
    "sf1601": SF1601Transport,
}


def transport():
    """The transport DIGITAL_POST_TRANSPORT names, or None where Digital Post is off."""
    make = TRANSPORTS.get(settings.DIGITAL_POST_TRANSPORT)
    return make() if make else None
