"""The metrics engine: win rate, deal size, days to close, open and weighted value, velocity,
stage conversion and waiting times, forecast, figures by owner and lead source, stale deals.

Every figure comes from `RunningTotals` (services/totals.py), which two paths fill; the caller
picks one. Here, deal by deal from a `PipelineSnapshot` (`compute_metrics`; the window keeps a
snapshot and its totals and updates both after each edit: `MetricsEngine`). Or from SQL
aggregates over the file (services/metrics_sql.py's `metrics_from_sql(repository, ...)`, the
cold path of `metrics --json` and of the window's first look). No Qt here. Definitions
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
from datetime import date
from typing import Any

from pipeline_desktop.domain.model import Outcome, Stage
from pipeline_desktop.services.periods import ALL_TIME, Period, month_of_ordinal
from pipeline_desktop.services.snapshot import DealFacts, PipelineSnapshot, no_gc
from pipeline_desktop.services.totals import (
    NO_OWNER,
    NO_REASON,
    NO_SOURCE,
    GroupFigures,
    Metrics,
    RunningTotals,
    StageFigures,
    StaleDeal,
)

DealFilter = Callable[[DealFacts], bool]


# ---- the snapshot path -------------------------------------------------------------------

def compute_metrics(snapshot: PipelineSnapshot, period: Period = ALL_TIME,
                    today: date | None = None, *, deal_filter: DealFilter | None = None
                    ) -> Metrics:
    """Every figure of issue 3 for `period` as of `today`, from a snapshot (reused across
    refreshes). `deal_filter` keeps only the deals it accepts (e.g. good-fit deals for a
    comparison). Without a snapshot at hand, services/metrics_sql.metrics_from_sql reads the
    same figures with SQL aggregates."""
    totals = DealTotals(snapshot.stages, period, today or date.today(), snapshot.currency,
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


class DealTotals(RunningTotals):
    """Running totals filled deal by deal, kept so that a deal can be taken out and put back
    in (`add(facts, -1)` then `add(new_facts)`) after an edit, instead of a full pass."""

    def __init__(self, stages: list[Stage], period: Period, today: date, currency: str = "USD",
                 *, deal_filter: DealFilter | None = None) -> None:
        super().__init__(stages, period, today, currency)
        self.deal_filter = deal_filter

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
        self.group(self.owners, f.owner or NO_OWNER).open += sign
        self.group(self.sources, f.source or NO_SOURCE).open += sign
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
        owner = self.owners.get(f.owner or NO_OWNER) or self.group(self.owners,
                                                                    f.owner or NO_OWNER)
        source = self.sources.get(f.source or NO_SOURCE) or self.group(self.sources,
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




class MetricsEngine:
    """The engine the window reuses: one snapshot of the pipeline and running totals for the
    few periods on screen. `note(changes)` records what an edit touched; the next `metrics`
    call re-reads only those deals (a whole reload for stage edits or imports)."""

    def __init__(self, repository: Any, *, keep_periods: int = 6) -> None:
        self.repository = repository
        self.keep_periods = keep_periods
        self._snapshot: PipelineSnapshot | None = None
        self._pending: set[int] = set()
        self._totals: dict[tuple[Period, date], DealTotals] = {}
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
            totals = DealTotals(snapshot.stages, period, today, snapshot.currency)
            totals.add_all(snapshot)
            self._totals[key] = totals
        return totals.metrics()



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
