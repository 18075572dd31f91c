"""Where a directory search nobody has made before spends its time, in one process.

`.venv/bin/python -m bench.profile` loads the benchmark's data set at 2,000 associations into
the benchmark's own database (as `make bench` does), then asks the directory for distinct
searches drawn as bench/wrk.lua draws them (two words of bench/search-words.txt and random
filters) through Django's request handler, without a server. It prints the time a search takes
in process, how much of it the SQL takes (PostgreSQL and the driver, timed around each
query), the CPU time of the process and of its PostgreSQL backend a search (steadier than the
clock on a busy machine), and the functions that take the rest (cProfile).

`--page /` asks for one page again and again instead (after a first request, from the cache).
"""

import argparse
import cProfile
import io
import os
import pstats
import random
import time
from urllib.parse import urlencode

from bench.run import (
    DATA_FILE,
    SEARCH_WORDS,
    analyze,
    setup_django,
    start_database,
)


def searches(count, seed=26):
    """`count` distinct directory URLs, drawn as bench/wrk.lua draws them."""
    from frivillig.models import FocusArea, Region, TargetGroup

    with open(SEARCH_WORDS, encoding="utf-8") as file:
        words = [line.strip() for line in file if line.strip() and not line.startswith("#")]
    filters = {
        "egn": list(Region.objects.values_list("slug", flat=True)),
        "maalgruppe": list(TargetGroup.objects.values_list("slug", flat=True)),
        "omraade": list(FocusArea.objects.values_list("slug", flat=True)),
    }
    rng = random.Random(seed)  # noqa: S311 - a reproducible draw, no secret
    urls = set()
    while len(urls) < count:
        query = {"q": f"{rng.choice(words)} {rng.choice(words)}"}
        query.update(
            {name: rng.choice(slugs) for name, slugs in filters.items() if rng.random() < 0.5}
        )
        query.update({name: "on" for name in ("boern", "frivillige") if rng.random() < 0.25})
        urls.add("/foreninger/?" + urlencode(query))
    return sorted(urls)


class SqlTimer:
    """connection.execute_wrapper: the time and number of the queries run."""

    def __init__(self):
        self.seconds, self.queries = 0.0, 0

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.seconds += time.perf_counter() - started
            self.queries += 1


def backend_cpu_seconds(pid):
    """The CPU time so far of the PostgreSQL backend `pid` (a process on this machine)."""
    with open(f"/proc/{pid}/stat", encoding="ascii") as stat:
        fields = stat.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--associations", type=int, default=2000)
    parser.add_argument("--searches", type=int, default=300)
    parser.add_argument("--page", help="a URL to ask for again and again instead of searches")
    arguments = parser.parse_args()
    server = start_database()
    setup_django(server)
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client
    from django.utils import timezone

    from bench import dataset

    call_command("migrate", verbosity=0)
    call_command("load_municipality", str(DATA_FILE), verbosity=0)
    dataset.prepare(timezone.localdate().year)
    dataset.grow(arguments.associations, start=0)
    analyze()

    client = Client(headers={"host": "127.0.0.1"})
    if arguments.page:
        urls = [arguments.page] * (arguments.searches * 2 + 50)
        what = f"requests for {arguments.page}"
    else:
        urls = searches(arguments.searches * 2 + 50)
        what = "distinct searches"
    for url in urls[:50]:
        client.get(url)
    timed, profiled = urls[50 : 50 + arguments.searches], urls[50 + arguments.searches :]

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        (pid,) = cursor.fetchone()
    timer = SqlTimer()
    with connection.execute_wrapper(timer):
        backend = backend_cpu_seconds(pid)
        started, cpu = time.perf_counter(), time.process_time()
        for url in timed:
            if client.get(url).status_code != 200:
                raise SystemExit(f"{url} did not answer 200")
        total, cpu = time.perf_counter() - started, time.process_time() - cpu
        backend = backend_cpu_seconds(pid) - backend
    count = len(timed)
    sql = timer.seconds / count * 1000
    print(
        f"{count} {what} at {arguments.associations} associations, in one process:\n"
        f"  {total / count * 1000:.2f} ms a request, of which SQL {sql:.2f} ms in "
        f"{timer.queries / count:.1f} queries ({timer.seconds / total:.0%}); this process's "
        f"CPU {cpu / count * 1000:.2f} ms and its PostgreSQL backend's "
        f"{backend / count * 1000:.2f} ms a request (steadier than the wall clock on a busy "
        "machine)"
    )

    profile = cProfile.Profile()
    profile.enable()
    for url in profiled:
        client.get(url)
    profile.disable()
    report = io.StringIO()
    stats = pstats.Stats(profile, stream=report)
    stats.sort_stats("cumulative").print_stats(r"(frivillig|foreninger|template|psycopg)", 30)
    print(report.getvalue())


if __name__ == "__main__":
    main()
