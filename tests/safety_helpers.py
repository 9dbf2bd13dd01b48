"""Helpers shared by the safety tests (backups, integrity, faults)."""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

PAGE = 4096


def damage(path: Path) -> None:
    """Scribble over a page in the middle of the file, as a failing disk would."""
    size = path.stat().st_size
    assert size > 6 * PAGE
    with path.open("r+b") as handle:
        handle.seek((size // PAGE // 2) * PAGE)
        handle.write(os.urandom(PAGE))


def deal_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT count(*) FROM deal").fetchone()[0]
    finally:
        conn.close()


def sqlite_session(path: Path):  # -> Iterator[Session]
    """Backups, locks and integrity checks are about files: the safety tests override
    conftest's `session` (which may be PostgreSQL in CI's second pass) with this."""
    from pipeline_desktop.session import open_session

    opened = open_session(str(path))
    yield opened
    opened.close()
