"""Revenue targets per month or quarter (for the business, optionally per owner) and the rules
that judge them: attainment, the gap, and coverage of the gap by the weighted pipeline.

Periods are written `2026-06` (a month) or `2026-Q2` (a quarter). Money is integer cents."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from pipeline_desktop.errors import ValidationError

DEFAULT_COVERAGE = 3.0  # weighted pipeline worth 3× the gap is the usual rule of thumb
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$", re.IGNORECASE)
MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August",
               "September", "October", "November", "December")


@dataclass(frozen=True)
class Target:
    period: str  # "2026-06" or "2026-Q2"
    amount_cents: int
    owner: str = ""  # "" is the whole business

    @property
    def is_quarter(self) -> bool:
        return "Q" in self.period


def month_key(day: date) -> str:
    return f"{day.year:04d}-{day.month:02d}"


def quarter_key(day: date) -> str:
    return f"{day.year:04d}-Q{(day.month - 1) // 3 + 1}"


def normalise_period(text: str) -> str:
    """`2026-6`, ` 2026-q2 ` → `2026-06`, `2026-Q2`; anything else raises ValidationError."""
    raw = str(text).strip().upper()
    found = re.fullmatch(r"(\d{4})-(\d{1,2})", raw)
    if found and 1 <= int(found.group(2)) <= 12:
        return f"{found.group(1)}-{int(found.group(2)):02d}"
    if _QUARTER.fullmatch(raw):
        return raw
    raise ValidationError(f"“{text}” is not a period (use YYYY-MM or YYYY-Q1…Q4)", "period")


def period_bounds(period: str) -> tuple[date, date]:
    """First and last day (inclusive) of a month or quarter."""
    month = _MONTH.fullmatch(period)
    if month:
        start = date(int(month.group(1)), int(month.group(2)), 1)
        months = 1
    else:
        quarter = _QUARTER.fullmatch(period)
        if not quarter:
            raise ValidationError(f"“{period}” is not a period", "period")
        start = date(int(quarter.group(1)), 3 * int(quarter.group(2)) - 2, 1)
        months = 3
    year, month_index = divmod(start.month - 1 + months, 12)
    end = date(start.year + year, month_index + 1, 1) - timedelta(days=1)
    return start, end


def period_label(period: str) -> str:
    """`2026-06` → `June 2026`; `2026-Q2` → `Q2 2026`."""
    month = _MONTH.fullmatch(period)
    if month:
        return f"{MONTH_NAMES[int(month.group(2)) - 1]} {month.group(1)}"
    return f"{period[5:].upper()} {period[:4]}"


def parse_targets(data: object) -> list[Target]:
    """Read stored targets (a JSON list of objects); skip entries a hand edit broke."""
    targets = []
    for item in data if isinstance(data, list) else []:
        if not isinstance(item, Mapping):
            continue
        try:
            targets.append(make_target(item.get("period", ""), item.get("amount_cents"),
                                       str(item.get("owner") or "")))
        except (ValidationError, TypeError, ValueError):
            continue
    return targets


def make_target(period: str, amount_cents: object, owner: str = "") -> Target:
    if isinstance(amount_cents, bool) or not isinstance(amount_cents, int):
        raise ValidationError("A target is an amount of money", "amount")
    if amount_cents <= 0:
        raise ValidationError("A target must be more than zero", "amount")
    return Target(normalise_period(period), amount_cents, " ".join(owner.split()))


def targets_to_json(targets: Iterable[Target]) -> list[dict[str, Any]]:
    return [asdict(t) for t in sorted(targets, key=lambda t: (t.period, t.owner))]


def check_unique(targets: Sequence[Target]) -> None:
    """One target per period and owner, or the attainment would be ambiguous."""
    seen: set[tuple[str, str]] = set()
    for target in targets:
        key = (target.period, target.owner.casefold())
        if key in seen:
            who = target.owner or "the business"
            raise ValidationError(f"There are two targets for {who} in "
                                  f"{period_label(target.period)}", "period")
        seen.add(key)


def current_target(targets: Iterable[Target], today: date, owner: str = "") -> Target | None:
    """The target that judges `today`: the month's when there is one, else the quarter's."""
    wanted = owner.casefold()
    by_period = {t.period: t for t in targets if t.owner.casefold() == wanted}
    return by_period.get(month_key(today)) or by_period.get(quarter_key(today))


def monthly_target(targets: Iterable[Target], month: str, owner: str = "") -> int | None:
    """The target of one month, for a chart's target line: the month's own, else a third of
    its quarter's."""
    wanted = owner.casefold()
    by_period = {t.period: t for t in targets if t.owner.casefold() == wanted}
    if month in by_period:
        return by_period[month].amount_cents
    start, _ = period_bounds(month)
    quarter = by_period.get(quarter_key(start))
    return None if quarter is None else quarter.amount_cents // 3


@dataclass(frozen=True)
class TargetStatus:
    """Where the current period stands against its target."""

    period: str
    owner: str
    start: date
    end: date
    target_cents: int
    won_cents: int
    expected_weighted_cents: int  # open deals expected to close in the period, weighted
    threshold: float

    @property
    def attainment(self) -> float:
        return self.won_cents / self.target_cents

    @property
    def gap_cents(self) -> int:
        return max(0, self.target_cents - self.won_cents)

    @property
    def coverage(self) -> float | None:
        """Weighted pipeline ÷ gap; None once the target is met (nothing left to cover)."""
        return None if self.gap_cents == 0 else self.expected_weighted_cents / self.gap_cents

    @property
    def healthy(self) -> bool:
        coverage = self.coverage
        return coverage is None or coverage >= self.threshold

    @property
    def label(self) -> str:
        return period_label(self.period)

    def to_json(self) -> dict[str, Any]:
        return {
            "period": self.period, "owner": self.owner, "from": self.start.isoformat(),
            "to": self.end.isoformat(), "target": self.target_cents / 100,
            "won": self.won_cents / 100, "attainment": round(self.attainment, 4),
            "gap": self.gap_cents / 100, "expected_weighted": self.expected_weighted_cents / 100,
            "coverage": None if self.coverage is None else round(self.coverage, 3),
            "coverage_threshold": self.threshold, "healthy": self.healthy,
        }


def status_for(target: Target, won_cents: int, expected_weighted_cents: int,
               threshold: float = DEFAULT_COVERAGE) -> TargetStatus:
    start, end = period_bounds(target.period)
    return TargetStatus(target.period, target.owner, start, end, target.amount_cents, won_cents,
                        expected_weighted_cents, threshold)
