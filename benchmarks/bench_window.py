"""Issue 2 targets on a 100,000-deal pipeline: window shown and table painted within 2× a bare
PySide6 window; sorting by value and each search keystroke under 150 ms; memory under 400 MB."""

from __future__ import annotations

import compileall
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import BENCH_DEALS, demo_file

BARE = """
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow(); window.resize(1280, 800); window.show(); app.processEvents()
window.grab()
print("painted", flush=True)
"""
OURS = """
import sys
from pipeline_desktop.ui import boot
from pipeline_desktop.ui.settings import AppSettings
app = boot.create_application()
window = boot.start(sys.argv[1], AppSettings())  # what `pipeline-desktop --db FILE` does
app.processEvents()
window.grab()
print("painted", window.deals_tab.model.rowCount(), flush=True)
"""


RUNS = 5


def child_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_to_paint(code: str, *args: str) -> tuple[float, float]:
    """Best wall time to the painted window over RUNS starts, and that run's CPU time (the
    child is killed once it has painted, so its CPU time is the start's)."""
    best, best_cpu = float("inf"), 0.0
    for _ in range(RUNS):
        cpu = child_cpu()
        started = time.perf_counter()
        child = subprocess.Popen([sys.executable, "-c", code, *args], stdout=subprocess.PIPE,
                                 text=True)
        assert child.stdout is not None
        child.stdout.readline()
        wall = time.perf_counter() - started
        child.kill()
        child.wait()
        if wall < best:
            best, best_cpu = wall, child_cpu() - cpu
    return best, best_cpu


def private_copy(shared: Path, folder: Path) -> Path:
    """Opening a pipeline writes beside it (lock, WAL) and backs it up: use a copy, so the
    shared demo file is only ever read. The copy is opened once before anything is timed: an
    older file is upgraded (and switched to WAL) on its first open, and the timed starts
    should measure a normal one."""
    copy = folder / shared.name
    shutil.copyfile(shared, copy)
    from pipeline_desktop.session import open_session

    open_session(str(copy)).close()
    return copy


def compile_sources() -> None:
    """Start as an installed app does, from bytecode: with PYTHONDONTWRITEBYTECODE set, our
    modules would otherwise be compiled from source on every start (PySide6's never are)."""
    import pipeline_desktop

    compileall.compile_dir(Path(pipeline_desktop.__file__).parent, quiet=1)


def in_process(path: str) -> None:
    import psutil
    from PySide6.QtCore import Qt

    from pipeline_desktop.session import open_session
    from pipeline_desktop.ui.boot import create_application
    from pipeline_desktop.ui.models.deal_table import COLUMNS
    from pipeline_desktop.ui.settings import AppSettings
    from pipeline_desktop.ui.shell import build_window

    app = create_application()
    session = open_session(path)
    started = time.perf_counter()
    window = build_window(session, AppSettings())
    window.show()
    tab = window.deals_tab
    while tab.loading:
        app.processEvents()
    print(f"all {tab.model.rowCount():,} rows loaded in the background: "
          f"{(time.perf_counter() - started) * 1000:.0f} ms after the window was built")
    value = [c.key for c in COLUMNS].index("value_cents")
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        started = time.perf_counter()
        tab.table.sortByColumn(value, order)
        app.processEvents()
        print(f"sort by value ({order.name}): {(time.perf_counter() - started) * 1000:.0f} ms "
              "(target < 150 ms)")
    worst = 0.0
    text = ""
    for key in "summit lab":
        text += key
        started = time.perf_counter()
        tab.search.setText(text)
        app.processEvents()
        worst = max(worst, time.perf_counter() - started)
    print(f"search, slowest keystroke of 'summit lab': {worst * 1000:.0f} ms (target < 150 ms)")
    rss = psutil.Process().memory_info().rss / 2**20
    print(f"resident memory with {BENCH_DEALS:,} deals loaded: {rss:.0f} MB (target < 400 MB)")
    session.close()


def main() -> None:
    compile_sources()
    with tempfile.TemporaryDirectory() as folder:
        os.environ["PIPELINE_DESKTOP_DATA_DIR"] = str(Path(folder) / "data")  # backups, log
        path = str(private_copy(demo_file(), Path(folder)))
        bare, bare_cpu = time_to_paint(BARE)
        ours, ours_cpu = time_to_paint(OURS, path)
        print(f"bare PySide6 window painted: {bare * 1000:.0f} ms (CPU {bare_cpu * 1000:.0f} ms)")
        print(f"Pipeline Desktop on {BENCH_DEALS:,} deals, window + first rows painted: "
              f"{ours * 1000:.0f} ms (CPU {ours_cpu * 1000:.0f} ms) | ratio {ours / bare:.2f} "
              f"(target ≤ 2); best of {RUNS}")
        in_process(path)


if __name__ == "__main__":
    main()
