"""Backups of a pipeline file, made with SQLite's own `VACUUM INTO` (never a file copy)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import peewee as pw

from pipeline_desktop.storage.copy import copy_pipeline

KEEP = 10


def make_backup(db: pw.Database, pipeline_path: Path, folder: Path, reason: str = "manual"
                ) -> Path | None:
    """Write `<name>-<timestamp>-<reason>.pipeline` into `folder`, keep the newest KEEP.
    Returns None for a team server (its backups are the server's business)."""
    if not isinstance(db, pw.SqliteDatabase):
        return None
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = folder / f"{pipeline_path.stem}-{stamp}-{reason}.pipeline"
    copy_pipeline(db, target)
    prune(folder, pipeline_path.stem)
    return target


def backups_of(folder: Path, stem: str) -> list[Path]:
    """Newest first."""
    return sorted(folder.glob(f"{stem}-*.pipeline"), reverse=True)


def prune(folder: Path, stem: str, keep: int = KEEP) -> None:
    for old in backups_of(folder, stem)[keep:]:
        old.unlink(missing_ok=True)
