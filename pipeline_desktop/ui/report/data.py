"""Every figure the report shows, gathered from the Qt-free core (no Qt here)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from pipeline_desktop.domain import targets as tg
from pipeline_desktop.errors import ValidationError
from pipeline_desktop.services import health
from pipeline_desktop.services.metrics import compute_metrics
from pipeline_desktop.services.periods import Period, month_index
from pipeline_desktop.services.snapshot import PipelineSnapshot
from pipeline_desktop.services.totals import Metrics
from pipeline_desktop.session import Session

DEFAULT_DAYS = 90
FORECAST_PAST, FORECAST_AHEAD = 5, 6  # months either side of the current one


@dataclass
class ReportData:
    name: str
    today: date
    period: Period
    previous: Period | None
    now: Metrics
    before: Metrics | None
    forecast: Metrics  # the last months before today and the next ones
    health: health.HealthReport
    targets: list[tg.Target]

    @property
    def currency(self) -> str:
        return self.now.currency


def gather(session: Session, start: date | None = None, end: date | None = None,
           today: date | None = None) -> ReportData:
    """Every figure the report shows, from the Qt-free core."""
    today = today or end or date.today()
    end = end or today
    start = start or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise ValidationError(f"The report's period starts ({start}) after it ends ({end})")
    period = Period(start, end)
    snapshot = PipelineSnapshot.load(session.repository)
    previous = period.previous()
    return ReportData(
        session.display_name, today, period, previous,
        compute_metrics(snapshot, period, today),
        compute_metrics(snapshot, previous, today) if previous else None,
        compute_metrics(snapshot, Period(_months_back(today, FORECAST_PAST), today), today),
        health.check(session.repository, today), health.load_targets(session.repository))


def _months_back(today: date, months: int) -> date:
    index = month_index(today) - months
    return date(index // 12, index % 12 + 1, 1)

