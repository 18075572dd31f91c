"""Settings for `make bench`: the portal's own settings plus the baseline view and query counting.

Only bench/run.py uses these; it sets DATABASE_URL to the benchmark's own database first, so the
developer's database is never touched.
"""

import os

from frivillig.settings import *  # noqa: F403
from frivillig.settings import INSTALLED_APPS, MIDDLEWARE, STATIC_ROOT

DEBUG = False
INSTALLED_APPS = [*INSTALLED_APPS, "bench"]
# Outermost, so that it also counts the queries of the other middleware.
MIDDLEWARE = ["bench.middleware.count_queries", "bench.middleware.without_cache", *MIDDLEWARE]
ROOT_URLCONF = "bench.urls"
# Warnings only, so that the load measures the pages rather than log writing.
LOGGING = {"version": 1, "disable_existing_loggers": False, "root": {"level": "WARNING"}}
# bench/run.py collects the static files into a folder of its own, not the developer's.
STATIC_ROOT = os.environ.get("BENCH_STATIC_ROOT", STATIC_ROOT)
