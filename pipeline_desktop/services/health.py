""""Is my pipeline healthy?": findings with their evidence, a 0–100 score with its breakdown,
and where the current period stands against its revenue target.

The rules are pure functions in `domain/` (health_rules, health_fit, health_score) over plain
values that `services.health_queries` reads; this module runs the queries, then the rules, and
judges the current period against its target. Targets and thresholds are stored in the
pipeline's settings table."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from pipeline_desktop.domain import targets as tg
from pipeline_desktop.domain.health_data import THRESHOLD_LABELS, Finding, Thresholds
from pipeline_desktop.domain.health_fit import NO_PROFILE, fit_finding, judge_fit
from pipeline_desktop.domain.health_rules import (
    FINDERS,
    Context,
    find_target_missing,
    find_unconverted,
)
from pipeline_desktop.domain.health_score import ActOn, Area, act_on, score_areas, total_score
from pipeline_desktop.domain.icp import make_scorer
from pipeline_desktop.domain.money import format_money
from pipeline_desktop.services import health_queries as queries
from pipeline_desktop.services.metrics import unconverted_json
from pipeline_desktop.services.money_sql import MoneySql
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
    with queries.Beside(repository.db) as beside:  # the fit is read while the rest is
        fitted = beside.run(_fit_finding, repository, today, th)
        pipeline = queries.read_pipeline(repository, today, th)
        fit = fitted.result()
    status = target_status(repository, today, thresholds=th)
    currency = pipeline.currency
    ctx = Context(pipeline, th, lambda cents: format_money(cents, currency, whole=True), status)
    findings = [f for f in (finder(ctx) for finder in FINDERS) if f is not None]
    skipped: dict[str, str] = {}
    missing = find_target_missing(ctx)
    if missing is not None:
        findings.append(missing)
        skipped["coverage_low"] = "no revenue target covers today"
    if isinstance(fit, str):
        skipped["icp_fit_down"] = fit
    elif fit is not None:
        findings.append(fit)
    unconverted = find_unconverted(ctx)
    if unconverted is not None:
        findings.append(unconverted)
    findings.sort(key=lambda f: SEVERITIES.index(f.severity))
    areas = score_areas(ctx, findings, icp_known="icp_fit_down" not in skipped)
    return HealthReport(today, total_score(areas), areas, tuple(findings), skipped, status,
                        act_on(pipeline, findings), currency, owner_statuses(repository, today, th),
                        dict(pipeline.unconverted))


def _fit_finding(repository: Repository, today: date, th: Thresholds) -> Finding | str | None:
    """The ideal-customer-fit finding, None, or why it cannot be checked. The new deals are
    read one by one only when the grouped counts show they fit worse."""
    profile = queries.read_profile(repository)
    if make_scorer(profile) is None:
        return NO_PROFILE
    verdict = judge_fit(profile, queries.read_fit_groups(repository, profile, today, th), th)
    if verdict is None:
        return None
    return fit_finding(verdict, profile, queries.read_new_fits(repository, profile, today, th),
                       th)


def with_thresholds(thresholds: Thresholds, **changes: Any) -> Thresholds:
    return replace(thresholds, **changes)
