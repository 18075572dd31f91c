import contextlib
import copy
import fcntl
import functools
import gc
import os
import re
import tempfile
import threading
import types
import uuid
from pathlib import Path

import pytest
from django import test
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.cache import cache
from django.db import connection, transaction
from django.test import override_settings
from django.utils import translation
from pytest_django.plugin import blocking_manager_key

from frivillig import datafile
from frivillig.datafile import municipality_load
from frivillig.roles import CONSULTANT_GROUP, roles_sync
from tests import factories

DATA_DIR = Path(__file__).resolve().parent.parent / "frivillig" / "data"
FAABORG = "faaborg-midtfyn.yaml"

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


@pytest.fixture(scope="session")
def django_db_modify_db_settings(django_db_modify_db_settings_parallel_suffix):
    """No commit of a test needs to survive a crash: do not wait for the disk at each one."""
    settings.DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c synchronous_commit=off"


def _lock_file(name):
    return Path(tempfile.gettempdir()) / f"{name}.lock"


@contextlib.contextmanager
def _exclusive(name):
    """A lock shared by the processes of this machine, by name."""
    with _lock_file(name).open("w") as file:
        fcntl.flock(file, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(file, fcntl.LOCK_UN)


def _drop_database(name):
    # FORCE: the live server's threads may still hold a connection.
    with connection.creation._nodb_cursor() as cursor:
        cursor.execute(f"DROP DATABASE IF EXISTS {connection.ops.quote_name(name)} WITH (FORCE)")


def _template_name(test_name, run_id):
    """The database a run's pytest-xdist workers copy theirs from (`test_name` without the
    worker's suffix)."""
    return f"{test_name}_tpl_{run_id[:10]}"


def _make_template(template, verbosity):
    """Create and migrate `template` unless another process of the run has; no half-made
    template stays for the workers to copy."""
    creation = connection.creation
    with creation._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [template])
        if cursor.fetchone() is not None:
            return
    test_name = connection.settings_dict["TEST"]["NAME"]
    connection.settings_dict["TEST"]["NAME"] = template
    try:
        creation.create_test_db(verbosity=verbosity, autoclobber=True, serialize=False)
    except BaseException:
        connection.close()
        _drop_database(template)
        raise
    finally:
        connection.settings_dict["TEST"]["NAME"] = test_name
    # A template must have no connections while it is copied.
    connection.close()


def _clone_of_a_template(verbosity):
    """The worker's test database, copied from the run's template (a migration costs ~10 s of
    CPU, a copy a fraction of one)."""
    creation = connection.creation
    test_name = creation._get_test_db_name()
    template = _template_name(test_name.rpartition("_")[0], os.environ["PYTEST_XDIST_TESTRUNUID"])
    with _exclusive(template):
        _make_template(template, verbosity)
        with creation._nodb_cursor() as cursor:
            quoted = connection.ops.quote_name
            cursor.execute(f"DROP DATABASE IF EXISTS {quoted(test_name)}")
            cursor.execute(f"CREATE DATABASE {quoted(test_name)} TEMPLATE {quoted(template)}")
    connection.settings_dict["NAME"] = test_name
    settings.DATABASES[connection.alias]["NAME"] = test_name


_template_key = pytest.StashKey[tuple]()


def _migrate_the_template(config, template):
    with config.stash[blocking_manager_key].unblock(), _exclusive(template):
        _make_template(template, config.option.verbose)


@pytest.hookimpl(tryfirst=True)
def pytest_sessionstart(session):
    """In a pytest-xdist run, the controlling process migrates the workers' template while they
    start and collect the tests: otherwise one worker migrated it as the other waited, idle.
    (Not earlier: pytest-django's own pytest_configure blocks the database again.)"""
    config = session.config
    if not config.pluginmanager.has_plugin("dsession"):
        return
    # The run's id, which the workers name the template by; pytest-xdist draws it after this.
    config.option.testrunuid = config.option.testrunuid or uuid.uuid4().hex
    template = _template_name(connection.creation._get_test_db_name(), config.option.testrunuid)
    thread = threading.Thread(target=_migrate_the_template, args=(config, template), daemon=True)
    thread.start()
    config.stash[_template_key] = (thread, template)


def pytest_unconfigure(config):
    """The controlling process drops the template once the workers are done."""
    if _template_key not in config.stash:
        return
    thread, template = config.stash[_template_key]
    thread.join()
    with config.stash[blocking_manager_key].unblock():
        _drop_database(template)
    _lock_file(template).unlink(missing_ok=True)


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_modify_db_settings
):
    """pytest-django's, but each pytest-xdist worker's database is a copy of one template."""
    verbosity = request.config.option.verbose
    original = connection.settings_dict["NAME"]
    with django_db_blocker.unblock():
        if "PYTEST_XDIST_TESTRUNUID" in os.environ:
            _clone_of_a_template(verbosity)
        else:
            connection.creation.create_test_db(verbosity, autoclobber=True, serialize=False)
    yield
    test_name = connection.settings_dict["NAME"]
    connection.close()
    connection.settings_dict["NAME"] = settings.DATABASES[connection.alias]["NAME"] = original
    with django_db_blocker.unblock():
        _drop_database(test_name)


# What post_migrate fills and no test changes: a transactional test's teardown keeps it.
POST_MIGRATE_TABLES = {"django_content_type", "auth_permission"}
_flush = test.TransactionTestCase._fixture_teardown


def _empty_the_database(test_case):
    """TransactionTestCase's teardown, ~20 times faster than Django's `flush`: that empties
    every table with TRUNCATE, which gives each table and index new files (~1 s for ~100
    nearly empty tables), and then sends post_migrate to write the content types and
    permissions again. Here each table's rows are deleted in one transaction with triggers and
    foreign-key checks off (session_replication_role, as a restore does; it needs a superuser,
    as the embedded server's is — otherwise Django's flush runs), the content types and
    permissions stay, and the role groups are given their permissions again."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT rolsuper FROM pg_roles WHERE rolname = current_user")
        if not cursor.fetchone()[0]:
            return _flush(test_case)
    tables = connection.introspection.django_table_names(only_existing=True, include_views=False)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        for table in sorted(set(tables) - POST_MIGRATE_TABLES):
            cursor.execute(f"DELETE FROM {connection.ops.quote_name(table)}")  # noqa: S608
    roles_sync()
    return None


@pytest.fixture(scope="session", autouse=True)
def _fast_transactional_teardown():
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(test.TransactionTestCase, "_fixture_teardown", _empty_the_database)
        yield


class DeliveringOutbox(list):
    """`django.core.mail.outbox` that first delivers what the outbox holds (frivillig.outbox) as
    the worker would, in the test's transaction: a test reads what was sent, and a message whose
    transaction was rolled back was never there to send."""

    def _deliver(self):
        from frivillig.outbox.services import deliver_due

        deliver_due()

    def __len__(self):
        self._deliver()
        return super().__len__()

    def __iter__(self):
        self._deliver()
        return super().__iter__()

    def __getitem__(self, index):
        self._deliver()
        return super().__getitem__(index)

    def __eq__(self, other):
        self._deliver()
        return super().__eq__(other)

    __hash__ = None


class _MailModule(types.ModuleType):
    """django.core.mail, whose `outbox` delivers first: Django's test case sets a new empty list
    before each test."""

    def __setattr__(self, name, value):
        if name == "outbox" and type(value) is list:
            value = DeliveringOutbox(value)
        super().__setattr__(name, value)


@pytest.fixture(scope="session", autouse=True)
def _mail_through_the_outbox(django_test_environment):
    """Django's test setup sends mail to its locmem backend directly; here it goes through the
    outbox as in production, and the worker's delivery sends to locmem. The task queue is kept
    in memory: no worker runs in the tests."""
    from django.core import mail
    from procrastinate.contrib.django import app
    from procrastinate.testing import InMemoryConnector

    settings.EMAIL_BACKEND = "frivillig.outbox.backends.OutboxBackend"
    settings.OUTBOX_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    mail.__class__ = _MailModule
    mail.outbox = []
    with app.replace_connector(InMemoryConnector()):
        yield


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


# Fixtures after which the test database is no longer one transaction that can hold shared
# data, or that load another municipality.
APART = {"transactional_db", "live_server", "django_db_reset_sequences", "toender"}


def _holds_data_longer(item):
    """True when one of the test's fixtures keeps data in the database beyond the test."""
    return any(
        definition.scope != "function"
        for name, definitions in item._fixtureinfo.name2fixturedefs.items()
        if name not in {"django_db_setup", "_django_setup_unittest"}
        for definition in definitions
        if "db" in definition.argnames or "django_db_blocker" in definition.argnames
    )


# The modules with a test that keeps data for longer than itself, found once collected.
_modules_holding_data = set()


def pytest_collection_modifyitems(items):
    """The browser tests first, each module's tests still together and in order: they are the
    longest modules (up to ~50 s), and one handed out last kept one core busy while the other
    had nothing left (`make test` keeps this order with --no-loadscope-reorder; by default
    pytest-xdist hands out the modules with the most tests first)."""
    items.sort(key=lambda item: item.get_closest_marker("browser") is None)


def pytest_collection_finish(session):
    _modules_holding_data.update(item.module for item in session.items if _holds_data_longer(item))
    # The modules, the URL conf and the collected tests live as long as the run: the cyclic
    # garbage collector need not walk them again at each collection (~7 % of the suite's CPU).
    gc.collect()
    gc.freeze()
    gc.set_threshold(50_000, 20, 20)


def _shares_faaborg(item):
    """True when the test loads the first customer's file and can take it from a load shared
    with its neighbours: it commits nothing, loads no other file, and no test of its module
    keeps data for longer than itself (a transaction of the shared load's must not cross one
    of theirs)."""
    marker = item.get_closest_marker("django_db")
    return (
        "faaborg" in item.fixturenames
        and not APART & set(item.fixturenames)
        and not (marker and marker.kwargs.get("transaction"))
        and item.module not in _modules_holding_data
    )


class SharedFaaborg:
    """One load of the first customer's file, held in a transaction that neighbouring tests
    share, across modules too (each in a savepoint of its own, as with `seeded_once`), rolled
    back after the last of them."""

    def __init__(self):
        self.load = None

    def open(self, django_db_blocker):
        self.load = seeded_once(
            django_db_blocker, lambda: municipality_load(data=data_file(FAABORG))
        )
        self.load.__enter__()

    def close(self):
        if self.load is not None:
            self.load.__exit__(None, None, None)
        self.load = None


_shared_faaborg = SharedFaaborg()


# The test that runs after each, as pytest's protocol names it.
_next_items = {}


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_protocol(item, nextitem):
    _next_items[item] = nextitem


@pytest.fixture(autouse=True)
def _shared_faaborg_for_the_test(request, django_db_blocker):
    """Opens the shared load and, after the test's own savepoint is gone (this fixture is set
    up before the test's `db`, so torn down after it), closes it unless the next test shares it.
    Both in the fixture: once Playwright runs in the process, code in a pytest hook may see
    another database connection object than the fixtures (Django keeps them per context)."""
    item = request.node
    shares = _shares_faaborg(item)
    if shares and _shared_faaborg.load is None:
        _shared_faaborg.open(django_db_blocker)
    yield shares
    nextitem = _next_items.pop(item, None)
    if not (nextitem is not None and shares and _shares_faaborg(nextitem)):
        _shared_faaborg.close()


@pytest.fixture
def faaborg(db, _shared_faaborg_for_the_test):
    """The first customer's real data file, loaded (most tests take a load shared with their
    neighbours, some ~170 rows fewer to write each)."""
    if not _shared_faaborg_for_the_test:
        municipality_load(data=data_file(FAABORG))


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
