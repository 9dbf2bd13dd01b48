"""Is the ideal customer profile right? Win rate and average deal size of good-fit deals
against poor-fit ones, for deals closed in a period (issue 5's figures in the metrics)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pipeline_desktop.domain.icp import IdealCustomerProfile, fit_class, make_scorer
from pipeline_desktop.services.money_sql import MoneySql
from pipeline_desktop.services.periods import Period
from pipeline_desktop.storage.currency_store import read_book

if TYPE_CHECKING:
    from pipeline_desktop.storage.repository import Repository

# Closed deals grouped by what the profile judges: a few hundred groups, each scored once.
# First by company and contact, read in that order from the covering index tables.FIT_INDEX
# (no sort, none of the wide deal rows), so each company and contact is looked up once per
# group rather than once per deal; then by the values the profile reads. A company's size
# only matters as inside or outside the profile's range: SQL gives one size that stands for
# each (the range's lower end, or -1, which no range holds) instead of every size. At
# 100,000 deals: 20,000 groups, then 900.
_FIT_GROUPS_SQL = """
SELECT COALESCE(c.industry, ''),
       CASE WHEN c.employees IS NULL THEN NULL
            WHEN c.employees >= {mark} AND c.employees <= {mark} THEN {mark} ELSE -1 END,
       COALESCE(c.region, ''), COALESCE(p.job_title, ''),
       SUM(g.won), SUM(g.lost), SUM(g.won_value)
FROM (SELECT d.company_id, d.contact_id,
             SUM(CASE WHEN d.status = 'won' THEN 1 ELSE 0 END) AS won,
             SUM(CASE WHEN d.status = 'lost' THEN 1 ELSE 0 END) AS lost,
             SUM(CASE WHEN d.status = 'won' THEN COALESCE({value}, 0) ELSE 0 END)
                 AS won_value
      FROM deal AS d
      WHERE d.status <> 'open' AND d.closed >= {mark} AND d.closed <= {mark}
      GROUP BY d.company_id, d.contact_id) AS g
LEFT JOIN company c ON c.id = g.company_id
LEFT JOIN contact p ON p.id = g.contact_id
GROUP BY 1, 2, 3, 4
"""
NO_LIMIT = 2 ** 62  # "no upper size": larger than any company, still a bigint


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


def fit_figures(repository: Repository, period: Period) -> list[FitFigures]:
    """Won and lost deals closed in `period`, good fit first, judged by the stored profile;
    [] when nothing can be judged (no profile, or no closed deal the profile can score)."""
    profile = IdealCustomerProfile.from_json(repository.setting("icp"))
    scorer = make_scorer(profile)
    if scorer is None:
        return []
    db = repository.db
    low = profile.min_employees or 0  # never above max_employees (from_json orders them)
    high = NO_LIMIT if profile.max_employees is None else profile.max_employees
    value, rate_params = MoneySql(db, read_book(db), "d").value("d.closed")  # home currency
    sql = _FIT_GROUPS_SQL.format(mark=db.param, value=value)
    tally = {"good": [0, 0, 0], "poor": [0, 0, 0]}
    rows = db.execute_sql(sql, (low, high, low, *rate_params, *period.iso_bounds())).fetchall()
    for industry, employees, region, title, won, lost, won_value in rows:
        verdict = fit_class(scorer(industry, employees, region, title))
        if verdict is not None:  # PostgreSQL sums as numeric (Decimal): int() throughout
            counts = tally[verdict]
            counts[0] += int(won)
            counts[1] += int(lost)
            counts[2] += int(won_value)
    return [FitFigures(fit, *counts) for fit, counts in tally.items() if counts[0] + counts[1]]
