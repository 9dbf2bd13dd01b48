"""The running totals behind every metric: one definition of each figure, filled deal by deal
from a snapshot (services/metrics.py, the window's path: an edit takes one deal out and puts it
back) or from SQL aggregates (services/metrics_sql.py, the cold path of `metrics --json`).

`RunningTotals` holds sums per stage, owner, source, month and lost reason, and {days: count}
multisets for the medians; `metrics()` derives the `Metrics` value from them. Both fillers
import this module and not each other; the definitions of the figures are in
services/metrics.py's docstring (issue 3)."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from pipeline_desktop.domain.model import Stage
from pipeline_desktop.domain.stages import open_stages
from pipeline_desktop.services.periods import Period, month_index, month_label

FORECAST_MONTHS_AHEAD = 12  # the current month and the 11 after it
HISTORY_MONTHS = 12  # months of won value shown before the current one (all-time view)
MAX_HISTORY_MONTHS = 36
NO_OWNER = "(no owner)"
NO_SOURCE = "(no source)"
NO_REASON = "(no reason given)"



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
    """The sums behind `Metrics` for one period. Money is summed as integers (weighted as
    value × percent) so taking a deal out restores the totals exactly; medians come from
    {days: count} multisets for the same reason. Fillers add to the public attributes."""

    def __init__(self, stages: list[Stage], period: Period, today: date,
                 currency: str = "USD") -> None:
        self.stages = stages
        self.period = period
        self.today = today
        self.currency = currency
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


    def tally_unconverted(self, currency: str, deals: int, cents: int) -> None:
        """Count deals whose currency has no rate (their value is None in the facts)."""
        tally = self.unconverted.setdefault(currency, [0, 0])
        tally[0] += deals
        tally[1] += cents

    def group(self, groups: dict[str, GroupFigures], name: str) -> GroupFigures:
        found = groups.get(name)
        if found is None:
            found = groups[name] = GroupFigures(name)
        return found


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



def _first_month(period: Period, today: date) -> int:
    """The period's first month, at most MAX_HISTORY_MONTHS before its end (or today): a
    period years back (an old CRM export) still gets its own months."""
    current = month_index(today)
    if period.start is None:
        return current - HISTORY_MONTHS
    newest = min(current, month_index(period.end)) if period.end else current
    return min(current, max(month_index(period.start), newest - MAX_HISTORY_MONTHS))

