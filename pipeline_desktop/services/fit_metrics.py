"""Is the ideal customer profile right? Win rate and average deal size of good-fit deals
against poor-fit ones, for deals closed in a period (issue 5's figures in the metrics)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

import peewee as pw

from pipeline_desktop.domain.icp import fit_class
from pipeline_desktop.services.periods import Period
from pipeline_desktop.services.snapshot import DealFacts
from pipeline_desktop.storage.repository import FitScorer

_FIT_INPUTS_SQL = """
SELECT d.id, COALESCE(c.industry, ''), c.employees, COALESCE(c.region, ''),
       COALESCE(p.job_title, '')
FROM deal d
LEFT JOIN company c ON c.id = d.company_id
LEFT JOIN contact p ON p.id = d.contact_id
WHERE d.status <> 'open'
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


def closed_deal_fits(db: pw.Database, scorer: FitScorer | None) -> dict[int, str]:
    """good/poor for every closed deal the profile can judge (none without a profile)."""
    if scorer is None:
        return {}
    fits = {}
    for deal_id, industry, employees, region, title in db.execute_sql(_FIT_INPUTS_SQL):
        verdict = fit_class(scorer(industry, employees, region, title))
        if verdict is not None:
            fits[deal_id] = verdict
    return fits


def fit_comparison(deals: Iterable[DealFacts], fits: dict[int, str], period: Period
                   ) -> list[FitFigures]:
    """Won and lost deals closed in `period`, good fit first; [] when nothing can be judged."""
    first, last = period.bounds()
    tally = {"good": [0, 0, 0], "poor": [0, 0, 0]}
    for deal in deals:
        verdict = fits.get(deal.id)
        if verdict is None or deal.closed is None or not first <= deal.closed <= last:
            continue
        counts = tally[verdict]
        if deal.status == "won":
            counts[0] += 1
            counts[2] += deal.value or 0
        elif deal.status == "lost":
            counts[1] += 1
    return [FitFigures(fit, *counts) for fit, counts in tally.items() if counts[0] + counts[1]]
