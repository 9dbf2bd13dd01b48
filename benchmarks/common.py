"""Helpers shared by the benchmarks: a cached 100,000-deal demo file and a timer."""

from __future__ import annotations

import json
import os
import subprocess
import sys
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
    made = path.exists()
    session = open_session(str(path))  # a file cached by an older version is upgraded here
    if not made:
        generate(session.db, session.repository.stages(), deals=deals, seed=1, today=TODAY)
    session.close()
    return path


def peak_mb() -> float:
    """This process's peak resident memory. VmHWM, not ru_maxrss: Linux carries ru_maxrss
    across exec, so a child would report its (bigger) parent's peak."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return 0.0


def print_child_result(started: float, cpu_started: float | None = None) -> None:
    """A measuring child's last line: its wall time since `started`, its peak memory and,
    given `cpu_started`, its CPU time since then (every thread)."""
    result = {"seconds": time.perf_counter() - started, "peak_mb": peak_mb()}
    if cpu_started is not None:
        result["cpu"] = time.process_time() - cpu_started
    print(json.dumps(result))


def measure_in_child(script: str, case: str, path: Path, runs: int = 1) -> tuple[float, float]:
    """Run `script --child case path` `runs` times: (best seconds, highest peak MB)."""
    best, peak, _cpu = measure_in_child_cpu(script, case, path, runs)
    return best, peak


def measure_in_child_cpu(script: str, case: str, path: Path, runs: int = 1
                         ) -> tuple[float, float, float]:
    """As `measure_in_child`, with the best CPU time the child reported (inf if none): on a
    shared machine the steadier figure."""
    best, peak, cpu = float("inf"), 0.0, float("inf")
    for _ in range(runs):
        out = subprocess.run([sys.executable, script, "--child", case, str(path)],
                             stdout=subprocess.PIPE, text=True, check=True).stdout
        result = json.loads(out.strip().splitlines()[-1])
        best, peak = min(best, result["seconds"]), max(peak, result["peak_mb"])
        cpu = min(cpu, result.get("cpu", float("inf")))
    return best, peak, cpu


def best_of(runs: int, func: Callable[[], object],
            clock: Callable[[], float] = time.perf_counter) -> float:
    """Best time in seconds over `runs` calls (the least disturbed run); wall time unless
    `clock` says otherwise."""
    best = float("inf")
    for _ in range(runs):
        started = clock()
        func()
        best = min(best, clock() - started)
    return best


def cpu_of(func: Callable[[], object], runs: int = 3) -> float:
    """Best CPU time of this process (every thread) over `runs` calls: steadier than wall time
    when other work shares the machine."""
    return best_of(runs, func, clock=time.process_time)


def report(name: str, ours: float, floor: float | None = None, target: float | None = None,
           unit: str = "s") -> None:
    line = f"{name}: {ours * 1000:.0f} ms" if unit == "s" else f"{name}: {ours:.1f} {unit}"
    if floor:
        ratio = ours / floor
        line += f" | floor {floor * 1000:.0f} ms | ratio {ratio:.2f}"
        if target:
            line += f" (target ≤ {target}) {'OK' if ratio <= target else 'OVER'}"
    print(line, flush=True)
