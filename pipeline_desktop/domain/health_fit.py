"""The ideal-customer-fit finding as pure functions: do new deals fit the profile less well
than the deals won in the last year?

Judged in two steps so the common case reads only counts: `judge_fit` compares the mean fits
from deals grouped by what the profile reads (`FitGroup`); only when new deals fit worse does
`fit_finding` need the new deals one by one, to name those below the won deals' mean."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from pipeline_desktop.domain.health_data import Finding, FitGroup, Thresholds
from pipeline_desktop.domain.icp import IdealCustomerProfile, make_scorer

NO_PROFILE = "no ideal customer profile is set (Pipeline › Ideal customer…)"
FitKey = tuple[str, "int | None", str, str]  # industry, employees, region, job title


class FitVerdict(NamedTuple):
    """New deals fit worse than won ones by at least the threshold's gap."""

    new_mean: float
    won_mean: float
    new_deals: int
    won_deals: int


def judge_fit(profile: IdealCustomerProfile | None, groups: Iterable[FitGroup],
              th: Thresholds) -> FitVerdict | None:
    """The verdict when the finding is due; None when the fits are close, the samples too
    small, or there is no profile to judge by."""
    scorer = make_scorer(profile)
    if scorer is None:
        return None
    won_deals = new_deals = won_points = new_points = 0
    for group in groups:
        fit = scorer(group.industry, group.employees, group.region, group.job_title)
        if fit is None:
            continue
        won_deals += group.won
        won_points += fit * group.won
        new_deals += group.new
        new_points += fit * group.new
    sample = max(1, th.min_sample)
    if new_deals < sample or won_deals < sample:
        return None
    new_mean, won_mean = new_points / new_deals, won_points / won_deals
    if won_mean - new_mean < th.icp_gap:
        return None
    return FitVerdict(new_mean, won_mean, new_deals, won_deals)


def fit_finding(verdict: FitVerdict, profile: IdealCustomerProfile,
                new_deals: Sequence[tuple[int, FitKey]], th: Thresholds) -> Finding:
    """The finding, naming the new deals (id, what the profile reads) that fit below the won
    deals' mean, poorest fit first."""
    scorer = make_scorer(profile)
    fits = ((scorer(*key), deal_id) for deal_id, key in new_deals) if scorer else ()
    below = sorted((fit, deal_id) for fit, deal_id in fits
                   if fit is not None and fit < verdict.won_mean)
    return Finding(
        "icp_fit_down", "warning",
        f"New deals of the last {th.recent_days} days fit the ideal customer profile "
        f"{verdict.new_mean:.0f}/100 on average, against {verdict.won_mean:.0f}/100 for deals "
        f"won in the last year.",
        {"new_mean": round(verdict.new_mean, 1), "won_mean": round(verdict.won_mean, 1),
         "new_deals": verdict.new_deals, "won_deals": verdict.won_deals},
        tuple(deal_id for _, deal_id in below))
