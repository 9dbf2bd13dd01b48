"""The queries that feed the health rules: each reads what the rules need into plain values
(`domain/health_data.py`), with SQL aggregates wherever the rules need only counts.

- the open deals, one row each, with the figures stored beside the history
  (`storage/history_summary.py`): `deal.last_touch` for stale deals, the latest change's day
  for the wait still going on, whether an open activity is scheduled;
- the stage history as two grouped counts, never row by row: moves out of each stage per
  window (`ExitCount`), and stays per stage, length and window (`StayCount`) from
  `stage_change.stay_days`: a stay is the time from the change that entered a stage to the
  deal's next change, and it ended on the day of that next change;
- new, won and lost deals in the comparison windows (one scan, conditional sums);
- deals without an exchange rate, and deals grouped by what the ideal customer profile reads.

Dates are compared as ISO text on SQLite and as dates on PostgreSQL; the open deals' come as
day ordinals (`_ordinal`). On SQLite the big reads go straight through their table (NOT
INDEXED): nearly every change falls in the windows, and a third of the deals are open, so an
index would only add a lookup per row (at 100,000 deals: open deals 0.20 s → 0.11 s, fit
groups 0.14 s → 0.08 s)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date, timedelta
from typing import Any, TypeVar

import peewee as pw

from pipeline_desktop.domain.health_data import (
    ExitCount,
    FitGroup,
    History,
    OpenDeal,
    Pipeline,
    StayCount,
    Thresholds,
)
from pipeline_desktop.domain.health_fit import FitKey
from pipeline_desktop.domain.health_rules import condense_history
from pipeline_desktop.domain.icp import IdealCustomerProfile
from pipeline_desktop.domain.model import Stage
from pipeline_desktop.services.money_sql import MoneySql
from pipeline_desktop.storage.currency_store import read_book
from pipeline_desktop.storage.repository import Repository

_OPEN_SQL = """
SELECT d.id, d.title, d.stage_id, {value}, COALESCE(d.probability, s.probability),
       {created}, {expected}, d.budget_confirmed, d.authority_known,
       CASE WHEN d.need <> '' THEN 1 ELSE 0 END, d.timeline, d.criteria_met, {touched},
       {moved}
FROM deal d {scan} JOIN stage s ON s.id = d.stage_id
WHERE d.status = 'open'"""
_MOVED_LAST = "(SELECT MAX(sc.changed_at) FROM stage_change sc WHERE sc.deal_id = d.id)"
# Deals with an open activity that has a due day: one scan (a lookup per open deal costs more).
_SCHEDULED_SQL = "SELECT deal_id FROM activity {scan} WHERE done IS NULL AND due IS NOT NULL"

# Moves on days in the trailing or the recent window (params: its first day, the day after
# today; then the recent window's first day), and stays that ended in them: the next change's
# day is this change's day + stay_days.
_MOVED = ("changed_at >= {p} AND changed_at < {p} "
          "AND from_stage_id IS NOT NULL AND to_stage_id IS NOT NULL", "changed_at >= {p}")
_ENDED = ("stay_days IS NOT NULL AND to_stage_id IS NOT NULL "
          "AND {ended} >= {day} AND {ended} < {day}", "{ended} >= {day}")
_GROUPED_SQL = """
SELECT {key}, CASE WHEN {recent} THEN 1 ELSE 0 END, COUNT(*)
FROM stage_change {scan} WHERE {within} GROUP BY 1, 2, 3"""
# SQLite has no hash aggregate: each GROUP BY above sorts every change (~0.2 s apiece at
# 400,000). One pass that lists both keys of each change, (from, to, recent) and (stay, stage,
# recent) packed in an integer, counted by Python's Counter, costs about a third of the two.
_PACK = 1 << 20  # stage ids below this pack; larger ones take the grouped queries
_LISTED_SQL = """
SELECT group_concat(CASE WHEN {moved} THEN (from_stage_id * {pack} + to_stage_id) * 2
                         + ({moved_recent}) END, ' '),
       group_concat(CASE WHEN {ended} THEN (stay_days * {pack} + to_stage_id) * 2
                         + ({ended_recent}) END, ' ')
FROM stage_change NOT INDEXED"""

_COUNTS_SQL = """
SELECT SUM(CASE WHEN created >= {p} AND created <= {p} THEN 1 ELSE 0 END),
       SUM(CASE WHEN created >= {p} AND created < {p} THEN 1 ELSE 0 END),
       SUM(CASE WHEN status = 'won' AND closed >= {p} AND closed <= {p} THEN 1 ELSE 0 END),
       SUM(CASE WHEN status = 'lost' AND closed >= {p} AND closed <= {p} THEN 1 ELSE 0 END),
       SUM(CASE WHEN status = 'won' AND closed >= {p} AND closed < {p} THEN 1 ELSE 0 END),
       SUM(CASE WHEN status = 'lost' AND closed >= {p} AND closed < {p} THEN 1 ELSE 0 END)
FROM deal"""
_COUNT_NAMES = ("new_recent", "new_previous", "won_recent", "lost_recent", "won_trailing",
                "lost_trailing")

_UNRATED_SQL = """
SELECT d.id, d.currency, d.value_cents FROM deal d WHERE {rated} = 0
ORDER BY d.value_cents DESC, d.id"""

# What the profile reads of a deal's company and contact. A company's size only matters as
# inside or outside the profile's range: one size stands for each (the range's lower end, or
# -1, which no range holds), so deals group into a few hundred kinds.
_FIT_COLUMNS = """COALESCE(c.industry, ''),
       CASE WHEN c.employees IS NULL THEN NULL
            WHEN c.employees >= {p} AND c.employees <= {p} THEN {p} ELSE -1 END,
       COALESCE(c.region, ''), COALESCE(p.job_title, '')"""
_FIT_GROUPS_SQL = """
SELECT {columns}, SUM(g.won), SUM(g.new)
FROM (SELECT d.company_id, d.contact_id,
             SUM(CASE WHEN d.status = 'won' AND d.closed >= {p} THEN 1 ELSE 0 END) AS won,
             SUM(CASE WHEN d.created >= {p} THEN 1 ELSE 0 END) AS new
      FROM deal d {scan}
      WHERE d.created >= {p} OR (d.status = 'won' AND d.closed >= {p})
      GROUP BY d.company_id, d.contact_id) AS g
LEFT JOIN company c ON c.id = g.company_id
LEFT JOIN contact p ON p.id = g.contact_id
GROUP BY 1, 2, 3, 4"""
_NEW_FITS_SQL = """
SELECT d.id, {columns}
FROM deal d
LEFT JOIN company c ON c.id = d.company_id
LEFT JOIN contact p ON p.id = d.contact_id
WHERE d.created >= {p}"""
T = TypeVar("T")
NO_LIMIT = 2 ** 62  # "no upper size": larger than any company, still a bigint


def _ordinal(db: pw.Database, value: str) -> str:
    """A date or timestamp as its day ordinal (`date.toordinal`), in SQL: 31,000 open deals'
    dates need no Python call each. A julian day starts at noon, hence the half day."""
    if _is_postgres(db):
        return f"(CAST({value} AS DATE) - DATE '0001-01-01' + 1)"
    return f"(CAST(julianday({value}) + 0.5 AS INTEGER) - 1721425)"


def _is_postgres(db: pw.Database) -> bool:
    return isinstance(db, pw.PostgresqlDatabase)


def _scan(db: pw.Database) -> str:
    return "" if _is_postgres(db) else "NOT INDEXED"


def read_pipeline(repository: Repository, today: date, thresholds: Thresholds) -> Pipeline:
    """Everything the findings read, as of `today`, money in the home currency. The history
    (two scans of every stage change, mostly SQLite's sorting, which holds no GIL) is read
    on a second connection while this one reads the rest."""
    db = repository.db
    stages = repository.stages()
    with Beside(db) as beside:
        history = beside.run(read_history, repository, stages, today, thresholds)
        unconverted, unconverted_ids = read_unconverted(repository)
        open_deals = read_open_deals(repository, today)
        counts = read_counts(repository, today, thresholds)
        return Pipeline(today.toordinal(), stages, open_deals, history.result(), counts,
                        read_book(db).home, unconverted, unconverted_ids)


class Beside:
    """Runs one reader on a second connection of the same database (peewee gives each thread
    its own). Inside a transaction, or for an in-memory database, it runs here instead: a
    second connection would not see the uncommitted rows."""

    def __init__(self, db: pw.Database) -> None:
        self.db = db
        self.pool: ThreadPoolExecutor | None = None
        if not db.in_transaction() and db.database not in ("", ":memory:"):
            self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="health-sql")

    def __enter__(self) -> Beside:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=True)

    def run(self, func: Callable[..., T], *args: Any) -> Future[T]:
        if self.pool is None:
            done: Future[T] = Future()
            done.set_result(func(*args))
            return done
        return self.pool.submit(self._on_own_connection, func, *args)

    def _on_own_connection(self, func: Callable[..., T], *args: Any) -> T:
        try:
            return func(*args)
        finally:
            self.db.close()  # this thread's connection only


def read_open_deals(repository: Repository, today: date) -> list[OpenDeal]:
    db = repository.db
    value_sql, params = MoneySql(db, read_book(db), "d").value()  # in the home currency
    scheduled = {row[0] for row in db.execute_sql(_SCHEDULED_SQL.format(scan=_scan(db)))}
    sql = _OPEN_SQL.format(value=value_sql, scan=_scan(db), created=_ordinal(db, "d.created"),
                           expected=_ordinal(db, "d.expected_close"),
                           touched=_ordinal(db, "d.last_touch"), moved=_ordinal(db, _MOVED_LAST))
    none: frozenset[str] = frozenset()
    deals = []
    for (deal_id, title, stage_id, value, probability, created, expected, budget, authority,
         need, timeline, criteria, touched, moved) in db.execute_sql(sql, tuple(params)):
        created = created or today.toordinal()
        deals.append(OpenDeal(
            deal_id, title, stage_id, value, (value or 0) * probability // 100, created,
            expected,
            int(bool(budget)) + int(bool(authority)) + int(bool(need)) + int(timeline is not None),
            frozenset(filter(None, map(str.strip, criteria.splitlines()))) if criteria else none,
            created if touched is None else max(created, touched), deal_id in scheduled,
            moved or created))
    return deals


def _windows(today: date, th: Thresholds) -> tuple[date, date, date]:
    """(first day of the trailing window, first day of the recent one, the day after today)."""
    recent_start = today - timedelta(days=th.recent_days - 1)
    return recent_start - timedelta(days=th.trailing_days), recent_start, \
        today + timedelta(days=1)


def read_history(repository: Repository, stages: list[Stage], today: date,
                 th: Thresholds) -> History:
    db = repository.db
    trail_start, recent_start, after = (d.isoformat() for d in _windows(today, th))
    if _is_postgres(db):
        ended, day = "(CAST(changed_at AS DATE) + stay_days)", f"CAST({db.param} AS DATE)"
    else:  # whole days after midnight compare as the dates do: no DATE() per row
        ended, day = "(julianday(changed_at) + stay_days)", f"julianday({db.param})"
    moved = [part.format(p=db.param) for part in _MOVED]
    stayed = [part.format(ended=ended, day=day) for part in _ENDED]
    window = (trail_start, after, recent_start)
    if not _is_postgres(db) and all(0 <= s.id < _PACK for s in stages):
        sql = _LISTED_SQL.format(moved=moved[0], moved_recent=moved[1], ended=stayed[0],
                                 ended_recent=stayed[1], pack=_PACK)
        row = db.execute_sql(sql, window + window).fetchone() or (None, None)
        exits = [ExitCount(*divmod(key // 2, _PACK), bool(key % 2), n)
                 for key, n in _tally(row[0])]
        stays = [StayCount(key // 2 % _PACK, key // 2 // _PACK, bool(key % 2), n)
                 for key, n in _tally(row[1])]
        return condense_history(stages, exits, stays)
    exits = [ExitCount(from_id, to_id, bool(recent), int(n))
             for from_id, to_id, recent, n in _grouped(db, "from_stage_id, to_stage_id",
                                                      moved, window)]
    stays = [StayCount(stage_id, stay, bool(recent), int(n))
             for stage_id, stay, recent, n in _grouped(db, "to_stage_id, stay_days",
                                                       stayed, window)]
    return condense_history(stages, exits, stays)


def _tally(listed: str | None) -> list[tuple[int, int]]:
    """(key, how many times) of the keys group_concat listed; counted as text, so only the
    few distinct keys become integers."""
    return [(int(key), n) for key, n in Counter((listed or "").split()).items()]


def _grouped(db: pw.Database, key: str, where: list[str], window: tuple[str, ...]
             ) -> list[tuple]:
    sql = _GROUPED_SQL.format(key=key, recent=where[1], within=where[0], scan=_scan(db))
    return db.execute_sql(sql, (window[2], *window[:2])).fetchall()


def read_counts(repository: Repository, today: date, th: Thresholds) -> dict[str, int]:
    """New deals and closed deals in the comparison windows: one scan, conditional sums."""
    iso = today.isoformat()
    new_start = (today - timedelta(days=th.compare_days - 1)).isoformat()
    prev_start = (today - timedelta(days=2 * th.compare_days - 1)).isoformat()
    trail_start, recent, _ = (d.isoformat() for d in _windows(today, th))
    params = (new_start, iso, prev_start, new_start, recent, iso, recent, iso,
              trail_start, recent, trail_start, recent)
    row = repository.db.execute_sql(_COUNTS_SQL.format(p=repository.db.param),
                                    params).fetchone() or ()
    return {name: int(value or 0) for name, value in zip(_COUNT_NAMES, row, strict=False)}


def read_unconverted(repository: Repository
                     ) -> tuple[dict[str, tuple[int, int]], tuple[int, ...]]:
    """Deals (open, or closed on a day) whose currency has no exchange rate:
    ({currency: (deals, cents)}, their ids, most valuable first)."""
    money = MoneySql(repository.db, read_book(repository.db), "d")
    rated, params = money.rated(money.closed_day())
    tally: dict[str, list[int]] = {}
    ids: list[int] = []
    for deal_id, currency, cents in repository.db.execute_sql(
            _UNRATED_SQL.format(rated=rated), tuple(params)).fetchall():
        counts = tally.setdefault(currency, [0, 0])
        counts[0] += 1
        counts[1] += int(cents or 0)
        ids.append(deal_id)
    return {code: (n, cents) for code, (n, cents) in sorted(tally.items())}, tuple(ids)


def read_profile(repository: Repository) -> IdealCustomerProfile:
    return IdealCustomerProfile.from_json(repository.setting("icp"))


def _fit_bounds(profile: IdealCustomerProfile) -> tuple[int, int, int]:
    low = profile.min_employees or 0  # never above max_employees (from_json orders them)
    high = NO_LIMIT if profile.max_employees is None else profile.max_employees
    return low, high, low


def _fit_starts(today: date, th: Thresholds) -> tuple[str, str]:
    """(first day a deal counts as new, first day a won deal counts)."""
    return ((today - timedelta(days=th.recent_days - 1)).isoformat(),
            (today - timedelta(days=365)).isoformat())


def read_fit_groups(repository: Repository, profile: IdealCustomerProfile, today: date,
                    th: Thresholds) -> list[FitGroup]:
    """Deals won in the last year and deals new in the recent window, grouped by what the
    profile reads of them."""
    p = repository.db.param
    new_start, won_start = _fit_starts(today, th)
    sql = _FIT_GROUPS_SQL.format(columns=_FIT_COLUMNS.format(p=p), p=p,
                                 scan=_scan(repository.db))
    params = (*_fit_bounds(profile), won_start, new_start, new_start, won_start)
    return [FitGroup(industry, employees, region, title, int(won), int(new))
            for industry, employees, region, title, won, new
            in repository.db.execute_sql(sql, params).fetchall()]


def read_new_fits(repository: Repository, profile: IdealCustomerProfile, today: date,
                  th: Thresholds) -> list[tuple[int, FitKey]]:
    """The deals new in the recent window, each with what the profile reads of it."""
    p = repository.db.param
    sql = _NEW_FITS_SQL.format(columns=_FIT_COLUMNS.format(p=p), p=p)
    params = (*_fit_bounds(profile), _fit_starts(today, th)[0])
    return [(deal_id, (industry, employees, region, title))
            for deal_id, industry, employees, region, title
            in repository.db.execute_sql(sql, params).fetchall()]
