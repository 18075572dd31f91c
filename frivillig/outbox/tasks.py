"""The worker's tasks for the outbox (procrastinate; `manage.py procrastinate worker`)."""

import contextlib

from django.db import close_old_connections
from procrastinate.contrib.django import app
from procrastinate.exceptions import AlreadyEnqueued

from frivillig.outbox.services import deliver_due

# While one delivery waits to start, another request for it adds nothing: it sends all.
DELIVERY_LOCK = "outbox-delivery"


def _delivered():
    close_old_connections()
    try:
        return deliver_due()
    finally:
        close_old_connections()


@app.task(name="outbox.deliver", queue="outbox")
def deliver():
    return _delivered()


@app.periodic(cron="* * * * *")
@app.task(name="outbox.deliver_periodically", queue="outbox")
def deliver_periodically(timestamp):
    """The safety net: messages whose wake-up was lost, and those waiting to be tried again."""
    return _delivered()


def delivery_request():
    with contextlib.suppress(AlreadyEnqueued):
        deliver.configure(queueing_lock=DELIVERY_LOCK).defer()
