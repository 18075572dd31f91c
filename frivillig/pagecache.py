"""The public pages' expensive parts, cached under the versions of the data they show.

PostgreSQL keeps a number per scope of data (migration frivillig 0008_data_versions) and the
page frame's one query reads them all, so a cached part costs no query of its own and is never
stale, whichever app server or writer made the change. Which models make up a scope is declared
once, by each app for its own models (the hook `page_scope_models`); triggers on their tables,
made by `triggers_sync` in the apps' migrations, renew the scope's number on every write.

A key holds the language, the frame's fingerprint (municipality, content pages), the numbers of
the scopes the part reads, and the caller's parts (a slug, a query string); nothing of the
visitor, so what is cached must not depend on who asks. Each process has its own cache; the keys
make that safe.

`public_page` keeps a whole answer for anonymous visitors, frame included, under the same kind
of key plus the URL; it is served only to a request that carries nothing of a visitor but the
language (see `_anonymous`) and kept only when nothing of the visitor went into it (see
`_storable`).
"""

import functools
import time
from collections import defaultdict
from hashlib import md5

from django.apps import apps as installed_apps
from django.conf import settings
from django.core.cache import cache
from django.db import migrations
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.cache import get_conditional_response

from frivillig.context_processors import frame
from frivillig.hooks import app_attribute

TIMEOUT = 24 * 60 * 60
# The scopes of the apps' declarations.
FRIVILLIG = "frivillig"
FORENINGER = "foreninger"
PULJER = "puljer"
FOLGEGRUPPE = "folgegruppe"
AWARDS = "awards"


def version(request, *scopes):
    """The frame's fingerprint and the scopes' numbers, as a key part for `{% cache %}`."""
    current = frame(request)
    return ":".join([current.version, *(str(current.versions.get(scope)) for scope in scopes)])


def key(request, name, *parts, scopes):
    vary = [translation.get_language(), version(request, *scopes), *parts]
    return f"page:{name}:{md5(repr(vary).encode(), usedforsecurity=False).hexdigest()}"


def cached(request, name, *parts, scopes, build):
    """build()'s value, computed once per language, parts and data version; None is not kept."""
    cache_key = key(request, name, *parts, scopes=scopes)
    value = cache.get(cache_key)
    if value is None:
        value = build()
        if value is not None:
            cache.set(cache_key, value, TIMEOUT)
    return value


# The cookies a whole cached page may be served with: the language (in the key) and the CSRF
# cookie (a cached page holds no token, see `_storable`). Any other cookie (the session with a
# login or messages, the messages cookie, the SAML exchange's) means the visitor's own page.
NEUTRAL_COOKIES = frozenset({settings.LANGUAGE_COOKIE_NAME, settings.CSRF_COOKIE_NAME})


def _anonymous(request):
    return (
        request.method in ("GET", "HEAD")
        and NEUTRAL_COOKIES.issuperset(request.COOKIES)
        and "HTTP_AUTHORIZATION" not in request.META
    )


def _storable(request, response):
    """Whether the answer is the same for every anonymous visitor in this language."""
    session = getattr(request, "session", None)
    messages = getattr(request, "_messages", None)
    return (
        response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_NEEDS_UPDATE")  # a form's token was rendered
        and not (session is not None and session.modified)
        and not (messages is not None and (messages.used or len(messages)))
    )


def public_page(*scopes, daily=False, seconds=None):
    """A view decorator: the whole answer kept for anonymous visitors per URL, language and
    data version of `scopes` (plus the frame); with an ETag, so a browser that has it gets
    304. `daily` for a page that changes with the date (what is open, the plan in force),
    `seconds` for one that changes with the clock (what is upcoming): the copy is kept for
    that long at most."""

    def decorator(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not _anonymous(request):
                return view(request, *args, **kwargs)
            parts = [request.get_full_path()]
            if daily:
                parts.append(str(timezone.localdate()))
            if seconds:
                parts.append(int(time.time() // seconds))
            cache_key = key(request, "public_page", *parts, scopes=scopes)
            etag = f'"{cache_key.rsplit(":", 1)[1]}"'
            stored = cache.get(cache_key)
            if stored is None:
                response = view(request, *args, **kwargs)
                if not _storable(request, response):
                    return response
                cache.set(cache_key, (response.content, list(response.items())), seconds or TIMEOUT)
            else:
                content, headers = stored
                response = HttpResponse(content, headers=dict(headers))
            response["ETag"] = etag
            return get_conditional_response(request, etag=etag, response=response)

        return wrapped

    return decorator


def _tables(model):
    """The model's table and the tables of its own many-to-many fields."""
    return [
        model._meta.db_table,
        *(
            field.remote_field.through._meta.db_table
            for field in model._meta.local_many_to_many
            if field.remote_field.through._meta.auto_created
        ),
    ]


def scope_tables(registry=installed_apps, app_label=None):
    """{scope: sorted tables} as the apps declare them, or only the tables of `app_label`'s
    models; a model that `registry` (a migration's state) does not have yet is left out."""
    tables = defaultdict(set)
    for scope, label in app_attribute("page_scope_models"):
        if app_label is not None and label.split(".")[0] != app_label:
            continue
        try:
            model = registry.get_model(label)
        except LookupError:
            continue
        tables[scope].update(_tables(model))
    return {scope: sorted(names) for scope, names in sorted(tables.items())}


# Renewed by what the public writes (a nomination): only the page that shows it is kept under
# it, so that such a write renews no other page.
PUBLIC_WRITES = frozenset({AWARDS})


def scopes():
    """Every declared scope but those of the public's writes, in order: for the pages that
    show something of every app."""
    return sorted({scope for scope, _label in app_attribute("page_scope_models")} - PUBLIC_WRITES)


# The triggers that renew the scopes' numbers are recognised by the function they call.
_TRIGGERS = """
SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
WHERE t.tgfoid = 'frivillig_version_bump'::regproc AND c.relname = ANY(%s)
"""
_SCOPE = """
INSERT INTO frivillig_version (scope, number)
SELECT %s, nextval('frivillig_version_seq')
WHERE NOT EXISTS (SELECT 1 FROM frivillig_version WHERE scope = %s)
"""
_CREATE = """
CREATE TRIGGER {name} BEFORE INSERT OR UPDATE OR DELETE OR TRUNCATE ON {table}
FOR EACH STATEMENT EXECUTE FUNCTION frivillig_version_bump({scope})
"""


def _sync(registry, schema_editor, app_label, wanted):
    """Make the version triggers on `app_label`'s tables exactly `wanted`, {(scope, table)}."""
    quote = schema_editor.quote_name
    config = registry.get_app_config(app_label)
    tables = [model._meta.db_table for model in config.get_models(include_auto_created=True)]
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(_TRIGGERS, [tables])
        existing = {(name.removesuffix("_version"), table) for table, name in cursor.fetchall()}
        for scope, table in sorted(existing - wanted):
            cursor.execute(f"DROP TRIGGER {quote(scope + '_version')} ON {quote(table)}")
        for scope in sorted({scope for scope, _table in wanted}):
            cursor.execute(_SCOPE, [scope, scope])
        for scope, table in sorted(wanted - existing):
            name, literal = quote(scope + "_version"), schema_editor.quote_value(scope)
            cursor.execute(_CREATE.format(name=name, table=quote(table), scope=literal))


def triggers_sync(app_label):
    """A migration's operation: the version triggers on the app's tables become the ones its
    `page_scope_models` declare; going back removes them."""

    def forwards(registry, schema_editor):
        wanted = {
            (scope, table)
            for scope, tables in scope_tables(registry, app_label).items()
            for table in tables
        }
        _sync(registry, schema_editor, app_label, wanted)

    def backwards(registry, schema_editor):
        _sync(registry, schema_editor, app_label, set())

    return migrations.RunPython(forwards, backwards)
