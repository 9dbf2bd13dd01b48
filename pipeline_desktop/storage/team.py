"""Copy a whole pipeline between a file and a team server (either way), complete: stages,
companies, contacts, deals with their custom fields and versions, activities, stage history
and settings. Ids are kept, so links between rows survive, and the server's id counters are
moved past them afterwards. The copy is one transaction on the target: all of it or nothing.

The copy is plain SQL on two sessions, each with its own database: the open pipeline keeps
working (and painting) while the target is written. The server's address and password helpers
live in `storage/server.py` and are re-exported here for the window's team actions."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

import peewee as pw

from pipeline_desktop.errors import PipelineError, StorageError
from pipeline_desktop.storage.bulk import insert_rows, reset_sequences
from pipeline_desktop.storage.opening import open_session
from pipeline_desktop.storage.server import (
    PasswordNeeded,
    connect,
    connection_error,
    display_url,
    forget_password,
    keyring_key,
    remember_password,
    server_url,
    stored_password,
    with_password,
)
from pipeline_desktop.storage.tables import SCHEMA, columns_of

__all__ = ["BATCH", "CopyCancelled", "CopyReport", "PasswordNeeded", "columns_of", "connect",
           "connection_error", "copy_pipeline", "count", "display_url", "forget_password",
           "keyring_key", "remember_password", "server_url", "stored_password",
           "with_password"]
TABLES = SCHEMA.all  # names and columns only: the copy is plain SQL

Progress = Callable[[int, int], bool]  # (rows done, rows in all) -> go on?
BATCH = 5_000


LABELS = {"stage": "stages", "company": "companies", "contact": "contacts", "deal": "deals",
          "stage_change": "stage changes", "activity": "activities", "setting": "settings"}


class CopyCancelled(PipelineError):
    """The person pressed Cancel: nothing was written to the target."""


@dataclass
class CopyReport:
    target: str
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def deals(self) -> int:
        return self.rows.get("deal", 0)

    def summary(self) -> str:
        parts = ", ".join(f"{count} {LABELS.get(table, table)}" for table, count in
                          self.rows.items() if count)
        return f"Copied to {display_url(self.target)}: {parts or 'an empty pipeline'}."


def copy_pipeline(source: pw.Database, target_url: str, *, replace: bool = False,
                  password: str | None = None, progress: Progress | None = None) -> CopyReport:
    """Copy the open pipeline `source` to the pipeline at `target_url` (a file or a server).

    A target that already holds deals is refused unless `replace`; its stages and settings are
    always replaced by the source's. `source` is only read: it stays as it was."""
    target = open_session(with_password(target_url, password))
    try:
        if target.read_only:
            raise StorageError("Your role on the team server may read this pipeline but not "
                               "write to it, so nothing was copied.")
        existing = count(target.db, "deal")
        if existing and not replace:
            raise PipelineError(f"{display_url(target_url)} already holds {existing} deals. "
                                "Replace them only if you mean to (tick Replace, or add "
                                "--replace).")
        return _copy(source, target.db, target_url, progress)
    finally:
        target.close()


def _copy(source: pw.Database, target: pw.Database, target_url: str,
          progress: Progress | None) -> CopyReport:
    report = CopyReport(target_url)
    total = sum(count(source, table._meta.table_name) for table in TABLES)
    done = 0
    to_sqlite = isinstance(target, pw.SqliteDatabase)
    write = insert_rows if to_sqlite else copy_rows
    with target.atomic():
        for table in reversed(TABLES):  # children first: foreign keys stay satisfied
            target.execute_sql(f"DELETE FROM {table._meta.table_name}")
        for table in TABLES:
            name, columns = table._meta.table_name, columns_of(table)
            report.rows[name] = 0
            cursor = source.execute_sql(
                f"SELECT {', '.join(columns)} FROM {name} ORDER BY {columns[0]}")
            while batch := cursor.fetchmany(BATCH):
                rows = [_plain(row) for row in batch] if to_sqlite else batch
                write(target, name, columns, rows)
                report.rows[name] += len(batch)
                done += len(batch)
                if progress is not None and not progress(done, total):
                    raise CopyCancelled("Copy cancelled: nothing was written.")
        reset_sequences(target, [t._meta.table_name for t in TABLES if "id" in columns_of(t)])
    return report


def copy_rows(db: pw.Database, table: str, columns: Sequence[str],
              rows: Sequence[Sequence[object]]) -> None:
    """PostgreSQL's COPY: several times faster than INSERTs for a whole pipeline."""
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_copy_text(value) for value in row))
        buffer.write("\n")
    buffer.seek(0)
    db.cursor().copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value: object) -> str:
    """One value in COPY's text format (booleans stored as 0/1 read fine as PostgreSQL's)."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).translate(_COPY_ESCAPES)


def count(db: pw.Database, table: str) -> int:
    return int(db.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def _plain(row: Sequence[object]) -> tuple[object, ...]:
    """PostgreSQL's date objects as the ISO text a pipeline file stores."""
    return tuple(
        value.isoformat(sep=" ") if isinstance(value, datetime)
        else value.isoformat() if isinstance(value, date)
        else value
        for value in row
    )
