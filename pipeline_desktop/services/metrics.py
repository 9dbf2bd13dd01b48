"""The metrics engine: win rate, deal size, days to close, open and weighted value, velocity,
stage conversion and waiting times, forecast, figures by owner and lead source, stale deals.

Every figure comes from `RunningTotals`, filled either deal by deal from a `PipelineSnapshot`
(snapshot.py: the window keeps one and updates it after each edit) or from SQL aggregates
(metrics_sql.py: `compute_metrics` on a repository, the cold path); no Qt here. Definitions
(issue 3):

- The period selects won and lost deals by closed date; open-pipeline figures are as of now.
  Stage conversion and waiting times use the same deals: open now, or closed in the period.
- win rate = won / (won + lost); average deal size = mean value of won deals with a value;
  days to close = closed − created of won deals (median and mean).
- weighted value = value × probability (the deal's own, else its stage's).
- velocity per day = open deals × win rate × average deal size ÷ mean days to close.
- conversion to next (open stages) = of the deals that reached a stage, the share that reached
  the next (the last open stage's next is Won; a won deal reached every stage; a deal without
  history reached every stage up to its current one).
- stale = open deals with no stage change and no done activity for longer than the stage's
  stale-after days.
- forecast = per month, the weighted value of open deals expected to close in it (overdue deals
  count in the current month) and the value won in it.
- money is in the home currency (issue 13, domain/currency.py): a closed deal at the rate of
  its close date, an open one at the latest; a deal without a rate has no value here (never
  its raw amount) and is tallied in `unconverted` by currency.

Reuse: `compute_metrics(snapshot, period, today, deal_filter=...)` computes every figure for a
subset of deals (e.g. good-fit deals); `conversion_by_stage` and `stage_durations` give the
funnel figures alone for a period; `to_json` is the command line's contract."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from datetime import date
from typing import Any

from pipeline_desktop.domain.model import Outcome, Stage
from pipeline_desktop.domain.stages import open_stages
from pipeline_desktop.services.periods import (
    ALL_TIME,
    Period,
    month_index,
    month_label,
    month_of_ordinal,
)
from pipeline_desktop.services.snapshot import DealFacts, PipelineSnapshot, no_gc

FORECAST_MONTHS_AHEAD = 12  # the current month and the 11 after it
HISTORY_MONTHS = 12  # months of won value shown before the current one (all-time view)
MAX_HISTORY_MONTHS = 36
NO_OWNER = "(no owner)"
NO_SOURCE = "(no source)"
NO_REASON = "(no reason given)"

DealFilter = Callable[[DealFacts], bool]


@dataclass
class StageFigures:
    stage: Stage
    count: int = 0
    value: int = 0  # cents
    weighted: float = 0.0  # cents
    reached: int = 0  # deals that reached this stage (open stages)
    conversion_to_next: float | None = None
    median_days_in_stage: float | None = None


@dataclass
class GroupFigures:
    """One owner's or lead source's deals: open now, won and lost in the period."""

    name: str
    open: int = 0
    won: int = 0
    lost: int = 0
    won_value: int = 0  # cents

    @property
    def win_rate(self) -> float | None:
        closed = self.won + self.lost
        return self.won / closed if closed else None


@dataclass
class MonthFigures:
    month: int  # see periods.month_index
    weighted: float = 0.0  # cents, open deals expected to close in the month
    won_value: int = 0  # cents
    won: int = 0
    lost: int = 0

    @property
    def label(self) -> str:
        return month_label(self.month)

    @property
    def win_rate(self) -> float | None:
        closed = self.won + self.lost
        return self.won / closed if closed else None


@dataclass
class StaleDeal:
    deal_id: int
    stage_id: int
    idle_days: int
    value: int | None


@dataclass
class Metrics:
    period: Period
    today: date
    currency: str
    open: int = 0
    won: int = 0
    lost: int = 0
    win_rate: float | None = None
    average_deal_size: float | None = None  # cents
    median_days_to_close: float | None = None
    mean_days_to_close: float | None = None
    open_value: int = 0  # cents
    weighted_value: float = 0.0  # cents
    velocity_per_day: float | None = None  # cents a day
    stages: list[StageFigures] = field(default_factory=list)
    months: list[MonthFigures] = field(default_factory=list)
    by_owner: list[GroupFigures] = field(default_factory=list)
    by_source: list[GroupFigures] = field(default_factory=list)
    lost_reasons: list[tuple[str, int, int]] = field(default_factory=list)  # reason, n, cents
    stale: list[StaleDeal] = field(default_factory=list)  # longest idle first
    # Deals left out of every money figure, their currency having no exchange rate for their
    # date: {currency: (deals, cents in that currency)}.
    unconverted: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def total(self) -> int:
        return self.open + self.won + self.lost

    @property
    def current_month(self) -> int:
        return month_index(self.today)

    def open_stage_figures(self) -> list[StageFigures]:
        return [s for s in self.stages if s.stage.is_open]

    def lowest_conversion(self) -> StageFigures | None:
        """The open stage that loses the largest share of its deals (a bottleneck)."""
        rated = [s for s in self.open_stage_figures() if s.conversion_to_next is not None]
        return min(rated, key=lambda s: s.conversion_to_next, default=None)  # type: ignore

    def longest_wait(self) -> StageFigures | None:
        """The open stage where deals wait longest (median days; the other bottleneck)."""
        timed = [s for s in self.open_stage_figures() if s.median_days_in_stage is not None]
        return max(timed, key=lambda s: s.median_days_in_stage, default=None)  # type: ignore


# ---- the engine --------------------------------------------------------------------------

def compute_metrics(source: PipelineSnapshot | Any, period: Period = ALL_TIME,
                    today: date | None = None, *, deal_filter: DealFilter | None = None
                    ) -> Metrics:
    """Every figure of issue 3 for `period` as of `today`.

    `source` is a PipelineSnapshot (reused across refreshes) or a Repository, read now with
    SQL aggregates (services/metrics_sql.py) unless a `deal_filter` needs each deal.
    `deal_filter` keeps only the deals it accepts (e.g. good-fit deals for a comparison)."""
    if not isinstance(source, PipelineSnapshot) and deal_filter is None:
        from pipeline_desktop.services.metrics_sql import totals_from_sql  # imports this module

        return totals_from_sql(source, period, today).metrics()
    snapshot = source if isinstance(source, PipelineSnapshot) else PipelineSnapshot.load(source)
    totals = RunningTotals(snapshot.stages, period, today or date.today(), snapshot.currency,
                           deal_filter=deal_filter)
    totals.add_all(snapshot)
    return totals.metrics()


def conversion_by_stage(snapshot: PipelineSnapshot, period: Period = ALL_TIME
                        ) -> list[tuple[Stage, int, float | None]]:
    """(open stage, deals that reached it, conversion to the next) in process order, over the
    deals open now or closed in the period."""
    figures = compute_metrics(snapshot, period).open_stage_figures()
    return [(s.stage, s.reached, s.conversion_to_next) for s in figures]


def stage_durations(deals: Iterable[DealFacts]) -> dict[int, list[int]]:
    """Whole days of every completed stay, by stage id, over these deals."""
    durations: dict[int, list[int]] = {}
    for facts in deals:
        for stage_id, days in facts.stays:
            durations.setdefault(stage_id, []).append(days)
    return durations


def counter_median(counts: dict[int, int]) -> float | None:
    """The median of a multiset given as {value: how many times}."""
    total = sum(counts.values())
    if total <= 0:
        return None
    lower_rank, upper_rank = (total - 1) // 2, total // 2
    lower = upper = None
    seen = 0
    for value in sorted(k for k, n in counts.items() if n > 0):
        seen += counts[value]
        if lower is None and seen > lower_rank:
            lower = value
        if seen > upper_rank:
            upper = value
            break
    assert lower is not None and upper is not None
    return (lower + upper) / 2


class RunningTotals:
    """The sums behind `Metrics` for one period, kept so that a deal can be taken out and put
    back in (`add(facts, -1)` then `add(new_facts)`) after an edit, instead of a full pass.

    Money is summed as integers (weighted as value × percent) so removing a deal restores the
    totals exactly; medians come from {days: count} multisets for the same reason."""

    def __init__(self, stages: list[Stage], period: Period, today: date, currency: str = "USD",
                 *, deal_filter: DealFilter | None = None) -> None:
        self.stages = stages
        self.period = period
        self.today = today
        self.currency = currency
        self.deal_filter = deal_filter
        self.first_day, self.last_day = period.bounds()
        self.by_stage = {s.id: StageFigures(s) for s in stages}
        self.weighted_by_stage = dict.fromkeys(self.by_stage, 0)  # value × percent
        self.open_order = open_stages(stages)
        self.reach_counts = [0] * (len(self.open_order) + 1)  # deals whose furthest rank is i
        self.durations: dict[int, dict[int, int]] = {}
        self.owners: dict[str, GroupFigures] = {}
        self.sources: dict[str, GroupFigures] = {}
        self.reasons: dict[str, list[int]] = {}
        self.close_days: dict[int, int] = {}
        self.won_valued = self.won_value_sum = 0
        self.open_count = self.won = self.lost = 0
        self.open_value = self.weighted = 0
        self.stale: dict[int, StaleDeal] = {}
        self.unconverted: dict[str, list[int]] = {}  # currency → [deals, cents]
        self.current_month = month_index(today)
        self.first_month = _first_month(period, today)
        self.last_month = self.current_month + FORECAST_MONTHS_AHEAD - 1
        self.months = {m: MonthFigures(m) for m in range(self.first_month, self.last_month + 1)}
        self.month_weighted = dict.fromkeys(self.months, 0)
        self.month_cache: dict[int, int] = {}

    def add_all(self, deals: Iterable[DealFacts]) -> None:
        """Count every deal in. Given a snapshot, only its open deals and the deals closed in
        the period are visited (a bisect over closed dates), not the whole pipeline."""
        if isinstance(deals, PipelineSnapshot):
            keep = self.deal_filter
            add_open, add_closed = self._add_open, self._add_closed
            with no_gc():
                for f in deals.open_deals:
                    if keep is None or keep(f):
                        add_open(f, 1)
                # All time: every closed deal, in storage order (kinder to the CPU cache).
                closed = deals.closed_deals if self.period.is_all_time else \
                    deals.closed_between(self.period)
                for f in closed:
                    if keep is None or keep(f):
                        add_closed(f, 1)
            return
        add = self.add
        with no_gc():
            for facts in deals:
                add(facts)

    def add(self, f: DealFacts, sign: int = 1) -> None:
        """Count one deal in (sign 1) or out (sign -1); deals outside the period are ignored."""
        if self.deal_filter is not None and not self.deal_filter(f):
            return
        if f.status == "open":
            self._add_open(f, sign)
        elif (f.closed is None and self.period.is_all_time) or (
                f.closed is not None and self.first_day <= f.closed <= self.last_day):
            self._add_closed(f, sign)

    def replace(self, changed: Iterable[tuple[DealFacts | None, DealFacts | None]]) -> None:
        """Apply `PipelineSnapshot.update`'s (before, after) pairs."""
        for before, after in changed:
            if before is not None:
                self.add(before, -1)
            if after is not None:
                self.add(after)

    def tally_unconverted(self, currency: str, deals: int, cents: int) -> None:
        """Count deals whose currency has no rate (their value is None in the facts)."""
        tally = self.unconverted.setdefault(currency, [0, 0])
        tally[0] += deals
        tally[1] += cents

    def _group(self, groups: dict[str, GroupFigures], name: str) -> GroupFigures:
        found = groups.get(name)
        if found is None:
            found = groups[name] = GroupFigures(name)
        return found

    def _stage(self, f: DealFacts, sign: int) -> StageFigures | None:
        figures = self.by_stage.get(f.stage_id)
        if figures is None:
            return None
        value = f.value or 0
        probability = figures.stage.probability if f.probability is None else f.probability
        figures.count += sign
        figures.value += sign * value
        self.weighted_by_stage[f.stage_id] += sign * value * probability
        return figures

    def _stays(self, f: DealFacts, sign: int) -> None:
        durations = self.durations
        for stage_id, days in f.stays:
            counts = durations.get(stage_id)
            if counts is None:
                counts = durations[stage_id] = {}
            counts[days] = counts.get(days, 0) + sign

    def _add_open(self, f: DealFacts, sign: int) -> None:
        figures = self._stage(f, sign)
        if figures is None:
            return
        if f.no_rate:
            self.tally_unconverted(f.no_rate, sign, sign * (f.raw or 0))
        value = f.value or 0
        probability = figures.stage.probability if f.probability is None else f.probability
        weighted = value * probability
        self.open_count += sign
        self.open_value += sign * value
        self.weighted += sign * weighted
        self._group(self.owners, f.owner or NO_OWNER).open += sign
        self._group(self.sources, f.source or NO_SOURCE).open += sign
        if f.expected is not None:
            month = max(month_of_ordinal(f.expected, self.month_cache), self.current_month)
            if month <= self.last_month:
                self.month_weighted[month] += sign * weighted
        if f.reach >= 0:
            self.reach_counts[f.reach] += sign
        if f.stays:
            self._stays(f, sign)
        touched = f.last_touch if f.last_touch is not None else f.created
        idle = self.today.toordinal() - touched if touched is not None else 0
        if idle > figures.stage.stale_after_days:
            if sign > 0:
                self.stale[f.id] = StaleDeal(f.id, f.stage_id, idle, f.value)
            else:
                self.stale.pop(f.id, None)

    def _add_closed(self, f: DealFacts, sign: int) -> None:
        # The hot loop of a full pass: _stage and _group are inlined here.
        value = f.value or 0
        if f.no_rate:
            self.tally_unconverted(f.no_rate, sign, sign * (f.raw or 0))
        figures = self.by_stage.get(f.stage_id)
        if figures is not None:
            probability = figures.stage.probability if f.probability is None \
                else f.probability
            figures.count += sign
            figures.value += sign * value
            self.weighted_by_stage[f.stage_id] += sign * value * probability
        owner = self.owners.get(f.owner or NO_OWNER) or self._group(self.owners,
                                                                    f.owner or NO_OWNER)
        source = self.sources.get(f.source or NO_SOURCE) or self._group(self.sources,
                                                                        f.source or NO_SOURCE)
        month = self.months.get(month_of_ordinal(f.closed, self.month_cache)) \
            if f.closed is not None else None
        if f.status == Outcome.WON:
            self.won += sign
            owner.won += sign
            source.won += sign
            owner.won_value += sign * value
            source.won_value += sign * value
            self.reach_counts[-1] += sign
            if f.value is not None:
                self.won_valued += sign
                self.won_value_sum += sign * f.value
            if f.closed is not None and f.created is not None:
                days = max(0, f.closed - f.created)
                self.close_days[days] = self.close_days.get(days, 0) + sign
            if month is not None:
                month.won += sign
                month.won_value += sign * value
        else:
            self.lost += sign
            owner.lost += sign
            source.lost += sign
            if f.reach >= 0:
                self.reach_counts[f.reach] += sign
            reason = self.reasons.setdefault(f.lost_reason or NO_REASON, [0, 0])
            reason[0] += sign
            reason[1] += sign * value
            if month is not None:
                month.lost += sign
        if f.stays:
            self._stays(f, sign)

    def metrics(self) -> Metrics:
        """The figures as they stand (the totals stay usable for further updates)."""
        m = Metrics(self.period, self.today, self.currency)
        m.open, m.won, m.lost = self.open_count, self.won, self.lost
        m.win_rate = self.won / (self.won + self.lost) if self.won + self.lost else None
        m.average_deal_size = (self.won_value_sum / self.won_valued if self.won_valued
                               else None)
        m.median_days_to_close = counter_median(self.close_days)
        close_count = sum(self.close_days.values())
        if close_count:
            m.mean_days_to_close = sum(d * n for d, n in self.close_days.items()) / close_count
        m.open_value = self.open_value
        m.weighted_value = self.weighted / 100
        if (m.win_rate is not None and m.average_deal_size is not None
                and m.mean_days_to_close):
            m.velocity_per_day = (self.open_count * m.win_rate * m.average_deal_size
                                  / m.mean_days_to_close)
        m.stages = self._stage_figures()
        m.months = [replace(self.months[month], weighted=self.month_weighted[month] / 100)
                    for month in sorted(self.months)]
        m.by_owner = sorted((replace(g) for g in self.owners.values() if g.open or g.won or g.lost),
                            key=lambda g: g.name.casefold())
        m.by_source = sorted((replace(g) for g in self.sources.values()
                              if g.open or g.won or g.lost),
                             key=lambda g: (-g.won - g.lost - g.open, g.name.casefold()))
        m.lost_reasons = sorted(((name, n, cents) for name, (n, cents) in self.reasons.items()
                                 if n > 0), key=lambda r: (-r[1], r[0]))
        m.stale = sorted(self.stale.values(), key=lambda s: (-s.idle_days, s.deal_id))
        m.unconverted = {code: (n, cents) for code, (n, cents) in sorted(self.unconverted.items())
                         if n > 0}
        return m

    def _stage_figures(self) -> list[StageFigures]:
        # reached(k) = deals whose furthest rank is k or more (a cumulative sum from the end).
        reached, running = [0] * len(self.reach_counts), 0
        for rank in range(len(self.reach_counts) - 1, -1, -1):
            running += self.reach_counts[rank]
            reached[rank] = running
        for stage_id, figures in self.by_stage.items():
            figures.weighted = self.weighted_by_stage[stage_id] / 100
        for rank, stage in enumerate(self.open_order):
            figures = self.by_stage[stage.id]
            figures.reached = reached[rank]
            figures.conversion_to_next = (reached[rank + 1] / reached[rank] if reached[rank]
                                          else None)
            figures.median_days_in_stage = counter_median(self.durations.get(stage.id, {}))
        # Copies: a Metrics value must not change when the totals are updated later.
        return [replace(self.by_stage[s.id])
                for s in sorted(self.stages, key=lambda s: s.position)]


class MetricsEngine:
    """The engine the window reuses: one snapshot of the pipeline and running totals for the
    few periods on screen. `note(changes)` records what an edit touched; the next `metrics`
    call re-reads only those deals (a whole reload for stage edits or imports)."""

    def __init__(self, repository: Any, *, keep_periods: int = 6) -> None:
        self.repository = repository
        self.keep_periods = keep_periods
        self._snapshot: PipelineSnapshot | None = None
        self._pending: set[int] = set()
        self._totals: dict[tuple[Period, date], RunningTotals] = {}
        # Figures read with SQL aggregates while the snapshot loads (`provide`): a first look
        # in ~0.2 s instead of ~1 s at 100,000 deals; dropped by the first change or reload.
        self._provisional: dict[tuple[Period, date], Metrics] = {}
        self.generation = 0  # bumped by every reload, so a late background load is dropped
        self.edits = 0  # bumped by every change noted: provisional figures must predate none

    @property
    def snapshot(self) -> PipelineSnapshot:
        """The snapshot, brought up to date with every change noted so far."""
        if self._snapshot is None:
            self._snapshot = PipelineSnapshot.load(self.repository)
            self._pending.clear()
            self._totals.clear()
        elif self._pending:
            changed = self._snapshot.update(self._pending)
            self._pending.clear()
            for totals in self._totals.values():
                totals.replace(changed)
        return self._snapshot

    def note(self, changes: Any) -> None:
        """Take a `Changes` value: stage edits, imports and unknown changes reload everything;
        otherwise the listed deals are re-read on the next call."""
        self._provisional.clear()
        self.edits += 1
        everything = getattr(changes, "everything", True) or getattr(changes, "stages", False)
        deals = getattr(changes, "deals", frozenset())
        if everything or (getattr(changes, "activities", False) and not deals):
            self.reload()
        else:
            self._pending.update(deals)

    def reload(self) -> None:
        self._snapshot = None
        self._provisional.clear()
        self.generation += 1

    @property
    def stamp(self) -> tuple[int, int]:
        """Taken before reading figures elsewhere, handed back to `provide`."""
        return self.generation, self.edits

    def provide(self, figures: dict[tuple[Period, date], Metrics],
                stamp: tuple[int, int]) -> bool:
        """Take figures computed elsewhere (a loading thread, with SQL) to answer `metrics`
        until the snapshot is there, unless the pipeline changed since they were read."""
        if stamp != self.stamp or self._snapshot is not None:
            return False
        self._provisional = dict(figures)
        return True

    def has_figures(self, keys: list[tuple[Period, date]]) -> bool:
        """Can `metrics` answer these (period, today) pairs without reading the pipeline?"""
        return self._snapshot is not None or all(key in self._provisional for key in keys)

    @property
    def loaded(self) -> bool:
        return self._snapshot is not None

    def adopt(self, snapshot: PipelineSnapshot, generation: int) -> bool:
        """Take a snapshot read elsewhere (a loading thread) unless the pipeline was reloaded
        since it started; edits noted meanwhile are re-read on the next call."""
        if generation != self.generation or self._snapshot is not None:
            return False
        self._snapshot = snapshot
        self._totals.clear()
        self._provisional.clear()
        return True

    def metrics(self, period: Period = ALL_TIME, today: date | None = None) -> Metrics:
        today = today or date.today()
        if self._snapshot is None and (period, today) in self._provisional:
            return self._provisional[(period, today)]
        snapshot = self.snapshot
        key = (period, today)
        totals = self._totals.get(key)
        if totals is None:
            if len(self._totals) >= self.keep_periods:
                self._totals.pop(next(iter(self._totals)))
            totals = RunningTotals(snapshot.stages, period, today, snapshot.currency)
            totals.add_all(snapshot)
            self._totals[key] = totals
        return totals.metrics()


def _first_month(period: Period, today: date) -> int:
    """The period's first month, at most MAX_HISTORY_MONTHS before its end (or today): a
    period years back (an old CRM export) still gets its own months."""
    current = month_index(today)
    if period.start is None:
        return current - HISTORY_MONTHS
    newest = min(current, month_index(period.end)) if period.end else current
    return min(current, max(month_index(period.start), newest - MAX_HISTORY_MONTHS))


# ---- the command line's JSON -------------------------------------------------------------

def _units(cents: float | None) -> float | None:
    return None if cents is None else round(cents / 100, 2)


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def _days(value: float | None) -> float | None:
    return None if value is None else round(value, 1)


def _group_json(group: GroupFigures, key: str) -> dict[str, Any]:
    return {key: group.name, "open": group.open, "won": group.won, "lost": group.lost,
            "won_value": _units(group.won_value), "win_rate": _rate(group.win_rate)}


def unconverted_json(unconverted: dict[str, tuple[int, int]]) -> dict[str, Any]:
    """`{"CHF": {"deals": 1, "value": 70000.0}}`: deals left out for want of a rate (the value
    in their own currency); `{}` when every deal converts."""
    return {code: {"deals": n, "value": _units(cents)}
            for code, (n, cents) in sorted(unconverted.items()) if n}


def to_json(m: Metrics) -> dict[str, Any]:
    """The `pipeline-desktop metrics --json` object (money in currency units, not cents)."""
    low, slow = m.lowest_conversion(), m.longest_wait()
    return {
        "period": {"from": m.period.start.isoformat() if m.period.start else None,
                   "to": m.period.end.isoformat() if m.period.end else None},
        "currency": m.currency,
        "unconverted": unconverted_json(m.unconverted),
        "today": m.today.isoformat(),
        "deals": {"total": m.total, "open": m.open, "won": m.won, "lost": m.lost},
        "win_rate": _rate(m.win_rate),
        "average_deal_size": _units(m.average_deal_size),
        "median_days_to_close": _days(m.median_days_to_close),
        "mean_days_to_close": _days(m.mean_days_to_close),
        "open_value": _units(m.open_value),
        "weighted_value": _units(m.weighted_value),
        "velocity_per_day": _units(m.velocity_per_day),
        "stages": [{
            "name": s.stage.name, "outcome": s.stage.outcome.value, "count": s.count,
            "value": _units(s.value), "weighted_value": _units(s.weighted),
            "conversion_to_next": _rate(s.conversion_to_next),
            "median_days_in_stage": _days(s.median_days_in_stage), "reached": s.reached,
        } for s in m.stages],
        "bottlenecks": {"lowest_conversion": low.stage.name if low else None,
                        "longest_wait": slow.stage.name if slow else None},
        "forecast": [{"month": mf.label, "weighted_value": _units(mf.weighted),
                      "won_value": _units(mf.won_value)} for mf in m.months],
        "win_rate_by_month": [{"month": mf.label, "won": mf.won, "lost": mf.lost,
                               "win_rate": _rate(mf.win_rate)}
                              for mf in m.months if mf.month <= m.current_month],
        "by_owner": [_group_json(g, "owner") for g in m.by_owner],
        "by_source": [_group_json(g, "source") for g in m.by_source],
        "lost_reasons": [{"reason": r, "count": n, "value": _units(c)}
                         for r, n, c in m.lost_reasons],
        "stale": {"count": len(m.stale), "value": _units(sum(s.value or 0 for s in m.stale))},
    }
