"""Reporting periods and calendar months, as plain dates (no Qt, no SQL).

A `Period` selects won and lost deals by their closed date; both ends are inclusive and either
may be open (None). The window's presets (this month, quarter, year, last 90 days, all time)
are built by `preset_period`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from pipeline_desktop.errors import UsageError


class Preset(StrEnum):
    THIS_MONTH = "month"
    THIS_QUARTER = "quarter"
    THIS_YEAR = "year"
    LAST_90_DAYS = "90d"
    ALL_TIME = "all"
    CUSTOM = "custom"


PRESET_LABELS: dict[Preset, str] = {
    Preset.THIS_MONTH: "This month",
    Preset.THIS_QUARTER: "This quarter",
    Preset.THIS_YEAR: "This year",
    Preset.LAST_90_DAYS: "Last 90 days",
    Preset.ALL_TIME: "All time",
    Preset.CUSTOM: "Custom",
}


@dataclass(frozen=True)
class Period:
    """Closed dates from `start` to `end`, both inclusive; None means unbounded."""

    start: date | None = None
    end: date | None = None

    @property
    def is_all_time(self) -> bool:
        return self.start is None and self.end is None

    @property
    def days(self) -> int | None:
        """Length in days, or None when an end is open."""
        if self.start is None or self.end is None:
            return None
        return (self.end - self.start).days + 1

    def previous(self) -> Period | None:
        """The period of the same length just before this one (None when unbounded)."""
        length = self.days
        if length is None or self.start is None:
            return None
        end = self.start - timedelta(days=1)
        return Period(end - timedelta(days=length - 1), end)

    def contains(self, day: date) -> bool:
        return (self.start is None or day >= self.start) and (self.end is None or day <= self.end)

    def bounds(self) -> tuple[int, int]:
        """(first, last) as date ordinals, open ends widened to the whole calendar."""
        first = self.start.toordinal() if self.start else 0
        last = self.end.toordinal() if self.end else date.max.toordinal()
        return first, last

    def iso_bounds(self) -> tuple[str, str]:
        """(first, last) as ISO dates for SQL parameters, open ends widened the same way."""
        first, last = self.bounds()
        return date.fromordinal(max(first, 1)).isoformat(), date.fromordinal(last).isoformat()

    def label(self) -> str:
        if self.is_all_time:
            return "all time"
        start = self.start.isoformat() if self.start else "…"
        end = self.end.isoformat() if self.end else "…"
        return f"{start} – {end}"


ALL_TIME = Period()


def preset_period(preset: Preset | str, today: date) -> Period:
    """The period a preset names, as of `today` (Custom gives all time: the caller sets it)."""
    preset = Preset(preset)
    if preset is Preset.THIS_MONTH:
        return Period(today.replace(day=1), today)
    if preset is Preset.THIS_QUARTER:
        first_month = (today.month - 1) // 3 * 3 + 1
        return Period(date(today.year, first_month, 1), today)
    if preset is Preset.THIS_YEAR:
        return Period(date(today.year, 1, 1), today)
    if preset is Preset.LAST_90_DAYS:
        return Period(today - timedelta(days=89), today)
    return ALL_TIME


def parse_period(start: str | None, end: str | None) -> Period:
    """A period from `--from`/`--to` text (YYYY-MM-DD); wrong input is a UsageError."""
    first, last = parse_day(start, "--from"), parse_day(end, "--to")
    if first and last and first > last:
        raise UsageError(f"--from {first} is after --to {last}")
    return Period(first, last)


def parse_day(text: str | None, option: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(f"{option} “{text}” is not a date (use YYYY-MM-DD)") from None


# ---- months ------------------------------------------------------------------------------

def month_index(day: date) -> int:
    """Months since year 0: consecutive months are consecutive integers."""
    return day.year * 12 + day.month - 1


def month_label(index: int) -> str:
    """`YYYY-MM` of a month index."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def month_of_ordinal(ordinal: int, cache: dict[int, int]) -> int:
    """Month index of a date ordinal, memoised in `cache` (a pass meets few distinct days)."""
    month = cache.get(ordinal)
    if month is None:
        month = cache[ordinal] = month_index(date.fromordinal(ordinal))
    return month


def to_ordinal(value: object, cache: dict[object, int | None] | None = None) -> int | None:
    """A date ordinal from what the database returns: ISO text on SQLite (`2026-06-15` or
    `2026-06-15 10:00:00`), date or datetime objects on PostgreSQL; None stays None."""
    if value is None:
        return None
    if cache is not None:
        found = cache.get(value, -1)
        if found != -1:
            return found
    if isinstance(value, str):
        try:
            result: int | None = date.fromisoformat(value[:10]).toordinal()
        except ValueError:
            result = None
    elif isinstance(value, datetime):
        result = value.date().toordinal()
    elif isinstance(value, date):
        result = value.toordinal()
    else:
        result = None
    if cache is not None:
        cache[value] = result
    return result
