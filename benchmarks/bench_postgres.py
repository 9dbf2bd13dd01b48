"""Team mode at 100,000 deals: the same pipeline in a SQLite file and on a PostgreSQL server.

Targets (issue 7): the metrics JSON and opening the deal table (Repository.deal_rows) on the
server within 2× the SQLite figures. Also: copying the file onto the server.

The server is PIPELINE_DESKTOP_BENCH_PG or PIPELINE_DESKTOP_TEST_PG (an admin URL, as
`.ci/postgres.sh` exports); without one this prints why and exits 0. The server database
`pipeline_bench_<deals>` is made once (a copy of the cached demo file) and reused."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import BENCH_DEALS, TODAY, best_of, demo_file, report


def server_admin_url() -> str | None:
    return (os.environ.get("PIPELINE_DESKTOP_BENCH_PG")
            or os.environ.get("PIPELINE_DESKTOP_TEST_PG") or None)


def bench_database(admin_url: str, source: Path) -> str:
    """The benchmark pipeline on the server, copied from the demo file the first time."""
    import psycopg2

    from pipeline_desktop.session import open_session
    from pipeline_desktop.storage.team import copy_pipeline, count

    name = f"pipeline_bench_{BENCH_DEALS}"
    parts = urlsplit(admin_url)
    url = urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, ""))
    conn = psycopg2.connect(admin_url)
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,))
        if cursor.fetchone() is None:
            cursor.execute(f"CREATE DATABASE {name}")
    conn.close()
    session = open_session(str(source), create=False, read_only=True)
    try:
        server = open_session(url)
        filled = count(server.db, "deal") == BENCH_DEALS
        server.close()
        if not filled:
            started = time.perf_counter()
            copy_pipeline(session.db, url, replace=True)
            report(f"copy {BENCH_DEALS:,} deals (and their history) to the server",
                   time.perf_counter() - started)
    finally:
        session.close()
    conn = psycopg2.connect(url)
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum does on a real server
    conn.close()
    return url


def in_process(url: str) -> dict[str, float]:
    from pipeline_desktop.services.metrics import to_json
    from pipeline_desktop.services.metrics_sql import metrics_from_sql
    from pipeline_desktop.session import open_session

    # Read-only: the cached demo file may be open in another benchmark at the same time.
    session = open_session(url, create=False, read_only=not url.startswith("postgresql"))
    try:
        repository = session.repository
        return {
            "metrics": best_of(3, lambda: json.dumps(to_json(metrics_from_sql(repository,
                                                                             today=TODAY)))),
            "deal_rows": best_of(3, lambda: repository.deal_rows(today=TODAY)),
        }
    finally:
        session.close()


def whole_process(url: str) -> float:
    cli = Path(sys.executable).with_name("pipeline-desktop")
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([str(cli), "metrics", "--db", url, "--json"], check=True,
                       stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - started)
    return best


def main() -> int:
    admin_url = server_admin_url()
    if admin_url is None:
        print("skipped: no PostgreSQL server (set PIPELINE_DESKTOP_BENCH_PG, or run "
              "`source .ci/postgres.sh && pg_start` first)")
        return 0
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        print("skipped: psycopg2 is not installed (pip install -e '.[team]')")
        return 0
    path = demo_file()
    url = bench_database(admin_url, path)
    sqlite, server = in_process(str(path)), in_process(url)
    report(f"metrics JSON, {BENCH_DEALS:,} deals, PostgreSQL", server["metrics"],
           floor=sqlite["metrics"], target=2)
    report(f"deal table rows, {BENCH_DEALS:,} deals, PostgreSQL", server["deal_rows"],
           floor=sqlite["deal_rows"], target=2)
    print(f"  (SQLite: metrics {sqlite['metrics'] * 1000:.0f} ms, deal rows "
          f"{sqlite['deal_rows'] * 1000:.0f} ms)")
    report("pipeline-desktop metrics --json (whole process), PostgreSQL", whole_process(url),
           floor=whole_process(str(path)), target=2)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
