"""Opening a pipeline, in one place: the address parsed once, then a file locked for its one
writer, checked, migrated, and handed back as a `Session` that owns its database (its own
model classes, its own connection per thread) and its repository.

The command line, the window and the team copy all open through `open_session`; nothing
binds tables for the whole process, so several sessions may be open at once."""

from __future__ import annotations

import contextlib
import getpass
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import peewee as pw

from pipeline_desktop.domain.icp import IdealCustomerProfile, make_scorer
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.storage.address import PipelineAddress
from pipeline_desktop.storage.concurrency import is_read_only
from pipeline_desktop.storage.connections import TrackedSqliteDatabase
from pipeline_desktop.storage.database import allow_writes, open_database, writes_held
from pipeline_desktop.storage.file_format import LATEST_VERSION, check_sqlite_file
from pipeline_desktop.storage.integrity import (
    DamagedFileError,
    ReadOnlyFileError,
    is_damage,
    is_writable,
)
from pipeline_desktop.storage.lock import FileInUseError, WriterLock
from pipeline_desktop.storage.process_store import install as install_process
from pipeline_desktop.storage.repository import Repository


@dataclass
class Session:
    url: str
    db: pw.Database
    repository: Repository
    lock: WriterLock | None = None  # held while this session may write the file
    read_only: bool = False
    checking: bool = False  # opened before its check: nothing may be written until it passes

    @property
    def address(self) -> PipelineAddress:
        return PipelineAddress.parse(self.url)

    @property
    def path(self) -> Path | None:
        """The pipeline file, or None for a team server."""
        return self.address.path

    @property
    def display_name(self) -> str:
        return self.address.display_name

    def check_passed(self) -> None:
        """The file's check found nothing wrong: edits may be saved from now on."""
        if self.checking and not self.db.is_closed():
            self.checking = False
            allow_writes(self.db)  # type: ignore[arg-type]

    def close(self) -> None:
        """Write the WAL back into the pipeline file, close, let go of the lock: afterwards the
        `.pipeline` file alone holds every change (someone may copy or sync it next)."""
        if isinstance(self.db, TrackedSqliteDatabase):
            self.db.stop_other_threads()
        if not self.db.is_closed():
            if self.path is not None and not self.read_only:
                checkpoint(self.db)
            self.db.close()  # the last connection's close also removes -wal and -shm
        if self.lock is not None:
            self.lock.release()


def checkpoint(db: pw.Database) -> None:
    """Copy every committed page from the WAL into the file and empty the WAL. A reader still
    open in another thread may hold some pages back; they stay safe in the WAL."""
    with contextlib.suppress(pw.DatabaseError, sqlite3.Error):
        db.execute_sql("PRAGMA busy_timeout = 300")  # closing must not wait on a busy file
        db.execute_sql("PRAGMA wal_checkpoint(TRUNCATE)")


def current_user() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):
        return os.environ.get("USER", "")


def open_session(url: str | PipelineAddress, *, create: bool = True, read_only: bool = False,
                 check_integrity: str = "full") -> Session:
    """Open a pipeline. A file is written by one session at a time: a second one gets
    FileInUseError (or opens with `read_only=True`); a read-only file gets ReadOnlyFileError.
    `check_integrity="quick"`: the caller runs the full check itself (in the background);
    `"later"`: the caller runs the quick check too, then calls `check_passed` (until then the
    session is `checking` and SQLite refuses every write)."""
    address = PipelineAddress.parse(url)
    path = address.path
    lock = None if path is None or read_only else _writer_lock(path)
    db = None
    try:
        db = open_database(address, create=create, read_only=read_only,
                           check_integrity=check_integrity)
        repository = Repository(db, user=current_user())

        install_process(repository)  # activities, stages, BANT, ICP commands; the fit scorer
        # Team mode: a PostgreSQL role granted SELECT only opens the pipeline read-only.
        read_only = read_only or is_read_only(db)
        checking = check_integrity == "later" and not read_only and writes_held(db)
    except BaseException:
        if db is not None:
            db.close()
        if lock is not None:
            lock.release()
        raise
    return Session(address.url, db, repository, lock=lock, read_only=read_only,
                   checking=checking)


def open_for_reading(url: str | PipelineAddress) -> Session:
    """A session for commands that only read (metrics, health, the report).

    A file at the current version (see `_opens_unchanged`) is opened the cheapest way:
    read-only, without the writer's lock, checks or migrations, beside a window that may be
    writing it. Such a session skips SQLite's quick check (0.3 s at 100,000 deals): damage
    that a read meets still ends in one message when the reads run inside `reading`. Any
    other file opens as before: the writer's session when the file is free, so an older file
    is upgraded (quick-checked first), else a viewer's, which refuses a file that needs
    upgrading."""
    address = PipelineAddress.parse(url)
    if address.path is not None and _opens_unchanged(address.path):
        return _open_view(address)
    try:
        return open_session(address, create=False, check_integrity="quick")
    except (FileInUseError, ReadOnlyFileError):
        return open_session(address, create=False, read_only=True, check_integrity="quick")


@contextmanager
def reading(url: str | PipelineAddress) -> Iterator[Session]:
    """`open_for_reading`, closed afterwards; a read that meets a damaged page (SQLite's
    "malformed"), while opening or after, raises DamagedFileError: one sentence."""
    address = PipelineAddress.parse(url)
    session = None
    try:
        session = open_for_reading(address)
        yield session
    except Exception as error:
        if is_damage(error) and address.path is not None:
            raise DamagedFileError(address.path, [str(error)]) from error
        raise
    finally:
        if session is not None:
            session.close()


def _opens_unchanged(path: Path) -> bool:
    """Can this file be read as it is: a pipeline at the current version, in WAL mode or
    without a rollback journal left by a crash (which only a writer can roll back)? Checked
    without writing a byte; a file that is not a pipeline goes the usual way, which says
    what it is. (A backup, in rollback mode, is read without being switched to WAL.)"""
    try:
        version, wal = check_sqlite_file(path) if path.is_file() else (0, False)
    except PipelineError:
        return False
    hot_journal = path.with_name(path.name + "-journal").exists()
    return version == LATEST_VERSION and (wal or not hot_journal)


def _open_view(address: PipelineAddress) -> Session:
    """A read-only session: no lock, no check, no migration, no command handlers (nothing
    can be written); the fit scorer from the stored profile, as `install` sets it."""
    db = open_database(address, create=False, read_only=True, check_integrity="later")
    try:
        repository = Repository(db)  # no user: nothing is written
        repository.fit_scorer = make_scorer(IdealCustomerProfile.from_json(
            repository.setting("icp")))
    except BaseException:
        db.close()
        raise
    return Session(address.url, db, repository, read_only=True)


def _writer_lock(path: Path) -> WriterLock | None:
    if path.exists() and not is_writable(path):
        raise ReadOnlyFileError(path)
    try:
        return WriterLock.acquire(path)
    except OSError:  # the folder refuses new files; SQLite will say what it can or cannot do
        if path.exists():
            raise ReadOnlyFileError(path) from None
        return None
