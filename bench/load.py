"""`make load`: 200 simulated people for five minutes against gunicorn with 2,000 associations.

Starts its own embedded PostgreSQL in bench/.pgdata-load (deleted afterwards), loads the
Faaborg-Midtfyn data file and the benchmark's invented associations (bench/dataset.py), adds
members of associations and consultants with an authenticator, and serves the portal with
gunicorn and the Procrastinate worker that delivers the outbox (as `make run` does). Locust
(bench/locustfile.py) then plays citizens who search and read, members who draft and submit
applications, and consultants who decide them. When the load has ended and the worker has
emptied the outbox, reports locust's figures, the failed requests, and lost messages: every
submitted application must have its receipt in the outbox, sent, and received exactly once by
the mail server.

    .venv/bin/python -m bench.load [--users 200] [--minutes 5] [--workers 3]
"""

import argparse
import contextlib
import csv
import email
import email.policy
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from aiosmtpd.controller import Controller

from bench.run import (
    DATA_FILE,
    ROOT,
    analyze,
    free_port,
    gunicorn,
    load_average,
    machine,
    start_database,
)
from bench.run import setup_django as setup_django_for

DATA_DIR = ROOT / "bench" / ".pgdata-load"
DATABASE = "frivillig_load"
ASSOCIATIONS = 2000
MEMBERS = 25
CONSULTANTS = 3
PASSWORD = "belastning-kodeord-2026"  # noqa: S105 - accounts of a throwaway database
TOTP_KEY = "6672697669696c6c69672d6c6f6164"
# The directory search words of the benchmark's associations (bench/dataset.py).
# The application's budget: (kind, description, kroner) lines.
BUDGET = [("expense", "Mad", "15000"), ("own", "Egenbetaling", "5000")]
SPAWN_RATE = 10  # simulated people started a second
# How long the worker may take to send what the load left in the outbox.
DRAIN_SECONDS = 120
WORDS = ["ældre", "børn", "fællesspisning", "besøgsven", "motion", "lektiehjælp", "sorg"]


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--users", type=int, default=200, help="simulated people (200)")
    parser.add_argument("--minutes", type=float, default=5, help="how long (5)")
    parser.add_argument("--workers", type=int, default=3, help="gunicorn workers (3)")
    return parser.parse_args()


def people():
    """The load's accounts, an open round and the pages to read, for bench/locustfile.py."""
    import datetime

    from django.contrib.auth.models import Group
    from django.utils import timezone
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from foreninger.models import Association, Membership
    from frivillig.models import FocusArea, Region, TargetGroup, User
    from frivillig.roles import CONSULTANT_GROUP
    from puljer.models import Pool, Round

    today = timezone.localdate()
    round_ = Round.objects.create(
        pool=Pool.objects.get(year=today.year, kind=Pool.Kind.SECTION_18),
        title="Belastningsprøve",
        opens_on=today - datetime.timedelta(days=5),
        deadline=today + datetime.timedelta(days=20),
    )
    members = []
    for number in range(MEMBERS):
        user = User.objects.create_user(email=f"medlem{number}@load.example", password=PASSWORD)
        association = Association.objects.create(
            name=f"Belastningsforeningen {number}",
            slug=f"belastningsforeningen-{number}",
            short_description="Prøver portalen under belastning.",
            email=f"forening{number}@load.example",
            status=Association.Status.APPROVED,
            confirmed_on=today,
        )
        Membership.objects.create(user=user, association=association)
        members.append({"email": user.email, "association": association.pk})
    consultants = []
    for number in range(CONSULTANTS):
        user = User.objects.create_user(
            email=f"konsulent{number}@load.example", password=PASSWORD, is_staff=True
        )
        user.groups.add(Group.objects.get(name=CONSULTANT_GROUP))
        TOTPDevice.objects.create(user=user, name="Load", key=TOTP_KEY, confirmed=True)
        consultants.append({"email": user.email, "key": TOTP_KEY})
    approved = Association.objects.filter(status=Association.Status.APPROVED)
    return {
        "password": PASSWORD,
        "members": members,
        "consultants": consultants,
        "round": round_.pk,
        "words": WORDS,
        "regions": list(Region.objects.values_list("slug", flat=True)),
        "associations": [a.get_absolute_url() for a in approved.order_by("?")[:500]],
        "focus_areas": [area.get_absolute_url() for area in FocusArea.objects.all()],
        "transparency": f"/puljer/{today.year - 1}/",
        "application": {
            "title": "Fællesspisning",
            "purpose": "Vi spiser sammen hver torsdag.",
            "target_groups": [TargetGroup.objects.order_by("pk").first().pk],
            "expected_participants": "20",
            "expected_volunteers": "4",
            "period_start": f"{today.year + 1}-01-01",
            "period_end": f"{today.year + 1}-12-31",
            "amount_applied": "10000",
            "contact_name": "Karen",
            "contact_email": "karen@load.example",
            "budget-TOTAL_FORMS": str(len(BUDGET)),
            "budget-INITIAL_FORMS": "0",
            **{
                f"budget-{row}-{name}": value
                for row, line in enumerate(BUDGET)
                for name, value in zip(("kind", "description", "amount"), line, strict=True)
            },
        },
    }


# The receipt's subject in Danish (locale/da), before the application's reference.
RECEIPT = "Kvittering for jeres ansøgning "


class MailServer:
    """An aiosmtpd handler that counts the receipts it is given, by reference."""

    def __init__(self):
        self.receipts = {}

    # aiosmtpd's name for the hook that receives a message.
    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        subject = str(message["Subject"] or "")
        if subject.startswith(RECEIPT):
            reference = subject.removeprefix(RECEIPT)
            self.receipts[reference] = self.receipts.get(reference, 0) + 1
        return "250 OK"


@contextlib.contextmanager
def worker(log_path):
    """The Procrastinate worker (`manage.py procrastinate worker`, as `make run` and compose.yaml
    start it) on the load's database, its log in `log_path`; stopped afterwards."""
    from django.db import connections

    connections.close_all()
    with open(log_path, "wb") as log:
        process = subprocess.Popen(
            [sys.executable, "manage.py", "procrastinate", "worker"],
            cwd=ROOT,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        try:
            yield process
        finally:
            process.terminate()
            process.wait(timeout=30)


def outbox_drain(process, seconds):
    """Wait until the outbox holds no message queued or being sent, at most `seconds` or until
    the worker stops; returns (seconds waited, messages still waiting)."""
    from frivillig.outbox.models import Message

    started = time.monotonic()
    waiting = Message.objects.filter(status__in=[Message.Status.QUEUED, Message.Status.SENDING])
    while (
        (left := waiting.count())
        and process.poll() is None
        and time.monotonic() - started < seconds
    ):
        time.sleep(0.5)
    return time.monotonic() - started, left


def lost_messages(receipts, round_pk):
    """(submitted applications, those whose receipt is not in the outbox, those whose receipt
    the outbox has not sent, those the mail server did not receive, those it received more
    than once)."""
    from frivillig.outbox.models import Message
    from puljer.models import Application

    references = list(
        Application.objects.filter(round_id=round_pk)
        .exclude(reference="")
        .values_list("reference", flat=True)
    )
    receipts_queued = Message.objects.filter(subject__startswith=RECEIPT)
    statuses = {
        subject.removeprefix(RECEIPT): status
        for subject, status in receipts_queued.values_list("subject", "status")
    }
    not_queued = [ref for ref in references if ref not in statuses]
    not_sent = [ref for ref in references if statuses.get(ref) != Message.Status.SENT]
    missing = [ref for ref in references if receipts.get(ref, 0) == 0]
    doubled = [ref for ref in references if receipts.get(ref, 0) > 1]
    return references, not_queued, not_sent, missing, doubled


def locust_table(prefix):
    """Locust's statistics per request name, as a Markdown table."""
    lines = [
        "| request | count | failures | req/s | p50 ms | p95 ms | max ms |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    with open(f"{prefix}_stats.csv", encoding="utf-8") as stats:
        for row in csv.DictReader(stats):
            lines.append(
                f"| {row['Type']} {row['Name']} | {row['Request Count']} "
                f"| {row['Failure Count']} | {float(row['Requests/s']):.1f} | {row['50%']} "
                f"| {row['95%']} | {row['Max Response Time']} |"
            )
    return "\n".join(lines)


def failures(prefix):
    with open(f"{prefix}_failures.csv", encoding="utf-8") as rows:
        return list(csv.DictReader(rows))


def run_locust(arguments, port, work, prefix):
    subprocess.run(  # noqa: S603
        [
            *(Path(sys.executable).parent / "locust", "-f", ROOT / "bench" / "locustfile.py"),
            *("--headless", "--only-summary", "--host", f"http://127.0.0.1:{port}"),
            *("-u", str(arguments.users), "-r", str(SPAWN_RATE)),
            *("-t", f"{int(arguments.minutes * 60)}s", "--csv", prefix),
            "--loglevel",
            "WARNING",
        ],
        env={**os.environ, "LOAD_PEOPLE": str(work / "people.json")},
        check=False,
    )


def main():
    arguments = parse_arguments()
    started = time.monotonic()
    work = Path(tempfile.mkdtemp(prefix="frivillig-load-"))
    mail_server = MailServer()
    smtp = Controller(mail_server, hostname="127.0.0.1", port=free_port())
    smtp.start()
    os.environ.update(
        {
            "DEBUG": "false",
            "LOG_LEVEL": "WARNING",
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            "MEDIA_ROOT": str(work / "media"),
        }
    )
    print(f"Starting the load test's PostgreSQL in {DATA_DIR.relative_to(ROOT)}/", flush=True)
    server = start_database(DATA_DIR, DATABASE)
    setup_django_for(server, DATABASE, "frivillig.settings")
    from django.core.management import call_command
    from django.utils import timezone

    from bench import dataset

    call_command("migrate", verbosity=0)
    call_command("load_municipality", str(DATA_FILE), verbosity=0)
    dataset.prepare(timezone.localdate().year)
    dataset.grow(ASSOCIATIONS, start=0)
    cast = people()
    analyze()
    (work / "people.json").write_text(json.dumps(cast), encoding="utf-8")
    print(machine())
    print(f"Load average before: {load_average()}", flush=True)
    prefix = str(work / "locust")
    with worker(work / "worker.log") as delivery:
        with gunicorn(arguments.workers) as port:
            print(
                f"{arguments.users} people for {arguments.minutes:g} min against "
                f"{arguments.workers} gunicorn workers (and the outbox's worker) and "
                f"{ASSOCIATIONS} associations",
                flush=True,
            )
            run_locust(arguments, port, work, prefix)
        # Leaving gunicorn's block waited for the requests it was serving: every receipt that
        # is to be sent is in the outbox now, and the worker sends what it still holds.
        waited, left = outbox_drain(delivery, DRAIN_SECONDS)
    print(f"\n{locust_table(prefix)}")
    failed = failures(prefix)
    for row in failed:
        print(f"failed: {row['Method']} {row['Name']}: {row['Error']} ({row['Occurrences']}×)")
    smtp.stop()
    print(
        f"\nThe outbox was emptied {waited:.0f} s after the load"
        if not left
        else f"\n{left} messages still in the outbox {waited:.0f} s after the load"
    )
    references, not_queued, not_sent, missing, doubled = lost_messages(
        mail_server.receipts, cast["round"]
    )
    print(
        f"{len(references)} applications submitted; receipts in the outbox: "
        f"{len(references) - len(not_queued)}, sent by it: {len(references) - len(not_sent)}, "
        f"received: {len(references) - len(missing)}; lost: {len(missing)}; "
        f"sent twice: {len(doubled)}"
    )
    print(f"Load average after: {load_average()}")
    print(f"Finished in {time.monotonic() - started:.0f} s (files in {work})")
    if failed or not_queued or not_sent or missing or doubled:
        sys.exit(1)


if __name__ == "__main__":
    main()
