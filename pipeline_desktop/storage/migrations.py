"""Schema versions. Each step runs inside the same transaction as the version bump, so a file is
either fully at the old version or fully at the new one. Never edit a released step: add one."""

from __future__ import annotations

import json
from collections.abc import Callable

import peewee as pw

from pipeline_desktop.domain.process import parse_criteria
from pipeline_desktop.domain.stages import (
    DEFAULT_LEAD_SOURCES,
    DEFAULT_LOST_REASONS,
    DEFAULT_STAGES,
)
from pipeline_desktop.storage import history_summary
from pipeline_desktop.storage.file_format import APPLICATION_ID, LATEST_VERSION
from pipeline_desktop.storage.tables import (
    FIGURES_COLUMNS,
    FIGURES_INDEX,
    FIT_COLUMNS,
    FIT_INDEX,
    tables_of,
)

Step = Callable[[pw.Database], None]
HOME_KEY = "home_currency"  # the setting that names a pipeline's home currency


def _v1_initial(db: pw.Database) -> None:
    tables = tables_of(db)
    db.create_tables(tables.all)
    tables.stage.insert_many(
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
    tables.setting.insert_many(
        [
            {"key": "lost_reasons", "value": json.dumps(list(DEFAULT_LOST_REASONS))},
            {"key": "lead_sources", "value": json.dumps(list(DEFAULT_LEAD_SOURCES))},
        ]
    ).execute()


def _v2_history_summary(db: pw.Database) -> None:
    """Stored stage-history figures for fast metrics (storage/history_summary.py), and the
    indexes that read them. `_v1_initial` creates tables from today's models, so a file made
    fresh already has the columns: this step adds only what an older file lacks."""
    _add_column(db, "deal", "furthest_stage_id", "INTEGER")
    _add_column(db, "deal", "last_touch", "DATE")
    _add_column(db, "stage_change", "stay_days", "INTEGER")
    for old in ("stage_change_deal_id", "stage_change_to_stage_id", "activity_deal_id",
                "deal_status"):
        db.execute_sql(f"DROP INDEX IF EXISTS {old}")
    for name, table, columns in (
            ("stage_change_deal_id_changed_at", "stage_change", "deal_id, changed_at"),
            ("stage_change_to_stage_id_stay_days", "stage_change", "to_stage_id, stay_days"),
            ("activity_deal_id_done", "activity", "deal_id, done"),
            (FIGURES_INDEX, "deal", ", ".join(FIGURES_COLUMNS))):
        db.execute_sql(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({columns})")
    history_summary.refresh(db)


def _v3_currencies(db: pw.Database) -> None:
    """Dated exchange rates, and a home currency for a pipeline that already has deals: the
    currency most of them use, so its figures stay what they were. (An empty pipeline takes
    its home currency on first use: storage/currency_store.py.)"""
    tables = tables_of(db)
    db.create_tables([tables.exchange_rate])  # safe: a fresh file made by _v1_initial has it
    if tables.setting.get_or_none(tables.setting.key == HOME_KEY) is None:
        row = db.execute_sql("SELECT currency, COUNT(*) FROM deal WHERE currency <> '' "
                             "GROUP BY currency ORDER BY 2 DESC, 1").fetchone()
        if row:
            tables.setting.insert(key=HOME_KEY, value=json.dumps(row[0])).execute()


def _add_column(db: pw.Database, table: str, column: str, sql_type: str) -> None:
    if column not in {c.name for c in db.get_columns(table)}:
        db.execute_sql(f"ALTER TABLE {table} ADD COLUMN {column} {sql_type}")


def _v4_criteria_identity(db: pw.Database) -> None:
    """Exit criteria by identity: each stage's criteria (one a line in `stage.exit_criteria`)
    become rows of `exit_criterion` with their own ids, so a rename keeps every tick on it
    (storage/criteria.py). Ticks stay texts in `deal.criteria_met`; nothing else changes."""
    db.execute_sql(
        "CREATE TABLE IF NOT EXISTS exit_criterion ("
        f"id {'SERIAL' if isinstance(db, pw.PostgresqlDatabase) else 'INTEGER'} NOT NULL "
        "PRIMARY KEY, stage_id INTEGER NOT NULL REFERENCES stage (id) ON DELETE CASCADE, "
        "position INTEGER NOT NULL, text TEXT NOT NULL)")
    db.execute_sql("CREATE INDEX IF NOT EXISTS exit_criterion_stage_id "
                   "ON exit_criterion (stage_id)")
    rows = [(stage_id, position, text)
            for stage_id, stored in db.execute_sql("SELECT id, exit_criteria FROM stage "
                                                   "ORDER BY id").fetchall()
            for position, text in enumerate(parse_criteria(stored))]
    if rows and not db.execute_sql("SELECT COUNT(*) FROM exit_criterion").fetchone()[0]:
        marks = ", ".join([db.param] * 3)
        db.cursor().executemany("INSERT INTO exit_criterion (stage_id, position, text) "
                                f"VALUES ({marks})", rows)


def _v5_fit_index(db: pw.Database) -> None:
    """The covering index the ideal-customer fit figures group closed deals by
    (tables.FIT_INDEX). A file made fresh by `_v1_initial` already has it."""
    db.execute_sql(f"CREATE INDEX IF NOT EXISTS {FIT_INDEX} ON deal ({', '.join(FIT_COLUMNS)})")


STEPS: tuple[Step, ...] = (_v1_initial, _v2_history_summary, _v3_currencies,
                           _v4_criteria_identity, _v5_fit_index)
if len(STEPS) != LATEST_VERSION:  # file_format.py names the version without importing peewee
    raise RuntimeError("file_format.LATEST_VERSION must equal the number of migration steps")


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
