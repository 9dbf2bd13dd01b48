"""`pipeline-desktop metrics --json` as a script sees it: the whole process, from Python's start
to the printed JSON, beside a bare `python` + `sqlite3` process that runs one grouped aggregate
over the same deals (target: within 5× of it). `health --json` is timed the same way.

The pipeline is the 100,000-deal sample with its ideal customer profile and targets, with
deals in three currencies (70 % USD, 20 % EUR, 10 % GBP; rates are set when this version has
the `currencies` command). The processes run in turns, best of five; CPU time (the child's
user + system) is printed too, steadier than wall time when other work shares the machine."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import BENCH_DEALS, TODAY, report

from pipeline_desktop.cli import COMMANDS
from pipeline_desktop.storage.file_format import LATEST_VERSION

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
TARGET = 5.0
BARE = """
import sqlite3, sys
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = conn.execute("SELECT stage_id, status, currency, COUNT(*), SUM(value_cents) "
                    "FROM deal GROUP BY 1, 2, 3").fetchall()
print(len(rows))
"""


def three_currency_file(deals: int = BENCH_DEALS) -> Path:
    """The sample pipeline with deals in three currencies, made once per schema version."""
    # "-rated": a file made before the `currencies` command existed has no rates, so its
    # foreign deals skip the conversion the command does.
    path = Path(tempfile.gettempdir()) / (
        f"pipeline-bench-currencies-{deals}-v{LATEST_VERSION}-rated.pipeline")
    if path.exists():
        return path
    from pipeline_desktop.services.demo import generate
    from pipeline_desktop.session import open_session

    making = path.with_name(path.name + ".making")
    making.unlink(missing_ok=True)
    session = open_session(str(making))
    try:
        generate(session.db, session.repository.stages(), deals=deals, seed=1, today=TODAY,
                 sample_settings=True)
        with session.db.atomic():
            session.db.execute_sql("UPDATE deal SET currency = 'EUR' WHERE id % 5 = 1")
            session.db.execute_sql("UPDATE deal SET currency = 'GBP' WHERE id % 10 = 2")
    finally:
        session.close()
    if "currencies" in COMMANDS:  # issue 13's exchange rates, once this version has them
        subprocess.run([sys.executable, "-m", "pipeline_desktop", "currencies", "--db",
                        str(making), "--home", "USD", "--rate", "EUR=1.08@2024-01-01",
                        "--rate", "GBP=1.27@2024-01-01"], check=True, capture_output=True)
    os.replace(making, path)
    return path


def timed(command: list[str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def best_in_turns(commands: dict[str, list[str]], runs: int) -> dict[str, tuple[float, float]]:
    """Each command's best (wall, CPU) over `runs` rounds, run in turns so a busy moment slows
    all of them alike; one warm-up round first (bytecode compiled, the file in the OS cache)."""
    for command in commands.values():
        timed(command)
    best = {name: (float("inf"), float("inf")) for name in commands}
    for _ in range(runs):
        for name, command in commands.items():
            wall, cpu = timed(command)
            best[name] = (min(best[name][0], wall), min(best[name][1], cpu))
    return best


def main() -> int:
    path = three_currency_file()
    ours = [sys.executable, "-m", "pipeline_desktop"]
    commands = {
        "bare": [sys.executable, "-c", BARE, str(path)],
        "metrics": [*ours, "metrics", "--db", str(path), "--json", "--today", TODAY.isoformat()],
        "health": [*ours, "health", "--db", str(path), "--json", "--today", TODAY.isoformat()],
    }
    best = best_in_turns(commands, RUNS)
    bare_wall, bare_cpu = best["bare"]
    print(f"{BENCH_DEALS:,} deals in three currencies, best of {RUNS} "
          f"(wall; CPU in brackets)", flush=True)
    print(f"bare python + sqlite3, one grouped aggregate: {bare_wall * 1000:.0f} ms "
          f"[CPU {bare_cpu * 1000:.0f} ms]", flush=True)
    for name in ("metrics", "health"):
        wall, cpu = best[name]
        report(f"pipeline-desktop {name} --json, whole process [CPU {cpu * 1000:.0f} ms, "
               f"{cpu / bare_cpu:.2f}× the bare CPU]", wall, bare_wall,
               TARGET if name == "metrics" else None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
