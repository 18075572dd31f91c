import contextlib
import copy
import functools
import os
import re
from pathlib import Path

import pytest
from django import test
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import transaction
from django.test import override_settings
from django.utils import translation

from frivillig import datafile
from frivillig.datafile import municipality_load
from frivillig.roles import CONSULTANT_GROUP
from tests import factories

DATA_DIR = Path(__file__).resolve().parent.parent / "frivillig" / "data"

# Playwright's sync API runs an event loop in the test thread; the ORM calls the tests make
# beside it are still synchronous, so Django's async-safety guard must stand aside.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def pytest_make_parametrize_id(config, val, argname):
    """A random UUID among a test's parameters is named "uuid": each pytest-xdist worker
    collects the tests itself, and their names must agree."""
    if isinstance(val, str) and UUID.fullmatch(val):
        return "uuid"
    return None


class Client(test.Client):
    """Django's test client, whose force_login of a member of staff also confirms the login
    with an authenticator, as staff must; `verified=False` leaves the second step undone."""

    def force_login(self, user, backend=None, *, verified=True):
        if verified and user.is_staff:
            factories.login_verified(self, user)
        else:
            super().force_login(user, backend)


@pytest.fixture
def client():
    return Client()


@pytest.fixture
def admin_client(db, admin_user):
    client = Client()
    client.force_login(admin_user)
    return client


FAST_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _fast_and_simple(settings):
    settings.PASSWORD_HASHERS = FAST_HASHERS
    # The test client's login() has no request for django-axes; its own tests switch it on.
    settings.AXES_ENABLED = False
    # Cached fragments must not leak from one test's data into the next.
    cache.clear()
    # LanguageMiddleware activates the visitor's language in the test's own thread; a test
    # that asked for English must not leave the next one speaking it.
    translation.activate(settings.LANGUAGE_CODE)
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@functools.cache
def _parsed(name):
    return datafile.read(DATA_DIR / name)


def data_file(name):
    """A data file of frivillig/data, parsed once per run; each caller gets a copy of its own,
    so no test can change what the next one loads."""
    return copy.deepcopy(_parsed(name))


@contextlib.contextmanager
def seeded_once(django_db_blocker, seed):
    """Run `seed()` once for a module-scoped fixture and yield what it returns.

    The rows stay in a transaction that is rolled back after the module's last test, and each
    test still runs in a savepoint of its own (the `db` fixture), so a test that changes them
    leaves them as they were for the next. A test of the module that must not see them (another
    municipality) belongs in a module of its own.
    """
    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(PASSWORD_HASHERS=FAST_HASHERS):
                result = seed()
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield result
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


@pytest.fixture
def faaborg(db):
    """The first customer's real data file, loaded."""
    municipality_load(data=data_file("faaborg-midtfyn.yaml"))


@pytest.fixture
def toender(db):
    municipality_load(data=data_file("toender.yaml"))


@pytest.fixture
def consultant(db):
    user = factories.user(email="konsulent@example.com", is_staff=True)
    user.groups.add(Group.objects.get(name=CONSULTANT_GROUP))
    return user


@pytest.fixture
def superuser(db):
    return factories.user(email="root@example.com", is_staff=True, is_superuser=True)


@pytest.fixture
def alice(db):
    """A citizen with an account and no special rights."""
    return factories.user(email="alice@example.com", first_name="Alice")
