"""Stage-history figures stored beside the history, so the metrics read them with indexed SQL
aggregates instead of replaying every stage change (400,000 at 100,000 deals) in Python.

- `stage_change.stay_days`: whole days from this change to the deal's next one, the changes
  taken in order of day, then id; NULL for the deal's latest change.
- `deal.furthest_stage_id`: the open stage furthest along the process (highest position) that
  the deal's history entered; NULL when it entered none.
- `deal.last_touch`: the latest day the deal was moved or had an activity done (stale deals);
  NULL when neither happened.

All are derived data. Every writer of stage changes or activities calls `refresh(db,
deal_ids)` inside its transaction (Repository.apply does it for every command's deals); bulk
loads call `refresh(db)` for every deal, stage reorders `refresh_furthest`. `mismatches`
recomputes everything and reports rows that disagree: the tests run it after each writer.

Portable SQL (SQLite ≥ 3.33 and PostgreSQL): UPDATE … FROM over a window query."""

from __future__ import annotations

from collections.abc import Iterable

import peewee as pw

_CHUNK = 500  # deal ids per IN (...) list
_WHOLE_TABLE = 20_000  # above this many deals one pass over everything is cheaper


def _is_postgres(db: pw.Database) -> bool:
    return isinstance(db, pw.PostgresqlDatabase)


def days_between(db: pw.Database, later: str, earlier: str) -> str:
    """Whole days from `earlier` to `later` (both dates) as SQL."""
    if _is_postgres(db):
        return f"({later} - {earlier})"
    return f"CAST(julianday({later}) - julianday({earlier}) AS INTEGER)"


def _differs(db: pw.Database, left: str, right: str) -> str:
    """NULL-safe inequality: only rows whose stored value is wrong get written."""
    return f"{left} IS DISTINCT FROM {right}" if _is_postgres(db) else f"{left} IS NOT {right}"


def _stays_sql(db: pw.Database, where: str) -> str:
    following = days_between(db, "DATE(LEAD(changed_at) OVER w)", "DATE(changed_at)")
    return f"""
UPDATE stage_change SET stay_days = fresh.stay
FROM (SELECT id, {following} AS stay FROM stage_change {where}
      WINDOW w AS (PARTITION BY deal_id ORDER BY DATE(changed_at), id)) AS fresh
WHERE fresh.id = stage_change.id AND {_differs(db, "stage_change.stay_days", "fresh.stay")}"""


# The furthest open stage a deal's history entered (process order: position, then id).
_FURTHEST = """(SELECT sc.to_stage_id FROM stage_change sc JOIN stage s ON s.id = sc.to_stage_id
  WHERE sc.deal_id = d.id AND s.outcome = 'open'
  ORDER BY s.position DESC, s.id DESC LIMIT 1)"""


def _furthest_sql(db: pw.Database, where: str) -> str:
    return f"""
UPDATE deal SET furthest_stage_id = fresh.furthest
FROM (SELECT d.id, {_FURTHEST} AS furthest FROM deal d {where}) AS fresh
WHERE fresh.id = deal.id AND {_differs(db, "deal.furthest_stage_id", "fresh.furthest")}"""


# The latest day a deal was moved or had an activity done; NULL when neither happened.
_MOVED = "(SELECT MAX(DATE(sc.changed_at)) FROM stage_change sc WHERE sc.deal_id = d.id)"
_DONE = "(SELECT MAX(a.done) FROM activity a WHERE a.deal_id = d.id)"


def _last_touch(db: pw.Database) -> str:
    if _is_postgres(db):
        return f"GREATEST({_MOVED}, {_DONE})"  # NULLs ignored
    # SQLite's max() of several values is NULL when one is: '' stands in, below any date.
    return f"NULLIF(max(IFNULL({_MOVED}, ''), IFNULL({_DONE}, '')), '')"


def _deal_figures_sql(db: pw.Database, where: str) -> str:
    changed = " OR ".join((_differs(db, "deal.furthest_stage_id", "fresh.furthest"),
                           _differs(db, "deal.last_touch", "fresh.touch")))
    return f"""
UPDATE deal SET furthest_stage_id = fresh.furthest, last_touch = fresh.touch
FROM (SELECT d.id, {_FURTHEST} AS furthest, {_last_touch(db)} AS touch
      FROM deal d {where}) AS fresh
WHERE fresh.id = deal.id AND ({changed})"""


def refresh(db: pw.Database, deal_ids: Iterable[int] | None = None) -> None:
    """Recompute the stored history figures of these deals (None: every deal)."""
    ids = None if deal_ids is None else sorted(set(deal_ids))
    if ids is not None and not ids:
        return
    if ids is None or len(ids) > _WHOLE_TABLE:
        db.execute_sql(_stays_sql(db, ""))
        db.execute_sql(_deal_figures_sql(db, ""))
        return
    for start in range(0, len(ids), _CHUNK):
        chunk = ids[start:start + _CHUNK]
        marks = ", ".join([db.param] * len(chunk))
        db.execute_sql(_stays_sql(db, f"WHERE deal_id IN ({marks})"), chunk)
        db.execute_sql(_deal_figures_sql(db, f"WHERE d.id IN ({marks})"), chunk)


def refresh_furthest(db: pw.Database) -> None:
    """After the open stages were reordered, added or removed: every deal's furthest stage."""
    db.execute_sql(_furthest_sql(db, ""))


def open_stage_order(db: pw.Database) -> list[int]:
    """The open stages' ids in process order: when it changes, `refresh_furthest`."""
    return [row[0] for row in db.execute_sql(
        "SELECT id FROM stage WHERE outcome = 'open' ORDER BY position, id").fetchall()]


def order_kept(before: list[int], after: list[int]) -> bool:
    """Did the open stages keep their order, at most gaining new ones? Then no deal's furthest
    stage moved: a deal can only have entered a new stage through history the same command
    wrote or restored, and a command reports those deals, which are refreshed with it (an
    import of another CRM's stages; a stage added in the editor; a deleted stage undone)."""
    kept = set(before)
    return [stage for stage in after if stage in kept] == before


def mismatches(db: pw.Database) -> list[str]:
    """Stored figures that differ from a fresh computation, as sentences (none: all current)."""
    following = days_between(db, "DATE(LEAD(changed_at) OVER w)", "DATE(changed_at)")
    problems = [f"stage change {row[0]}: stay_days {row[1]}, should be {row[2]}"
                for row in db.execute_sql(f"""
SELECT sc.id, sc.stay_days, fresh.stay FROM stage_change sc
JOIN (SELECT id, {following} AS stay FROM stage_change
      WINDOW w AS (PARTITION BY deal_id ORDER BY DATE(changed_at), id)) AS fresh
  ON fresh.id = sc.id
WHERE {_differs(db, "sc.stay_days", "fresh.stay")}""").fetchall()]
    problems += [f"deal {row[0]}: furthest_stage_id {row[1]}, should be {row[2]}"
                 for row in db.execute_sql(f"""
SELECT d.id, d.furthest_stage_id, {_FURTHEST} FROM deal d
WHERE {_differs(db, "d.furthest_stage_id", _FURTHEST)}""").fetchall()]
    problems += [f"deal {row[0]}: last_touch {row[1]}, should be {row[2]}"
                 for row in db.execute_sql(f"""
SELECT d.id, d.last_touch, {_last_touch(db)} FROM deal d
WHERE {_differs(db, "d.last_touch", _last_touch(db))}""").fetchall()]
    return problems
