"""The public pages' expensive parts, cached under the versions of the data they show.

PostgreSQL keeps a number per scope of data (migration frivillig 0008_data_versions) and the
page frame's one query reads them all, so a cached part costs no query of its own and is never
stale, whichever app server or writer made the change. A key holds the language, the frame's
fingerprint (municipality, content pages), the numbers of the scopes the part reads, and the
caller's parts (a slug, a query string); nothing of the visitor, so what is cached must not
depend on who asks. Each process has its own cache; the keys make that safe.
"""

from hashlib import md5

from django.core.cache import cache
from django.utils import translation

from frivillig.context_processors import frame

TIMEOUT = 24 * 60 * 60
# The scopes, each kept by its app's migration.
FRIVILLIG = "frivillig"
FORENINGER = "foreninger"
PULJER = "puljer"


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
