from django.core.cache import caches
from django.core.cache.backends.dummy import DummyCache
from django.db import connection

QUERY_HEADER = "X-Bench-Queries"


def count_queries(get_response):
    """Return the number of SQL queries a request ran in a response header (DEBUG stays off)."""

    def middleware(request):
        count = 0

        def counter(execute, sql, params, many, context):
            nonlocal count
            count += 1
            return execute(sql, params, many, context)

        with connection.execute_wrapper(counter):
            response = get_response(request)
        response[QUERY_HEADER] = str(count)
        return response

    return middleware


# In the URL of a reference row: the request sees no cache, as the first request after a change.
UNCACHED = "uncached"


def without_cache(get_response):
    """Let a request with ?uncached= run with a cache that keeps nothing (the page ignores it)."""

    def middleware(request):
        if UNCACHED not in request.GET:
            return get_response(request)
        kept = caches["default"]
        caches["default"] = DummyCache("uncached", {})
        try:
            return get_response(request)
        finally:
            caches["default"] = kept

    return middleware
