"""Revenue targets: periods, attainment, gap, coverage; stored in the pipeline's settings."""

from __future__ import annotations

from datetime import date

import pytest
from health_helpers import TODAY, ago, make_deal

from pipeline_desktop.domain import targets as tg
from pipeline_desktop.errors import ValidationError
from pipeline_desktop.services import health


def test_periods_and_labels():
    assert tg.normalise_period(" 2026-6 ") == "2026-06"
    assert tg.normalise_period("2026-q2") == "2026-Q2"
    assert tg.period_bounds("2026-02") == (date(2026, 2, 1), date(2026, 2, 28))
    assert tg.period_bounds("2026-12") == (date(2026, 12, 1), date(2026, 12, 31))
    assert tg.period_bounds("2026-Q4") == (date(2026, 10, 1), date(2026, 12, 31))
    assert tg.period_label("2026-06") == "June 2026"
    assert tg.period_label("2026-Q2") == "Q2 2026"
    for bad in ("2026-13", "June", "2026-Q5", ""):
        with pytest.raises(ValidationError):
            tg.normalise_period(bad)


def test_targets_refuse_nonsense():
    with pytest.raises(ValidationError):
        tg.make_target("2026-06", 0)
    with pytest.raises(ValidationError):
        tg.make_target("2026-06", "lots")
    with pytest.raises(ValidationError):
        tg.check_unique([tg.Target("2026-06", 5), tg.Target("2026-06", 7)])
    tg.check_unique([tg.Target("2026-06", 5), tg.Target("2026-06", 7, "Ana")])


def test_month_target_wins_over_quarter_and_owner_targets_are_separate():
    targets = [tg.Target("2026-Q2", 300), tg.Target("2026-06", 120),
               tg.Target("2026-06", 50, "Ana")]
    assert tg.current_target(targets, date(2026, 6, 3)).amount_cents == 120
    assert tg.current_target(targets, date(2026, 5, 3)).amount_cents == 300
    assert tg.current_target(targets, date(2026, 6, 3), "ana").amount_cents == 50
    assert tg.current_target(targets, date(2026, 7, 3)) is None
    assert tg.monthly_target(targets, "2026-05") == 100  # a third of the quarter
    assert tg.monthly_target(targets, "2026-06") == 120
    assert tg.monthly_target(targets, "2026-09") is None


def test_attainment_gap_and_coverage():
    status = tg.status_for(tg.Target("2026-06", 100_000), won_cents=40_000,
                           expected_weighted_cents=150_000, threshold=3.0)
    assert status.attainment == 0.4
    assert status.gap_cents == 60_000
    assert status.coverage == 2.5
    assert not status.healthy
    met = tg.status_for(tg.Target("2026-06", 100_000), 120_000, 0)
    assert met.gap_cents == 0 and met.coverage is None and met.healthy
    assert met.to_json()["attainment"] == 1.2


def test_stored_targets_round_trip_and_broken_entries_are_skipped(session):
    repo = session.repository
    health.save_targets(repo, [tg.Target("2026-06", 5_000_00), tg.Target("2026-Q3", 9, "Ben")])
    assert health.load_targets(repo) == [tg.Target("2026-06", 5_000_00),
                                         tg.Target("2026-Q3", 9, "Ben")]
    repo.set_setting("targets", [{"period": "nope", "amount_cents": 5}, "junk",
                                 {"period": "2026-07", "amount_cents": 700}])
    assert health.load_targets(repo) == [tg.Target("2026-07", 700)]


def test_thresholds_round_trip_and_tolerate_bad_values(session):
    repo = session.repository
    assert health.load_thresholds(repo) == health.Thresholds()
    health.save_thresholds(repo, health.Thresholds(coverage=2.5, min_sample=4))
    loaded = health.load_thresholds(repo)
    assert loaded.coverage == 2.5 and loaded.min_sample == 4
    repo.set_setting("health_thresholds", {"coverage": "x", "stale_share": -1, "other": 3})
    assert health.load_thresholds(repo) == health.Thresholds()


def test_target_status_from_the_pipeline(session):
    repo = session.repository
    health.save_targets(repo, [tg.Target("2026-06", 100_000_00),
                               tg.Target("2026-06", 30_000_00, "Ana")])
    make_deal(repo, "Won", value=20_000_00, created=ago(30), moves=(("Won", ago(3)),))
    make_deal(repo, "Won in May", value=99_000_00, created=ago(60), moves=(("Won", ago(40)),))
    make_deal(repo, "Closing", stage="Closing", value=10_000_00, expected=date(2026, 6, 28))
    make_deal(repo, "July", stage="Closing", value=10_000_00, expected=date(2026, 7, 2))
    make_deal(repo, "Overdue", stage="Proposal", value=10_000_00, expected=date(2026, 5, 20))
    status = health.target_status(repo, TODAY)
    assert status.won_cents == 20_000_00
    assert status.expected_weighted_cents == 9_000_00 + 5_000_00  # overdue counts as "now"
    assert status.gap_cents == 80_000_00
    assert status.coverage == pytest.approx(14 / 80)
    assert health.target_status(repo, TODAY, owner="Ana").won_cents == 0
    assert health.target_status(repo, date(2026, 8, 1)) is None
    assert health.target_line(repo, ["2026-05", "2026-06"]) == [None, 100_000.0]


def test_target_months_for_the_forecast_chart(session):
    health.save_targets(session.repository, [tg.Target("2026-Q3", 90_000_00),
                                             tg.Target("2026-08", 50_000_00),
                                             tg.Target("2026-12", 10_00, "Ana")])
    assert health.target_months(session.repository) == {
        "2026-07": 30_000.0, "2026-08": 50_000.0, "2026-09": 30_000.0}
    assert health.target_months(session.repository, "Ana") == {"2026-12": 10.0}


def test_owner_targets_are_judged_on_their_own_deals(session):
    repo = session.repository
    health.save_targets(repo, [tg.Target("2026-06", 10_000_00, "ana"),
                               tg.Target("2026-05", 10_000_00, "Ben")])
    won = make_deal(repo, "Ana's", value=4_000_00, created=ago(30), moves=(("Won", ago(2)),))
    make_deal(repo, "Ben's", value=4_000_00, created=ago(30), moves=(("Won", ago(2)),))
    deals = repo.tables.deal
    deals.update(owner="Ana").where(deals.id == won).execute()
    report = health.check(repo, TODAY)
    assert [(s.owner, s.won_cents) for s in report.owner_targets] == [("ana", 4_000_00)]
    assert report.to_json()["owner_targets"][0]["attainment"] == 0.4
