"""Open a pipeline by its address: a file (`sqlite:///path/to/file.pipeline` or a plain path)
or a team server (`postgresql://user@host/db`). A file that is not a pipeline is refused before
anything writes to it, so a wrong choice in File › Open never damages someone's file.

Nothing here binds tables for the process: each database gets its own model classes
(`tables.tables_of`), so any number of pipelines may be open at once."""

from __future__ import annotations

from pathlib import Path

import peewee as pw

from pipeline_desktop.errors import NotAPipelineError, StorageError
from pipeline_desktop.storage import migrations
from pipeline_desktop.storage.address import PipelineAddress, is_server_url
from pipeline_desktop.storage.connections import TrackedSqliteDatabase
from pipeline_desktop.storage.file_format import check_sqlite_file, sqlite_path
from pipeline_desktop.storage.integrity import (
    DamagedFileError,
    check_connection,
    integrity_problems,
    read_only_uri,
    storage_error,
)

__all__ = ["allow_writes", "is_server_url", "open_database", "sqlite_path", "writes_held"]

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "normal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "cache_size": -32_000,  # 32 MB
}
NOT_OPENED = "the pipeline was not opened"
# Reading commands group and sort tens of thousands of rows: their temporary b-trees stay in
# memory rather than in a temporary file (the metrics' queries ~10 % less CPU at 100,000).
READ_ONLY_PRAGMAS = {"query_only": 1, "foreign_keys": 1, "busy_timeout": 5000,
                     "cache_size": -32_000, "temp_store": "memory"}


def open_database(address: str | PipelineAddress, *, create: bool = True,
                  read_only: bool = False, check_integrity: str = "full") -> pw.Database:
    """Connect, check that it is a pipeline of a version we know, and migrate it.
    `read_only` opens an existing file for viewing (another window is its writer);
    `check_integrity="quick"` runs only `quick_check` and leaves the full check (about 1 s at
    100,000 deals) to the caller, which the window runs in the background once it is shown.
    `check_integrity="later"` runs no check when opening writes nothing (a WAL file at the
    current version): the connection refuses writes (`writes_held`) until the caller has
    checked the file and called `allow_writes`. Any other file is quick-checked first."""
    address = PipelineAddress.parse(address)
    if address.path is not None:
        db = _open_sqlite(address.path, create=create and not read_only, read_only=read_only,
                          check_integrity=check_integrity)
    else:
        db = _open_postgres(address.url)
    if read_only and migrations.schema_version(db) < migrations.LATEST_VERSION:
        db.close()
        raise StorageError("This pipeline must be upgraded before it can be viewed: open it "
                           "once when no other window has it open.")
    try:
        migrations.migrate(db)
    except pw.OperationalError as error:
        db.close()
        raise (storage_error(error, NOT_OPENED, address.path) or
               StorageError(f"Could not prepare the pipeline: {error}")) from error
    return db


def _open_sqlite(path: Path, *, create: bool, read_only: bool = False,
                 check_integrity: str = "full") -> pw.SqliteDatabase:
    if read_only and not path.exists():
        raise NotAPipelineError(f"No pipeline file at {path}")
    check_now = check_integrity
    if path.exists():
        version, wal = check_sqlite_file(path)
        if not wal and not read_only:
            _check_before_wal(path, quick=check_integrity != "full")
        if check_integrity == "later" and (version != migrations.LATEST_VERSION
                                           or not (wal or read_only)):
            check_now = "quick"  # migrating or switching to WAL writes: check first
    elif not create:
        raise NotAPipelineError(f"No pipeline file at {path}")
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(
                f"Cannot create the folder {path.parent}: {error.strerror}") from None
    if read_only:  # a viewer: no journal-mode change, and SQLite refuses every write
        db = pw.SqliteDatabase(read_only_uri(path), uri=True, pragmas=READ_ONLY_PRAGMAS)
    else:
        held = {"query_only": 1} if check_now == "later" and path.exists() else {}
        db = TrackedSqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS | held)
    try:
        db.connect()
    except pw.OperationalError as error:
        raise (storage_error(error, NOT_OPENED, path) or
               StorageError(f"Cannot open {path}: {error}")) from None
    if check_now == "later":
        return db
    problems = check_connection(db.connection(), quick=check_now == "quick")
    if problems:  # checked on every open, before anything writes to the file
        db.close()
        raise DamagedFileError(path, problems)
    return db


def _check_before_wal(path: Path, *, quick: bool) -> None:
    """Switching a file to WAL rewrites its header: check it first, without writing. (A hot
    rollback journal cannot be replayed read-only; the check on the open connection below
    then judges the file.)"""
    problems = integrity_problems(path, quick=quick)
    if problems and not any("readonly" in problem for problem in problems):
        raise DamagedFileError(path, problems)


def _open_postgres(url: str) -> pw.Database:
    from pipeline_desktop.storage import server  # team only: ~8 ms a file pipeline never needs

    try:  # the password comes from the URL, the keyring or libpq's own ~/.pgpass
        db = server.connect(url)
        db.connect()
    except (ImportError, pw.ImproperlyConfigured):
        raise StorageError("Team mode needs psycopg2: pip install 'pipeline-desktop[team]'"
                           ) from None
    except pw.OperationalError as error:
        raise server.connection_error(error) from None
    except ValueError as error:  # e.g. no database name in the address
        raise StorageError(str(error)) from None
    return db


def writes_held(db: pw.Database) -> bool:
    """Does this connection refuse writes (a viewer, or a file whose check is still running)?"""
    return isinstance(db, pw.SqliteDatabase) and bool(db.pragma("query_only"))


def allow_writes(db: pw.SqliteDatabase) -> None:
    """The file passed its check: this thread's connection, and every later one, may write."""
    db.pragma("query_only", 0, permanent=True)
