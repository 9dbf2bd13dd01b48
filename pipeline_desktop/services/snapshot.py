"""The facts the metrics need, read once from the database and kept in memory.

`PipelineSnapshot.load` reads every deal with two queries (the deal columns that matter, and the
stage-change history) and condenses each deal into one `DealFacts` tuple: dates become ordinals,
the history becomes the furthest open stage reached and the completed stays in each stage.
After an edit, `update(deal_ids)` re-reads only those deals, so the window's tabs recompute
their figures without reading 100,000 deals again.

SQL stays portable (SQLite now, PostgreSQL later): plain SELECTs with `db.param` placeholders,
dates normalised in Python (ISO text from SQLite, date objects from PostgreSQL)."""

from __future__ import annotations

import gc
from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import NamedTuple

import peewee as pw

from pipeline_desktop.domain.currency import RateBook, convert_cents, rate_day
from pipeline_desktop.domain.model import Outcome, Stage
from pipeline_desktop.domain.stages import open_stages
from pipeline_desktop.services.periods import Period, to_ordinal
from pipeline_desktop.storage.currency_store import read_book
from pipeline_desktop.storage.repository import Repository

_DEALS_SQL = """
SELECT d.id, d.stage_id, d.status, d.value_cents, d.probability, d.owner, d.source,
       d.created, d.expected_close, d.closed, d.lost_reason,
       CASE WHEN d.status = 'open'
            THEN (SELECT MAX(a.done) FROM activity a WHERE a.deal_id = d.id) END, d.currency
FROM deal d"""
# Ordered by deal, then insertion: a deal's moves arrive together, usually in time order.
# DATE() exists on both engines (SQLite's function, PostgreSQL's function-style cast); a few
# hundred distinct days convert to ordinals far faster than one timestamp per move.
_HISTORY_SQL = "SELECT sc.deal_id, sc.to_stage_id, DATE(sc.changed_at) FROM stage_change sc"
_ID_CHUNK = 500  # ids per IN (...) list when re-reading a few deals


class DealFacts(NamedTuple):
    """One deal as the metrics see it. Dates are ordinals (`date.toordinal()`), money cents."""

    id: int
    stage_id: int
    status: str  # open | won | lost
    value: int | None
    probability: int | None  # the deal's own; None: its stage's
    owner: str
    source: str
    created: int | None
    expected: int | None
    closed: int | None
    lost_reason: str
    last_touch: int | None  # latest stage change or done activity (open deals only)
    reach: int  # rank of the furthest open stage reached (0 = first), -1 when none
    stays: tuple[tuple[int, int], ...]  # completed stays: (stage id, whole days)
    # Money is in the home currency: `value` is None for a deal whose currency has no rate
    # for its date (domain/currency.py); `no_rate` then names that currency, `raw` the value.
    no_rate: str = ""
    raw: int | None = None


class PipelineSnapshot:
    """All deals of one pipeline as `DealFacts`, with the stages they refer to.

    `open_deals` lists open deals; `closed_between(period)` gives the won and lost deals closed
    in a period through a bisect over deals sorted by closed date."""

    def __init__(self, db: pw.Database, stages: list[Stage], book: RateBook | str,
                 deals: dict[int, DealFacts]) -> None:
        self.db = db
        self.stages = stages
        self.book = book if isinstance(book, RateBook) else RateBook(book)
        self.currency = self.book.home
        self.deals = deals
        self._open: list[DealFacts] | None = None
        self._closed: list[DealFacts] | None = None  # by closed date
        self._closed_stored: list[DealFacts] = []
        self._closed_days: list[int] = []

    # ---- reading -------------------------------------------------------------------------

    @classmethod
    def load(cls, repository: Repository) -> PipelineSnapshot:
        """Read every deal of the repository's pipeline (three queries)."""
        stages = repository.stages()
        db = repository.db
        book = read_book(db)
        with no_gc():
            deals = read_facts(db, stages, book=book)
        return cls(db, stages, book, deals)

    def update(self, deal_ids: Iterable[int]) -> list[tuple[DealFacts | None, DealFacts | None]]:
        """Re-read these deals after an edit (a deleted deal disappears); return the
        (before, after) facts of each, so running totals can take one out and put one in."""
        ids = sorted(set(deal_ids))
        changed: list[tuple[DealFacts | None, DealFacts | None]] = []
        for start in range(0, len(ids), _ID_CHUNK):
            chunk = ids[start:start + _ID_CHUNK]
            fresh = read_facts(self.db, self.stages, chunk, book=self.book)
            for deal_id in chunk:
                before, after = self.deals.get(deal_id), fresh.get(deal_id)
                if after is None:
                    self.deals.pop(deal_id, None)
                else:
                    self.deals[deal_id] = after
                if before != after:
                    changed.append((before, after))
        if changed:
            self._open = None
        return changed

    # ---- views ---------------------------------------------------------------------------

    @property
    def open_deals(self) -> list[DealFacts]:
        self._index()
        assert self._open is not None
        return self._open

    @property
    def closed_deals(self) -> list[DealFacts]:
        """Won and lost deals in storage order."""
        self._index()
        return self._closed_stored

    def closed_between(self, period: Period) -> list[DealFacts]:
        """Won and lost deals whose closed date falls in the period, by closed date (all time:
        every closed deal, including any without a closed date, in storage order)."""
        self._index()
        if period.is_all_time:
            return self._closed_stored
        if self._closed is None:  # sorted on first use: all-time figures never need it
            # An undated closed deal sorts first (ordinal -1): only all time includes it.
            self._closed = sorted(self._closed_stored,
                                  key=lambda f: -1 if f.closed is None else f.closed)
            self._closed_days = [-1 if f.closed is None else f.closed for f in self._closed]
        first, last = period.bounds()
        days = self._closed_days
        return self._closed[bisect_left(days, first):bisect_right(days, last)]

    def __iter__(self) -> Iterator[DealFacts]:
        return iter(self.deals.values())

    def __len__(self) -> int:
        return len(self.deals)

    def _index(self) -> None:
        if self._open is not None:
            return
        self._open = [f for f in self.deals.values() if f.status == Outcome.OPEN]
        self._closed_stored = [f for f in self.deals.values() if f.status != Outcome.OPEN]
        self._closed = None


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector: a pass that makes half a million small tuples
    would trigger it over and over (a third of the time), and none of them forms a cycle."""
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()


def read_facts(db: pw.Database, stages: list[Stage], ids: list[int] | None = None, *,
               book: RateBook | None = None) -> dict[int, DealFacts]:
    """`DealFacts` of all deals, or of `ids`: one query for deals, one for their history.
    Values are converted into the home currency of `book` (read here when not given)."""
    book = book or read_book(db)
    is_home = book.is_home
    deal_sql, history_sql, params = _DEALS_SQL, _HISTORY_SQL, ()
    if ids is not None:
        marks = ", ".join([db.param] * len(ids))
        deal_sql += f" WHERE d.id IN ({marks})"
        history_sql += f" WHERE sc.deal_id IN ({marks})"
        params = tuple(ids)
    days = _Ordinals()
    ranks = _open_ranks(stages)
    history = _read_history(db, history_sql + " ORDER BY sc.deal_id, sc.id", params, ranks,
                            days)
    facts: dict[int, DealFacts] = {}
    no_history = (None, -1, ())
    rank_of = ranks.get
    for (deal_id, stage_id, status, value, probability, owner, source, created, expected,
         closed, lost_reason, done, currency) in db.execute_sql(deal_sql, params).fetchall():
        no_rate, raw = "", None
        if not is_home(currency):
            raw, rate = value, book.rate(currency, rate_day(status, _iso_day(closed)))
            if rate is None:
                value, no_rate = None, currency
            elif value is not None:
                value = convert_cents(value, rate)
        last_change, reach, stays = history.get(deal_id, no_history)
        rank = rank_of(stage_id, -1)
        last_touch = None
        if status == "open":
            done_day = days[done]
            last_touch = last_change if done_day is None or (
                last_change is not None and last_change > done_day) else done_day
        facts[deal_id] = DealFacts(
            deal_id, stage_id, status, value, probability, owner or "", source or "",
            days[created], days[expected], days[closed], lost_reason or "", last_touch,
            rank if rank > reach else reach, stays, no_rate, raw)
    return facts


def _iso_day(value: object) -> str | None:
    """ISO text of a stored date (text on SQLite, a date on PostgreSQL)."""
    if value is None or isinstance(value, str):
        return value[:10] if value else None
    return value.isoformat()[:10]  # type: ignore[attr-defined]


class _Ordinals(dict):
    """Date ordinals of database values, computed once per distinct value."""

    def __missing__(self, key: object) -> int | None:
        value = to_ordinal(key)
        self[key] = value
        return value


def _open_ranks(stages: list[Stage]) -> dict[int, int]:
    return {stage.id: rank for rank, stage in enumerate(open_stages(stages))}


History = tuple[int | None, int, tuple[tuple[int, int], ...]]


def _read_history(db: pw.Database, sql: str, params: tuple, ranks: dict[int, int],
                  days: _Ordinals) -> dict[int, History]:
    """Per deal: (day of the last change, furthest open rank, completed stays), in one pass
    over the rows ordered by deal. A deal whose rows are out of time order (moves recorded
    with a past date) is summarised again after sorting them."""
    rows = db.execute_sql(sql, params).fetchall()
    result: dict[int, History] = {}
    rank_of = defaultdict(lambda: -1, ranks)  # subscripting beats .get in this loop
    unordered: set[int] = set()
    current = None
    reach, stays = -1, []
    previous_stage = previous_day = None
    for deal_id, to_stage, changed_at in rows:
        day = days[changed_at]
        if deal_id != current:
            if current is not None:
                result[current] = (previous_day, reach, tuple(stays))
            current, reach, stays = deal_id, -1, []
        elif day is not None and previous_day is not None:
            if day < previous_day:
                unordered.add(deal_id)
            elif previous_stage is not None:
                stays.append((previous_stage, day - previous_day))
        rank = rank_of[to_stage]
        if rank > reach:
            reach = rank
        previous_stage, previous_day = to_stage, day
    if current is not None:
        result[current] = (previous_day, reach, tuple(stays))
    if unordered:
        moves: dict[int, list[tuple]] = defaultdict(list)
        for row in rows:
            if row[0] in unordered:
                moves[row[0]].append(row)
        for deal_id, deal_rows in moves.items():
            result[deal_id] = _summarise(deal_rows, ranks, days)
    return result


def _summarise(rows: list[tuple], ranks: dict[int, int], days: _Ordinals) -> History:
    """The slow path of `_read_history` for one deal: sort its rows by time, then walk them."""
    moves = sorted(rows, key=lambda row: (days[row[2]] or 0))
    reach, stays = -1, []
    previous_stage, previous_day = None, None
    for _deal_id, to_stage, changed_at in moves:
        day = days[changed_at]
        if previous_stage is not None and previous_day is not None and day is not None:
            stays.append((previous_stage, day - previous_day))
        reach = max(reach, ranks.get(to_stage, -1))
        previous_stage, previous_day = to_stage, day
    return previous_day, reach, tuple(stays)
