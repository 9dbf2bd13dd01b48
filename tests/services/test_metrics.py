"""The metrics engine against a small pipeline whose figures are worked out by hand.

The pipeline (tests/metrics_helpers.hand_made), today 2026-06-15, default stages:
  A  $1,000  Ana/Website   Prospecting 01-01 → Qualifying 01-11 → Won 01-31       (30 days)
  B  $2,000  Ben/Referral  Prospecting 02-01 → Qualifying 02-05 → Proposal 02-15
                           → Won 03-11                                            (38 days)
  C    $500  Ana/Website   Prospecting 03-01 → Lost 03-11 (Price)
  D  $3,000  Ben/Website   Prospecting 05-01 → Qualifying 05-06, own probability 50 %,
                           expected to close 2026-07-10 (open, idle 40 days: stale)
  E  no value, no owner    Prospecting 06-01 (open, idle 14 days)"""

from __future__ import annotations

from datetime import date, datetime

import pytest
from metrics_helpers import TODAY, add_deal, hand_made, stage_ids

from pipeline_desktop.domain.commands import Changes, EditDeal, MoveStage
from pipeline_desktop.services.demo import generate
from pipeline_desktop.services.metrics import (
    MetricsEngine,
    compute_metrics,
    conversion_by_stage,
    stage_durations,
    to_json,
)
from pipeline_desktop.services.metrics_sql import metrics_from_sql
from pipeline_desktop.services.periods import Period, Preset, parse_period, preset_period
from pipeline_desktop.services.snapshot import PipelineSnapshot
from pipeline_desktop.services.totals import counter_median
from pipeline_desktop.session import open_session
from pipeline_desktop.storage import history_summary


@pytest.fixture
def deals(session):
    return hand_made(session.repository)


def by_name(metrics):
    return {s.stage.name: s for s in metrics.stages}


def test_headline_figures_all_time(session, deals):
    m = metrics_from_sql(session.repository, today=TODAY)
    assert (m.total, m.open, m.won, m.lost) == (5, 2, 2, 1)
    assert m.win_rate == pytest.approx(2 / 3)
    assert m.average_deal_size == 150_000  # cents: (1,000 + 2,000) / 2
    assert m.median_days_to_close == 34  # 30 and 38 days
    assert m.mean_days_to_close == 34
    assert m.open_value == 300_000  # D; E has no value
    assert m.weighted_value == 150_000  # D at its own 50 %, not Qualifying's 20 %
    # 2 open × 2/3 × $1,500 ÷ 34 days
    assert m.velocity_per_day == pytest.approx(2 * (2 / 3) * 150_000 / 34)


def test_stage_figures_conversion_and_waiting(session, deals):
    stages = by_name(metrics_from_sql(session.repository, today=TODAY))
    assert (stages["Prospecting"].count, stages["Prospecting"].value) == (1, 0)
    assert (stages["Qualifying"].count, stages["Qualifying"].weighted) == (1, 150_000)
    assert (stages["Won"].count, stages["Won"].value) == (2, 300_000)
    assert (stages["Lost"].count, stages["Lost"].value) == (1, 50_000)
    # Reached: Prospecting all 5; Qualifying A, B, D; later stages the two won deals.
    assert [stages[n].reached for n in ("Prospecting", "Qualifying", "Needs analysis",
                                        "Proposal", "Negotiation", "Closing")] == [5, 3, 2, 2,
                                                                                   2, 2]
    assert stages["Prospecting"].conversion_to_next == pytest.approx(3 / 5)
    assert stages["Qualifying"].conversion_to_next == pytest.approx(2 / 3)
    assert stages["Closing"].conversion_to_next == 1.0  # both deals that got there were won
    assert stages["Won"].conversion_to_next is None
    # Completed stays: Prospecting 10 (A), 4 (B), 10 (C), 5 (D); Qualifying 20, 10; Proposal 24
    assert stages["Prospecting"].median_days_in_stage == 7.5
    assert stages["Qualifying"].median_days_in_stage == 15
    assert stages["Proposal"].median_days_in_stage == 24
    assert stages["Negotiation"].median_days_in_stage is None


def test_bottlenecks_forecast_groups_stale(session, deals):
    m = metrics_from_sql(session.repository, today=TODAY)
    assert m.lowest_conversion().stage.name == "Prospecting"
    assert m.longest_wait().stage.name == "Proposal"
    months = {mf.label: mf for mf in m.months}
    assert months["2026-07"].weighted == 150_000
    assert months["2026-01"].won_value == 100_000
    assert months["2026-03"].won_value == 200_000
    assert (months["2026-03"].won, months["2026-03"].lost) == (1, 1)
    assert months["2027-05"].weighted == 0  # the forecast reaches 11 months ahead
    assert "2027-06" not in months
    owners = {g.name: g for g in m.by_owner}
    assert (owners["Ana"].open, owners["Ana"].won, owners["Ana"].lost) == (0, 1, 1)
    assert owners["Ana"].win_rate == 0.5
    assert (owners["Ben"].won_value, owners["Ben"].win_rate) == (200_000, 1.0)
    assert owners["(no owner)"].open == 1
    sources = {g.name: g for g in m.by_source}
    assert (sources["Website"].open, sources["Website"].won, sources["Website"].lost) == (1, 1, 1)
    assert m.lost_reasons == [("Price", 1, 50_000)]
    assert [(s.deal_id, s.idle_days) for s in m.stale] == [(deals["D"], 40)]


def test_period_selects_closed_deals_only(session, deals):
    march = Period(date(2026, 3, 1), date(2026, 3, 31))
    m = metrics_from_sql(session.repository, march, TODAY)
    assert (m.total, m.open, m.won, m.lost) == (4, 2, 1, 1)
    assert m.win_rate == 0.5
    assert m.average_deal_size == 200_000
    assert m.median_days_to_close == 38
    assert m.open_value == 300_000  # open figures are as of now, whatever the period
    # Conversion over deals open now or closed in March: B (won), C, D, E.
    stages = by_name(m)
    assert stages["Prospecting"].reached == 4
    assert stages["Prospecting"].conversion_to_next == pytest.approx(2 / 4)
    empty = metrics_from_sql(session.repository, Period(date(2025, 1, 1), date(2025, 1, 31)),
                            TODAY)
    assert (empty.won, empty.lost, empty.win_rate, empty.average_deal_size) == (0, 0, None, None)
    assert (empty.median_days_to_close, empty.velocity_per_day) == (None, None)


def test_json_contract(session, deals):
    data = to_json(metrics_from_sql(session.repository, today=TODAY))
    for key in ("period", "currency", "deals", "win_rate", "average_deal_size",
                "median_days_to_close", "mean_days_to_close", "open_value", "weighted_value",
                "velocity_per_day", "stages", "forecast", "by_owner", "by_source", "stale"):
        assert key in data
    assert data["period"] == {"from": None, "to": None}
    assert data["currency"] == "USD"
    assert data["deals"] == {"total": 5, "open": 2, "won": 2, "lost": 1}
    assert data["average_deal_size"] == 1500.0 and data["open_value"] == 3000.0
    assert data["weighted_value"] == 1500.0
    first = data["stages"][0]
    assert first == {"name": "Prospecting", "outcome": "open", "count": 1, "value": 0.0,
                     "weighted_value": 0.0, "conversion_to_next": 0.6,
                     "median_days_in_stage": 7.5, "reached": 5}
    assert {"month": "2026-07", "weighted_value": 1500.0, "won_value": 0.0} in data["forecast"]
    assert data["by_owner"][0] == {"owner": "(no owner)", "open": 1, "won": 0, "lost": 0,
                                   "won_value": 0.0, "win_rate": None}
    assert data["stale"]["count"] == 1


def test_deal_without_history_passed_every_earlier_stage(session):
    deal_id = add_deal(session.repository, "2026-04-01", "Proposal", value=100)
    changes = session.repository.tables.stage_change
    changes.delete().where(changes.deal == deal_id).execute()
    history_summary.refresh(session.db, [deal_id])
    stages = by_name(metrics_from_sql(session.repository, today=TODAY))
    assert [stages[n].reached for n in ("Prospecting", "Qualifying", "Needs analysis",
                                        "Proposal", "Negotiation")] == [1, 1, 1, 1, 0]
    assert stages["Proposal"].conversion_to_next == 0


def test_moves_dated_out_of_order_are_sorted(session):
    ids = stage_ids(session.repository)
    deal_id = add_deal(session.repository, "2026-01-01",
                       moves=(("Proposal", "2026-01-21"),))
    # A move recorded later but dated earlier (a backdated correction).
    session.repository.apply(MoveStage(deal_id, ids["Qualifying"],
                                       at=datetime(2026, 1, 11, 10)))
    snapshot = PipelineSnapshot.load(session.repository)
    facts = snapshot.deals[deal_id]
    assert sorted(facts.stays) == sorted([(ids["Prospecting"], 10), (ids["Qualifying"], 10)])
    assert stage_durations(snapshot) == {ids["Prospecting"]: [10], ids["Qualifying"]: [10]}


def test_engine_updates_only_changed_deals_and_matches_a_fresh_pass(session, deals):
    engine = MetricsEngine(session.repository)
    quarter = preset_period(Preset.THIS_QUARTER, TODAY)
    engine.metrics(today=TODAY)
    engine.metrics(quarter, TODAY)
    ids = stage_ids(session.repository)
    applied = session.repository.apply(MoveStage(deals["D"], ids["Won"],
                                                 at=datetime(2026, 6, 10)))
    engine.note(applied.changes)
    session.repository.apply(EditDeal(deals["E"], {"value_cents": 12_345}))
    engine.note(Changes(frozenset({deals["E"]})))
    for period in (Period(), quarter):
        assert to_json(engine.metrics(period, TODAY)) == to_json(
            metrics_from_sql(session.repository, period, TODAY))
    assert engine.metrics(today=TODAY).won == 3


def test_conversion_by_stage_helper(session, deals):
    snapshot = PipelineSnapshot.load(session.repository)
    rows = conversion_by_stage(snapshot)
    assert [s.name for s, _n, _r in rows][:2] == ["Prospecting", "Qualifying"]
    assert rows[0][1:] == (5, pytest.approx(0.6))


def test_good_fit_filter(session, deals):
    website = compute_metrics(PipelineSnapshot.load(session.repository), today=TODAY,
                              deal_filter=lambda f: f.source == "Website")
    assert (website.open, website.won, website.lost) == (1, 1, 1)


def test_counter_median():
    assert counter_median({}) is None
    assert counter_median({5: 1}) == 5
    assert counter_median({1: 1, 3: 1}) == 2
    assert counter_median({1: 2, 9: 1}) == 1
    assert counter_median({4: 0, 7: 2}) == 7


def test_periods():
    assert preset_period(Preset.THIS_MONTH, TODAY) == Period(date(2026, 6, 1), TODAY)
    assert preset_period(Preset.THIS_QUARTER, TODAY) == Period(date(2026, 4, 1), TODAY)
    assert preset_period(Preset.THIS_YEAR, TODAY).start == date(2026, 1, 1)
    assert preset_period(Preset.LAST_90_DAYS, TODAY).days == 90
    assert preset_period(Preset.ALL_TIME, TODAY).is_all_time
    march = Period(date(2026, 3, 1), date(2026, 3, 31))
    assert march.previous() == Period(date(2026, 1, 29), date(2026, 2, 28))
    assert Period().previous() is None
    assert parse_period("2026-01-01", None) == Period(date(2026, 1, 1), None)
    from pipeline_desktop.errors import UsageError

    with pytest.raises(UsageError):
        parse_period("2026-02-01", "2026-01-01")
    with pytest.raises(UsageError):
        parse_period("yesterday", None)


def test_demo_pipeline_figures_are_consistent(demo_session):
    m = metrics_from_sql(demo_session.repository, today=date(2026, 6, 15))
    assert m.total == 60
    assert sum(s.count for s in m.open_stage_figures()) == m.open
    assert m.weighted_value <= m.open_value


def test_same_figures_on_both_engines(any_demo_session, tmp_path):
    """The demo pipeline gives the same JSON on PostgreSQL (dates as date objects) as on
    SQLite (dates as ISO text)."""
    figures = to_json(metrics_from_sql(any_demo_session.repository, today=TODAY))
    reference = open_session(str(tmp_path / "reference.pipeline"))
    try:
        generate(reference.db, reference.repository.stages(), deals=60, seed=7, today=TODAY)
        assert figures == to_json(metrics_from_sql(reference.repository, today=TODAY))
    finally:
        reference.close()
    assert figures["deals"]["total"] == 60


def test_figures_read_before_a_change_are_not_provided_after_it(demo_session):
    """SQL figures read while the snapshot loads answer only if nothing changed meanwhile."""
    from pipeline_desktop.domain.commands import EditDeal

    engine = MetricsEngine(demo_session.repository)
    stamp = engine.stamp
    figures = {(Period(), TODAY): metrics_from_sql(demo_session.repository, today=TODAY)}
    deal_id = demo_session.repository.deal_rows()[0].id
    engine.note(demo_session.repository.apply(EditDeal(deal_id, {"value_cents": 1})).changes)
    assert not engine.provide(figures, stamp)
    assert engine.provide(figures, engine.stamp)
    assert engine.has_figures([(Period(), TODAY)]) and not engine.loaded
    assert engine.metrics(Period(), TODAY) is figures[(Period(), TODAY)]
