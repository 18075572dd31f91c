"""The worker is killed in the middle of a batch (issue #15, "Faults the tests survive").

A real worker process (`manage.py procrastinate worker`) delivers the test database's outbox
to a real SMTP server (aiosmtpd) with Django's SMTP backend, as in production. The server
answers the batch's first message and keeps the worker waiting on the second, which it has
received: the worker is killed there with SIGKILL, between sending that message and marking
it sent. Started again, the worker sends the rest once the dead worker's claim has run out:
the second message arrives twice, with the same Message-ID both times, and none is lost.
"""

import collections
import os
import signal
import subprocess
import sys

import pytest
from django.db import connection, transaction
from django.db.models import Max
from django.utils import timezone
from procrastinate.contrib.django import app
from procrastinate.contrib.django.django_connector import DjangoConnector

from bench.run import ROOT
from frivillig.outbox.models import Message
from frivillig.outbox.services import message_enqueue
from tests.faults import HOST, Mailbox, smtp_server, wait_until
from tests.postgres import url

# The worker must see what the test committed.
pytestmark = pytest.mark.django_db(transaction=True)

# The worker's claim on a batch: short, so that the restarted worker need not wait long.
CLAIM_SECONDS = 1
# Enough for a worker to start Django and send a message on a busy machine.
STARTED = 60


@pytest.fixture
def mail_server():
    """(its port, its mailbox): a mail server that answers one message and keeps the sender of
    the next waiting."""
    mailbox = Mailbox(answering=1)
    server = smtp_server(mailbox)
    server.start()
    yield server.port, mailbox
    mailbox.answering = None
    server.stop()


@pytest.fixture
def queue():
    """The task queue in the test database, where the worker looks (the suite keeps it in
    memory); emptied of the workers' jobs afterwards."""
    with app.replace_connector(DjangoConnector()):
        yield
    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE procrastinate_jobs, procrastinate_periodic_defers, procrastinate_events, "
            "procrastinate_workers"
        )


@pytest.fixture
def start_worker(queue, mail_server):
    """Starts a worker of the outbox's queue on the test database, sending to the mail server
    by SMTP with a short claim; the workers still running are stopped afterwards."""
    port, _mailbox = mail_server
    env = {
        # As in production: Django's guard against database calls from async code stays on.
        **{
            name: value for name, value in os.environ.items() if name != "DJANGO_ALLOW_ASYNC_UNSAFE"
        },
        "DJANGO_SETTINGS_MODULE": "frivillig.settings",
        "DJANGO_ENV": "development",
        "DEBUG": "false",
        "DATABASE_URL": url(connection.settings_dict["NAME"]),
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": HOST,
        "EMAIL_PORT": str(port),
        "OUTBOX_CLAIM_SECONDS": str(CLAIM_SECONDS),
    }
    # Without Django's system checks, which the suite runs once itself.
    command = [
        *(sys.executable, "manage.py", "procrastinate", "--skip-checks"),
        *("worker", "--queues", "outbox"),
    ]
    workers = []

    def start():
        workers.append(subprocess.Popen(command, cwd=ROOT, env=env))
        return workers[-1]

    yield start
    for worker in workers:
        worker.terminate()
        worker.wait(timeout=30)


def _while_running(worker, condition):
    """`condition` for wait_until, failing at once if the worker has stopped."""

    def check():
        assert worker.poll() is None, f"the worker stopped (exit status {worker.returncode})"
        return condition()

    return check


def _queue(number):
    return message_enqueue(
        to=[f"forening{number}@example.org"],
        subject=f"Besked {number}",
        body=f"Besked nummer {number}.",
    )


def test_a_worker_killed_in_the_middle_of_a_batch_sends_every_message_after_its_restart(
    mail_server, start_worker
):
    _port, mailbox = mail_server
    # Committed together, they wake the worker and make one batch.
    with transaction.atomic():
        for number in (1, 2, 3, 4):
            _queue(number)
    first = start_worker()
    wait_until(
        _while_running(first, lambda: len(mailbox.received) == 2),
        timeout=STARTED,
        what="the first two messages",
    )
    first.send_signal(signal.SIGKILL)
    first.wait(timeout=10)
    assert [message["Subject"] for message in mailbox.received] == ["Besked 1", "Besked 2"]
    assert dict(Message.objects.values_list("subject", "status")) == {
        "Besked 1": "sent",
        "Besked 2": "sending",
        "Besked 3": "sending",
        "Besked 4": "sending",
    }

    mailbox.answering = None
    second = start_worker()
    claim_ends = Message.objects.filter(status="sending").aggregate(end=Max("next_attempt_at"))
    wait_until(
        lambda: timezone.now() > claim_ends["end"],
        timeout=CLAIM_SECONDS + 1,
        what="the dead worker's claim to run out",
    )
    # A new message wakes the worker (as would its periodic run, within a minute).
    with transaction.atomic():
        _queue(5)
    wait_until(
        _while_running(second, lambda: not Message.objects.exclude(status="sent").exists()),
        timeout=STARTED,
        what="every message to be sent",
    )

    ids = dict(Message.objects.values_list("subject", "message_id"))
    received = collections.Counter(
        (message["Subject"], message["Message-ID"], message.get_content().strip())
        for message in mailbox.received
    )
    assert received == {
        ("Besked 1", ids["Besked 1"], "Besked nummer 1."): 1,
        ("Besked 2", ids["Besked 2"], "Besked nummer 2."): 2,
        ("Besked 3", ids["Besked 3"], "Besked nummer 3."): 1,
        ("Besked 4", ids["Besked 4"], "Besked nummer 4."): 1,
        ("Besked 5", ids["Besked 5"], "Besked nummer 5."): 1,
    }
    assert len(set(ids.values())) == 5
    # Those of the dead worker's batch it had not marked sent were claimed a second time.
    assert dict(Message.objects.values_list("subject", "attempts")) == {
        "Besked 1": 1,
        "Besked 2": 2,
        "Besked 3": 2,
        "Besked 4": 2,
        "Besked 5": 1,
    }
