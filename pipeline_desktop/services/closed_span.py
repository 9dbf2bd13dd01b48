"""When a pipeline's deals closed: the first and the latest closed date (no Qt).

The analysis tabs ask when a period shows no closed deal, to say when the latest one closed
and offer the period that holds them (an old CRM export brought in shows nothing in the last
90 days)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pipeline_desktop.services.periods import Period, to_ordinal

_SPAN_SQL = "SELECT MIN(closed), MAX(closed) FROM deal WHERE status IN ('won', 'lost')"


def closed_span(repository: Any) -> Period | None:
    """Period(first closed date, latest closed date), or None when no deal has closed."""
    first, last = repository.db.execute_sql(_SPAN_SQL).fetchone()
    first_day, last_day = to_ordinal(first), to_ordinal(last)
    if first_day is None or last_day is None:
        return None
    return Period(date.fromordinal(first_day), date.fromordinal(last_day))
