"""What makes a file a pipeline of a version this app reads, checked without writing a byte and
without peewee (the window reads its first page before peewee is imported)."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import unquote, urlparse

from pipeline_desktop.errors import NotAPipelineError, StorageError
from pipeline_desktop.storage.integrity import DamagedFileError, read_only_uri

APPLICATION_ID = 0x50495045  # "PIPE" in PRAGMA application_id marks our files
LATEST_VERSION = 5  # the number of steps in migrations.STEPS; migrations.py checks it


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL or plain path; None for a server URL."""
    if "://" not in url:
        return Path(url).expanduser()
    parsed = urlparse(url)
    if parsed.scheme != "sqlite":
        return None
    return Path(unquote(url[len("sqlite:///"):])).expanduser() if url.startswith("sqlite:///") \
        else Path(unquote(parsed.path))


def display_name(url: str) -> str:
    """What a window calls a pipeline: the file's name, or the team database's."""
    path = sqlite_path(url)
    return path.stem if path else url.rsplit("/", 1)[-1]


def check_sqlite_file(path: Path) -> tuple[int, bool]:
    """Refuse, without writing a byte, a file that is not a pipeline or is from a newer version.
    Returns the file's schema version and whether it is in WAL mode."""
    if path.is_dir():
        raise NotAPipelineError(f"{path} is a folder, not a pipeline file")
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as error:
        raise StorageError(f"Cannot read {path}: {error.strerror}") from None
    if not header:
        return 0, False  # an empty file becomes a new pipeline
    if header != b"SQLite format 3\x00":
        raise NotAPipelineError(f"{path.name} is not a pipeline file")
    try:
        conn = sqlite3.connect(read_only_uri(path), uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            wal = conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:  # a SQLite header but unreadable inside: damaged
        raise DamagedFileError(path, [str(error)]) from None
    if app_id != APPLICATION_ID and tables:
        raise NotAPipelineError(f"{path.name} is a database, but not a pipeline file")
    if version > LATEST_VERSION:
        raise NotAPipelineError(
            f"{path.name} was saved by a newer Pipeline Desktop (file version {version}, this "
            f"version reads up to {LATEST_VERSION}). Please update the app."
        )
    return version, wal
