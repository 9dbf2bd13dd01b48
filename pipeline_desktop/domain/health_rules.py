"""The findings of the health check: pure functions from a `Pipeline` (plain values, see
`domain/health_data.py`), the thresholds and the period's target status to findings.

Each finder takes a `Context` and returns a `Finding` (stable id, severity, one sentence with
its figures, the deals it concerns, most valuable first) or None. Nothing here reads a
database: `services/health_queries.py` does, and `services/health.check` runs them all."""

from __future__ import annotations

import statistics
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from typing import NamedTuple

from pipeline_desktop.domain import targets as tg
from pipeline_desktop.domain.currency import unconverted_sentence
from pipeline_desktop.domain.health_data import (
    ExitCount,
    Finding,
    History,
    OpenDeal,
    Pipeline,
    StayCount,
    Tally,
    Thresholds,
)
from pipeline_desktop.domain.model import Outcome, Stage


class Context(NamedTuple):
    pipeline: Pipeline
    th: Thresholds
    money: Callable[[int], str]
    target: tg.TargetStatus | None

    @property
    def sample(self) -> int:
        """The fewest events a trend needs; never 0, which would divide by zero."""
        return max(1, self.th.min_sample)


# ---- condensing the history -----------------------------------------------------------------


def transitions(stages: Sequence[Stage]) -> dict[tuple[int, int], bool | None]:
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


def condense_history(stages: Sequence[Stage], exits: Iterable[ExitCount],
                     stays: Iterable[StayCount]) -> History:
    """Counted moves and stays → per open stage, decided exits and stays by window. Moves
    back decide nothing; moves from or to a stage no longer in the process count for none."""
    moves = transitions(stages)
    history = History()
    for move in exits:
        forward = moves.get((move.from_stage, move.to_stage), ...)
        if forward is None or forward is ...:
            continue
        tally = history.exits.setdefault(move.from_stage, [0, 0, 0, 0])
        slot = 0 if move.recent else 2
        tally[slot] += move.count
        tally[slot + 1] += move.count if forward else 0
    open_ids = {s.id for s in stages if s.is_open}
    for stay in stays:
        if stay.stage in open_ids:
            kept = history.recent_stays if stay.recent else history.usual_stays
            days = kept.setdefault(stay.stage, {})
            days[stay.days] = days.get(stay.days, 0) + stay.count
    return history


def median_of(tally: Mapping[int, int]) -> float:
    """`statistics.median` of the values a tally counts, without writing them all out: the
    middle value (an int) for an odd count, the mean of the two middle ones for an even one."""
    total = sum(tally.values())
    if not total:
        raise statistics.StatisticsError("no median for empty data")
    wanted = (total - 1) // 2, total // 2  # the middle positions, counted from 0
    found: list[int] = []
    seen = 0
    for value in sorted(tally):
        seen += tally[value]
        while len(found) < 2 and wanted[len(found)] < seen:
            found.append(value)
        if len(found) == 2:
            break
    return found[0] if total % 2 else (found[0] + found[1]) / 2


# ---- findings about the open deals ----------------------------------------------------------


def _share_severity(share: float, limit: float) -> str:
    if share >= 2 * limit:
        return "critical"
    return "warning" if share >= limit else "info"


def _pct(value: float) -> str:
    return f"{value * 100:.0f}%"


def by_value(ctx: Context, deals: Iterable[OpenDeal]) -> tuple[int, ...]:
    """The deals' ids, most valuable (weighted) first: picked from the open deals sorted once,
    not sorted again for every finding."""
    chosen = {d.id for d in deals}
    return tuple(d.id for d in ctx.pipeline.deals_by_value if d.id in chosen)


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
        by_value(ctx, in_period))


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
        by_value(ctx, stale))


def find_no_next_activity(ctx: Context) -> Finding | None:
    deals = ctx.pipeline.open_deals
    missing = [d for d in deals if not d.has_next_activity]
    if not missing:
        return None
    share = len(missing) / len(deals)
    return Finding(
        "no_next_activity", _share_severity(share, ctx.th.no_activity_share),
        f"{len(missing):,} of {len(deals):,} open deals ({_pct(share)}) have no next activity "
        f"scheduled.",
        {"count": len(missing), "open": len(deals), "share": round(share, 4)},
        by_value(ctx, missing))


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
        by_value(ctx, late))


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
        by_value(ctx, flagged.values()))


def find_unconverted(ctx: Context) -> Finding | None:
    """Deals whose currency has no exchange rate for their day: left out of every money
    figure, so named here."""
    unconverted = ctx.pipeline.unconverted
    if not unconverted:
        return None
    return Finding(
        "unconverted_deals", "warning",
        f"{unconverted_sentence(unconverted)} Add their rates with Pipeline › Currencies…",
        {code: {"deals": n, "value": cents / 100} for code, (n, cents) in unconverted.items()},
        ctx.pipeline.unconverted_ids)


def find_target_missing(ctx: Context) -> Finding | None:
    """No target covers today: coverage cannot be judged, and the owner should know why."""
    if ctx.target is not None:
        return None
    month = tg.month_key(date.fromordinal(ctx.pipeline.today))
    return Finding(
        "target_missing", "info",
        f"No revenue target is set for {tg.period_label(month)}, so coverage cannot be checked "
        f"(Pipeline › Revenue targets…).", {"period": month})


# ---- trends ---------------------------------------------------------------------------------


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
        by_value(ctx, in_stage))


def _waits_now(ctx: Context) -> dict[int, Tally]:
    """Per stage, the stays that ended in the recent window and the waits still going on
    (an open deal's counts as long as it is so far)."""
    today = ctx.pipeline.today
    now = {stage: dict(tally) for stage, tally in ctx.pipeline.history.recent_stays.items()}
    for deal in ctx.pipeline.open_deals:
        tally = now.setdefault(deal.stage_id, {})
        days = today - deal.entered_stage
        tally[days] = tally.get(days, 0) + 1
    return now


def find_stage_wait(ctx: Context) -> Finding | None:
    """The stage where deals now wait longest against their usual wait (ties: the earlier
    stage in the process)."""
    usual_days = ctx.pipeline.history.usual_stays
    now_days = _waits_now(ctx)
    worst = None
    for stage in sorted(ctx.pipeline.stages, key=lambda s: (s.position, s.id)):
        usual_tally, now_tally = usual_days.get(stage.id, {}), now_days.get(stage.id, {})
        if sum(usual_tally.values()) < ctx.sample or sum(now_tally.values()) < ctx.sample:
            continue
        usual, now = median_of(usual_tally), median_of(now_tally)
        factor = now / max(usual, 1)
        if factor >= ctx.th.wait_factor and (worst is None or factor > worst[0]):
            worst = (factor, stage, now, usual)
    if worst is None:
        return None
    factor, stage, now, usual = worst
    limit = usual * ctx.th.wait_factor
    today = ctx.pipeline.today
    long_waits = [d for d in ctx.pipeline.open_deals
                  if d.stage_id == stage.id and today - d.entered_stage > limit]
    return Finding(
        "stage_wait_long", "critical" if factor >= 2 * ctx.th.wait_factor else "warning",
        f"Deals in {stage.name} now wait a median of {now:.0f} days, {factor:.1f}× the usual "
        f"{usual:.0f}; {len(long_waits):,} open deals there have waited more than "
        f"{limit:.0f} days.",
        {"stage": stage.name, "median_days_now": now, "median_days_usual": usual,
         "factor": round(factor, 3), "waiting_long": len(long_waits)},
        by_value(ctx, long_waits))


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


FINDERS: tuple[Callable[[Context], Finding | None], ...] = (
    find_coverage, find_stale, find_no_next_activity, find_past_close, find_conversion_drop,
    find_stage_wait, find_concentration, find_new_deals_drop, find_win_rate_down,
    find_qualification,
)
