"""Schema versions. Each step runs inside the same transaction as the version bump, so a file is
either fully at the old version or fully at the new one. Never edit a released step: add one."""

from __future__ import annotations

import json
from collections.abc import Callable

import peewee as pw

from pipeline_desktop.domain.stages import (
    DEFAULT_LEAD_SOURCES,
    DEFAULT_LOST_REASONS,
    DEFAULT_STAGES,
)
from pipeline_desktop.storage.tables import TABLES, SettingTable, StageTable

Step = Callable[[pw.Database], None]
APPLICATION_ID = 0x50495045  # "PIPE" in PRAGMA application_id marks our files


def _v1_initial(db: pw.Database) -> None:
    db.create_tables(TABLES)
    StageTable.insert_many(
        [
            {
                "name": spec.name,
                "position": position,
                "probability": spec.probability,
                "outcome": spec.outcome.value,
                "exit_criteria": "\n".join(spec.exit_criteria),
                "stale_after_days": spec.stale_after_days,
            }
            for position, spec in enumerate(DEFAULT_STAGES)
        ]
    ).execute()
    SettingTable.insert_many(
        [
            {"key": "lost_reasons", "value": json.dumps(list(DEFAULT_LOST_REASONS))},
            {"key": "lead_sources", "value": json.dumps(list(DEFAULT_LEAD_SOURCES))},
        ]
    ).execute()


STEPS: tuple[Step, ...] = (_v1_initial,)
LATEST_VERSION = len(STEPS)


def schema_version(db: pw.Database) -> int:
    if isinstance(db, pw.SqliteDatabase):
        return db.execute_sql("PRAGMA user_version").fetchone()[0]
    # Look before creating: a read-only role may not create tables (CREATE … IF NOT EXISTS
    # checks the privilege even when the table is there).
    if db.execute_sql("SELECT to_regclass('schema_version')").fetchone()[0] is None:
        return 0
    row = db.execute_sql("SELECT max(version) FROM schema_version").fetchone()
    return row[0] or 0


def _set_version(db: pw.Database, version: int) -> None:
    if isinstance(db, pw.SqliteDatabase):
        db.execute_sql(f"PRAGMA user_version = {int(version)}")
        db.execute_sql(f"PRAGMA application_id = {APPLICATION_ID}")
    else:
        db.execute_sql("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        db.execute_sql("DELETE FROM schema_version")
        db.execute_sql("INSERT INTO schema_version (version) VALUES (%s)", (version,))


def migrate(db: pw.Database, target: int = LATEST_VERSION) -> int:
    """Bring the schema up to `target` in one transaction; return the version it started at."""
    start = schema_version(db)
    if start >= target:
        return start
    with db.atomic():
        for version in range(start + 1, target + 1):
            STEPS[version - 1](db)
        _set_version(db, target)
    return start
