"""Is the ideal customer profile right? Win rate and average deal size of good-fit deals
against poor-fit ones, for deals closed in a period (issue 5's figures in the metrics)."""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw

from pipeline_desktop.domain.icp import fit_class
from pipeline_desktop.services.money_sql import MoneySql
from pipeline_desktop.services.periods import Period
from pipeline_desktop.storage.currency_store import read_book
from pipeline_desktop.storage.repository import FitScorer

# Closed deals grouped by what the profile judges: a few thousand groups, each scored once.
_FIT_GROUPS_SQL = """
SELECT d.status, COALESCE(c.industry, ''), c.employees, COALESCE(c.region, ''),
       COALESCE(p.job_title, ''), COUNT(*), COALESCE(SUM({value}), 0)
FROM deal d
LEFT JOIN company c ON c.id = d.company_id
LEFT JOIN contact p ON p.id = d.contact_id
WHERE d.status <> 'open' AND d.closed >= {mark} AND d.closed <= {mark}
GROUP BY 1, 2, 3, 4, 5
"""


@dataclass(frozen=True)
class FitFigures:
    fit: str  # good | poor
    won: int
    lost: int
    won_value: int  # cents

    @property
    def win_rate(self) -> float | None:
        closed = self.won + self.lost
        return self.won / closed if closed else None

    @property
    def average_deal_size(self) -> float | None:
        return self.won_value / self.won if self.won else None

    def to_json(self) -> dict[str, object]:
        average = self.average_deal_size
        return {"fit": self.fit, "won": self.won, "lost": self.lost,
                "win_rate": None if self.win_rate is None else round(self.win_rate, 4),
                "average_deal_size": None if average is None else round(average / 100, 2)}


def fit_figures(db: pw.Database, scorer: FitScorer | None, period: Period
                ) -> list[FitFigures]:
    """Won and lost deals closed in `period`, good fit first; [] when nothing can be judged
    (no profile, or no closed deal the profile can score)."""
    if scorer is None:
        return []
    params = period.iso_bounds()
    tally = {"good": [0, 0, 0], "poor": [0, 0, 0]}
    value, rate_params = MoneySql(db, read_book(db), "d").value("d.closed")  # home currency
    rows = db.execute_sql(_FIT_GROUPS_SQL.format(mark=db.param, value=value),
                          (*rate_params, *params)).fetchall()
    for status, industry, employees, region, title, count, value in rows:
        verdict = fit_class(scorer(industry, employees, region, title))
        if verdict is None:
            continue
        counts = tally[verdict]
        if status == "won":
            counts[0] += count
            counts[2] += int(value)  # PostgreSQL sums bigints as numeric (Decimal)
        elif status == "lost":
            counts[1] += count
    return [FitFigures(fit, *counts) for fit, counts in tally.items() if counts[0] + counts[1]]
