"""The health score (0–100, four areas that lose points for what the findings show) and the
deals most worth a look: pure functions of the findings and the `Pipeline` they came from."""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from pipeline_desktop.domain.health_data import Finding, Pipeline
from pipeline_desktop.domain.health_rules import Context


@dataclass(frozen=True)
class Area:
    """One line of the score's breakdown; points None when it could not be judged."""

    key: str
    label: str
    points: float | None
    maximum: float
    note: str = ""

    def to_json(self) -> dict[str, Any]:
        return {"area": self.key, "label": self.label, "points": self.points,
                "max": self.maximum, "note": self.note}


class ActOn(NamedTuple):
    deal_id: int
    title: str
    stage: str
    value_cents: int | None
    weighted_cents: int
    reasons: tuple[str, ...]  # finding ids


def _share_of(finding: Finding | None) -> float:
    return 0.0 if finding is None else float(finding.figures.get("share", 0.0))


def score_areas(ctx: Context, findings: Sequence[Finding], *, icp_known: bool
                ) -> tuple[Area, ...]:
    """Four areas; each loses points for what its findings show."""
    found = {f.id: f for f in findings}
    status = ctx.target
    if status is None:
        coverage = Area("coverage", "Coverage of the target", None, 25, "no target set")
    else:
        ratio = 1.0 if status.coverage is None else min(1.0, status.coverage / ctx.th.coverage)
        note = "target met" if status.coverage is None else f"{status.coverage:.1f}× the gap"
        coverage = Area("coverage", "Coverage of the target", round(25 * ratio, 1), 25, note)
    hygiene_ids = ("stale_deals", "no_next_activity", "past_close_date")
    hygiene = sum(10 * (1 - _share_of(found.get(i))) for i in hygiene_ids)
    trend_ids = ("conversion_drop", "stage_wait_long", "new_deals_down", "win_rate_down")
    missed = [i for i in trend_ids if i in found]
    momentum = 25 - 6.25 * len(missed)
    risk_max = 20 if icp_known else 15
    risk = risk_max - (7 if "deal_concentration" in found else 0) \
        - 8 * _share_of(found.get("qualification_gaps")) \
        - (5 if "icp_fit_down" in found else 0)
    return (
        coverage,
        Area("hygiene", "Deals kept up to date", round(hygiene, 1), 30,
             "stale, no next activity, past close date"),
        Area("momentum", "Momentum", round(momentum, 1), 25,
             f"{len(missed)} of 4 trends worse" if missed else "no trend worse than usual"),
        Area("risk", "Risk and qualification", round(max(0.0, risk), 1), risk_max,
             "concentration, late-stage qualification"
             + (", ideal-customer fit" if icp_known else "")),
    )


def total_score(areas: Sequence[Area]) -> int:
    judged = [a for a in areas if a.points is not None]
    maximum = sum(a.maximum for a in judged)
    if not maximum:
        return 100
    return round(100 * sum(a.points or 0 for a in judged) / maximum)


def act_on(pipeline: Pipeline, findings: Sequence[Finding], limit: int = 10
           ) -> tuple[ActOn, ...]:
    """The deals most worth a look: named by the most findings, then by weighted value."""
    reasons: dict[int, list[str]] = defaultdict(list)
    for finding in findings:
        if finding.id == "coverage_low":  # a fact about the period, not about each deal
            continue
        for deal_id in finding.deal_ids:
            reasons[deal_id].append(finding.id)
    stage_names = {s.id: s.name for s in pipeline.stages}
    open_by_id = {d.id: d for d in pipeline.open_deals if d.id in reasons}
    ranked = heapq.nsmallest(limit, open_by_id.values(),  # sorted()[:limit], without the sort
                             key=lambda d: (-len(reasons[d.id]), -d.weighted_cents, d.id))
    return tuple(ActOn(d.id, d.title, stage_names.get(d.stage_id, ""), d.value_cents,
                       d.weighted_cents, tuple(reasons[d.id])) for d in ranked)
