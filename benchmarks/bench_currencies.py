"""Metrics at 100,000 deals in three currencies (a third each in USD, EUR and GBP; twelve
monthly rates for EUR and GBP): what converting into the home currency costs.

Prints the cold metrics JSON (SQL aggregates, wall and CPU time) and the whole
`pipeline-desktop metrics --json` command, on the three-currency pipeline and on the same
pipeline all in USD, side by side."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import BENCH_DEALS, TODAY, best_of, cpu_of, demo_file

from pipeline_desktop.domain.currency import ChangeCurrencies, Rate
from pipeline_desktop.services.metrics import to_json
from pipeline_desktop.services.metrics_sql import metrics_from_sql
from pipeline_desktop.session import open_session

RATES = tuple(Rate(code, f"2025-{month:02d}-01", base + month / 100)
              for code, base in (("EUR", 1.05), ("GBP", 1.22)) for month in range(1, 13))


def three_currencies(source: Path, target: Path) -> Path:
    shutil.copy(source, target)
    conn = sqlite3.connect(target)
    conn.execute("UPDATE deal SET currency = CASE id % 3 WHEN 1 THEN 'EUR' WHEN 2 THEN 'GBP' "
                 "ELSE 'USD' END")
    conn.commit()
    conn.close()
    session = open_session(str(target))
    session.repository.apply(ChangeCurrencies("USD", RATES))
    session.close()
    return target


def measure(path: Path, name: str) -> None:
    session = open_session(str(path), create=False, check_integrity="quick")
    repository = session.repository

    def cold() -> None:
        to_json(metrics_from_sql(repository, today=TODAY))

    print(f"{name}: metrics json cold {best_of(5, cold) * 1000:.0f} ms "
          f"[CPU {cpu_of(cold) * 1000:.0f} ms]", flush=True)
    session.close()
    command = [sys.executable, "-m", "pipeline_desktop", "metrics", "--db", str(path), "--json",
               "--today", TODAY.isoformat()]
    subprocess.run(command, check=True, capture_output=True)  # bytecode compiled once

    def run() -> None:
        subprocess.run(command, check=True, capture_output=True)

    print(f"{name}: pipeline-desktop metrics --json, whole process {best_of(3, run):.2f} s",
          flush=True)


def main() -> int:
    source = demo_file()
    with tempfile.TemporaryDirectory() as folder:
        one = Path(folder) / "usd.pipeline"
        shutil.copy(source, one)
        measure(one, f"{BENCH_DEALS:,} deals, one currency")
        three = three_currencies(source, Path(folder) / "three.pipeline")
        measure(three, f"{BENCH_DEALS:,} deals, three currencies")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
