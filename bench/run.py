"""`make bench`: the public pages under gunicorn on a national-scale data set.

Starts its own embedded PostgreSQL in bench/.pgdata-bench (deleted afterwards), so the
developer's database is never touched; loads the Faaborg-Midtfyn data file and invents
associations, activities and applications (bench/dataset.py); then, at the small and at the
large size, serves the portal with gunicorn and requests each page at a fixed concurrency
(bench/loadgen.py). Prints requests/s, p50 and p95 latency, SQL queries per request and the
ratio to the baseline view, and whether the targets of the issue are met.

    .venv/bin/python -m bench.run [--concurrency 8] [--requests 400] [--warmup 20]
"""

import argparse
import contextlib
import http.client
import os
import platform
import socket
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "bench" / ".pgdata-bench"
DATABASE = "frivillig_bench"
DATA_FILE = ROOT / "frivillig" / "data" / "faaborg-midtfyn.yaml"
HOST = "127.0.0.1"
# The directory search of the issue: a word many associations use, one region, one target group
# (a slug of the data file above).
SEARCH_TERM = "ældre"
SEARCH_TARGET_GROUP = "aeldre"
BASELINE = "baseline (fortunes)"
# A reference row, not held to the target: the site's layout around an empty page.
FRAME = "layout only (reference)"
DIRECTORY = "directory search"
# A reference, not a target: the same search with a query string the cache has never seen (an
# extra parameter the form ignores), so every request runs the search and renders the page.
DIRECTORY_UNCACHED = "directory search, uncached (reference)"
# The other cached pages' keys hold no query string, so their reference rows add a parameter
# that the bench's middleware answers with a cache that keeps nothing (bench/middleware.py):
# every request reads the data and renders the page, as the first one after a change does.
UNCACHED = ", uncached (reference)"
REFERENCES = {FRAME, DIRECTORY_UNCACHED}
# Targets of the issue.
MIN_RATIO = 0.5
DIRECTORY_P95_MS = 100
READY_SECONDS = 90


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--concurrency", type=int, default=8, help="parallel clients (8)")
    parser.add_argument("--requests", type=int, default=400, help="timed requests a page (400)")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests first (20)")
    parser.add_argument("--small", type=int, default=200, help="associations, first size (200)")
    parser.add_argument("--large", type=int, default=2000, help="associations, last size (2000)")
    parser.add_argument(
        "--small-requests",
        type=int,
        default=100,
        help="timed requests a page at the first size (100)",
    )
    parser.add_argument("--workers", type=int, default=2, help="gunicorn workers (2)")
    parser.add_argument(
        "--rounds", type=int, default=5, help="the pages are measured in turn this often (5)"
    )
    return parser.parse_args()


def start_database(data_dir=DATA_DIR, database=DATABASE):
    """The benchmark's own server; deleted when this process exits."""
    with warnings.catch_warnings():
        # platformdirs warns that XDG_RUNTIME_DIR is unset on servers and falls back to /tmp.
        warnings.simplefilter("ignore")
        import pgserver
        import psycopg

    server = pgserver.get_server(data_dir, cleanup_mode="delete")
    with psycopg.connect(server.get_uri(), autocommit=True) as connection:
        connection.execute(f"DROP DATABASE IF EXISTS {database}")
        connection.execute(f"CREATE DATABASE {database}")
    return server


def setup_django(server, database=DATABASE, settings="bench.settings"):
    os.environ["DATABASE_URL"] = server.get_uri(database=database)
    os.environ["DJANGO_SETTINGS_MODULE"] = settings
    os.environ["DEBUG"] = "false"
    import django

    django.setup()


def analyze():
    """Fresh planner statistics, as autovacuum would have after a real load."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")


def machine():
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SHOW server_version")
        postgres = cursor.fetchone()[0]
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    memory_kb = next(
        int(line.split()[1])
        for line in Path("/proc/meminfo").read_text().splitlines()
        if line.startswith("MemTotal:")
    )
    import django
    import gunicorn

    return (
        f"{len(os.sched_getaffinity(0))} cores ({model}), {memory_kb / 1024 / 1024:.1f} GiB "
        f"memory, {platform.system()} {platform.release()}; Python {platform.python_version()}, "
        f"Django {django.get_version()}, gunicorn {gunicorn.__version__}, PostgreSQL {postgres} "
        f"(embedded, pgserver)"
    )


def pages():
    """(label, path) of the baseline and the pages of the issue, in the order measured."""
    from django.utils import timezone

    from bench.middleware import UNCACHED as UNCACHED_PARAMETER
    from foreninger.models import Association
    from frivillig.models import FocusArea, Region, TargetGroup

    area = FocusArea.objects.order_by("number").first()
    region = Region.objects.order_by("order", "name").first()
    group = TargetGroup.objects.get(slug=SEARCH_TARGET_GROUP)
    association = Association.objects.filter(status=Association.Status.APPROVED).order_by("pk")[0]
    query = urlencode({"q": SEARCH_TERM, "egn": region.slug, "maalgruppe": group.slug})
    cached = [
        ("front page", "/"),
        ("focus area", area.get_absolute_url()),
        (DIRECTORY, f"/foreninger/?{query}"),
        ("association detail", association.get_absolute_url()),
        ("API organizations", "/api/v1/organizations/"),
        ("transparency", f"/puljer/{timezone.localdate().year - 1}/"),
    ]
    listed = [(BASELINE, "/bench/fortunes/"), (FRAME, "/bench/frame/")]
    for label, path in cached:
        listed.append((label, path))
        if label == DIRECTORY:
            listed.append((DIRECTORY_UNCACHED, f"/foreninger/?{query}&ny={{ticket}}"))
        else:
            listed.append((label + UNCACHED, f"{path}?{UNCACHED_PARAMETER}=1"))
    return listed


def directory_matches():
    from foreninger.selectors import approved_associations, directory_search
    from frivillig.models import Region, TargetGroup

    matches = directory_search(
        text=SEARCH_TERM,
        region=Region.objects.order_by("order", "name").first(),
        target_group=TargetGroup.objects.get(slug=SEARCH_TARGET_GROUP),
    ).count()
    return f"{matches} of {approved_associations().count()} approved associations"


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _ready(port):
    try:
        connection = http.client.HTTPConnection(HOST, port, timeout=5)
        connection.request("GET", "/healthz/")
        return connection.getresponse().status == 200
    except OSError:
        return False


@contextlib.contextmanager
def gunicorn(workers, env=None):
    """gunicorn with `workers` sync workers (as in the Dockerfile) on a free loopback port, in
    this process's environment or `env`."""
    from django.db import connections

    connections.close_all()
    port = free_port()
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "frivillig.wsgi:application",
        "--workers",
        str(workers),
        "--bind",
        f"{HOST}:{port}",
        "--log-level",
        "warning",
    ]
    with tempfile.TemporaryFile() as log:
        process = subprocess.Popen(  # noqa: S603
            command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT
        )
        try:
            deadline = time.monotonic() + READY_SECONDS
            while not _ready(port):
                if process.poll() is not None or time.monotonic() > deadline:
                    log.seek(0)
                    sys.exit(f"gunicorn did not start:\n{log.read().decode(errors='replace')}")
                time.sleep(0.5)
            yield port
        finally:
            process.terminate()
            process.wait(timeout=30)


def measure_all(port, page_list, *, concurrency, requests, warmup, rounds):
    """Every page in turn, `rounds` times, so that a change in the machine's load during the
    run (other processes) falls on all pages alike and the ratios stay comparable."""
    from bench.loadgen import run

    for _label, path in page_list:
        run(HOST, port, path, concurrency=concurrency, requests=warmup)
    results = {}
    for number in range(rounds):
        share = requests // rounds + (1 if number < requests % rounds else 0)
        for label, path in page_list:
            result = run(HOST, port, path, concurrency=concurrency, requests=share)
            results[label] = results[label].merge(result) if label in results else result
        print(f"  round {number + 1} of {rounds} done, load average {load_average()}", flush=True)
    return results


def table(results):
    baseline = results[BASELINE].requests_per_second
    lines = [
        "| page | req/s | p50 ms | p95 ms | queries/req | KiB/resp | × baseline |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, result in results.items():
        lines.append(
            f"| {label} | {result.requests_per_second:.1f} | {result.percentile_ms(50):.1f} "
            f"| {result.percentile_ms(95):.1f} | {result.median_queries} "
            f"| {result.mean_body_kb:.0f} | {result.requests_per_second / baseline:.2f} |"
        )
    return "\n".join(lines)


def query_table(small, large, sizes):
    lines = [
        f"| page | queries at {sizes[0]} | queries at {sizes[1]} | unchanged |",
        "| --- | ---: | ---: | --- |",
    ]
    for label in large:
        before, after = small[label].median_queries, large[label].median_queries
        lines.append(f"| {label} | {before} | {after} | {'yes' if before == after else 'NO'} |")
    return "\n".join(lines)


def _met(ok):
    return "met" if ok else "MISSED"


def load_average():
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def verdict(small, large, concurrency):
    baseline = large[BASELINE].requests_per_second
    slow = [
        f"{label} ({result.requests_per_second / baseline:.2f})"
        for label, result in large.items()
        if label not in REFERENCES
        and not label.endswith(UNCACHED)
        and result.requests_per_second < MIN_RATIO * baseline
    ]
    p95 = large[DIRECTORY].percentile_ms(95)
    changed = [
        label for label in large if small[label].median_queries != large[label].median_queries
    ]
    return "\n".join(
        [
            f"- every page at least {MIN_RATIO} × the baseline: {_met(not slow)}"
            + (f" — below: {', '.join(slow)}" if slow else ""),
            f"- directory search p95 under {DIRECTORY_P95_MS} ms at concurrency {concurrency}: "
            f"{_met(p95 < DIRECTORY_P95_MS)} ({p95:.0f} ms)",
            f"- query counts unchanged between the two sizes: {_met(not changed)}"
            + (f" — changed: {', '.join(changed)}" if changed else ""),
        ]
    )


def main():
    arguments = parse_arguments()
    started = time.monotonic()
    print(f"Starting the benchmark's PostgreSQL in {DATA_DIR.relative_to(ROOT)}/", flush=True)
    server = start_database()
    setup_django(server)
    from django.core.management import call_command
    from django.utils import timezone

    from bench import dataset

    call_command("migrate", verbosity=0)
    call_command("load_municipality", str(DATA_FILE), verbosity=0)
    dataset.prepare(timezone.localdate().year)
    print(machine())
    print(f"Load average before: {load_average()}")

    sizes = (arguments.small, arguments.large)
    results = []
    for start, total, requests in (
        (0, arguments.small, arguments.small_requests),
        (arguments.small, arguments.large, arguments.requests),
    ):
        counts = dataset.grow(total, start=start)
        analyze()
        page_list = pages()
        print(
            f"\n{total} associations ({counts[0]} added with {counts[1]} activities and "
            f"{counts[2]} applications); directory search “{SEARCH_TERM}” + region + target "
            f"group matches {directory_matches()}.",
            flush=True,
        )
        print(
            f"{arguments.workers} gunicorn workers, concurrency {arguments.concurrency}, "
            f"{arguments.warmup} warm-up + {requests} timed requests a page in "
            f"{arguments.rounds} rounds",
            flush=True,
        )
        with gunicorn(arguments.workers) as port:
            results.append(
                measure_all(
                    port,
                    page_list,
                    concurrency=arguments.concurrency,
                    requests=requests,
                    warmup=arguments.warmup,
                    rounds=arguments.rounds,
                )
            )
        print(f"\n{table(results[-1])}", flush=True)

    small, large = results
    print(f"\nSQL queries per request\n\n{query_table(small, large, sizes)}")
    print(f"\nTargets\n\n{verdict(small, large, arguments.concurrency)}")
    print(f"\nLoad average after: {load_average()}")
    print(f"Finished in {time.monotonic() - started:.0f} s")
    failures = {
        label: r.failures for result in results for label, r in result.items() if r.failures
    }
    if failures:
        for label, errors in failures.items():
            print(f"{label}: {len(errors)} failed requests, first: {errors[0]}", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
