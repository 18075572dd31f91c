"""`make bench`: every public page under gunicorn, measured with wrk, on a national-scale data set.

Starts its own embedded PostgreSQL in bench/.pgdata-bench (deleted afterwards), so the
developer's database is never touched; loads the Faaborg-Midtfyn data file, the apps' demo
content (events, meeting places, awards, action plans, the follow-up group's election, volunteer
jobs) and invented associations, activities and applications (bench/dataset.py). At each size
it serves the portal as production does (DJANGO_ENV=production, collected static files,
gunicorn with sync workers) and counts the SQL queries of each page in a pass of its own; at the
large size it then drives the baseline and every page with wrk (bench/wrk.lua), in interleaved
rounds, and prints × baseline, requests/s, p50 and p99 latency, and whether the targets of the
issue are met.

    .venv/bin/python -m bench.run [--seconds 3] [--rounds 3] [--connections 8]
"""

import argparse
import contextlib
import http.client
import json
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from bench.middleware import QUERY_HEADER
from bench.middleware import UNCACHED as UNCACHED_PARAMETER

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "bench" / ".pgdata-bench"
DATABASE = "frivillig_bench"
DATA_FILE = ROOT / "frivillig" / "data" / "faaborg-midtfyn.yaml"
WRK_SCRIPT = "bench/wrk.lua"
SEARCH_WORDS = "bench/search-words.txt"
HOST = "127.0.0.1"
# The repeated directory search of the issue: a word many associations use, one region, one
# target group (a slug of the data file above).
SEARCH_TERM = "ældre"
SEARCH_TARGET_GROUP = "aeldre"
BASELINE = "baseline (fortunes)"
# A reference row, not held to the target: the site's layout around an empty page.
FRAME = "layout only (reference)"
DISTINCT = "directory, distinct searches"
# Targets of the issue.
MIN_RATIO = 0.5
DISTINCT_P99_MS = 50
COVERAGE = "coverage"
COVERAGE_P99_MS = 50
READY_SECONDS = 90
# The demo content of these apps is left out: the data set brings its own pools and grants.
SKIPPED_DEMOS = ("puljer.",)
# Production's settings, with what a deployment must set; the proxy's header says HTTPS, so
# SECURE_SSL_REDIRECT answers as it would behind the load balancer.
PRODUCTION_ENV = {
    "DJANGO_ENV": "production",
    "SECRET_KEY": "bench-only-secret-key-not-used-anywhere-else-0123456789",
    "ALLOWED_HOSTS": HOST,
    "SITE_URL": "https://frivillig.example.org",
    "LOG_LEVEL": "WARNING",
}
PROXY_HEADER = "X-Forwarded-Proto: https"


def parse_arguments():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--connections", type=int, default=8, help="wrk's connections (8)")
    parser.add_argument("--threads", type=int, default=2, help="wrk's threads (2)")
    parser.add_argument("--seconds", type=int, default=3, help="seconds a page a round (3)")
    parser.add_argument("--rounds", type=int, default=3, help="the pages in turn this often (3)")
    parser.add_argument("--small", type=int, default=200, help="associations, first size (200)")
    parser.add_argument("--large", type=int, default=2000, help="associations, last size (2000)")
    parser.add_argument("--workers", type=int, default=2, help="gunicorn sync workers (2)")
    parser.add_argument(
        "--only", default="", help="measure only the pages whose label contains this"
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
    """(label, path) of the baseline and every public page, in the order measured."""
    from django.utils import timezone

    from folgegruppe.models import Election
    from foreninger.models import Association
    from frivillig.arrangementer.models import Event
    from frivillig.models import ActionPlan, FocusArea, Region, TargetGroup

    area = FocusArea.objects.order_by("number").first()
    region = Region.objects.order_by("order", "name").first()
    group = TargetGroup.objects.get(slug=SEARCH_TARGET_GROUP)
    association = Association.objects.filter(status=Association.Status.APPROVED).order_by("pk")[0]
    plan = ActionPlan.objects.select_related("focus_area").order_by("pk").first()
    event = Event.objects.filter(starts_at__gte=timezone.now()).order_by("starts_at").first()
    election = Election.objects.filter(status=Election.Status.PUBLISHED).order_by("pk").first()
    query = urlencode({"q": SEARCH_TERM, "egn": region.slug, "maalgruppe": group.slug})
    return [
        (BASELINE, "/bench/fortunes/"),
        (FRAME, "/bench/frame/"),
        ("front page", "/"),
        ("focus area", area.get_absolute_url()),
        ("action plans", f"/indsatsomraader/{plan.focus_area.slug}/handleplaner/"),
        ("action plan", f"/indsatsomraader/{plan.focus_area.slug}/handleplaner/{plan.pk}/"),
        ("directory", "/foreninger/"),
        (f"directory search “{SEARCH_TERM}” (repeated)", f"/foreninger/?{query}"),
        ("association", association.get_absolute_url()),
        (COVERAGE, "/foreninger/daekning/"),
        ("API organizations", "/api/v1/organizations/"),
        ("transparency (last year)", f"/puljer/{timezone.localdate().year - 1}/"),
        ("pools", "/puljer/"),
        ("calendar", "/arrangementer/"),
        ("event", event.get_absolute_url()),
        ("meeting places", "/moedesteder/"),
        ("awards", "/anerkendelse/"),
        ("volunteer jobs", "/frivilligjob/"),
        ("follow-up group", "/foelgegruppe/"),
        ("election result", f"/foelgegruppe/valg/{election.pk}/resultat/"),
        (DISTINCT, "/foreninger/"),
    ]


def search_arguments():
    """bench/wrk.lua's arguments for the distinct searches: the word list and the filters."""
    from frivillig.models import FocusArea, Region, TargetGroup

    return [
        SEARCH_WORDS,
        ",".join(Region.objects.values_list("slug", flat=True)),
        ",".join(TargetGroup.objects.values_list("slug", flat=True)),
        ",".join(FocusArea.objects.values_list("slug", flat=True)),
    ]


def directory_matches():
    from foreninger.selectors import approved_associations, directory_search
    from frivillig.models import Region, TargetGroup

    matches = directory_search(
        text=SEARCH_TERM,
        region=Region.objects.order_by("order", "name").first(),
        target_group=TargetGroup.objects.get(slug=SEARCH_TARGET_GROUP),
    ).count()
    return f"{matches} of {approved_associations().count()} approved associations"


def seed_demo():
    """The apps' demo content (the accounts first: the seeds use them), but for SKIPPED_DEMOS."""
    from io import StringIO

    from django.core.management import call_command

    from frivillig.management.commands import seed_demo as command

    seeds = command.demo_seeds
    command.demo_seeds = lambda: [
        seed for seed in seeds() if not seed.__module__.startswith(SKIPPED_DEMOS)
    ]
    try:
        call_command("seed_demo", stdout=StringIO())
    finally:
        command.demo_seeds = seeds


def collect_static(env):
    subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT,
        env=env,
        check=True,
    )


def production_env(static_root):
    env = dict(os.environ, **PRODUCTION_ENV, BENCH_STATIC_ROOT=str(static_root))
    env.pop("DEBUG", None)
    return env


def free_port():
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def _ready(port):
    try:
        connection = http.client.HTTPConnection(HOST, port, timeout=5)
        connection.request("GET", "/healthz/", headers=dict([PROXY_HEADER.split(": ")]))
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
        "--forwarded-allow-ips",
        HOST,
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


@dataclass
class Result:
    """A page's wrk rounds."""

    rounds: list = field(default_factory=list)

    @property
    def requests(self):
        return sum(r["requests"] for r in self.rounds)

    @property
    def requests_per_second(self):
        return self.requests / (sum(r["duration_us"] for r in self.rounds) / 1e6)

    def percentile_ms(self, name):
        """The median over the rounds of wrk's percentile (wrk gives one per run)."""
        return statistics.median(r[name] for r in self.rounds) / 1000

    @property
    def errors(self):
        return sum(
            r[kind]
            for r in self.rounds
            for kind in ("connect", "read", "write", "status", "timeout")
        )

    @property
    def kib_per_response(self):
        return sum(r["bytes"] for r in self.rounds) / max(self.requests, 1) / 1024


def wrk(port, label, path, *, seconds, arguments, search):
    """One wrk run; its numbers as bench/wrk.lua's done() prints them."""
    command = [
        "wrk",
        f"--threads={arguments.threads}",
        f"--connections={arguments.connections}",
        f"--duration={seconds}s",
        "--timeout=10s",
        f"--script={WRK_SCRIPT}",
        f"--header={PROXY_HEADER}",
        f"http://{HOST}:{port}{path}",
    ]
    if label == DISTINCT:
        command += ["--", *search]
    output = subprocess.run(  # noqa: S603
        command, cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout
    return json.loads(output.strip().splitlines()[-1])


def measure_all(port, page_list, arguments, search):
    """Every page in turn, `rounds` times, so that a change in the machine's load during the run
    (other processes) falls on all pages alike and the ratios stay comparable. A second of wrk
    first for each page fills the workers' caches, as a visitor before the measurement would."""
    for label, path in page_list:
        wrk(port, label, path, seconds=1, arguments=arguments, search=search)
    results = {label: Result() for label, _path in page_list}
    for number in range(arguments.rounds):
        for label, path in page_list:
            results[label].rounds.append(
                wrk(
                    port, label, path, seconds=arguments.seconds, arguments=arguments, search=search
                )
            )
        print(
            f"  round {number + 1} of {arguments.rounds} done, load average {load_average()}",
            flush=True,
        )
    return results


def _get(port, path):
    connection = http.client.HTTPConnection(HOST, port, timeout=60)
    try:
        connection.request("GET", path, headers=dict([PROXY_HEADER.split(": ")]))
        response = connection.getresponse()
        response.read()
    finally:
        connection.close()
    if response.status != 200:
        sys.exit(f"GET {path}: HTTP {response.status}")
    return int(response.getheader(QUERY_HEADER))


def count_queries(port, page_list, search_path):
    """{label: (queries from the cache, queries without it)}: a page requested four times with
    the bench's cache that keeps nothing (bench/middleware.py), then four times from the cache;
    the fewest of each, as a worker's first request of a page may also ask what the process
    keeps for its lifetime (whether pg_trgm is installed, say)."""
    counts = {}
    for label, path in page_list:
        if label == DISTINCT:
            path = search_path
        joiner = "&" if "?" in path else "?"
        uncached = min(_get(port, f"{path}{joiner}{UNCACHED_PARAMETER}=1") for _ in range(4))
        cached = [_get(port, path) for _ in range(4)]
        counts[label] = (uncached if label == DISTINCT else min(cached), uncached)
    return counts


def table(results, counts):
    baseline = results[BASELINE].requests_per_second
    lines = [
        "| page | × baseline | req/s | p50 ms | p99 ms | queries (cached/uncached) | KiB |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for label, result in results.items():
        cached, uncached = counts[label]
        lines.append(
            f"| {label} | {result.requests_per_second / baseline:.2f} "
            f"| {result.requests_per_second:,.0f} | {result.percentile_ms('p50_us'):.1f} "
            f"| {result.percentile_ms('p99_us'):.1f} | {cached} / {uncached} "
            f"| {result.kib_per_response:.0f} |"
        )
    return "\n".join(lines)


def query_table(small, large, sizes):
    lines = [
        f"| page | queries at {sizes[0]} (cached/uncached) | at {sizes[1]} | unchanged |",
        "| --- | ---: | ---: | --- |",
    ]
    for label in large:
        before, after = small[label], large[label]
        lines.append(
            f"| {label} | {before[0]} / {before[1]} | {after[0]} / {after[1]} "
            f"| {'yes' if before == after else 'NO'} |"
        )
    return "\n".join(lines)


def _met(ok):
    return "met" if ok else "MISSED"


def load_average():
    return " ".join(f"{load:.2f}" for load in os.getloadavg())


def verdict(results, small, large):
    baseline = results[BASELINE].requests_per_second
    slow = [
        f"{label} ({result.requests_per_second / baseline:.2f})"
        for label, result in results.items()
        if label not in (BASELINE, FRAME) and result.requests_per_second < MIN_RATIO * baseline
    ]
    changed = [label for label in large if small.get(label) != large[label]]
    lines = [
        f"- every public page at least {MIN_RATIO} × the baseline: {_met(not slow)}"
        + (f" — below: {', '.join(slow)}" if slow else ""),
        f"- query counts equal at both sizes: {_met(not changed)}"
        + (f" — changed: {', '.join(changed)}" if changed else ""),
    ]
    for label, limit in ((DISTINCT, DISTINCT_P99_MS), (COVERAGE, COVERAGE_P99_MS)):
        if label in results:
            p99 = results[label].percentile_ms("p99_us")
            lines.append(f"- {label} p99 under {limit} ms: {_met(p99 < limit)} ({p99:.0f} ms)")
    return "\n".join(lines)


def main():
    arguments = parse_arguments()
    if shutil.which("wrk") is None:
        sys.exit("wrk is missing: `make bench` installs it (Debian package wrk).")
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
    seed_demo()
    print(machine())
    static_root = Path(tempfile.mkdtemp(prefix="bench-static-"))
    env = production_env(static_root)
    collect_static(env)

    sizes = (arguments.small, arguments.large)
    counts, results = [], None
    try:
        for start, total in ((0, arguments.small), (arguments.small, arguments.large)):
            added = dataset.grow(total, start=start)
            analyze()
            page_list = [
                (label, path) for label, path in pages() if arguments.only in label
            ] or pages()
            page_list = list(dict.fromkeys([*pages()[:1], *page_list]))
            search = search_arguments()
            print(
                f"\n{total} associations ({added[0]} added with {added[1]} activities and "
                f"{added[2]} applications), besides the demo's; directory search "
                f"“{SEARCH_TERM}” + region + target group matches {directory_matches()}.",
                flush=True,
            )
            with gunicorn(arguments.workers, env=env) as port:
                search_path = "/foreninger/?" + urlencode({"q": "besøgsven kaffe"})
                counts.append(count_queries(port, page_list, search_path))
                if total != arguments.large:
                    continue
                print(f"Load average before: {load_average()}", flush=True)
                print(
                    f"{arguments.workers} gunicorn sync workers (DJANGO_ENV=production); wrk "
                    f"-t{arguments.threads} -c{arguments.connections}, {arguments.rounds} rounds "
                    f"of {arguments.seconds} s a page",
                    flush=True,
                )
                results = measure_all(port, page_list, arguments, search)
                print(f"Load average after: {load_average()}", flush=True)
    finally:
        shutil.rmtree(static_root, ignore_errors=True)

    small, large = counts
    print(f"\n{table(results, large)}")
    print(
        "\np50 and p99 are the medians over the rounds of wrk's figures; wrk's p99 does not "
        "correct for coordinated omission (a stalled connection sends no further requests), "
        "so it is a lower bound."
    )
    print(f"\nSQL queries per request\n\n{query_table(small, large, sizes)}")
    print(f"\nTargets\n\n{verdict(results, small, large)}")
    print(f"\nFinished in {time.monotonic() - started:.0f} s")
    failed = {label: result.errors for label, result in results.items() if result.errors}
    if failed:
        for label, errors in failed.items():
            print(f"{label}: {errors} failed requests (wrk's errors)", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
