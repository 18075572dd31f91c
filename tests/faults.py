"""Helpers for the fault tests (tests/*/test_faults_*.py), which run real processes: wait for
a condition with a deadline instead of a fixed sleep, ask a server for a page, and a mail server
that keeps what it is given."""

import asyncio
import email
import email.policy
import http.client
import time

from aiosmtpd.controller import Controller

from bench.run import free_port

HOST = "127.0.0.1"


def wait_until(condition, *, timeout, what):
    """Poll `condition` until it returns something true and return that; fail after `timeout`
    seconds saying `what` was awaited."""
    deadline = time.monotonic() + timeout
    while True:
        result = condition()
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"waited {timeout} s for {what}")
        time.sleep(0.05)


def get(port, path):
    """(status, body) of a GET to the server on `port`, as a browser in Danish would ask."""
    connection = http.client.HTTPConnection(HOST, port, timeout=20)
    try:
        connection.request("GET", path, headers={"Accept-Language": "da"})
        response = connection.getresponse()
        return response.status, response.read().decode(errors="replace")
    finally:
        connection.close()


class Mailbox:
    """An aiosmtpd handler that keeps each message it is given. With `answering` a number, it
    answers only that many messages and keeps the sender of each later one waiting until
    `answering` is set to None: a sender stopped in that wait has delivered the message without
    hearing that it arrived."""

    def __init__(self, answering=None):
        self.received = []
        self.answering = answering

    # aiosmtpd's name for the hook that receives a message.
    async def handle_DATA(self, server, session, envelope):
        self.received.append(
            email.message_from_bytes(envelope.content, policy=email.policy.default)
        )
        number = len(self.received)
        while self.answering is not None and number > self.answering:
            await asyncio.sleep(0.01)
        return "250 OK"

    def message_ids(self):
        return [message["Message-ID"] for message in self.received]


def smtp_server(mailbox):
    """A mail server on a free loopback port, not yet started (aiosmtpd's Controller)."""
    return Controller(mailbox, hostname=HOST, port=free_port())
