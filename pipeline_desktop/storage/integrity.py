"""Is a pipeline file healthy? `PRAGMA integrity_check` on open, moving a damaged file aside, and
one-sentence messages for the environment errors SQLite reports (full disk, read-only file)."""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
from datetime import datetime
from pathlib import Path

from pipeline_desktop.errors import NotAPipelineError, StorageError

MAX_PROBLEMS = 5
SIDE_FILES = ("-wal", "-shm", "-journal")


class DamagedFileError(NotAPipelineError):
    """The file is a pipeline but fails the integrity check; a backup may bring it back."""

    def __init__(self, path: Path, problems: list[str]) -> None:
        super().__init__(
            f"{path.name} is damaged and cannot be opened safely ({problems[0]})."
        )
        self.path = path
        self.problems = problems


class ReadOnlyFileError(StorageError):
    """The file (or its folder) cannot be written; it can still be viewed read-only."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path.name} is read-only, so changes could not be saved. Make it writable "
            f"(or copy it to a folder you can write to), or open it read-only to look."
        )
        self.path = path


def read_only_uri(path: Path) -> str:
    """A SQLite URI that opens `path` without ever writing (names with ? or # are quoted)."""
    return f"{path.absolute().as_uri()}?mode=ro"  # file:///C:/… on Windows, quoted


def integrity_problems(path: Path, *, quick: bool = False) -> list[str]:
    """What `PRAGMA integrity_check` (or `quick_check`) finds wrong with a closed or open file
    ([] when healthy)."""
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
    except sqlite3.Error as error:
        return [str(error)]
    try:
        return check_connection(conn, quick=quick)
    finally:
        conn.close()


def check_connection(conn: sqlite3.Connection | object, *, quick: bool = False) -> list[str]:
    """Run the check on an open DB-API connection (sqlite3 or peewee's `connection()`).
    `quick` runs `quick_check`: the page and b-tree structure without matching every index to
    its table, about 4× faster (0.25 s rather than 1 s at 100,000 deals)."""
    pragma = "quick_check" if quick else "integrity_check"
    try:
        rows = conn.execute(f"PRAGMA {pragma}({MAX_PROBLEMS})").fetchall()  # type: ignore[attr-defined]
    except sqlite3.DatabaseError as error:
        return [str(error)]
    messages = [str(row[0]) for row in rows]
    return [] if messages == ["ok"] else messages


def is_damage(error: BaseException) -> bool:
    """SQLite's "malformed" and "not a database" come as a bare DatabaseError; a locked file
    or a full disk are OperationalErrors, which say what to do and are not damage."""
    peewee = sys.modules.get("peewee")  # not imported yet: none of its errors can exist
    return type(error) is sqlite3.DatabaseError or (
        peewee is not None and type(error) is peewee.DatabaseError)


def is_writable(path: Path) -> bool:
    """A file marked read-only counts as read-only even for an administrator who could write it."""
    try:
        mode = path.stat().st_mode
    except OSError:
        return os.access(path.parent, os.W_OK)
    return bool(mode & 0o222) and os.access(path, os.W_OK) and os.access(path.parent, os.W_OK)


def move_aside(path: Path, label: str) -> Path:
    """Rename a file and its SQLite side files to `<name>.<label>-<stamp>`; return the new path.

    The -wal must travel with its file: a stale -wal next to a new file would be replayed into
    it on the next open."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.{label}-{stamp}")
    os.replace(path, target)
    for suffix in SIDE_FILES:
        side = path.with_name(path.name + suffix)
        if side.exists():
            os.replace(side, target.with_name(target.name + suffix))
    return target


_SQLITE_MESSAGES = (
    ("disk is full", "The disk is full: the last change was not saved. Free some space and try "
                     "again."),
    ("readonly database", "The pipeline file is read-only: the last change was not saved."),
    ("database is locked", "The pipeline file is busy in another program: the last change was "
                           "not saved. Try again in a moment."),
    ("disk i/o error", "The disk reported an error: the last change was not saved. Check the "
                       "drive (or network share) holding the pipeline."),
    ("malformed", "The pipeline file is damaged. Use File › Restore backup… to go back to a "
                  "good copy."),
)


def describe_storage_error(error: BaseException) -> str | None:
    """One sentence for an environment problem (full disk, read-only, locked); None for a bug.

    Looks down the chain of causes too: after a full disk SQLite rolls back by itself, and the
    error that surfaces is peewee's "cannot rollback - no transaction is active"."""
    seen: set[int] = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        message = _describe_one(error)
        if message:
            return message
        error = error.__cause__ or error.__context__  # type: ignore[assignment]
    return None


def _describe_one(error: BaseException) -> str | None:
    if isinstance(error, OSError):
        if error.errno in (errno.ENOSPC, errno.EDQUOT):
            return _SQLITE_MESSAGES[0][1]
        if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
            return f"Cannot write {error.filename or 'the file'}: {error.strerror}."
        return None
    text = str(error).lower()
    if type(error).__name__ not in ("OperationalError", "DatabaseError", "IntegrityError") \
            and not isinstance(error, sqlite3.Error):
        return None
    for needle, message in _SQLITE_MESSAGES:
        if needle in text:
            return message
    return None


def storage_error(error: BaseException) -> StorageError | None:
    """The StorageError to raise instead of a driver error the user can act on."""
    message = describe_storage_error(error)
    return StorageError(message) if message else None
