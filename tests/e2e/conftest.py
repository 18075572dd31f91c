"""Headless Chromium through Playwright, with axe-core for accessibility.

Debian's Chromium is used through `executable_path`: Playwright must never download a browser.
"""

import shutil
from pathlib import Path

import pytest
from django.contrib.staticfiles.handlers import StaticFilesHandler
from django_otp.oath import totp
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

from tests.factories import PASSWORD, totp_device

AXE_SOURCE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


class CachedStaticFilesHandler(StaticFilesHandler):
    """Static files the browser keeps for an hour, as whitenoise has it keep them in
    production: without, each page fetched its ~20 style sheets and scripts again through
    the live server's Django (the admin's axe walk 1,668 requests; with, 53)."""

    def serve(self, request):
        response = super().serve(request)
        response["Cache-Control"] = "max-age=3600"
        return response


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, with the static files handler above."""
    server = LiveServer(request.config.getvalue("liveserver") or "localhost", start=False)
    server.thread.static_handler = CachedStaticFilesHandler
    server.start()
    yield server
    server.stop()


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                # No optimising compiler: a page's scripts and axe run for well under a second,
                # too short to win back what optimising them costs (~10 % of a renderer's CPU).
                "--js-flags=--max-opt=1",
            ],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="da-DK")
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page):
    """Run axe-core (injected through the debugging protocol, which the strict CSP allows)."""
    page.evaluate(AXE_SOURCE)
    result = page.evaluate(
        # Only the violations are read: axe then skips the details of every passing node.
        "options => axe.run(document, options)",
        {"runOnly": {"type": "tag", "values": WCAG_21_AA}, "resultTypes": ["violations"]},
    )
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — {[n['target'] for n in v['nodes']]}"
        for v in result["violations"]
    ]


def admin_log_in(page, user):
    """On the admin's login form: the password, then the code `user`'s authenticator shows now."""
    device = totp_device(user)
    page.get_by_label("E-mailadresse").fill(user.email)
    page.get_by_label("Adgangskode").fill(PASSWORD)
    with page.expect_navigation():
        page.get_by_role("button", name="Log ind").click()
    page.get_by_label("Kode fra godkendelsesappen").fill(f"{totp(device.bin_key):06d}")
    with page.expect_navigation():
        page.get_by_role("button", name="Bekræft").click()


@pytest.fixture
def portal(live_server, transactional_db, faaborg, settings, tmp_path):
    """The live server with Faaborg-Midtfyn's data, its links and files its own; its URL."""
    settings.SITE_URL = live_server.url
    settings.MEDIA_ROOT = tmp_path / "media"
    return live_server.url
