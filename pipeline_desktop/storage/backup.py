"""Backups of a pipeline file, made with SQLite's own `VACUUM INTO` (never a file copy).

A backup is `<stem>~<folder hash>-<YYYYmmdd-HHMMSS-ffffff>-<reason>.pipeline` in the backups
folder: the hash of the pipeline's folder keeps apart two "Sales.pipeline" files in different
places. It is written under a temporary name and renamed when complete, so a crash mid-backup
never leaves a half-written file that looks like a backup. The newest KEEP backups of each
pipeline are kept. The functions that list backups take the pipeline's path (or its key)."""

from __future__ import annotations

import hashlib
import os
import re
import sqlite3
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path

import peewee as pw

from pipeline_desktop.errors import StorageError
from pipeline_desktop.storage.copy import copy_pipeline
from pipeline_desktop.storage.file_format import check_sqlite_file
from pipeline_desktop.storage.integrity import (
    SIDE_FILES,
    integrity_problems,
    move_aside,
    read_only_uri,
)

KEEP = 10
DAILY = "daily"
BEFORE_RESTORE = "before-restore"
_STAMP = "%Y%m%d-%H%M%S-%f"
_NAME = re.compile(r"^(?P<stem>.+)-(?P<stamp>\d{8}-\d{6}-\d{6})-(?P<reason>[\w-]+)\.pipeline$")


@dataclass(frozen=True)
class BackupInfo:
    path: Path
    made: datetime
    reason: str
    size: int


def backup_key(pipeline: Path | str) -> str:
    """`<stem>~<6 hex of the folder>`: which pipeline a backup belongs to. A str is a key."""
    if isinstance(pipeline, str):
        return pipeline
    folder = os.path.normcase(str(pipeline.expanduser().resolve().parent))
    return f"{pipeline.stem}~{hashlib.sha1(folder.encode()).hexdigest()[:6]}"


def make_backup(db: pw.Database, pipeline_path: Path, folder: Path, reason: str = "manual",
                *, prune_after: bool = True) -> Path | None:
    """Write `<name>-<timestamp>-<reason>.pipeline` into `folder`, keep the newest KEEP.
    Returns None for a team server (its backups are the server's business)."""
    if not isinstance(db, pw.SqliteDatabase):
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(f"Cannot create the backups folder {folder}: {error.strerror}") from None
    reason = re.sub(r"[^\w-]+", "-", reason).strip("-") or "manual"
    stamp = datetime.now().strftime(_STAMP)
    key = backup_key(pipeline_path)
    target = folder / f"{key}-{stamp}-{reason}.pipeline"
    partial = target.with_name(f".{target.name}.partial")
    try:
        copy_pipeline(db, partial)
        os.replace(partial, target)
    except (OSError, StorageError) as error:
        detail = error.strerror if isinstance(error, OSError) else str(error).rsplit(": ", 1)[-1]
        raise StorageError(f"Could not save a backup of {pipeline_path.name} in {folder} "
                           f"(is the disk full?): {detail}") from None
    finally:
        partial.unlink(missing_ok=True)
    if prune_after:
        prune(folder, key)
    return target


def backups_of(folder: Path, pipeline: Path | str) -> list[Path]:
    """Newest first. Only this pipeline's backups: "a" does not list the backups of "a-b"."""
    if not folder.is_dir():
        return []
    key = backup_key(pipeline)
    found = []
    for path in folder.glob(f"{glob_escape(key)}-*.pipeline"):
        match = _NAME.match(path.name)
        if match and match["stem"] == key:
            found.append((match["stamp"], path))
    return [path for _stamp, path in sorted(found, reverse=True)]


def glob_escape(text: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", text)


def prune(folder: Path, pipeline: Path | str, keep: int = KEEP) -> None:
    for old in backups_of(folder, pipeline)[keep:]:
        old.unlink(missing_ok=True)


def describe(path: Path) -> BackupInfo:
    match = _NAME.match(path.name)
    if match is None:
        raise ValueError(f"not a backup name: {path.name}")
    made = datetime.strptime(match["stamp"], _STAMP)
    return BackupInfo(path, made, match["reason"], path.stat().st_size)


def list_backups(folder: Path, pipeline: Path | str) -> list[BackupInfo]:
    return [describe(path) for path in backups_of(folder, pipeline)]


def deal_count(path: Path) -> int | None:
    """How many deals a backup holds (None when it cannot be read), to help pick one."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            return conn.execute("SELECT count(*) FROM deal").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:
        return None


def daily_backup(db: pw.Database, pipeline_path: Path, folder: Path,
                 today: date | None = None) -> Path | None:
    """The first time a pipeline is opened on a day, back it up; later opens do nothing."""
    today = today or date.today()
    if any(info.reason == DAILY and info.made.date() == today
           for info in list_backups(folder, pipeline_path)):
        return None
    return make_backup(db, pipeline_path, folder, DAILY)


def latest_good_backup(folder: Path, pipeline: Path | str) -> Path | None:
    """The newest backup that passes `PRAGMA integrity_check`."""
    for path in backups_of(folder, pipeline):
        if not integrity_problems(path):
            return path
    return None


def restore_file(backup: Path, pipeline_path: Path, *, damaged: bool = False) -> None:
    """Replace a CLOSED pipeline file by a backup.

    The backup is checked first and copied next to the target under a temporary name, then
    renamed over it: the pipeline is always either the old file or the whole backup. A damaged
    file is moved aside (`<name>.damaged-<stamp>`), never deleted; a healthy one is replaced
    (the caller backs it up first, see `backup_before_restore`)."""
    problems = integrity_problems(backup)
    if problems:
        raise StorageError(f"The backup {backup.name} is damaged too ({problems[0]})")
    check_sqlite_file(backup)  # a pipeline of a version we read, not any SQLite file
    staging = pipeline_path.with_name(f".{pipeline_path.name}.restoring")
    staging.unlink(missing_ok=True)
    try:
        _sqlite_copy(backup, staging)
        if damaged and pipeline_path.exists():
            move_aside(pipeline_path, "damaged")
        for suffix in SIDE_FILES:  # a stale -wal would be replayed into the restored file
            pipeline_path.with_name(pipeline_path.name + suffix).unlink(missing_ok=True)
        os.replace(staging, pipeline_path)
    except (OSError, sqlite3.Error) as error:
        raise StorageError(f"Could not restore {pipeline_path.name}: {error}") from None
    finally:
        staging.unlink(missing_ok=True)


def _sqlite_copy(source: Path, target: Path) -> None:
    """Copy with SQLite's backup API (reads the source consistently, even with a WAL)."""
    src = sqlite3.connect(read_only_uri(source), uri=True)
    dst = sqlite3.connect(str(target))
    try:
        src.backup(dst)
        dst.execute("PRAGMA journal_mode=delete")  # one self-contained file, no -wal beside it
    finally:
        dst.close()
        src.close()
