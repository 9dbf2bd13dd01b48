"""Each finding of the health check on a pipeline made by hand: one that raises it, one that
does not. All dates are relative to TODAY; thresholds are lowered where samples are small."""

from __future__ import annotations

from datetime import date

from health_helpers import FULL_BANT, TODAY, ago, make_deal, set_company

from pipeline_desktop.domain.targets import Target
from pipeline_desktop.services import health
from pipeline_desktop.services.health import Thresholds

SMALL = Thresholds(min_sample=3)


def ids(report) -> set[str]:
    return {f.id for f in report.findings}


def run(session, thresholds: Thresholds = SMALL):
    return health.check(session.repository, TODAY, thresholds)


# ---- coverage ----------------------------------------------------------------------------------


def test_coverage_low_when_weighted_pipeline_is_short_of_the_gap(session):
    repo = session.repository
    health.save_targets(repo, [Target("2026-06", 100_000_00)])
    make_deal(repo, "Won in June", value=10_000_00, created=ago(40),
              moves=(("Won", date(2026, 6, 5)),))
    open_id = make_deal(repo, "Proposal", stage="Proposal", value=50_000_00,
                        expected=date(2026, 6, 30))
    found = run(session).finding("coverage_low")
    assert found is not None
    assert found.severity == "critical"  # 25,000 / 90,000 = 0.28×, below half of 3×
    assert found.figures["gap"] == 90_000
    assert found.figures["weighted"] == 25_000
    assert found.figures["coverage"] == 0.278
    assert found.deal_ids == (open_id,)
    assert "0.3×" in found.message and "$90,000" in found.message


def test_coverage_fine_when_pipeline_is_three_times_the_gap(session):
    repo = session.repository
    health.save_targets(repo, [Target("2026-Q2", 100_000_00)])
    make_deal(repo, "Won in May", value=10_000_00, created=ago(60),
              moves=(("Won", date(2026, 5, 5)),))
    make_deal(repo, "Big", stage="Proposal", value=600_000_00, expected=date(2026, 6, 20))
    report = run(session)
    assert "coverage_low" not in ids(report)
    assert report.target is not None
    assert report.target.coverage == 300_000_00 / 90_000_00


def test_target_missing_is_said_and_coverage_skipped(session):
    report = run(session)
    assert "target_missing" in ids(report)
    assert "coverage_low" in report.skipped
    health.save_targets(session.repository, [Target("2026-06", 5_00)])
    assert "target_missing" not in ids(run(session))


# ---- keeping deals up to date ------------------------------------------------------------------


def test_stale_deal_found(session):
    stale = make_deal(session.repository, "Forgotten", created=ago(45))
    make_deal(session.repository, "Fresh", created=ago(5))
    found = run(session).finding("stale_deals")
    assert found is not None and found.deal_ids == (stale,)
    assert found.figures["count"] == 1 and found.figures["open"] == 2


def test_recent_activity_or_move_keeps_a_deal_fresh(session):
    make_deal(session.repository, "Called", created=ago(45), done=ago(3))
    make_deal(session.repository, "Moved", created=ago(45), moves=(("Qualifying", ago(10)),))
    assert "stale_deals" not in ids(run(session))


def test_no_next_activity_found(session):
    lonely = make_deal(session.repository, "Nothing planned", next_due=None)
    make_deal(session.repository, "Planned")
    found = run(session).finding("no_next_activity")
    assert found is not None and found.deal_ids == (lonely,)
    assert found.severity == "critical"  # 50 % ≥ 2 × 20 %


def test_no_next_activity_quiet_when_every_deal_has_one(session):
    make_deal(session.repository, "Planned", next_due=TODAY)
    assert "no_next_activity" not in ids(run(session))


def test_past_close_date_found(session):
    late = make_deal(session.repository, "Late", expected=ago(10), value=7_000_00)
    make_deal(session.repository, "On time", expected=date(2026, 7, 1))
    found = run(session).finding("past_close_date")
    assert found is not None and found.deal_ids == (late,)
    assert found.figures["median_days_late"] == 10
    assert "$7,000" in found.message


def test_past_close_date_quiet(session):
    make_deal(session.repository, "On time", expected=TODAY)
    assert "past_close_date" not in ids(run(session))


# ---- trends ----------------------------------------------------------------------------------


def _proposal_exits(repo, day_won_pairs):
    for n, (day, forward) in enumerate(day_won_pairs):
        make_deal(repo, f"P{n}", stage="Proposal", created=ago((TODAY - day).days + 10),
                  moves=(("Negotiation" if forward else "Lost", day),))


def test_conversion_drop_found(session):
    repo = session.repository
    _proposal_exits(repo, [(ago(150), True)] * 4 + [(ago(20), True)] + [(ago(20), False)] * 3)
    waiting = make_deal(repo, "Still in proposal", stage="Proposal")
    found = run(session).finding("conversion_drop")
    assert found is not None
    assert found.figures["stage"] == "Proposal"
    assert found.figures["usual"] == 1.0 and found.figures["recent"] == 0.25
    assert found.severity == "critical"  # a 75 % drop is more than twice the 25 % threshold
    assert found.deal_ids == (waiting,)


def test_conversion_steady_is_quiet(session):
    _proposal_exits(session.repository, [(ago(150), True)] * 4 + [(ago(20), True)] * 5
                    + [(ago(20), False)])  # 83 % against 100 %: a 17 % dip
    assert "conversion_drop" not in ids(run(session))


def test_conversion_needs_enough_deals(session):
    _proposal_exits(session.repository, [(ago(150), True)] * 4 + [(ago(20), False)] * 3)
    assert "conversion_drop" not in ids(run(session, Thresholds(min_sample=10)))


def test_stage_wait_long_found(session):
    repo = session.repository
    for n in range(3):  # usually 10 days in Qualifying
        make_deal(repo, f"Quick {n}", created=ago(200),
                  moves=(("Qualifying", ago(190)), ("Needs analysis", ago(180))))
    stuck = [make_deal(repo, f"Stuck {n}", created=ago(70), moves=(("Qualifying", ago(60)),))
             for n in range(3)]
    found = run(session).finding("stage_wait_long")
    assert found is not None
    assert found.figures == {"stage": "Qualifying", "median_days_now": 60,
                             "median_days_usual": 10, "factor": 6.0, "waiting_long": 3}
    assert set(found.deal_ids) == set(stuck)


def test_stage_wait_usual_is_quiet(session):
    repo = session.repository
    for n in range(3):
        make_deal(repo, f"Quick {n}", created=ago(200),
                  moves=(("Qualifying", ago(190)), ("Needs analysis", ago(180))))
        make_deal(repo, f"Now {n}", created=ago(20), moves=(("Qualifying", ago(11)),))
    assert "stage_wait_long" not in ids(run(session))


def test_new_deals_down_found(session):
    for n in range(6):
        make_deal(session.repository, f"Before {n}", created=ago(40))
    make_deal(session.repository, "Lately", created=ago(3))
    found = run(session).finding("new_deals_down")
    assert found is not None
    assert found.figures == {"recent": 1, "previous": 6, "drop": 0.8333, "days": 30}


def test_new_deals_steady_is_quiet(session):
    for n in range(4):
        make_deal(session.repository, f"Before {n}", created=ago(40))
        make_deal(session.repository, f"Lately {n}", created=ago(3))
    assert "new_deals_down" not in ids(run(session))


def _closed(repo, outcomes: str, days_ago: int) -> None:
    for n, outcome in enumerate(outcomes):
        make_deal(repo, f"{outcome}{n}", created=ago(days_ago + 20),
                  moves=(("Won" if outcome == "W" else "Lost", ago(days_ago)),))


def test_win_rate_down_found(session):
    _closed(session.repository, "WWWL", 150)  # 75 % before
    _closed(session.repository, "WLLL", 30)  # 25 % now
    found = run(session).finding("win_rate_down")
    assert found is not None and found.severity == "critical"
    assert found.figures["recent"] == 0.25 and found.figures["previous"] == 0.75


def test_win_rate_steady_is_quiet(session):
    _closed(session.repository, "WWWL", 150)
    _closed(session.repository, "WWLW", 30)
    assert "win_rate_down" not in ids(run(session))


# ---- risk and qualification --------------------------------------------------------------------


def test_one_deal_holding_most_of_the_pipeline(session):
    big = make_deal(session.repository, "Whale", value=100_000_00)
    for n in range(3):
        make_deal(session.repository, f"Minnow {n}", value=1_000_00)
    found = run(session).finding("deal_concentration")
    assert found is not None and found.deal_ids == (big,)
    assert found.figures["share"] == round(100 / 103, 4)


def test_spread_pipeline_is_not_concentrated(session):
    for n in range(5):
        make_deal(session.repository, f"Even {n}", value=1_000_00)
    assert "deal_concentration" not in ids(run(session))


def test_late_stage_deal_with_incomplete_bant(session):
    gap = make_deal(session.repository, "Unqualified", stage="Negotiation",
                    expected=date(2026, 9, 1), budget_confirmed=True)
    make_deal(session.repository, "Early", stage="Prospecting")  # early stages are not judged
    found = run(session).finding("qualification_gaps")
    assert found is not None and found.deal_ids == (gap,)
    assert found.figures["incomplete_bant"] == 1 and found.figures["unmet_criteria"] == 0


def test_late_stage_deal_closing_soon_with_open_exit_criteria(session):
    gap = make_deal(session.repository, "Closing soon", stage="Closing",
                    expected=date(2026, 6, 30), criteria_met="Contract sent for signature",
                    **FULL_BANT)
    found = run(session).finding("qualification_gaps")
    assert found is not None and found.deal_ids == (gap,)
    assert found.figures["unmet_criteria"] == 1 and found.figures["incomplete_bant"] == 0


def test_qualified_late_stage_deals_are_quiet(session):
    make_deal(session.repository, "Ready", stage="Closing", expected=date(2026, 6, 30),
              criteria_met="Contract sent for signature\nStart date agreed", **FULL_BANT)
    make_deal(session.repository, "Far off", stage="Proposal", expected=date(2026, 12, 1),
              **FULL_BANT)
    make_deal(session.repository, "Unqualified but early", stage="Qualifying")
    assert "qualification_gaps" not in ids(run(session))


def _icp_pipeline(repo, new_industry: str) -> None:
    repo.set_setting("icp", {"industries": ["Software"], "industry_weight": 50,
                             "min_employees": 10, "max_employees": 500, "size_weight": 50})
    for n in range(3):
        won = make_deal(repo, f"Won {n}", created=ago(200), moves=(("Won", ago(150)),))
        set_company(repo, won, f"Soft {n}", "Software", employees=100)
        new = make_deal(repo, f"New {n}", created=ago(10))
        set_company(repo, new, f"New {n}", new_industry, employees=100)


def test_new_deals_fit_the_profile_less_than_won_deals(session):
    _icp_pipeline(session.repository, "Retail")
    found = run(session).finding("icp_fit_down")
    assert found is not None
    assert found.figures["won_mean"] == 100 and found.figures["new_mean"] == 50
    assert len(found.deal_ids) == 3


def test_new_deals_fitting_as_well_are_quiet(session):
    _icp_pipeline(session.repository, "Software")
    report = run(session)
    assert "icp_fit_down" not in ids(report) and "icp_fit_down" not in report.skipped


def test_icp_skipped_without_a_profile(session):
    report = run(session)
    assert "icp_fit_down" in report.skipped


def test_a_zero_sample_threshold_cannot_divide_by_zero(session):
    _proposal_exits(session.repository, [(ago(150), True)] * 2)
    make_deal(session.repository, "Old", created=ago(40))
    _closed(session.repository, "WL", 150)
    report = run(session, Thresholds(min_sample=0))
    assert {"conversion_drop", "win_rate_down"}.isdisjoint(ids(report))
