"""Open a pipeline by URL: `sqlite:///path/to/file.pipeline`, a plain path, or
`postgresql://user@host/db`. A file that is not a pipeline is refused before anything writes
to it, so a wrong choice in File › Open never damages someone's file."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import unquote, urlparse

import peewee as pw

from pipeline_desktop.errors import NotAPipelineError, StorageError
from pipeline_desktop.storage import migrations
from pipeline_desktop.storage.tables import TABLES

SQLITE_PRAGMAS = {
    "journal_mode": "wal",
    "synchronous": "normal",
    "foreign_keys": 1,
    "busy_timeout": 5000,
    "cache_size": -32_000,  # 32 MB
}


def sqlite_path(url: str) -> Path | None:
    """The file behind a SQLite URL or plain path; None for a server URL."""
    if "://" not in url:
        return Path(url).expanduser()
    parsed = urlparse(url)
    if parsed.scheme != "sqlite":
        return None
    return Path(unquote(url[len("sqlite:///"):])).expanduser() if url.startswith("sqlite:///") \
        else Path(unquote(parsed.path))


def is_server_url(url: str) -> bool:
    return url.startswith(("postgres://", "postgresql://"))


def open_database(url: str, *, create: bool = True) -> pw.Database:
    """Connect, check that it is a pipeline of a version we know, migrate it, bind the tables."""
    path = sqlite_path(url)
    if path is not None:
        db = _open_sqlite(path, create=create)
    elif is_server_url(url):
        db = _open_postgres(url)
    else:
        raise NotAPipelineError(f"Unsupported database address: {url}")
    db.bind(TABLES, bind_refs=False, bind_backrefs=False)
    try:
        migrations.migrate(db)
    except pw.OperationalError as error:
        db.close()
        raise StorageError(f"Could not prepare the pipeline: {error}") from error
    return db


def _open_sqlite(path: Path, *, create: bool) -> pw.SqliteDatabase:
    if path.exists():
        check_sqlite_file(path)
    elif not create:
        raise NotAPipelineError(f"No pipeline file at {path}")
    else:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise StorageError(f"Cannot create the folder {path.parent}: {error.strerror}") from None
    db = pw.SqliteDatabase(str(path), pragmas=SQLITE_PRAGMAS)
    try:
        db.connect()
    except pw.OperationalError as error:
        raise StorageError(f"Cannot open {path}: {error}") from None
    return db


def _open_postgres(url: str) -> pw.Database:
    try:
        from playhouse.db_url import connect
    except ImportError as error:  # pragma: no cover - peewee always ships playhouse
        raise StorageError(str(error)) from None
    try:
        db = connect(url)
        db.connect()
    except ImportError:
        raise StorageError("Team mode needs psycopg2: pip install 'pipeline-desktop[team]'") from None
    except pw.OperationalError as error:
        raise StorageError(f"Cannot reach the team server: {str(error).strip()}") from None
    return db


def check_sqlite_file(path: Path) -> None:
    """Refuse, without writing a byte, a file that is not a pipeline or is from a newer version."""
    if path.is_dir():
        raise NotAPipelineError(f"{path} is a folder, not a pipeline file")
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as error:
        raise StorageError(f"Cannot read {path}: {error.strerror}") from None
    if not header:
        return  # an empty file becomes a new pipeline
    if header != b"SQLite format 3\x00":
        raise NotAPipelineError(f"{path.name} is not a pipeline file")
    try:
        conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        raise NotAPipelineError(f"{path.name} is damaged or not a pipeline file ({error})") from None
    if app_id != migrations.APPLICATION_ID and tables:
        raise NotAPipelineError(f"{path.name} is a database, but not a pipeline file")
    if version > migrations.LATEST_VERSION:
        raise NotAPipelineError(
            f"{path.name} was saved by a newer Pipeline Desktop (file version {version}, this "
            f"version reads up to {migrations.LATEST_VERSION}). Please update the app."
        )
