"""The metrics' running totals filled from SQL aggregates: the cold path (`metrics --json`)
that never reads the deals one by one.

`RunningTotals` (services/totals.py) holds sums per stage, owner, source, month, lost reason
and {days: count} multisets; the window fills them deal by deal from a snapshot
(services/metrics.py) so that an edit can take one deal out and put it back. Here the same
totals come from small aggregates over the deals and the stored stage-history figures
(storage/history_summary.py), so both paths share one definition of every figure. Each reads
one covering index (tables.FIGURES_COLUMNS) rather than the deal rows, and groups by only
what its figures need: the closed deals by a prefix of that index (read in its order, no
sort), their months apart; only the stale open deals reach Python. About 150 ms of CPU at
100,000 deals, split over two connections (the closed deals' groups and the history's on the
second).

Portable SQL for SQLite and PostgreSQL; the differences (month text of a date, days between
dates, packing rows as JSON) are chosen per engine."""

from __future__ import annotations

import json
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from datetime import date
from typing import TYPE_CHECKING, Any

import peewee as pw

from pipeline_desktop.domain.currency import RateBook
from pipeline_desktop.domain.stages import open_stages
from pipeline_desktop.services.money_sql import MoneySql
from pipeline_desktop.services.periods import ALL_TIME, Period, to_ordinal
from pipeline_desktop.services.totals import (
    NO_OWNER,
    NO_REASON,
    NO_SOURCE,
    Metrics,
    MonthFigures,
    RunningTotals,
    StaleDeal,
)
from pipeline_desktop.storage.currency_store import read_book
from pipeline_desktop.storage.history_summary import days_between

if TYPE_CHECKING:
    from pipeline_desktop.storage.repository import Repository

# Values in the home currency ({value}: services/money_sql.py); the raw sum is for the deals
# whose currency has no rate (an open deal converts at the latest rate: one per currency).
# Grouped by a prefix of tables.FIGURES_COLUMNS, which it reads in that order: no sort.
_OPEN_SQL = """
SELECT stage_id, owner, source, probability, furthest_stage_id, currency,
       COUNT(*), COALESCE(SUM({value}), 0), COALESCE(SUM(value_cents), 0)
FROM deal WHERE status = 'open'
GROUP BY 1, 2, 3, 4, 5, 6"""
# The weighted forecast per expected-close month apart: only these few groups are sorted (at
# 100,000 deals 52 rather than all 2,900 groups above with the month among them: ~8 ms less).
_OPEN_MONTHS_SQL = """
SELECT stage_id, probability, {month}, COALESCE(SUM({value}), 0)
FROM deal WHERE status = 'open'
GROUP BY 1, 2, 3"""

# The closed deals in three small aggregates rather than one GROUP BY of everything (20,000
# groups sorted at 100,000 deals). Their groups are a prefix of tables.FIGURES_COLUMNS, the
# index they read, in its order: SQLite reads the groups in index order without sorting.
# A closed deal converts at the rate of its close date ({value} is NULL without one); the
# deals without a rate ({rated} = 0: foreign currencies only) are counted in the same pass,
# tallied by currency and taken out of the average deal size's count (a query of their own
# scanned the index again: ~12 ms at 100,000 deals).
_CLOSED_SQL = """
SELECT status, stage_id, owner, source, probability, furthest_stage_id AS furthest, currency,
       lost_reason AS reason, COUNT(*) AS deals, COALESCE(SUM({value}), 0) AS value,
       COUNT(value_cents) AS valued, SUM({rated}) AS rated,
       COALESCE(SUM(CASE WHEN {rated} = 0 THEN value_cents END), 0) AS unrated_raw,
       COUNT(CASE WHEN {rated} = 0 THEN value_cents END) AS unrated_valued
FROM deal WHERE status <> 'open' {period}
GROUP BY 1, 2, 3, 4, 5, 6, 7, 8"""
_CLOSED_COLUMNS = "status, stage_id, owner, source, probability, furthest, currency, reason, " \
    "deals, value, valued, rated, unrated_raw, unrated_valued"

# Won (with their value) and lost deals per month of the close date: the one sort left, a
# few dozen groups. Apart, each reads its own range of the index (status is one of open,
# won, lost: domain.model.Outcome), and the lost deals' values are never converted: at
# 100,000 deals 6 + 28 ms, against 63 ms for both in one GROUP BY.
_WON_MONTHS_SQL = """
SELECT {month}, COUNT(*), COALESCE(SUM({value}), 0) FROM deal WHERE status = 'won' {period}
GROUP BY 1"""
_LOST_MONTHS_SQL = """
SELECT {month} AS month, COUNT(*) AS deals FROM deal WHERE status = 'lost' {period}
GROUP BY 1"""

_CLOSE_DAYS_SQL = """
SELECT {days}, COUNT(*) FROM deal
WHERE status = 'won' AND closed IS NOT NULL {period}
GROUP BY 1"""

_STAYS_SQL = """
SELECT to_stage_id, stay_days, COUNT(*) FROM stage_change
WHERE stay_days IS NOT NULL AND to_stage_id IS NOT NULL
GROUP BY 1, 2"""

_STAYS_IN_PERIOD_SQL = """
SELECT sc.to_stage_id, sc.stay_days, COUNT(*) FROM stage_change sc
JOIN deal d ON d.id = sc.deal_id
WHERE sc.stay_days IS NOT NULL AND sc.to_stage_id IS NOT NULL
  AND (d.status = 'open' OR (d.closed >= {mark} AND d.closed <= {mark}))
GROUP BY 1, 2"""

# Open deals untouched since before their stage's cutoff day ({cutoffs}: CASE stage_id WHEN
# ... THEN day), with the last day they were moved or had an activity done (stored beside the
# history, storage/history_summary.py): read from the covering index alone, and only the
# stale ones reach Python (3,300 of 31,000 open deals in the sample).
_STALE_SQL = """
SELECT id, stage_id, value_cents, COALESCE(last_touch, created), currency FROM deal
WHERE status = 'open' AND COALESCE(last_touch, created) < CASE stage_id {cutoffs} END"""


def metrics_from_sql(repository: Repository, period: Period = ALL_TIME,
                     today: date | None = None) -> Metrics:
    """Every figure of issue 3 for `period` as of `today`, read now with SQL aggregates (the
    same figures as services/metrics.compute_metrics over a snapshot of the pipeline)."""
    return totals_from_sql(repository, period, today).metrics()


def totals_from_sql(repository: Repository, period: Period = ALL_TIME,
                    today: date | None = None) -> RunningTotals:
    """The running totals of every deal for `period` as of `today`, read with SQL aggregates,
    money in the home currency (deals without an exchange rate tallied apart)."""
    book = read_book(repository.db)
    filler = _Filler(repository.db, RunningTotals(repository.stages(), period,
                                                  today or date.today(), book.home), book)
    filler.fill()
    return filler.totals


class _Filler:
    """Adds grouped rows to a `RunningTotals`, as `_add_open`/`_add_closed` add one deal."""

    def __init__(self, db: pw.Database, totals: RunningTotals, book: RateBook) -> None:
        self.db = db
        self.totals = totals
        self.book = book
        self.money = MoneySql(db, book)
        self.postgres = isinstance(db, pw.PostgresqlDatabase)
        self.ranks = {s.id: rank for rank, s in enumerate(open_stages(totals.stages))}
        self.days: dict[Any, int | None] = {}  # date ordinals, once per distinct value
        self.month_indexes: dict[str | None, int | None] = {}  # "YYYY-MM" → periods.month_index

    def fill(self) -> None:
        condition, params = self._period()
        with _Background(self.db) as background:
            # The closed deals' groups are read on a second connection while this one reads
            # the rest (SQLite and PostgreSQL work without holding the GIL).
            value, value_params = self.money.value("deal.closed")
            rated, rated_params = self.money.rated("deal.closed")
            closed = background.run(self._one_row, _CLOSED_SQL.format(
                value=value, rated=rated, period=condition), _CLOSED_COLUMNS,
                (*value_params, *rated_params * 3, *params))
            month = self._month("closed")
            lost_months = background.run(self._one_row, _LOST_MONTHS_SQL.format(
                month=month, period=condition), "month, deals", params)
            stays = background.run(self._read_stays, params)
            self._open_groups()
            self._stale()
            days = days_between(self.db, "closed", "created")
            self._add_close_days(self._rows(_CLOSE_DAYS_SQL.format(days=days,
                                                                   period=condition), params))
            won_months = self._rows(_WON_MONTHS_SQL.format(month=month, value=value,
                                                           period=condition),
                                    (*value_params, *params))
            self._closed_groups(closed.result())
            self._closed_months(won_months, lost_months.result())
            self._add_stays(stays.result())

    def _read_stays(self, params: tuple) -> list[tuple]:
        if self.totals.period.is_all_time:
            return self._rows(_STAYS_SQL)
        return self._rows(_STAYS_IN_PERIOD_SQL.format(mark=self.db.param), params)

    # ---- SQL pieces ----------------------------------------------------------------------

    def _month(self, column: str) -> str:
        return f"to_char({column}, 'YYYY-MM')" if self.postgres else f"substr({column}, 1, 7)"

    def _period(self) -> tuple[str, tuple[str, ...]]:
        """The closed-date condition of the period and its parameters (none for all time)."""
        period = self.totals.period
        if period.is_all_time:
            return "", ()
        mark = self.db.param
        return f"AND closed >= {mark} AND closed <= {mark}", period.iso_bounds()

    def _rows(self, sql: str, params: tuple = ()) -> list[tuple]:
        return self.db.execute_sql(sql, params).fetchall()

    def _one_row(self, sql: str, columns: str, params: tuple = ()) -> list[list]:
        """The rows of `sql` as one JSON array, fetched in one step. For the second
        connection: fetching thousands of rows one by one hands the GIL back and forth with
        the first connection's fetching at every row (measured: both ran 40 % slower)."""
        if self.postgres:  # psycopg2 decodes json itself
            packed = f"SELECT json_agg(json_build_array({columns})) FROM ({sql}) AS grouped"
        else:
            packed = f"SELECT json_group_array(json_array({columns})) FROM ({sql}) AS grouped"
        value = self.db.execute_sql(packed, params).fetchone()[0]
        return (json.loads(value) if isinstance(value, str) else value) or []

    def _reach(self, stage_id: int, furthest: int | None) -> int:
        """Rank of the furthest open stage a deal reached: its history's or its current."""
        rank = self.ranks.get(stage_id, -1)
        return max(rank, self.ranks.get(furthest, -1)) if furthest is not None else rank

    def _month_index(self, text: str | None) -> int | None:
        found = self.month_indexes.get(text, -1)
        if found == -1:
            found = None
            if text:
                year, month = text.split("-")
                found = int(year) * 12 + int(month) - 1
            self.month_indexes[text] = found
        return found

    # ---- the groups ----------------------------------------------------------------------

    def _open_groups(self) -> None:
        t = self.totals
        value_sql, params = self.money.value()
        for (stage_id, owner, source, probability, furthest, currency, count, value,
             raw) in self._rows(_OPEN_SQL.format(value=value_sql), tuple(params)):
            figures = t.by_stage.get(stage_id)
            if figures is None:
                continue
            if self.book.rate(currency) is None:
                t.tally_unconverted(currency, count, int(raw))
            value = int(value)  # PostgreSQL sums bigints as numeric (Decimal)
            weighted = value * (figures.stage.probability if probability is None
                                else probability)
            figures.count += count
            figures.value += value
            t.weighted_by_stage[stage_id] += weighted
            t.open_count += count
            t.open_value += value
            t.weighted += weighted
            t.group(t.owners, owner or NO_OWNER).open += count
            t.group(t.sources, source or NO_SOURCE).open += count
            reach = self._reach(stage_id, furthest)
            if reach >= 0:
                t.reach_counts[reach] += count
        self._open_months(value_sql, params)

    def _open_months(self, value_sql: str, params: list[Any]) -> None:
        """The weighted value by expected-close month (a past month counts as this one)."""
        t = self.totals
        for stage_id, probability, month_text, value in self._rows(_OPEN_MONTHS_SQL.format(
                month=self._month("expected_close"), value=value_sql), tuple(params)):
            figures = t.by_stage.get(stage_id)
            month = self._month_index(month_text)
            if figures is None or month is None:
                continue
            month = max(month, t.current_month)
            if month <= t.last_month:
                t.month_weighted[month] += int(value) * (
                    figures.stage.probability if probability is None else probability)

    def _closed_groups(self, rows: list[list]) -> None:
        t = self.totals
        for (status, stage_id, owner, source, probability, furthest, currency, reason,
             count, value, valued, rated, unrated_raw, unrated_valued) in rows:
            value = int(value)  # PostgreSQL sums bigints as numeric (Decimal)
            if count > int(rated):  # deals without a rate: tallied, not in the mean
                t.tally_unconverted(currency, count - int(rated), int(unrated_raw))
                valued -= unrated_valued
            figures = t.by_stage.get(stage_id)
            if figures is not None:
                figures.count += count
                figures.value += value
                t.weighted_by_stage[stage_id] += value * (
                    figures.stage.probability if probability is None else probability)
            owner_figures = t.group(t.owners, owner or NO_OWNER)
            source_figures = t.group(t.sources, source or NO_SOURCE)
            if status == "won":
                t.won += count
                owner_figures.won += count
                source_figures.won += count
                owner_figures.won_value += value
                source_figures.won_value += value
                t.reach_counts[-1] += count
                t.won_valued += valued
                t.won_value_sum += value
            else:
                t.lost += count
                owner_figures.lost += count
                source_figures.lost += count
                reach = self._reach(stage_id, furthest)
                if reach >= 0:
                    t.reach_counts[reach] += count
                totals = t.reasons.setdefault(reason or NO_REASON, [0, 0])
                totals[0] += count
                totals[1] += value

    def _closed_months(self, won: list[tuple], lost: list[list]) -> None:
        for month_text, count, value in won:
            month = self._shown_month(month_text)
            if month is not None:
                month.won += count
                month.won_value += int(value)  # PostgreSQL sums bigints as numeric
        for month_text, count in lost:
            month = self._shown_month(month_text)
            if month is not None:
                month.lost += count

    def _shown_month(self, text: str | None) -> MonthFigures | None:
        index = self._month_index(text)
        return None if index is None else self.totals.months.get(index)

    def _add_close_days(self, rows: list[tuple]) -> None:
        for whole_days, count in rows:
            key = max(0, int(whole_days))
            self.totals.close_days[key] = self.totals.close_days.get(key, 0) + count

    def _add_stays(self, rows: list[tuple]) -> None:
        durations = self.totals.durations
        for stage_id, days, count in rows:
            counts = durations.setdefault(stage_id, {})
            counts[days] = counts.get(days, 0) + count

    def _stale(self) -> None:
        """Open deals untouched for longer than their stage allows (idle days > the stage's
        stale-after days, i.e. last touched before today − those days)."""
        t = self.totals
        if not t.stages:
            return
        today = t.today.toordinal()
        mark = self.db.param
        day = f"CAST({mark} AS DATE)" if self.postgres else mark  # ISO text on SQLite
        cutoffs, params = [], []
        for stage in t.stages:
            cutoffs.append(f"WHEN {mark} THEN {day}")
            params += [stage.id, date.fromordinal(today - stage.stale_after_days).isoformat()]
        convert = self.book.convert
        for deal_id, stage_id, value, touched, currency in self._rows(
                _STALE_SQL.format(cutoffs=" ".join(cutoffs)), tuple(params)):
            idle = today - self._ordinal(touched)
            t.stale[deal_id] = StaleDeal(deal_id, stage_id, idle, convert(value, currency))

    def _ordinal(self, value: object) -> int | None:
        found = self.days.get(value, -1)
        if found == -1:
            found = self.days[value] = to_ordinal(value)
        return found


class _Background:
    """Runs queries on a second connection (SQLite and PostgreSQL sort without holding the
    GIL, so the two connections use two cores), one after another on one thread that keeps
    its connection (and its page cache) until the block ends. Inside a transaction, or for
    an in-memory database, the queries run on this connection instead: a second one would
    not see the uncommitted rows."""

    def __init__(self, db: pw.Database) -> None:
        self.db = db
        self.pool: ThreadPoolExecutor | None = None
        if not db.in_transaction() and db.database not in ("", ":memory:"):
            self.pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="metrics-sql")

    def __enter__(self) -> _Background:
        return self

    def __exit__(self, *exc_info: object) -> None:
        if self.pool is not None:
            self.pool.submit(self.db.close)  # the pool thread's own connection only
            self.pool.shutdown(wait=True)

    def run(self, func: Callable[..., list[tuple]], *args: Any) -> Future[list[tuple]]:
        if self.pool is None:
            done: Future[list[tuple]] = Future()
            done.set_result(func(*args))
            return done
        return self.pool.submit(func, *args)  # peewee opens this thread's own connection
