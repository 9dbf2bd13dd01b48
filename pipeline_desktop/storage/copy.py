"""Copies of a live pipeline file, made safely (never by copying the file itself)."""

from __future__ import annotations

import os
from pathlib import Path

import peewee as pw

from pipeline_desktop.errors import StorageError


def copy_pipeline(db: pw.Database, target: Path) -> None:
    """Write a consistent copy of an open SQLite pipeline to `target` (replacing it).

    The copy is written under a temporary name and renamed when complete, so a crash or a
    full disk never leaves a half-written file where the user expects a copy."""
    if not isinstance(db, pw.SqliteDatabase):
        raise StorageError("Copies of a team pipeline are made with File › Copy to team server")
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.unlink(missing_ok=True)
        db.execute_sql("VACUUM INTO ?", (str(partial),))
        os.replace(partial, target)
    except (OSError, pw.OperationalError) as error:
        partial.unlink(missing_ok=True)
        raise StorageError(f"Could not write {target}: {error}") from None
