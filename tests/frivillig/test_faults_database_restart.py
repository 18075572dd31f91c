"""PostgreSQL stops under load and starts again (issue #15, "Faults the tests survive").

gunicorn serves the portal from a PostgreSQL with a data folder of its own (holding a copy of
the migrated test database); requests keep coming while that server is stopped and started
again, and gunicorn is never restarted.
"""

import os
import threading

import pytest
from django.db import connection

from bench.run import gunicorn
from tests.faults import get, wait_until
from tests.postgres import OwnServer, run, url

PAGES = ["/", "/foreninger/", "/healthz/"]
TRACE = ("Traceback", 'File "/')


@pytest.fixture(scope="module")
def portal(django_db_setup, django_db_blocker, tmp_path_factory):
    """(its own PostgreSQL holding a copy of the migrated test database, the port of gunicorn
    serving from it)."""
    folder = tmp_path_factory.mktemp("database_restart")
    own = OwnServer(folder / "data")
    try:
        with django_db_blocker.unblock():
            run(
                "pg_dump",
                *("--format=custom", "--no-owner", "--file", folder / "migrated"),
                url(connection.settings_dict["NAME"]),
            )
        run("pg_restore", "--no-owner", "--dbname", own.uri(), folder / "migrated")
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "frivillig.settings",
            "DJANGO_ENV": "development",
            "DEBUG": "false",
            "DATABASE_URL": own.uri(),
        }
        with gunicorn(2, env=env) as port:
            yield own, port
    finally:
        own.close()


class Load:
    """Two clients asking for the pages in turn until stopped; every answer is kept."""

    def __init__(self, port):
        self.port = port
        self.answers = []
        self.stopped = threading.Event()
        self.threads = [threading.Thread(target=self._ask) for _ in range(2)]

    def _ask(self):
        while not self.stopped.is_set():
            for path in PAGES:
                self.answers.append((path, *get(self.port, path)))

    def __enter__(self):
        for thread in self.threads:
            thread.start()
        return self

    def __exit__(self, *exc_info):
        self.stopped.set()
        for thread in self.threads:
            thread.join()


def _all_served(port):
    """Four rounds of the pages (both workers, most likely) answer 200."""
    return all(get(port, path)[0] == 200 for _ in range(4) for path in PAGES)


# Asks for the test database, so that it is set up even when this module runs alone.
@pytest.mark.django_db
def test_the_portal_says_so_while_postgresql_is_down_and_serves_again_after_it_restarts(portal):
    own, port = portal
    wait_until(lambda: _all_served(port), timeout=10, what="the pages before the stop")
    with Load(port) as load:
        wait_until(lambda: len(load.answers) >= 12, timeout=10, what="answers under load")
        own.stop()
        wait_until(
            lambda: get(port, "/healthz/")[0] == 503, timeout=10, what="/healthz/ to say 503"
        )
        down = {path: get(port, path) for path in PAGES}
        own.start()
        wait_until(lambda: _all_served(port), timeout=15, what="the pages after the restart")
    assert down["/healthz/"] == (503, "database unavailable\n")
    for path in ("/", "/foreninger/"):
        status, body = down[path]
        assert status == 500
        assert "<title>Der opstod en fejl</title>" in body
    assert {status for _path, status, _body in load.answers} <= {200, 500, 503}
    assert [path for path, _status, body in load.answers if any(t in body for t in TRACE)] == []
