"""Copies of a live pipeline file, made safely (never by copying the file itself)."""

from __future__ import annotations

from pathlib import Path

import peewee as pw

from pipeline_desktop.errors import StorageError


def copy_pipeline(db: pw.Database, target: Path) -> None:
    """Write a consistent copy of an open SQLite pipeline to `target` (replacing it)."""
    if not isinstance(db, pw.SqliteDatabase):
        raise StorageError("Copies of a team pipeline are made with File › Copy to team server")
    try:
        if target.exists():
            target.unlink()
        db.execute_sql("VACUUM INTO ?", (str(target),))
    except (OSError, pw.OperationalError) as error:
        raise StorageError(f"Could not write {target}: {error}") from None
