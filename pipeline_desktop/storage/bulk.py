"""Fast bulk writes: `executemany` on the driver's cursor inside one transaction (about 9×
faster than peewee's insert_many, see shared FACTS), portable across SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import peewee as pw


def insert_rows(db: pw.Database, table: str, columns: Sequence[str],
                rows: Iterable[Sequence[object]]) -> None:
    """Insert plain tuples; call inside `db.atomic()`."""
    if isinstance(db, pw.PostgresqlDatabase):
        _insert_rows_postgres(db, table, columns, rows)
        return
    marks = ", ".join([db.param] * len(columns))
    names = ", ".join(columns)
    cursor = db.cursor()
    cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)


def execute_many(db: pw.Database, table: str, sql: str, columns: Sequence[str],
                 rows: Iterable[Sequence[object]]) -> None:
    """`executemany` of one statement over `rows` (values in `columns` order), batched on
    PostgreSQL where each statement would otherwise cost a round trip to the server."""
    if isinstance(db, pw.PostgresqlDatabase):
        from psycopg2.extras import execute_batch

        execute_batch(db.cursor(), sql, postgres_values(table, columns, rows), page_size=1000)
    else:
        db.cursor().executemany(sql, rows)


def postgres_values(table: str, columns: Sequence[str], rows: Iterable[Sequence[object]]
                    ) -> Iterable[Sequence[object]]:
    """SQLite stores booleans as 0/1 and callers pass them so; PostgreSQL wants True/False."""
    flags = [i for i, name in enumerate(columns) if name in _boolean_columns(table)]
    if not flags:
        return rows
    return ([bool(v) if i in flags and v is not None else v for i, v in enumerate(row)]
            for row in rows)


def _boolean_columns(table: str) -> frozenset[str]:
    from pipeline_desktop.storage.tables import TABLES

    for model in TABLES:
        if model._meta.table_name == table:
            return frozenset(f.column_name for f in model._meta.sorted_fields
                             if isinstance(f, pw.BooleanField))
    return frozenset()


def _insert_rows_postgres(db: pw.Database, table: str, columns: Sequence[str],
                          rows: Iterable[Sequence[object]]) -> None:
    """Many rows a statement: one round trip per 1,000 rows instead of one per row."""
    from psycopg2.extras import execute_values

    names = ", ".join(columns)
    execute_values(db.cursor(), f"INSERT INTO {table} ({names}) VALUES %s",
                   postgres_values(table, columns, rows), page_size=1000)


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
