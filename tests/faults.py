"""Helpers for the fault tests (tests/*/test_faults_*.py), which run real processes: wait for
a condition with a deadline instead of a fixed sleep, and ask a server for a page."""

import http.client
import time

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
