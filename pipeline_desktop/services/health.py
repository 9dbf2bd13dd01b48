""""Is my pipeline healthy?": findings with their evidence, a 0–100 score with its breakdown,
and where the current period stands against its revenue target.

The findings themselves live in `services.findings`; this module runs them, scores the
pipeline, ranks the deals to act on, and judges the current period against its target.
Targets and thresholds are stored in the pipeline's settings table."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any, NamedTuple

from pipeline_desktop.domain import targets as tg
from pipeline_desktop.domain.money import format_money
from pipeline_desktop.services.findings import (
    FINDERS,
    THRESHOLD_LABELS,
    Context,
    Finding,
    Pipeline,
    Thresholds,
    find_icp_fit,
    read_pipeline,
)
from pipeline_desktop.services.metrics import unconverted_json
from pipeline_desktop.services.money_sql import MoneySql
from pipeline_desktop.services.unconverted import find_unconverted
from pipeline_desktop.storage.currency_store import read_book
from pipeline_desktop.storage.repository import Repository

__all__ = [
    "FINDING_TITLES", "SEVERITIES", "THRESHOLD_LABELS", "ActOn", "Area", "Finding",
    "HealthReport", "Thresholds", "check", "load_targets", "load_thresholds", "save_targets",
    "save_thresholds", "target_line", "target_months", "target_status",
]

TARGETS_KEY = "targets"
THRESHOLDS_KEY = "health_thresholds"
SEVERITIES = ("critical", "warning", "info")
# Short names of the findings, for lists of deals ("why this deal?") and headings.
FINDING_TITLES = {
    "coverage_low": "Coverage below target",
    "target_missing": "No target",
    "stale_deals": "Stale deals",
    "no_next_activity": "No next activity",
    "past_close_date": "Past close date",
    "conversion_drop": "Conversion falling",
    "stage_wait_long": "Waiting long",
    "deal_concentration": "Concentration",
    "new_deals_down": "Fewer new deals",
    "win_rate_down": "Win rate falling",
    "qualification_gaps": "Qualification gaps",
    "icp_fit_down": "Poorer ICP fit",
    "unconverted_deals": "No exchange rate",
}


def load_thresholds(repository: Repository) -> Thresholds:
    return Thresholds.from_json(repository.setting(THRESHOLDS_KEY))


def save_thresholds(repository: Repository, thresholds: Thresholds) -> None:
    repository.set_setting(THRESHOLDS_KEY, thresholds.to_json())


def load_targets(repository: Repository) -> list[tg.Target]:
    return tg.parse_targets(repository.setting(TARGETS_KEY, []))


def save_targets(repository: Repository, targets: Sequence[tg.Target]) -> None:
    tg.check_unique(targets)
    repository.set_setting(TARGETS_KEY, tg.targets_to_json(targets))


# ---- results --------------------------------------------------------------------------------


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


@dataclass(frozen=True)
class HealthReport:
    today: date
    score: int
    breakdown: tuple[Area, ...]
    findings: tuple[Finding, ...]
    skipped: dict[str, str]  # finding id → why it could not be checked
    target: tg.TargetStatus | None
    act_on: tuple[ActOn, ...]
    currency: str = "USD"
    owner_targets: tuple[tg.TargetStatus, ...] = ()  # owners with a target covering today
    # Deals left out of the money figures for want of an exchange rate: {currency: (n, cents)}
    unconverted: dict[str, tuple[int, int]] = field(default_factory=dict)

    def finding(self, finding_id: str) -> Finding | None:
        return next((f for f in self.findings if f.id == finding_id), None)

    def to_json(self) -> dict[str, Any]:
        return {
            "date": self.today.isoformat(), "score": self.score,
            "breakdown": [a.to_json() for a in self.breakdown],
            "findings": [f.to_json() for f in self.findings],
            "skipped": self.skipped,
            "target": None if self.target is None else self.target.to_json(),
            "owner_targets": [t.to_json() for t in self.owner_targets],
            "currency": self.currency,
            "unconverted": unconverted_json(self.unconverted),
        }


# ---- targets --------------------------------------------------------------------------------


def won_cents(repository: Repository, start: date, end: date, owner: str = "") -> int:
    """Value won between start and end, in the home currency (each deal at the rate of its
    close date; deals without a rate are left out)."""
    p = repository.db.param
    value, params = MoneySql(repository.db, read_book(repository.db)).value("deal.closed")
    sql = (f"SELECT SUM({value}) FROM deal WHERE status = 'won' "
           f"AND closed >= {p} AND closed <= {p}")
    params += [start.isoformat(), end.isoformat()]
    if owner:
        sql += f" AND LOWER(owner) = LOWER({p})"
        params.append(owner)
    row = repository.db.execute_sql(sql, tuple(params)).fetchone()
    return int(row[0] or 0) if row else 0


def expected_weighted_cents(repository: Repository, start: date, end: date,
                            owner: str = "", *, overdue: bool = True) -> int:
    """Weighted value of open deals expected to close between start and end (inclusive).

    With `overdue`, deals whose expected date has already passed count too: they are still
    expected "now", and the metrics forecast puts them in the current month the same way."""
    p = repository.db.param
    value, params = MoneySql(repository.db, read_book(repository.db), "d").value()
    sql = (f"SELECT SUM(({value}) * COALESCE(d.probability, s.probability) / 100) "
           f"FROM deal d JOIN stage s ON s.id = d.stage_id WHERE d.status = 'open' "
           f"AND d.expected_close >= {p} AND d.expected_close <= {p}")
    first = date.min if overdue else start
    params += [first.isoformat(), end.isoformat()]
    if owner:
        sql += f" AND LOWER(d.owner) = LOWER({p})"
        params.append(owner)
    row = repository.db.execute_sql(sql, tuple(params)).fetchone()
    return int(row[0] or 0) if row else 0


def target_status(repository: Repository, today: date | None = None, owner: str = "",
                  thresholds: Thresholds | None = None) -> tg.TargetStatus | None:
    """The current period against its target (None when no target covers today).

    For the Metrics tab: attainment, gap and coverage of the business or one owner."""
    today = today or date.today()
    target = tg.current_target(load_targets(repository), today, owner)
    if target is None:
        return None
    threshold = (thresholds or load_thresholds(repository)).coverage
    start, end = tg.period_bounds(target.period)
    return tg.status_for(target, won_cents(repository, start, end, owner),
                         expected_weighted_cents(repository, start, end, owner), threshold)


def owner_statuses(repository: Repository, today: date, thresholds: Thresholds
                   ) -> tuple[tg.TargetStatus, ...]:
    """Each owner with a target covering today, against it (two small queries per owner)."""
    owners = sorted({t.owner for t in load_targets(repository) if t.owner}, key=str.casefold)
    found = (target_status(repository, today, owner, thresholds) for owner in owners)
    return tuple(status for status in found if status is not None)


def target_line(repository: Repository, months: Iterable[str], owner: str = ""
                ) -> list[float | None]:
    """Target per month ("YYYY-MM", as in the metrics forecast) in currency units, None where
    no target is set: the forecast chart draws it as its target line."""
    targets = load_targets(repository)
    line = []
    for month in months:
        cents = tg.monthly_target(targets, month, owner)
        line.append(None if cents is None else cents / 100)
    return line


def target_months(repository: Repository, owner: str = "") -> dict[str, float]:
    """Every month with a target ({"YYYY-MM": amount in currency units}): a month's own
    target, else a third of its quarter's. This is the Metrics tab's `targets_provider`."""
    targets = load_targets(repository)
    months: set[str] = set()
    for target in targets:
        start, end = tg.period_bounds(target.period)
        months.update({tg.month_key(start), tg.month_key(end),
                       tg.month_key(start + timedelta(days=40))})
    found = {month: tg.monthly_target(targets, month, owner) for month in sorted(months)}
    return {month: cents / 100 for month, cents in found.items() if cents is not None}


# ---- the check ------------------------------------------------------------------------------

def check(repository: Repository, today: date | None = None,
          thresholds: Thresholds | None = None) -> HealthReport:
    """Run every finding over the pipeline as of `today` and score it."""
    today = today or date.today()
    th = thresholds or load_thresholds(repository)
    pipeline = read_pipeline(repository, today, th)
    status = target_status(repository, today, thresholds=th)
    currency = pipeline.currency
    ctx = Context(pipeline, th, lambda cents: format_money(cents, currency, whole=True), status)
    findings = [f for f in (finder(ctx) for finder in FINDERS) if f is not None]
    skipped: dict[str, str] = {}
    if status is None:
        period = tg.period_label(tg.month_key(today))
        findings.append(Finding(
            "target_missing", "info",
            f"No revenue target is set for {period}, so coverage cannot be checked "
            f"(Pipeline › Revenue targets…).", {"period": tg.month_key(today)}))
        skipped["coverage_low"] = "no revenue target covers today"
    icp_finding, why = find_icp_fit(repository, ctx)
    if icp_finding is not None:
        findings.append(icp_finding)
    if why:
        skipped["icp_fit_down"] = why
    unconverted, finding = find_unconverted(repository, ctx)
    if finding is not None:
        findings.append(finding)
    findings.sort(key=lambda f: SEVERITIES.index(f.severity))
    areas = score_areas(ctx, findings, icp_known="icp_fit_down" not in skipped)
    return HealthReport(today, total_score(areas), areas, tuple(findings), skipped, status,
                        act_on(pipeline, findings), currency, owner_statuses(repository, today, th),
                        unconverted)


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
    ranked = sorted(open_by_id.values(),
                    key=lambda d: (-len(reasons[d.id]), -d.weighted_cents, d.id))[:limit]
    return tuple(ActOn(d.id, d.title, stage_names.get(d.stage_id, ""), d.value_cents,
                       d.weighted_cents, tuple(reasons[d.id])) for d in ranked)


def with_thresholds(thresholds: Thresholds, **changes: Any) -> Thresholds:
    return replace(thresholds, **changes)
