"""What the health rules read and what they say, as plain values: the thresholds, a finding,
and the pipeline condensed into the few figures the rules need (`Pipeline`).

`services/health_queries.py` fills these from the database with SQL aggregates;
`domain/health_rules.py` turns them into findings without touching a database, so a test can
build a `Pipeline` by hand. Days are date ordinals; money is integer cents in the home
currency."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from functools import cached_property
from typing import Any, NamedTuple

from pipeline_desktop.domain import targets as tg
from pipeline_desktop.domain.model import Stage


@dataclass(frozen=True)
class Thresholds:
    """When a finding is raised. Shares are fractions (0.1 = 10 %)."""

    coverage: float = tg.DEFAULT_COVERAGE  # healthy weighted pipeline ÷ gap
    stale_share: float = 0.10  # stale open deals: warning above this share, critical at 2×
    no_activity_share: float = 0.20  # open deals without a next activity
    overdue_share: float = 0.10  # open deals past their expected close date
    conversion_drop: float = 0.25  # stage conversion down by this fraction of its usual value
    wait_factor: float = 1.5  # deals now wait this many times longer than usual in a stage
    concentration_share: float = 0.25  # one deal's share of the weighted pipeline
    new_deals_drop: float = 0.20  # fewer new deals than the previous period, by this fraction
    win_rate_drop: float = 0.10  # win rate down by this many points (0.10 = 10 points)
    late_stage_probability: int = 50  # open stages at or above this probability are "late"
    bant_required: int = 4  # late-stage deals need this BANT score (0–4)
    closing_soon_days: int = 30  # exit criteria must be met this close to the expected date
    icp_gap: int = 10  # new deals' mean ICP fit this many points below won deals'
    recent_days: int = 90  # the "now" window for trends
    trailing_days: int = 180  # the usual figures: the 6 months before the recent window
    compare_days: int = 30  # new deals: this many days against the same length before
    min_sample: int = 10  # fewer events than this in a window: no trend finding

    @classmethod
    def from_json(cls, data: object) -> Thresholds:
        """Stored values over the defaults; unknown keys and bad values are ignored."""
        values: dict[str, Any] = {}
        source = data if isinstance(data, dict) else {}
        for spec in fields(cls):
            default = getattr(cls, spec.name)
            raw = source.get(spec.name)
            try:
                value = type(default)(raw) if raw is not None else default
            except (TypeError, ValueError):
                value = default
            values[spec.name] = value if value >= 0 else default
        return cls(**values)

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


# Labels for the threshold editor: (field, label, suffix, minimum, maximum, step, percent)
THRESHOLD_LABELS: tuple[tuple[str, str, str, float, float, float, bool], ...] = (
    ("coverage", "Healthy coverage of the gap", "×", 0.5, 20, 0.5, False),
    ("stale_share", "Stale deals: warn above", "%", 0, 100, 1, True),
    ("no_activity_share", "Deals without a next activity: warn above", "%", 0, 100, 1, True),
    ("overdue_share", "Deals past their close date: warn above", "%", 0, 100, 1, True),
    ("conversion_drop", "Stage conversion drop that counts", "%", 1, 100, 1, True),
    ("wait_factor", "Waiting longer than usual by", "×", 1, 10, 0.1, False),
    ("concentration_share", "One deal's share of the weighted pipeline", "%", 1, 100, 1, True),
    ("new_deals_drop", "Drop in new deals that counts", "%", 1, 100, 1, True),
    ("win_rate_drop", "Win-rate drop that counts (points)", " pts", 1, 100, 1, True),
    ("late_stage_probability", "Late stages start at probability", "%", 1, 100, 1, False),
    ("bant_required", "Late-stage deals need BANT of at least", "/4", 0, 4, 1, False),
    ("closing_soon_days", "Exit criteria due when closing within", " days", 0, 365, 1, False),
    ("icp_gap", "ICP fit gap that counts (points)", " pts", 1, 100, 1, False),
    ("recent_days", "Recent window", " days", 7, 365, 1, False),
    ("trailing_days", "Usual figures from the previous", " days", 30, 730, 1, False),
    ("compare_days", "New deals compared over", " days", 7, 180, 1, False),
    ("min_sample", "Fewest events for a trend", "", 1, 1000, 1, False),
)


@dataclass(frozen=True)
class Finding:
    id: str  # stable: "coverage_low", "stale_deals", ...
    severity: str  # critical | warning | info
    message: str  # one sentence with its evidence
    figures: dict[str, Any] = field(default_factory=dict)
    deal_ids: tuple[int, ...] = ()  # most valuable first

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "severity": self.severity, "message": self.message,
                "figures": self.figures, "deal_ids": list(self.deal_ids)}


class OpenDeal(NamedTuple):
    id: int
    title: str
    stage_id: int
    value_cents: int | None
    weighted_cents: int
    created: int  # day ordinals
    expected_close: int | None
    bant: int  # 0–4
    criteria_met: frozenset[str]
    last_touch: int  # last activity done, stage change or creation
    has_next_activity: bool  # an activity not done yet has a due day
    entered_stage: int  # the day of the deal's latest stage change (its creation without one)


class ExitCount(NamedTuple):
    """Moves out of `from_stage` into `to_stage` on days in one window, counted."""

    from_stage: int
    to_stage: int
    recent: bool  # in the recent window; else in the trailing one before it
    count: int


class StayCount(NamedTuple):
    """Stays in `stage` of `days` whole days that ended (the deal moved on) in one window."""

    stage: int
    days: int
    recent: bool
    count: int


Tally = dict[int, int]  # a value → how many times it occurs


@dataclass
class History:
    """The stage-change history condensed per open stage: decided exits (recent n, recent
    forward, trailing n, trailing forward) and completed stays, {days: how many}."""

    exits: dict[int, list[int]] = field(default_factory=dict)
    usual_stays: dict[int, Tally] = field(default_factory=dict)  # left in the trailing window
    recent_stays: dict[int, Tally] = field(default_factory=dict)  # left in the recent window


class FitGroup(NamedTuple):
    """Deals whose company and contact look alike to the ideal customer profile, counted:
    won in the last year, and created in the recent window (a deal may be both)."""

    industry: str
    employees: int | None
    region: str
    job_title: str
    won: int
    new: int


@dataclass
class Pipeline:
    """What the findings are computed from (`services/health_queries.read_pipeline`)."""

    today: int
    stages: list[Stage]
    open_deals: list[OpenDeal]
    history: History
    counts: dict[str, int]  # new, won and lost deals in the comparison windows
    currency: str = "USD"
    # Deals left out of the money figures for want of an exchange rate: {currency: (n, cents)}
    # and their ids, most valuable first.
    unconverted: Mapping[str, tuple[int, int]] = field(default_factory=dict)
    unconverted_ids: tuple[int, ...] = ()

    @property
    def stage_by_id(self) -> dict[int, Stage]:
        return {s.id: s for s in self.stages}

    @cached_property
    def deals_by_value(self) -> list[OpenDeal]:
        """The open deals, most valuable (weighted) first: the order findings name them in."""
        return sorted(self.open_deals, key=lambda d: (-d.weighted_cents, d.id))
