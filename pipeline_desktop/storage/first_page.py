"""The window's first rows, read before the session opens (and before peewee is imported).

Only a file that opening will not change takes this path: one at the current version, in WAL
mode, writable and not held by another writer. Any other file (one to upgrade, to switch to WAL,
to view read-only, or damaged) goes through the full opening first, as File › Open does. The
read itself is a read-only sqlite3 connection, so it never writes a byte."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path
from typing import Any

from pipeline_desktop.domain.deal_row import DealRow
from pipeline_desktop.domain.icp import IdealCustomerProfile, make_scorer
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


# The stored profile's members (and the items of its lists), decoded by SQLite's JSON functions:
# Python's json module (~2 ms to import) is not needed before the first paint.
_PROFILE_SQL = """
SELECT member.id, member.key, member.type, member.atom, item.type, item.atom
FROM setting, json_each(setting.value) AS member
LEFT JOIN json_each(member.value) AS item ON member.type = 'array'
WHERE setting.key = 'icp' AND json_type(setting.value) = 'object'
ORDER BY member.id, item.id
"""
_LITERALS = {"true": True, "false": False, "null": None}


def _stored_profile(conn: sqlite3.Connection) -> IdealCustomerProfile:
    """The ideal customer profile the fit column scores against, as process_store.load_icp
    reads it (json.loads, then IdealCustomerProfile.from_json)."""
    data: dict[str, Any] = {}
    member = None
    for member_id, key, kind, atom, item_kind, item in conn.execute(_PROFILE_SQL):
        if member_id != member:  # a member's first row (a repeated key: the last one wins)
            member = member_id
            data[key] = [] if kind == "array" else _scalar(kind, atom)
        if item_kind is not None:
            data[key].append(_scalar(item_kind, item))
    return IdealCustomerProfile.from_json(data)


def _scalar(kind: str, atom: object) -> object:
    if kind in ("array", "object"):  # nested: not a profile we wrote; the full opening reads it
        raise ValueError(f"unexpected {kind} in the ideal customer profile")
    return _LITERALS.get(kind, atom)
