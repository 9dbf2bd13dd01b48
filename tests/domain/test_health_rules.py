"""The health rules on plain data: a `Pipeline` built by hand, no database (issue 15)."""

from __future__ import annotations

import statistics
from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from pipeline_desktop.domain.health_data import (
    ExitCount,
    FitGroup,
    History,
    OpenDeal,
    Pipeline,
    StayCount,
    Thresholds,
)
from pipeline_desktop.domain.health_fit import fit_finding, judge_fit
from pipeline_desktop.domain.health_rules import (
    Context,
    condense_history,
    find_concentration,
    find_conversion_drop,
    find_new_deals_drop,
    find_no_next_activity,
    find_past_close,
    find_qualification,
    find_stage_wait,
    find_stale,
    find_target_missing,
    find_unconverted,
    find_win_rate_down,
    median_of,
)
from pipeline_desktop.domain.health_score import act_on, score_areas, total_score
from pipeline_desktop.domain.icp import IdealCustomerProfile
from pipeline_desktop.domain.model import Outcome, Stage
from pipeline_desktop.domain.money import format_money

TODAY = date(2026, 6, 15).toordinal()
STAGES = [Stage(1, "Lead", 0, 10, stale_after_days=30),
          Stage(2, "Proposal", 1, 50, exit_criteria=("Budget agreed",), stale_after_days=14),
          Stage(3, "Won", 2, 100, Outcome.WON), Stage(4, "Lost", 3, 0, Outcome.LOST)]
COUNTS = {"new_recent": 20, "new_previous": 20, "won_recent": 10, "lost_recent": 10,
          "won_trailing": 10, "lost_trailing": 10}


def deal(deal_id: int, stage: int = 1, *, value: int = 1_000_00, touched: int = 1,
         expected: int | None = None, scheduled: bool = True, bant: int = 4,
         criteria: frozenset[str] = frozenset(), entered: int = 5) -> OpenDeal:
    """An open deal; days are counted back from TODAY."""
    weighted = value * STAGES[stage - 1].probability // 100
    return OpenDeal(deal_id, f"Deal {deal_id}", stage, value, weighted, TODAY - 100,
                    None if expected is None else TODAY - expected, bant, criteria,
                    TODAY - touched, scheduled, TODAY - entered)


def context(deals: list[OpenDeal], history: History | None = None, **changes) -> Context:
    counts = {**COUNTS, **changes.pop("counts", {})}
    pipeline = Pipeline(TODAY, STAGES, deals, history or History(), counts, "USD", **changes)
    return Context(pipeline, Thresholds(min_sample=3),
                   lambda cents: format_money(cents, "USD", whole=True), None)


def test_stale_deals_are_those_untouched_longer_than_their_stage_allows():
    ctx = context([deal(1, touched=31), deal(2, touched=29), deal(3, stage=2, touched=15),
                   deal(4, stage=2, touched=14)])
    found = find_stale(ctx)
    assert found.deal_ids == (3, 1)  # most valuable (weighted) first
    assert found.figures == {"count": 2, "open": 4, "share": 0.5, "value": 2000.0}
    assert found.severity == "critical"
    assert found.message.startswith("2 of 4 open deals (50%) have had no activity")
    assert find_stale(context([deal(1, touched=3)])) is None


def test_no_next_activity_and_past_close_date():
    ctx = context([deal(1, scheduled=False, expected=10), deal(2, expected=30),
                   deal(3, expected=-5)])
    assert find_no_next_activity(ctx).deal_ids == (1,)
    late = find_past_close(ctx)
    assert late.deal_ids == (1, 2)
    assert late.figures["median_days_late"] == 20.0  # 10 and 30 days late
    assert "worth $2,000, are past their expected close date" in late.message


def test_one_deal_holding_most_of_the_weighted_pipeline():
    ctx = context([deal(1, value=90_000_00), deal(2), deal(3)])
    found = find_concentration(ctx)
    assert found.deal_ids == (1,) and found.figures["share"] == 0.9783
    assert found.message.startswith("One deal, “Deal 1” (#1), holds 98% of the weighted")
    assert find_concentration(context([deal(i) for i in range(1, 6)])) is None


def test_late_stage_gaps_in_bant_or_exit_criteria_closing_soon():
    ctx = context([deal(1, stage=2, bant=3), deal(2, stage=2, expected=-10),
                   deal(3, stage=2, expected=-10, criteria=frozenset({"Budget agreed"})),
                   deal(4, stage=2, expected=-60), deal(5, stage=1, bant=0)])
    found = find_qualification(ctx)
    assert sorted(found.deal_ids) == [1, 2]
    assert found.figures == {"count": 2, "late_stage": 4, "incomplete_bant": 1,
                             "unmet_criteria": 1, "share": 0.5}
    assert "(Proposal and later)" in found.message


def test_condensed_history_counts_decided_exits_only():
    exits = [ExitCount(1, 2, True, 3), ExitCount(1, 4, True, 7),  # forward, lost
             ExitCount(2, 1, True, 5),  # back: decides nothing
             ExitCount(1, 3, False, 10), ExitCount(9, 2, False, 4)]  # won; an unknown stage
    stays = [StayCount(1, 4, False, 2), StayCount(1, 4, False, 1), StayCount(3, 9, True, 1)]
    history = condense_history(STAGES, exits, stays)
    assert history.exits == {1: [10, 3, 10, 10]}
    assert history.usual_stays == {1: {4: 3}}
    assert history.recent_stays == {}  # stays in a closed stage do not count


def test_conversion_drop_names_the_stage_that_fell_most():
    history = condense_history(STAGES, [ExitCount(1, 2, True, 2), ExitCount(1, 4, True, 8),
                                        ExitCount(1, 2, False, 8), ExitCount(1, 4, False, 2)],
                               [])
    found = find_conversion_drop(context([deal(1), deal(2, stage=2)], history))
    assert found.figures == {"stage": "Lead", "recent": 0.2, "usual": 0.8, "drop": 0.75,
                             "decided": 10, "stages": ["Lead"]}
    assert found.deal_ids == (1,) and found.severity == "critical"


def test_stage_wait_counts_waits_still_going_on():
    history = History(usual_stays={1: {4: 5}}, recent_stays={1: {12: 2}})
    deals = [deal(1, entered=12), deal(2, entered=20), deal(3, entered=3)]
    found = find_stage_wait(context(deals, history))
    assert found.figures == {"stage": "Lead", "median_days_now": 12, "median_days_usual": 4,
                             "factor": 3.0, "waiting_long": 2}
    assert found.deal_ids == (1, 2)
    assert find_stage_wait(context([deal(1, entered=4)] * 3, history)) is None


def test_trends_of_new_deals_and_win_rate():
    ctx = context([], counts={"new_recent": 10, "won_recent": 3, "lost_recent": 7})
    assert find_new_deals_drop(ctx).figures == {"recent": 10, "previous": 20, "drop": 0.5,
                                                "days": 30}
    assert find_win_rate_down(ctx).figures == {"recent": 0.3, "previous": 0.5,
                                               "closed_recent": 10, "closed_previous": 20}
    assert find_new_deals_drop(context([])) is None
    assert find_win_rate_down(context([])) is None


def test_unconverted_deals_and_missing_target_are_said():
    ctx = context([deal(1)], unconverted={"CHF": (2, 700_00)}, unconverted_ids=(8, 3))
    found = find_unconverted(ctx)
    assert found.figures == {"CHF": {"deals": 2, "value": 700.0}}
    assert found.deal_ids == (8, 3) and "CHF" in found.message
    assert find_unconverted(context([])) is None
    assert find_target_missing(ctx).figures == {"period": "2026-06"}


@given(st.dictionaries(st.integers(0, 400), st.integers(1, 5), min_size=1))
def test_median_of_a_tally_is_the_median_of_its_values(tally):
    values = [value for value, n in tally.items() for _ in range(n)]
    assert median_of(tally) == statistics.median(values)
    assert type(median_of(tally)) is type(statistics.median(values))


def test_poorer_ideal_customer_fit_of_new_deals():
    profile = IdealCustomerProfile.from_json({"industries": ["Software"], "industry_weight": 1})
    groups = [FitGroup("Software", None, "", "", won=5, new=1),
              FitGroup("Retail", None, "", "", won=0, new=4)]
    verdict = judge_fit(profile, groups, Thresholds(min_sample=3))
    assert verdict is not None and verdict.won_mean == 100 and verdict.new_mean == 20
    found = fit_finding(verdict, profile, [(7, ("Retail", None, "", "")),
                                           (5, ("Software", None, "", "")),
                                           (6, ("Retail", None, "", ""))],
                        Thresholds(min_sample=3))
    assert found.deal_ids == (6, 7)
    assert found.figures == {"new_mean": 20.0, "won_mean": 100.0, "new_deals": 5,
                             "won_deals": 5}
    assert judge_fit(profile, groups[:1], Thresholds(min_sample=3)) is None  # too few new
    assert judge_fit(None, groups, Thresholds()) is None


def test_score_and_deals_to_act_on_from_findings():
    deals = [deal(1, touched=40, scheduled=False), deal(2, touched=40), deal(3)]
    ctx = context(deals)
    findings = [f for f in (find_stale(ctx), find_no_next_activity(ctx)) if f]
    areas = score_areas(ctx, findings, icp_known=False)
    assert [a.points for a in areas] == [None, 20.0, 25.0, 15.0]
    assert total_score(areas) == round(100 * 60 / 70)
    ranked = act_on(ctx.pipeline, findings)
    assert [(a.deal_id, a.reasons) for a in ranked] == [
        (1, ("stale_deals", "no_next_activity")), (2, ("stale_deals",))]
