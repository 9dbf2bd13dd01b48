"""The window's first rows, read before the session opens (and before peewee is imported).

Only a file that opening will not change takes this path: one at the current version, in WAL
mode, writable and not held by another writer. Any other file (one to upgrade, to switch to WAL,
to view read-only, or damaged) goes through the full opening first, as File › Open does. The
read itself is a read-only sqlite3 connection, so it never writes a byte."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

from pipeline_desktop.domain.icp import IdealCustomerProfile, make_scorer
from pipeline_desktop.domain.model import DealRow
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.storage.deal_rows import read_deal_rows
from pipeline_desktop.storage.file_format import LATEST_VERSION, check_sqlite_file
from pipeline_desktop.storage.integrity import is_writable, read_only_uri
from pipeline_desktop.storage.lock import lock_path


def opens_unchanged(path: Path) -> bool:
    """Would opening this file for writing change nothing in it (no upgrade, no WAL switch),
    and would it succeed (writable, no other writer's lock)? Checked without writing to the file."""
    try:
        if not path.is_file() or not is_writable(path):
            return False
        version, wal = check_sqlite_file(path)
    except (PipelineError, OSError):
        return False  # the full opening says what is wrong
    # A lock file is there while another writer has the file open (or after its crash): the
    # full opening then asks what to do. Looking is cheaper than taking the lock to see.
    return version == LATEST_VERSION and wal and not lock_path(path).exists()


def read_first_page(path: Path, size: int, today: date | None = None) -> list[DealRow] | None:
    """The newest `size` deals as the repository reads them, or None when the file must go
    through the full opening first (see the module's docstring) or cannot be read."""
    if not opens_unchanged(path):
        return None
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            return read_deal_rows(conn.execute, newest=size, today=today,
                                  scorer=make_scorer(_stored_profile(conn)))
        finally:
            conn.close()
    except (sqlite3.Error, ValueError):  # damaged, busy, an odd setting: the full
        # opening deals with it
        return None


def _stored_profile(conn: sqlite3.Connection) -> IdealCustomerProfile:
    """The ideal customer profile the fit column scores against (process_store.load_icp)."""
    row = conn.execute("SELECT value FROM setting WHERE key = 'icp'").fetchone()
    return IdealCustomerProfile.from_json(json.loads(row[0]) if row else None)
