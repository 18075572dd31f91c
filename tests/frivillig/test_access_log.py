"""The access log that the image's gunicorn writes keeps no secret token of a link."""

import json
import re
from datetime import timedelta
from pathlib import Path
from types import SimpleNamespace

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from gunicorn.config import Config

from tests import factories

DOCKERFILE = Path(__file__).resolve().parents[2] / "Dockerfile"


@pytest.fixture
def access_log(tmp_path):
    """Logs one request with gunicorn's logger as the image's CMD configures it; returns the
    line written."""
    text = DOCKERFILE.read_text().replace("\\\n", " ")
    command = json.loads(re.search(r"^CMD (\[.*\])\s*$", text, re.MULTILINE).group(1))
    assert command[0] == "gunicorn"
    cfg = Config()
    for name, value in vars(cfg.parser().parse_args(command[1:])).items():
        if value is not None and name != "args":
            cfg.set(name.lower(), value)
    assert cfg.accesslog == "-"
    path = tmp_path / "access.log"
    cfg.set("accesslog", str(path))
    logger = cfg.logger_class(cfg)

    def log(method, uri, referer="-"):
        environ = {
            "REQUEST_METHOD": method,
            "RAW_URI": uri,
            "PATH_INFO": uri.partition("?")[0],
            "QUERY_STRING": uri.partition("?")[2],
            "SERVER_PROTOCOL": "HTTP/1.1",
            "REMOTE_ADDR": "192.0.2.10",
            "HTTP_REFERER": referer,
            "HTTP_USER_AGENT": "test",
        }
        response = SimpleNamespace(status="302 Found", sent=0, headers=[])
        request = SimpleNamespace(headers=[("REFERER", referer), ("USER-AGENT", "test")])
        logger.access(response, request, environ, timedelta(milliseconds=12))
        return path.read_text().splitlines()[-1]

    yield log
    logger.access_log.handlers.clear()


@pytest.fixture
def link(alice):
    return urlsafe_base64_encode(force_bytes(alice.pk)), default_token_generator.make_token(alice)


def test_the_access_log_leaves_out_the_token_of_a_password_reset_link(access_log, link):
    uid, token = link
    line = access_log("GET", reverse("password_reset_confirm", args=[uid, token]))
    assert token not in line
    assert f'"GET /konto/reset/{uid}/' in line
    assert " 302 " in line


def test_the_access_log_leaves_out_the_token_of_an_activation_link_and_its_referer(access_log, db):
    user = factories.user(email="ny@example.com", is_active=False)
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    path = reverse("activate", args=[uid, token])
    line = access_log("POST", path, referer=f"https://frivillig.example.dk{path}")
    assert token not in line
    assert f'"POST /konto/aktiver/{uid}/' in line
    assert f'"https://frivillig.example.dk/konto/aktiver/{uid}/' in line
