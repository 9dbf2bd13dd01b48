"""Helpers shared by the benchmarks: a cached 100,000-deal demo file and a timer."""

from __future__ import annotations

import os
import tempfile
import time
from collections.abc import Callable
from datetime import date
from pathlib import Path

BENCH_DEALS = int(os.environ.get("BENCH_DEALS", "100000"))
TODAY = date(2026, 6, 15)


def demo_file(deals: int = BENCH_DEALS) -> Path:
    """A demo pipeline of `deals` deals, made once and reused across runs."""
    from pipeline_desktop.services.demo import generate
    from pipeline_desktop.session import open_session

    path = Path(tempfile.gettempdir()) / f"pipeline-bench-{deals}.pipeline"
    if not path.exists():
        session = open_session(str(path))
        generate(session.db, session.repository.stages(), deals=deals, seed=1, today=TODAY)
        session.close()
    return path


def best_of(runs: int, func: Callable[[], object]) -> float:
    """Best wall time in seconds over `runs` calls (the least disturbed run)."""
    best = float("inf")
    for _ in range(runs):
        started = time.perf_counter()
        func()
        best = min(best, time.perf_counter() - started)
    return best


def report(name: str, ours: float, floor: float | None = None, target: float | None = None,
           unit: str = "s") -> None:
    line = f"{name}: {ours * 1000:.0f} ms" if unit == "s" else f"{name}: {ours:.1f} {unit}"
    if floor:
        ratio = ours / floor
        line += f" | floor {floor * 1000:.0f} ms | ratio {ratio:.2f}"
        if target:
            line += f" (target ≤ {target}) {'OK' if ratio <= target else 'OVER'}"
    print(line, flush=True)
