"""Metrics at 100,000 deals: the whole metrics JSON (target < 250 ms) and the Funnel and
Metrics tabs refreshed after one edit (target < 200 ms each).

Figures:
- json cold: every figure from SQL aggregates over the file (services/metrics_sql.py), as
  `metrics --json` computes them; the big GROUP BY runs on a second connection, so the same
  on one connection is printed too;
- the whole `metrics --json` command, process start to printed JSON;
- json from snapshot: the same figures from the snapshot the window keeps in memory;
- engine after one edit: re-read the edited deal, update the running totals, compute;
- tab first show (until its figures are painted) and refresh after one edit:
  `controller.execute(EditDeal)` until the visible tab has redrawn."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import BENCH_DEALS, TODAY, best_of, cpu_of, demo_file

from pipeline_desktop.domain.commands import EditDeal
from pipeline_desktop.services.metrics import MetricsEngine, compute_metrics, to_json
from pipeline_desktop.services.metrics_sql import metrics_from_sql
from pipeline_desktop.services.snapshot import PipelineSnapshot
from pipeline_desktop.session import open_session


def line(name: str, seconds: float, target_ms: float | None = None,
         cpu: float | None = None) -> None:
    ms = seconds * 1000
    verdict = "" if target_ms is None else \
        f" (target < {target_ms:.0f} ms) {'OK' if ms < target_ms else 'OVER'}"
    busy = "" if cpu is None else f" [CPU {cpu * 1000:.0f} ms]"
    print(f"{name}: {ms:.0f} ms{busy}{verdict}", flush=True)


def bench_engine(path: Path) -> None:
    session = open_session(str(path))
    repository = session.repository
    def cold() -> None:
        json.dumps(to_json(metrics_from_sql(repository, today=TODAY)))

    line(f"metrics json cold, {BENCH_DEALS:,} deals (SQL aggregates, two connections)",
         best_of(5, cold), 250, cpu_of(cold))
    line("  the same on one connection (inside a transaction)", best_of(3, lambda: _in_transaction(
        repository, cold)), cpu=cpu_of(lambda: _in_transaction(repository, cold)))
    line("snapshot the window keeps (read in a thread when a tab first shows)",
         best_of(3, lambda: PipelineSnapshot.load(repository)),
         cpu=cpu_of(lambda: PipelineSnapshot.load(repository)))
    snapshot = PipelineSnapshot.load(repository)

    def warm() -> None:
        json.dumps(to_json(compute_metrics(snapshot, today=TODAY)))

    warm()  # the first pass also sorts the snapshot's closed deals once
    line("metrics json from the snapshot in memory", best_of(3, warm), 250, cpu_of(warm))
    engine = MetricsEngine(repository)
    engine.metrics(today=TODAY)
    deal_id = repository.deal_rows()[0].id
    values = iter(range(1, 1000))

    def edit_and_compute() -> None:
        applied = repository.apply(EditDeal(deal_id, {"value_cents": next(values) * 100}))
        engine.note(applied.changes)
        json.dumps(to_json(engine.metrics(today=TODAY)))

    line("metrics json after one edit (engine reused)", best_of(5, edit_and_compute), 200)
    session.close()


def _in_transaction(repository, func: Callable[[], object]) -> None:
    with repository.db.atomic():
        func()


def bench_command(path: Path) -> None:
    """`pipeline-desktop metrics --json` as a script runs it: process start to printed JSON."""
    command = [sys.executable, "-m", "pipeline_desktop", "metrics", "--db", str(path), "--json",
               "--today", TODAY.isoformat()]
    def run() -> None:
        subprocess.run(command, check=True, capture_output=True)

    run()  # the first run compiles bytecode, as an installed app has it already
    line("pipeline-desktop metrics --json, whole process (Python start, open read-only, compute)",
         best_of(3, run))


def bench_tabs(path: Path) -> None:
    from PySide6.QtWidgets import QApplication

    from pipeline_desktop.ui.controller import PipelineController
    from pipeline_desktop.ui.settings import AppSettings
    from pipeline_desktop.ui.tabs.funnel import FunnelTab
    from pipeline_desktop.ui.tabs.metrics import MetricsTab

    app = QApplication.instance() or QApplication([])
    session = open_session(str(path))
    controller = PipelineController(session)
    deal_id = session.repository.deal_rows()[0].id
    values = iter(range(1, 1000))
    for cls in (FunnelTab, MetricsTab):
        tab = cls(controller, AppSettings())
        tab.today = lambda: TODAY
        tab.resize(1280, 760)
        started = time.perf_counter()
        tab.show()
        app.processEvents()
        while tab.metrics is None:  # a large pipeline is read in a thread: SQL figures first
            app.processEvents()
            time.sleep(0.002)
        app.processEvents()
        line(f"{cls.__name__} first show, figures painted (SQL aggregates, in a thread)",
             time.perf_counter() - started)
        while tab._loading:  # then the snapshot that later edits update deal by deal
            app.processEvents()
            time.sleep(0.005)
        line("  and the snapshot read behind them", time.perf_counter() - started)
        assert tab.engine.loaded, "the tab must show figures before its refresh is timed"

        def edit(tab=tab) -> None:
            controller.execute(EditDeal(deal_id, {"value_cents": next(values) * 100}))
            tab.repaint()
            app.processEvents()

        line(f"{cls.__name__} refresh after one edit", best_of(5, edit), 200)
        tab.hide()
    session.close()


def main() -> int:
    source = demo_file()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bench.pipeline"
        shutil.copy(source, path)  # the edits must not touch the cached demo file
        bench_engine(path)
        bench_command(path)
        bench_tabs(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
