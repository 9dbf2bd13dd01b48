"""Fast bulk writes: `executemany` on the driver's cursor inside one transaction (about 9×
faster than peewee's insert_many, see shared FACTS), portable across SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import peewee as pw


def insert_rows(db: pw.Database, table: str, columns: Sequence[str],
                rows: Iterable[Sequence[object]]) -> None:
    """Insert plain tuples; call inside `db.atomic()`."""
    marks = ", ".join([db.param] * len(columns))
    names = ", ".join(columns)
    cursor = db.cursor()
    cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def reset_sequences(db: pw.Database, tables: Iterable[str]) -> None:
    """After inserting explicit ids, PostgreSQL's serial counters must catch up."""
    if isinstance(db, pw.PostgresqlDatabase):
        for table in tables:
            db.execute_sql(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                f"COALESCE((SELECT MAX(id) FROM {table}), 0) + 1, false)"
            )


def clear_pipeline(db: pw.Database) -> None:
    """Remove every deal, company, contact and activity (stages and settings stay)."""
    for table in ("activity", "stage_change", "deal", "contact", "company"):
        db.execute_sql(f"DELETE FROM {table}")
