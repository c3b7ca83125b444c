"""Dashboard benchmark: the province page under load, served by ``dcmm tracker serve`` on 127.0.0.1.

    python benchmarks/bench_dashboard.py                          # 1,000,000 certificates in PostgreSQL
    python benchmarks/bench_dashboard.py --rows 50000             # quick
    python benchmarks/bench_dashboard.py --tracker URL            # a tracker filled already
    python benchmarks/bench_dashboard.py --keep                   # keep the filled schema (its URL is printed)

Goal: the province page (Shandong by city, the public's pooled view) answers in under 200 ms at the 95th
percentile with 20 concurrent clients on a 2-core machine. The tracker is filled as bench_tracker.py fills it
(a synthetic list imported in parts); the server runs in its own process, started and stopped here; the
clients are threads sending a bounded number of requests (``--requests``) to 127.0.0.1 only. The first
request (which computes the figures) is timed apart: the dashboard keeps a page's figures for 30 s and
serves the previous figures while one request computes the next.
"""

from __future__ import annotations

import argparse
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
import uuid
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url

from dcmm.tracker.database import open_engine
from dcmm.tracker.demo import write_synthetic_list
from dcmm.tracker.importing import import_certificate_list
from dcmm.tracker.repository import SqlTrackerRepository

DEFAULT_POSTGRES = "postgresql+psycopg://postgres@127.0.0.1:5432/test"
HOST = "127.0.0.1"
PAGE = "/?region=37&by=city"
PART_ROWS = 250_000
GOAL_MS = 200.0


def fill(base: str, rows: int) -> tuple[str, str]:
    """A new schema of ``base`` holding ``rows`` synthetic certificates: (its URL, the schema's name)."""
    schema = f"dcmm_dashboard_bench_{uuid.uuid4().hex[:8]}"
    with create_engine(base).begin() as connection:
        connection.execute(text(f'CREATE SCHEMA "{schema}"'))
    url = make_url(base).update_query_dict({"options": f"-csearch_path={schema}"}).render_as_string(False)
    repository = SqlTrackerRepository(open_engine(url))
    start = time.perf_counter()
    with tempfile.TemporaryDirectory() as folder:
        for part in range(0, rows, PART_ROWS):
            size = min(PART_ROWS, rows - part)
            path = write_synthetic_list(Path(folder) / f"list-{part}.csv", size, seed=7 + part, invalid_rate=0.001)
            result = import_certificate_list(repository, path)
            print(f"imported {part + size:,} rows ({time.perf_counter() - start:.0f} s)", flush=True)
            assert result.outcome is not None
    repository.engine.dispose()
    return url, schema


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _get(url: str) -> float:
    start = time.perf_counter()
    with urllib.request.urlopen(url, timeout=60) as response:
        response.read()
        assert response.status == 200
    return time.perf_counter() - start


def load(base: str, clients: int, requests: int) -> list[float]:
    """``requests`` page loads shared among ``clients`` threads; every latency in seconds."""
    latencies: list[float] = []
    lock = threading.Lock()
    share = [requests // clients + (1 if n < requests % clients else 0) for n in range(clients)]

    def client(count: int) -> None:
        for _ in range(count):
            took = _get(base + PAGE)
            with lock:
                latencies.append(took)

    threads = [threading.Thread(target=client, args=(count,)) for count in share]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return latencies


def serve_and_measure(url: str, clients: int, requests: int) -> None:
    port = _free_port()
    command = [sys.executable, "-m", "dcmm", "tracker", "serve", "--db", url, "--host", HOST, "--port", str(port)]
    server = subprocess.Popen(command, stderr=subprocess.DEVNULL, env=os.environ | {"DCMM_LANG": "zh"})
    base = f"http://{HOST}:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                _get(base + "/static/dashboard.css")
                break
            except OSError:
                if time.monotonic() > deadline or server.poll() is not None:
                    raise RuntimeError("the dashboard did not start") from None
                time.sleep(0.2)
        first = _get(base + PAGE)
        start = time.perf_counter()
        latencies = sorted(load(base, clients, requests))
        wall = time.perf_counter() - start
    finally:
        server.terminate()
        server.wait(10)
    p95 = latencies[int(0.95 * (len(latencies) - 1))] * 1000
    print(f"first request (figures computed): {first * 1000:.0f} ms")
    print(
        f"{len(latencies)} requests, {clients} clients, {wall:.1f} s ({len(latencies) / wall:.0f} requests/s): "
        f"median {statistics.median(latencies) * 1000:.0f} ms, p95 {p95:.0f} ms, max {latencies[-1] * 1000:.0f} ms "
        f"(goal p95 < {GOAL_MS:.0f} ms)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--postgres", default=os.environ.get("DCMM_TEST_POSTGRES_URL", DEFAULT_POSTGRES))
    parser.add_argument("--tracker", metavar="URL", help="a tracker filled already (nothing is created)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000, help="page loads in all (bounded)")
    parser.add_argument("--keep", action="store_true", help="keep the filled schema and print its URL")
    args = parser.parse_args()
    if args.tracker:
        serve_and_measure(args.tracker, args.clients, args.requests)
        return
    url, schema = fill(args.postgres, args.rows)
    try:
        serve_and_measure(url, args.clients, args.requests)
    finally:
        if args.keep:
            print(f"kept: {url}")
        else:
            with create_engine(args.postgres).begin() as connection:
                connection.execute(text(f'DROP SCHEMA "{schema}" CASCADE'))


if __name__ == "__main__":
    main()
