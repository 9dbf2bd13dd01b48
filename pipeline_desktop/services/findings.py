"""The findings of the health check, each computed in the Qt-free core from a `Pipeline`
read in a handful of queries (open deals, activity dates of open deals, the stage-change
history condensed in one pass, one conditional-aggregate scan of all deals).

Dates are compared as ISO text in SQL (portable to PostgreSQL) and subtracted in Python. Each
finder takes a `Context` and returns a `Finding` (stable id, severity, one sentence with its
figures, the deals it concerns, most valuable first) or None. `health.check` runs them all."""

from __future__ import annotations

import statistics
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field, fields
from datetime import date, datetime, timedelta
from typing import Any, NamedTuple

from pipeline_desktop.domain import targets as tg
from pipeline_desktop.domain.model import Outcome, Stage
from pipeline_desktop.services.money_sql import MoneySql
from pipeline_desktop.storage.currency_store import read_book
from pipeline_desktop.storage.repository import Repository


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


# ---- reading the pipeline -------------------------------------------------------------------

_OPEN_SQL = """
SELECT d.id, d.title, d.stage_id, {value}, COALESCE(d.probability, s.probability),
       d.created, d.expected_close, d.budget_confirmed, d.authority_known,
       CASE WHEN d.need <> '' THEN 1 ELSE 0 END, d.timeline, d.criteria_met
FROM deal d JOIN stage s ON s.id = d.stage_id
WHERE d.status = 'open'"""

_ACTIVITY_SQL = """
SELECT a.deal_id, MAX(a.done), MIN(CASE WHEN a.done IS NULL THEN a.due END)
FROM activity a JOIN deal d ON d.id = a.deal_id
WHERE d.status = 'open'
GROUP BY a.deal_id"""

_CHANGES_SQL = """
SELECT deal_id, from_stage_id, to_stage_id, changed_at FROM stage_change
ORDER BY changed_at, id"""


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
    next_activity: int | None
    entered_stage: int


class _Days:
    """ISO text (SQLite) or date/datetime (PostgreSQL) → day ordinal, remembered per text."""

    def __init__(self) -> None:
        self.memo: dict[object, int] = {}

    def __call__(self, value: object) -> int | None:
        if value is None or value == "":
            return None
        try:
            return self.memo[value]
        except KeyError:
            pass
        if isinstance(value, datetime):
            day = value.date().toordinal()
        elif isinstance(value, date):
            day = value.toordinal()
        else:
            day = date.fromisoformat(str(value)[:10]).toordinal()
        self.memo[value] = day
        return day


@dataclass
class History:
    """The stage-change history condensed in one pass, per open stage: decided exits
    (recent n, recent forward, trailing n, trailing forward) and completed stays in days."""

    entered: dict[int, int] = field(default_factory=dict)  # deal → day it entered its stage
    exits: dict[int, list[int]] = field(default_factory=dict)
    usual_stays: dict[int, list[int]] = field(default_factory=dict)  # left in trailing window
    recent_stays: dict[int, list[int]] = field(default_factory=dict)  # left in recent window


@dataclass
class Pipeline:
    """What the findings are computed from, read in a few queries."""

    today: int
    stages: list[Stage]
    open_deals: list[OpenDeal]
    history: History
    counts: dict[str, int]
    currency: str = "USD"

    @property
    def stage_by_id(self) -> dict[int, Stage]:
        return {s.id: s for s in self.stages}


def _transitions(stages: Sequence[Stage]) -> dict[tuple[int, int], bool | None]:
    """For each move out of an open stage: True forward (or won), False lost, None back."""
    result: dict[tuple[int, int], bool | None] = {}
    for source in stages:
        if not source.is_open:
            continue
        for target in stages:
            if target.outcome is Outcome.WON:
                result[source.id, target.id] = True
            elif target.outcome is Outcome.LOST:
                result[source.id, target.id] = False
            else:
                result[source.id, target.id] = True if target.position > source.position \
                    else None
    return result


def read_pipeline(repository: Repository, today: date, thresholds: Thresholds) -> Pipeline:
    db = repository.db
    days = _Days()
    stages = repository.stages()
    activity = {row[0]: (days(row[1]), days(row[2]))
                for row in db.execute_sql(_ACTIVITY_SQL).fetchall()}
    recent_start = today.toordinal() - thresholds.recent_days + 1
    history = _walk_history(db.execute_sql(_CHANGES_SQL).fetchall(), stages, days,
                            (recent_start - thresholds.trailing_days, recent_start,
                             today.toordinal()))
    entered = history.entered
    open_deals = []
    book = read_book(db)
    value_sql, params = MoneySql(db, book, "d").value()  # in the home currency
    for row in db.execute_sql(_OPEN_SQL.format(value=value_sql), tuple(params)).fetchall():
        created = days(row[5]) or today.toordinal()
        done, due = activity.get(row[0], (None, None))
        stage_day = entered.get(row[0], created)
        value = row[3]
        open_deals.append(OpenDeal(
            row[0], row[1], row[2], value, (value or 0) * row[4] // 100, created, days(row[6]),
            int(bool(row[7])) + int(bool(row[8])) + int(bool(row[9])) + int(row[10] is not None),
            frozenset(c.strip() for c in (row[11] or "").splitlines() if c.strip()),
            max(created, stage_day, done or created), due, stage_day,
        ))
    currency = book.home
    return Pipeline(today.toordinal(), stages, open_deals, history,
                    _counts(repository, today, thresholds), currency)


def _walk_history(rows: list[tuple], stages: Sequence[Stage], days: _Days,
                  windows: tuple[int, int, int]) -> History:
    """One chronological pass over the stage changes. `windows` is (first day of the trailing
    window, first day of the recent one, today); moves outside them only date the stages."""
    trail_start, recent_start, today = windows
    moves = _transitions(stages)
    memo = days.memo
    history = History()
    entered, exits = history.entered, history.exits
    usual, recent = history.usual_stays, history.recent_stays
    for deal_id, from_id, to_id, changed_at in rows:
        day = memo.get(changed_at)
        if day is None:
            day = days(changed_at)
        if trail_start <= day <= today and (from_id, to_id) in moves:
            is_recent = day >= recent_start
            start = entered.get(deal_id)
            if start is not None:
                stays = recent if is_recent else usual
                if from_id in stays:
                    stays[from_id].append(day - start)
                else:
                    stays[from_id] = [day - start]
            forward = moves[from_id, to_id]
            if forward is not None:  # moving back decides nothing
                tally = exits.get(from_id)
                if tally is None:
                    tally = exits[from_id] = [0, 0, 0, 0]
                slot = 0 if is_recent else 2
                tally[slot] += 1
                tally[slot + 1] += forward
        entered[deal_id] = day
    return history


def _counts(repository: Repository, today: date, th: Thresholds) -> dict[str, int]:
    """New deals and closed deals in the comparison windows: one scan, conditional sums."""
    iso = today.isoformat()
    new_start = (today - timedelta(days=th.compare_days - 1)).isoformat()
    prev_start = (today - timedelta(days=2 * th.compare_days - 1)).isoformat()
    recent_start = (today - timedelta(days=th.recent_days - 1)).isoformat()
    trail_start = (today - timedelta(days=th.recent_days + th.trailing_days - 1)).isoformat()
    p = repository.db.param
    sql = f"""
    SELECT SUM(CASE WHEN created >= {p} AND created <= {p} THEN 1 ELSE 0 END),
           SUM(CASE WHEN created >= {p} AND created < {p} THEN 1 ELSE 0 END),
           SUM(CASE WHEN status = 'won' AND closed >= {p} AND closed <= {p} THEN 1 ELSE 0 END),
           SUM(CASE WHEN status = 'lost' AND closed >= {p} AND closed <= {p} THEN 1 ELSE 0 END),
           SUM(CASE WHEN status = 'won' AND closed >= {p} AND closed < {p} THEN 1 ELSE 0 END),
           SUM(CASE WHEN status = 'lost' AND closed >= {p} AND closed < {p} THEN 1 ELSE 0 END)
    FROM deal"""
    params = (new_start, iso, prev_start, new_start, recent_start, iso, recent_start, iso,
              trail_start, recent_start, trail_start, recent_start)
    row = repository.db.execute_sql(sql, params).fetchone() or ()
    names = ("new_recent", "new_previous", "won_recent", "lost_recent", "won_trailing",
             "lost_trailing")
    return {name: int(value or 0) for name, value in zip(names, row, strict=False)}


# ---- findings -------------------------------------------------------------------------------


def _share_severity(share: float, limit: float) -> str:
    if share >= 2 * limit:
        return "critical"
    return "warning" if share >= limit else "info"


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def _by_value(deals: Iterable[OpenDeal]) -> tuple[int, ...]:
    return tuple(d.id for d in sorted(deals, key=lambda d: (-d.weighted_cents, d.id)))


class Context(NamedTuple):
    pipeline: Pipeline
    th: Thresholds
    money: Callable[[int], str]
    target: tg.TargetStatus | None

    @property
    def sample(self) -> int:
        """The fewest events a trend needs; never 0, which would divide by zero."""
        return max(1, self.th.min_sample)


def find_coverage(ctx: Context) -> Finding | None:
    status = ctx.target
    if status is None or status.healthy:
        return None
    coverage = status.coverage or 0.0
    end = status.end.toordinal()
    in_period = [d for d in ctx.pipeline.open_deals
                 if d.expected_close is not None and d.expected_close <= end]
    who = f" ({status.owner})" if status.owner else ""
    return Finding(
        "coverage_low", "critical" if coverage < ctx.th.coverage / 2 else "warning",
        f"Coverage is {coverage:.1f}× the {ctx.money(status.gap_cents)} still needed to reach "
        f"the {status.label} target of {ctx.money(status.target_cents)}{who} "
        f"(healthy: {ctx.th.coverage:g}×): {ctx.money(status.expected_weighted_cents)} of "
        f"weighted pipeline is expected to close by its end.",
        {"coverage": round(coverage, 3), "threshold": ctx.th.coverage,
         "gap": status.gap_cents / 100, "target": status.target_cents / 100,
         "won": status.won_cents / 100, "weighted": status.expected_weighted_cents / 100,
         "period": status.period},
        _by_value(in_period))


def find_stale(ctx: Context) -> Finding | None:
    deals = ctx.pipeline.open_deals
    stages = ctx.pipeline.stage_by_id
    today = ctx.pipeline.today
    stale = [d for d in deals
             if today - d.last_touch > stages[d.stage_id].stale_after_days]
    if not stale:
        return None
    share = len(stale) / len(deals)
    return Finding(
        "stale_deals", _share_severity(share, ctx.th.stale_share),
        f"{len(stale):,} of {len(deals):,} open deals ({_pct(share)}) have had no activity and "
        f"no stage change for longer than their stage allows.",
        {"count": len(stale), "open": len(deals), "share": round(share, 4),
         "value": sum(d.value_cents or 0 for d in stale) / 100},
        _by_value(stale))


def find_no_next_activity(ctx: Context) -> Finding | None:
    deals = ctx.pipeline.open_deals
    missing = [d for d in deals if d.next_activity is None]
    if not missing:
        return None
    share = len(missing) / len(deals)
    return Finding(
        "no_next_activity", _share_severity(share, ctx.th.no_activity_share),
        f"{len(missing):,} of {len(deals):,} open deals ({_pct(share)}) have no next activity "
        f"scheduled.",
        {"count": len(missing), "open": len(deals), "share": round(share, 4)},
        _by_value(missing))


def find_past_close(ctx: Context) -> Finding | None:
    deals = ctx.pipeline.open_deals
    today = ctx.pipeline.today
    late = [d for d in deals if d.expected_close is not None and d.expected_close < today]
    if not late:
        return None
    share = len(late) / len(deals)
    value = sum(d.value_cents or 0 for d in late)
    median_late = statistics.median(today - d.expected_close for d in late)  # type: ignore[operator]
    return Finding(
        "past_close_date", _share_severity(share, ctx.th.overdue_share),
        f"{len(late):,} open deals ({_pct(share)}), worth {ctx.money(value)}, are past their "
        f"expected close date, by a median of {median_late:.0f} days.",
        {"count": len(late), "open": len(deals), "share": round(share, 4),
         "value": value / 100, "median_days_late": median_late},
        _by_value(late))


def find_conversion_drop(ctx: Context) -> Finding | None:
    drops = []
    for stage_id, (n_recent, f_recent, n_trail, f_trail) in ctx.pipeline.history.exits.items():
        if n_recent < ctx.sample or n_trail < ctx.sample or not f_trail:
            continue
        recent, usual = f_recent / n_recent, f_trail / n_trail
        drop = 1 - recent / usual
        if drop >= ctx.th.conversion_drop:
            drops.append((drop, stage_id, recent, usual, n_recent))
    if not drops:
        return None
    drops.sort(reverse=True)
    drop, stage_id, recent, usual, n_recent = drops[0]
    stage = ctx.pipeline.stage_by_id[stage_id]
    others = f" ({len(drops) - 1} more stages also fell)" if len(drops) > 1 else ""
    in_stage = [d for d in ctx.pipeline.open_deals if d.stage_id == stage_id]
    return Finding(
        "conversion_drop", "critical" if drop >= 2 * ctx.th.conversion_drop else "warning",
        f"Conversion from {stage.name} to the next stage fell to {_pct(recent)} over the last "
        f"{ctx.th.recent_days} days ({n_recent} deals decided), against {_pct(usual)} in the "
        f"{ctx.th.trailing_days} days before{others}.",
        {"stage": stage.name, "recent": round(recent, 4), "usual": round(usual, 4),
         "drop": round(drop, 4), "decided": n_recent,
         "stages": [ctx.pipeline.stage_by_id[s].name for _, s, *_ in drops]},
        _by_value(in_stage))


def find_stage_wait(ctx: Context) -> Finding | None:
    today = ctx.pipeline.today
    usual_days = ctx.pipeline.history.usual_stays
    now_days: dict[int, list[int]] = defaultdict(list)
    for stage_id, spent in ctx.pipeline.history.recent_stays.items():
        now_days[stage_id].extend(spent)
    waiting: dict[int, list[OpenDeal]] = defaultdict(list)
    for deal in ctx.pipeline.open_deals:  # a wait still going on counts as long as it is so far
        now_days[deal.stage_id].append(today - deal.entered_stage)
        waiting[deal.stage_id].append(deal)
    worst = None
    for stage_id, usual_list in usual_days.items():
        now_list = now_days.get(stage_id, [])
        if len(usual_list) < ctx.sample or len(now_list) < ctx.sample:
            continue
        usual, now = statistics.median(usual_list), statistics.median(now_list)
        factor = now / max(usual, 1)
        if factor >= ctx.th.wait_factor and (worst is None or factor > worst[0]):
            worst = (factor, stage_id, now, usual)
    if worst is None:
        return None
    factor, stage_id, now, usual = worst
    limit = usual * ctx.th.wait_factor
    long_waits = [d for d in waiting[stage_id] if today - d.entered_stage > limit]
    stage = ctx.pipeline.stage_by_id[stage_id]
    return Finding(
        "stage_wait_long", "critical" if factor >= 2 * ctx.th.wait_factor else "warning",
        f"Deals in {stage.name} now wait a median of {now:.0f} days, {factor:.1f}× the usual "
        f"{usual:.0f}; {len(long_waits):,} open deals there have waited more than "
        f"{limit:.0f} days.",
        {"stage": stage.name, "median_days_now": now, "median_days_usual": usual,
         "factor": round(factor, 3), "waiting_long": len(long_waits)},
        _by_value(long_waits))


def find_concentration(ctx: Context) -> Finding | None:
    deals = ctx.pipeline.open_deals
    total = sum(d.weighted_cents for d in deals)
    if len(deals) < 2 or total <= 0:
        return None
    top = max(deals, key=lambda d: (d.weighted_cents, -d.id))
    share = top.weighted_cents / total
    if share < ctx.th.concentration_share:
        return None
    return Finding(
        "deal_concentration",
        "critical" if share >= min(0.95, 2 * ctx.th.concentration_share) else "warning",
        f"One deal, “{top.title}” (#{top.id}), holds {_pct(share)} of the weighted pipeline "
        f"({ctx.money(top.weighted_cents)} of {ctx.money(total)}).",
        {"deal_id": top.id, "share": round(share, 4), "weighted": top.weighted_cents / 100,
         "total_weighted": total / 100},
        (top.id,))


def find_new_deals_drop(ctx: Context) -> Finding | None:
    now, before = ctx.pipeline.counts["new_recent"], ctx.pipeline.counts["new_previous"]
    if before < ctx.sample:
        return None
    drop = 1 - now / before
    if drop < ctx.th.new_deals_drop:
        return None
    days = ctx.th.compare_days
    return Finding(
        "new_deals_down", "critical" if drop >= 2 * ctx.th.new_deals_drop else "warning",
        f"{now:,} new deals were created in the last {days} days, {_pct(drop)} fewer than the "
        f"{before:,} in the {days} days before.",
        {"recent": now, "previous": before, "drop": round(drop, 4), "days": days})


def find_win_rate_down(ctx: Context) -> Finding | None:
    c = ctx.pipeline.counts
    closed_now = c["won_recent"] + c["lost_recent"]
    closed_before = c["won_trailing"] + c["lost_trailing"]
    if closed_now < ctx.sample or closed_before < ctx.sample:
        return None
    now, before = c["won_recent"] / closed_now, c["won_trailing"] / closed_before
    if before - now < ctx.th.win_rate_drop - 1e-9:
        return None
    return Finding(
        "win_rate_down",
        "critical" if before - now >= 2 * ctx.th.win_rate_drop else "warning",
        f"The win rate over the last {ctx.th.recent_days} days is {_pct(now)} "
        f"({c['won_recent']:,} of {closed_now:,} closed), down from {_pct(before)} in the "
        f"{ctx.th.trailing_days} days before.",
        {"recent": round(now, 4), "previous": round(before, 4), "closed_recent": closed_now,
         "closed_previous": closed_before})


def find_qualification(ctx: Context) -> Finding | None:
    """Late-stage deals short of BANT, or expected to close soon with their stage's exit
    criteria still open (criteria of a stage are normal work until the deal nears closing)."""
    stages = ctx.pipeline.stage_by_id
    late = [d for d in ctx.pipeline.open_deals
            if stages[d.stage_id].probability >= ctx.th.late_stage_probability]
    if not late:
        return None
    soon = ctx.pipeline.today + ctx.th.closing_soon_days
    incomplete = [d for d in late if d.bant < ctx.th.bant_required]
    unmet = [d for d in late
             if d.expected_close is not None and d.expected_close <= soon
             and not set(stages[d.stage_id].exit_criteria) <= d.criteria_met]
    flagged = {d.id: d for d in incomplete + unmet}
    if not flagged:
        return None
    share = len(flagged) / len(late)
    first_late = min((s for s in stages.values()
                      if s.is_open and s.probability >= ctx.th.late_stage_probability),
                     key=lambda s: s.position)
    return Finding(
        "qualification_gaps", _share_severity(share, 0.25),
        f"{len(flagged):,} of {len(late):,} late-stage deals ({first_late.name} and later) "
        f"have gaps: {len(incomplete):,} with qualification below {ctx.th.bant_required}/4 "
        f"(BANT) and {len(unmet):,} due to close within {ctx.th.closing_soon_days} days with "
        f"exit criteria not met.",
        {"count": len(flagged), "late_stage": len(late), "incomplete_bant": len(incomplete),
         "unmet_criteria": len(unmet), "share": round(share, 4)},
        _by_value(flagged.values()))


# ---- ideal customer fit ---------------------------------------------------------------------

_FIT_SQL = """
SELECT d.id, d.status, d.created, d.closed, COALESCE(c.industry, ''), c.employees,
       COALESCE(c.region, ''), COALESCE(p.job_title, '')
FROM deal d
LEFT JOIN company c ON c.id = d.company_id
LEFT JOIN contact p ON p.id = d.contact_id
WHERE d.created >= {p} OR (d.status = 'won' AND d.closed >= {p})"""


def _fit_scorer(repository: Repository) -> Callable[..., int | None] | None:
    try:
        from pipeline_desktop.domain import icp
    except ImportError:
        return None
    return icp.make_scorer(icp.IdealCustomerProfile.from_json(repository.setting("icp")))


def find_icp_fit(repository: Repository, ctx: Context) -> tuple[Finding | None, str | None]:
    """New deals fitting the profile less than won deals did; (None, why) when unknowable."""
    scorer = _fit_scorer(repository)
    if scorer is None:
        return None, "no ideal customer profile is set (Pipeline › Ideal customer…)"
    today = date.fromordinal(ctx.pipeline.today)
    new_start = today - timedelta(days=ctx.th.recent_days - 1)
    won_start = today - timedelta(days=365)
    sql = _FIT_SQL.format(p=repository.db.param)
    days = _Days()
    new_fit: list[tuple[int, int]] = []
    won_fit: list[int] = []
    rows = repository.db.execute_sql(sql, (new_start.isoformat(), won_start.isoformat()))
    for deal_id, status, created, closed, industry, employees, region, title in rows:
        fit = scorer(industry, employees, region, title)
        if fit is None:
            continue
        if status == "won" and (days(closed) or 0) >= won_start.toordinal():
            won_fit.append(fit)
        if (days(created) or 0) >= new_start.toordinal():
            new_fit.append((fit, deal_id))
    if len(new_fit) < ctx.sample or len(won_fit) < ctx.sample:
        return None, None
    new_mean = statistics.fmean(f for f, _ in new_fit)
    won_mean = statistics.fmean(won_fit)
    if won_mean - new_mean < ctx.th.icp_gap:
        return None, None
    below = sorted(((f, i) for f, i in new_fit if f < won_mean))
    return Finding(
        "icp_fit_down", "warning",
        f"New deals of the last {ctx.th.recent_days} days fit the ideal customer profile "
        f"{new_mean:.0f}/100 on average, against {won_mean:.0f}/100 for deals won in the last "
        f"year.",
        {"new_mean": round(new_mean, 1), "won_mean": round(won_mean, 1),
         "new_deals": len(new_fit), "won_deals": len(won_fit)},
        tuple(i for _, i in below)), None


FINDERS: tuple[Callable[[Context], Finding | None], ...] = (
    find_coverage, find_stale, find_no_next_activity, find_past_close, find_conversion_drop,
    find_stage_wait, find_concentration, find_new_deals_drop, find_win_rate_down,
    find_qualification,
)

