"""Run every benchmark (`make bench`). Each bench_*.py prints its own figures and ratios."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).parent


def main() -> int:
    failed = 0
    only = sys.argv[1:]
    for script in sorted(HERE.glob("bench_*.py")):
        if only and not any(name in script.stem for name in only):
            continue
        print(f"\n=== {script.stem} ===", flush=True)
        code = subprocess.run([sys.executable, str(script)], check=False).returncode
        if code:
            print(f"{script.stem} stopped with exit status {code}", flush=True)
        failed |= code != 0
    return int(failed)


if __name__ == "__main__":
    raise SystemExit(main())
