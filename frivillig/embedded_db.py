"""The embedded PostgreSQL used in development and tests when DATABASE_URL is unset."""

import logging
import warnings
from pathlib import Path


def embedded_database_url(data_dir: Path) -> str:
    """Start (or reuse) the server in `data_dir` and return a URL for its `postgres` database.

    pgserver counts the processes that hold a handle and stops the server when the last exits,
    so `runserver`'s reloader and the test runner can share one data folder.
    """
    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset on servers and falls back to /tmp.
        warnings.simplefilter("ignore")
        import pgserver  # a development dependency only: production always sets DATABASE_URL

        logging.getLogger("pgserver").setLevel(logging.WARNING)
        return pgserver.get_server(data_dir).get_uri()
