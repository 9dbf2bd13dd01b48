"""What the pipeline holds now, fetched as tuples in `schema.TABLE_COLUMNS` order and
normalised to the forms a plan compares with (ISO dates, 0/1 booleans)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import peewee as pw

from pipeline_desktop.services.excel.schema import TABLE_COLUMNS


def normalise(value: object) -> object:
    """PostgreSQL gives dates and booleans as objects, SQLite as text and integers."""
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, datetime):
        return value.replace(microsecond=0, tzinfo=None).isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return int(value)
    if isinstance(value, str) and len(value) > 19 and value[10:11] == " " and value[19] == ".":
        return value[:19]
    return value


def fetch_table(db: pw.Database, table: str) -> dict[int, tuple]:
    columns = TABLE_COLUMNS[table]
    cursor = db.execute_sql(f"SELECT {', '.join(columns)} FROM {table}")
    if isinstance(db, pw.SqliteDatabase):  # already text, integers and 0/1
        return {row[0]: row for row in cursor.fetchall()}
    return {row[0]: tuple(normalise(v) for v in row) for row in cursor.fetchall()}


def max_id(db: pw.Database, table: str) -> int:
    (value,) = db.execute_sql(f"SELECT COALESCE(MAX(id), 0) FROM {table}").fetchone()
    return int(value)


def count(db: pw.Database, table: str) -> int:
    (value,) = db.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()
    return int(value)
