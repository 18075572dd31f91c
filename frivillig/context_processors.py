import functools
from dataclasses import dataclass

from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils.functional import SimpleLazyObject

from frivillig.hooks import app_attribute
from frivillig.models import Municipality, Page

# The frame of every page in one query: the municipality, the content pages' menu fields, and
# a fingerprint of both for cache keys of pages that show them, and the data versions that
# PostgreSQL keeps (frivillig.pagecache). A raw query because compiling two ORM queries cost
# more than running them.
FRAME_SQL = """
    SELECT m.*,
        md5(coalesce(m::text, '') || coalesce(pages.rows::text, '')) AS frame_version,
        pages.rows AS frame_pages,
        (SELECT json_object_agg(v.scope, v.number) FROM frivillig_version v) AS frame_versions
    FROM (
        SELECT json_agg(json_build_array(p.id, p.slug, p.title, p.title_en, p.summary,
                                         p.summary_en)
                        ORDER BY p."order", p.title) AS rows
        FROM frivillig_page p
    ) pages
    LEFT JOIN frivillig_municipality m ON m.id = 1
"""
# The data versions alone: planned and run in a third of the frame's time.
VERSIONS_SQL = "SELECT json_object_agg(scope, number) FROM frivillig_version"
# In the model's field order, as Model.from_db expects for a subset of the fields.
PAGE_FIELDS = ["id", "slug", "title", "title_en", "summary", "summary_en"]
# The models the frame shows: the numbers of their scopes tell whether a kept frame is current.
FRAME_MODELS = {"frivillig.Municipality", "frivillig.Page"}
CACHE_KEY = "frame"


@dataclass
class Frame:
    municipality: Municipality | None
    pages: list
    version: str
    versions: dict


@functools.cache
def _frame_scopes():
    return sorted(
        {scope for scope, label in app_attribute("page_scope_models") if label in FRAME_MODELS}
    )


def _numbers(versions):
    return [versions.get(scope) for scope in _frame_scopes()]


def _frame_read():
    row = next(iter(Municipality.objects.raw(FRAME_SQL)))
    pages = [Page.from_db("default", PAGE_FIELDS, values) for values in row.frame_pages or []]
    current = Frame(row if row.pk else None, pages, row.frame_version, row.frame_versions or {})
    cache.set(CACHE_KEY, (_numbers(current.versions), current), None)
    return current


def frame(request):
    """The municipality and content pages, read once per request; views may use them too.

    The data versions are read fresh on every request, so a change made anywhere (admin, data
    file, another app server) shows on the next one. The municipality and the pages are read
    again only when the numbers of their scopes have changed since this process kept them:
    then a request makes two queries, otherwise one.
    """
    if not hasattr(request, "_frame"):
        kept = cache.get(CACHE_KEY)
        if kept is None:
            current = _frame_read()
        else:
            with connection.cursor() as cursor:
                cursor.execute(VERSIONS_SQL)
                versions = cursor.fetchone()[0] or {}
            numbers, current = kept
            # No number (no scope declares the models, or none is set yet): never kept.
            if numbers and None not in numbers and numbers == _numbers(versions):
                current.versions = versions
            else:
                current = _frame_read()
        request._frame = current
    return request._frame


def municipality(request):
    """The municipality, its content pages and the apps' sections, shown in every page's frame.

    A navigation label may be a function of the municipality (the group's own name); it gets
    the same municipality, so the frame still reads it only once. A label of None leaves the
    entry out (a municipality without a follow-up group).
    """
    current = SimpleLazyObject(lambda: frame(request).municipality)
    return {
        "municipality": current,
        "content_pages": SimpleLazyObject(lambda: frame(request).pages),
        "app_navigation": [
            (text, reverse(url_name))
            for label, url_name in app_attribute("navigation")
            if (text := label(current) if callable(label) else label) is not None
        ],
    }
