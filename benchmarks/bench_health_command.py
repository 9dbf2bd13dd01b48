"""`pipeline-desktop health --json` as a script sees it: the whole process, from Python's start
to the printed JSON, beside a bare `python` + `sqlite3` process that runs one grouped aggregate
over the same stage changes (the history is what the health check reads most of).

The pipeline is bench_metrics_command's: the 100,000-deal sample with its ideal customer
profile and targets, deals in three currencies. The processes run in turns, best of five; CPU
time (the child's user + system) is printed too, steadier than wall time when other work shares
the machine. `--against DIR` also times the command of another checkout (e.g. main's) in the
same turns, so a before/after comparison sees the same load."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_metrics_command import best_in_turns, three_currency_file
from common import BENCH_DEALS, TODAY, report

RUNS = int(os.environ.get("BENCH_RUNS", "5"))
HERE = Path(__file__).resolve().parent.parent
BARE = """
import sqlite3, sys
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = conn.execute("SELECT from_stage_id, to_stage_id, COUNT(*) FROM stage_change "
                    "GROUP BY 1, 2").fetchall()
print(len(rows))
"""


def health_command(checkout: Path, path: Path) -> list[str]:
    """The command run from `checkout` (python -m puts the working folder first on the path)."""
    return ["env", f"PYTHONPATH={checkout}", "sh", "-c",
            f'cd "{checkout}" && exec "$0" "$@"', sys.executable, "-m", "pipeline_desktop",
            "health", "--db", str(path), "--json", "--today", TODAY.isoformat()]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", type=Path, metavar="DIR",
                        help="another checkout whose health command to time in the same turns")
    args = parser.parse_args()
    path = three_currency_file()
    commands = {"bare": [sys.executable, "-c", BARE, str(path)],
                "health": health_command(HERE, path)}
    if args.against:
        commands["health (other checkout)"] = health_command(args.against.resolve(), path)
    best = best_in_turns(commands, RUNS)
    bare_wall, bare_cpu = best["bare"]
    print(f"{BENCH_DEALS:,} deals in three currencies, best of {RUNS} (wall; CPU in brackets)",
          flush=True)
    print(f"bare python + sqlite3, one grouped aggregate over the stage changes: "
          f"{bare_wall * 1000:.0f} ms [CPU {bare_cpu * 1000:.0f} ms]", flush=True)
    for name in commands:
        if name != "bare":
            wall, cpu = best[name]
            label = name if name != "health" else f"health ({HERE.name})"
            report(f"pipeline-desktop {label} --json, whole process [CPU {cpu * 1000:.0f} ms, "
                   f"{cpu / bare_cpu:.2f}× the bare CPU]", wall, bare_wall)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
