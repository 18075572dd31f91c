"""The embedded PostgreSQL's own tools for tests that dump, restore or restart a database:
pgserver's binaries, URLs and connections to other databases on the test database's server,
row counts, and a server of a test's own that it may stop and start."""

import contextlib
import os
import subprocess
import uuid
from pathlib import Path
from urllib.parse import quote

import pgserver
import psycopg
from django.db import connection

PG_BIN = Path(pgserver.__file__).parent / "pginstall" / "bin"


def _server():
    """Where the test database lives, as psycopg sees it (a socket folder or a host)."""
    connection.ensure_connection()
    info = connection.connection.info
    return {"host": info.host, "port": info.port, "user": info.user, "password": info.password}


def connect(dbname):
    """An autocommit connection to another database on the test database's server."""
    return psycopg.connect(dbname=dbname, autocommit=True, **_server())


def url(dbname):
    """A URL for another database on the test database's server."""
    server = _server()
    user, password = quote(server["user"]), quote(server["password"] or "")
    if server["host"].startswith("/"):
        return f"postgresql://{user}:{password}@/{dbname}?host={quote(server['host'])}"
    return f"postgresql://{user}:{password}@{server['host']}:{server['port']}/{dbname}"


@contextlib.contextmanager
def scratch_database(prefix):
    """An empty database of its own on the test database's server, dropped afterwards; yields
    its name."""
    name = f"{prefix}_{uuid.uuid4().hex[:12]}"
    with connect("postgres") as admin:
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield name
    finally:
        with connect("postgres") as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def run(tool, *arguments, user=None):
    """One of the server's programs (pg_dump, pg_restore, pg_ctl, …); raises on failure."""
    return subprocess.run(
        [PG_BIN / tool, *arguments], check=True, capture_output=True, user=user, timeout=60
    )


def row_counts(db):
    """Rows in each table of the public schema, by table name."""
    tables = [
        name
        for (name,) in db.execute(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = 'public' AND table_type = 'BASE TABLE'"
        )
    ]
    return {
        table: db.execute(f'SELECT count(*) FROM "{table}"').fetchone()[0]  # noqa: S608
        for table in tables
    }


class OwnServer:
    """A PostgreSQL with a data folder of its own (not the suite's), so that a test may stop
    and start it. pgserver initialises it, as the system user it runs servers as."""

    def __init__(self, data_dir):
        self.server = pgserver.get_server(data_dir, cleanup_mode="delete")
        self.data_dir = data_dir
        self.socket_dir = self.server.get_postmaster_info().socket_dir

    def uri(self, database="postgres"):
        return self.server.get_uri(database=database)

    def stop(self):
        run("pg_ctl", "-D", self.data_dir, "-m", "fast", "-w", "stop", user=self._user())

    def start(self):
        run(
            "pg_ctl",
            *("-D", self.data_dir, "-w", "-o", '-h ""', "-o", f"-k {self.socket_dir}"),
            *("-l", self.data_dir / "log", "start"),
            user=self._user(),
        )

    def close(self):
        self.server.cleanup()

    def _user(self):
        # pgserver runs the server as a user of its own when the tests run as root.
        return self.server.system_user if os.geteuid() == 0 else None
