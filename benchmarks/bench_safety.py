"""What safety costs at 100,000 deals: opening (which runs PRAGMA integrity_check), the check
itself against quick_check, a backup (VACUUM INTO) and a restore."""

from __future__ import annotations

import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from benchmarks.common import best_of, demo_file, report


def main() -> int:
    from pipeline_desktop.session import open_session
    from pipeline_desktop.storage import backup
    from pipeline_desktop.storage.integrity import integrity_problems

    source = demo_file()
    with tempfile.TemporaryDirectory() as scratch:
        path = Path(scratch) / "bench.pipeline"
        shutil.copyfile(source, path)
        print(f"file: {path.stat().st_size / 1e6:.0f} MB")

        def open_close() -> None:
            open_session(str(path)).close()

        report("open (file checks + integrity_check + lock)", best_of(3, open_close))
        report("PRAGMA integrity_check", best_of(3, lambda: integrity_problems(path)))
        conn = sqlite3.connect(path)
        report("PRAGMA quick_check", best_of(3, lambda: conn.execute(
            "PRAGMA quick_check").fetchall()))
        conn.close()
        session = open_session(str(path))
        folder = Path(scratch) / "backups"
        report("backup (VACUUM INTO, newest 10 kept)",
               best_of(3, lambda: backup.make_backup(session.db, path, folder, "bench")))
        session.close()
        latest = backup.backups_of(folder, path)[0]
        report("restore (check + copy + rename)",
               best_of(3, lambda: backup.restore_file(latest, path)))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
