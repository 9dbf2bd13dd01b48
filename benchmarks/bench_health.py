"""Issue 8 on a 100,000-deal pipeline: the health check (every finding, score, deals to act
on) in process, `pipeline-desktop health --json` as a user runs it, and the PDF report."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from common import TODAY, best_of, demo_file, report


def main() -> int:
    from pipeline_desktop.services import health
    from pipeline_desktop.session import open_session

    path = demo_file()
    session = open_session(str(path), create=False, read_only=True)
    try:
        report("health.check in process", best_of(3, lambda: health.check(session.repository,
                                                                           TODAY)))
    finally:
        session.close()
    cli = Path(sys.executable).with_name("pipeline-desktop")
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        subprocess.run([str(cli), "health", "--db", str(path), "--json", "--today",
                        TODAY.isoformat()], check=True, stdout=subprocess.DEVNULL)
        best = min(best, time.perf_counter() - started)
    report("pipeline-desktop health --json (whole process)", best)
    with tempfile.TemporaryDirectory() as folder:
        started = time.perf_counter()
        subprocess.run([str(cli), "report", "--db", str(path), "--out",
                        str(Path(folder) / "r.pdf"), "--to", TODAY.isoformat()], check=True,
                       stdout=subprocess.DEVNULL)
        report("pipeline-desktop report (whole process)", time.perf_counter() - started)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
