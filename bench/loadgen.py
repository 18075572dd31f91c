"""A bounded load generator: a fixed number of GET requests at a fixed concurrency.

Each thread keeps its own http.client connection (gunicorn's sync workers answer with
`Connection: close`, and http.client then reconnects for the next request).
"""

import http.client
import itertools
import queue
import statistics
import threading
import time
from dataclasses import dataclass, field

from bench.middleware import QUERY_HEADER

TIMEOUT_SECONDS = 60
# Request numbers, unique over the whole run so that "{ticket}" never repeats a URL.
TICKETS = itertools.count()


@dataclass
class Result:
    path: str
    seconds: float = 0.0
    latencies: list = field(default_factory=list)
    queries: list = field(default_factory=list)
    failures: list = field(default_factory=list)
    body_bytes: int = 0

    def merge(self, other):
        """Two runs of the same page as one."""
        return Result(
            self.path,
            self.seconds + other.seconds,
            self.latencies + other.latencies,
            self.queries + other.queries,
            self.failures + other.failures,
            self.body_bytes + other.body_bytes,
        )

    @property
    def requests_per_second(self):
        return len(self.latencies) / self.seconds if self.seconds else 0.0

    def percentile_ms(self, percent):
        if len(self.latencies) < 2:
            return 1000 * sum(self.latencies)
        cuts = statistics.quantiles(self.latencies, n=100, method="inclusive")
        return 1000 * cuts[percent - 1]

    @property
    def median_queries(self):
        return statistics.median_low(self.queries) if self.queries else None

    @property
    def mean_body_kb(self):
        return self.body_bytes / len(self.latencies) / 1024 if self.latencies else 0.0


def _worker(host, port, path, tickets, result, lock):
    connection = http.client.HTTPConnection(host, port, timeout=TIMEOUT_SECONDS)
    try:
        while True:
            try:
                ticket = tickets.get_nowait()
            except queue.Empty:
                return
            started = time.perf_counter()
            try:
                connection.request("GET", path.format(ticket=ticket))
                response = connection.getresponse()
                body = response.read()
            except (OSError, http.client.HTTPException) as error:
                connection.close()
                with lock:
                    result.failures.append(f"{type(error).__name__}: {error}")
                continue
            elapsed = time.perf_counter() - started
            with lock:
                if response.status != 200:
                    result.failures.append(f"HTTP {response.status}")
                    continue
                result.latencies.append(elapsed)
                result.body_bytes += len(body)
                if (count := response.getheader(QUERY_HEADER)) is not None:
                    result.queries.append(int(count))
    finally:
        connection.close()


def run(host, port, path, *, concurrency, requests):
    """Time `requests` GETs of `path` at `concurrency`; "{ticket}" in it is the request's number."""
    tickets = queue.SimpleQueue()
    for _ in range(requests):
        tickets.put(next(TICKETS))
    result = Result(path)
    lock = threading.Lock()
    threads = [
        threading.Thread(target=_worker, args=(host, port, path, tickets, result, lock))
        for _ in range(concurrency)
    ]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    result.seconds = time.perf_counter() - started
    return result
