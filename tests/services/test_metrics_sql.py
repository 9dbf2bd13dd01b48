"""The two ways to the same figures agree: SQL aggregates over the stored history figures
(the cold path of `metrics --json`) and the snapshot the window keeps in memory.

Random pipelines (hypothesis) with moves dated out of order, done activities, lost reasons,
deleted deals, and stage reorders and deletions; every period shape. After each, the stored
history figures match a fresh computation (storage/history_summary.py)."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from metrics_helpers import TODAY, add_deal, stage_ids
from random_pipelines import (
    SETTINGS,
    STAGES,
    make_deal,
    periods,
    pipeline,
    pipelines,
    rates,
    set_rates,
)

from pipeline_desktop.domain.commands import DeleteDeal, MoveStage
from pipeline_desktop.domain.currency import ChangeCurrencies
from pipeline_desktop.domain.process_commands import EditStages, StageEdit
from pipeline_desktop.services import money_sql
from pipeline_desktop.services.metrics import compute_metrics, to_json
from pipeline_desktop.services.metrics_sql import metrics_from_sql
from pipeline_desktop.services.periods import Period
from pipeline_desktop.services.snapshot import PipelineSnapshot
from pipeline_desktop.session import open_session
from pipeline_desktop.storage import history_summary
from pipeline_desktop.storage.bulk import clear_pipeline
from pipeline_desktop.storage.currency_store import read_book
from pipeline_desktop.storage.repository import Repository

FIXTURES = Path(__file__).parents[1] / "fixtures"


@contextmanager
def small_inline_limit() -> Iterator[None]:
    """Make every rates table count as large (an indexed lookup per foreign deal)."""
    saved = money_sql.MAX_INLINE_RATES
    money_sql.MAX_INLINE_RATES = 0
    try:
        yield
    finally:
        money_sql.MAX_INLINE_RATES = saved


def assert_same_figures(repository: Repository, period: Period) -> None:
    from_sql = to_json(metrics_from_sql(repository, period, TODAY))
    from_snapshot = to_json(compute_metrics(PipelineSnapshot.load(repository), period, TODAY))
    assert from_sql == from_snapshot
    assert history_summary.mismatches(repository.db) == []


@SETTINGS
@given(pipelines, rates, periods)
def test_sql_and_snapshot_give_the_same_figures(deals, dated_rates, period):
    """Over random currencies (USD home; EUR and JPY with random dated rates; CHF none)."""
    with pipeline(deals, dated_rates) as (session, _ids):
        assert_same_figures(session.repository, period)


@SETTINGS
@given(pipelines, rates, periods)
def test_a_large_table_of_rates_gives_the_same_figures(deals, dated_rates, period):
    """Rates looked up per deal in the table (a large table) or inlined in the SQL agree."""
    with pipeline(deals, dated_rates) as (session, _ids):
        inline = to_json(metrics_from_sql(session.repository, period, TODAY))
        with small_inline_limit():
            assert to_json(metrics_from_sql(session.repository, period, TODAY)) == inline


@SETTINGS
@given(pipelines, periods)
def test_a_rate_of_one_for_every_currency_gives_the_one_currency_figures(deals, period):
    with pipeline(deals, [("EUR", -400, 1.0), ("JPY", -400, 1.0), ("CHF", -400, 1.0)]) as (
            session, _ids):
        converted = to_json(metrics_from_sql(session.repository, period, TODAY))
        session.db.execute_sql("UPDATE deal SET currency = 'USD'")
        assert converted == to_json(metrics_from_sql(session.repository, period, TODAY))
        assert converted["unconverted"] == {}


@SETTINGS
@given(pipelines, rates, periods, st.data())
def test_they_agree_after_deletes_late_moves_and_stage_edits(deals, dated_rates, period, data):
    with pipeline(deals, dated_rates) as (session, ids):
        repository = session.repository
        doomed = data.draw(st.sampled_from(ids))
        repository.apply(DeleteDeal(doomed))
        survivor = data.draw(st.sampled_from([i for i in ids if i != doomed] or [None]))
        if survivor is not None:  # a move dated before the deal's other moves
            target = data.draw(st.sampled_from(repository.stages()))
            repository.apply(MoveStage(survivor, target.id, at=datetime(2025, 12, 1)))
        assert_same_figures(repository, period)
        edit = _reorder_and_delete(repository, data)
        assert_same_figures(repository, period)
        repository.apply(edit.inverse)  # the stage comes back, with its deals and history
        assert_same_figures(repository, period)


def _reorder_and_delete(repository: Repository, data: st.DataObject):
    """Swap two open stages and delete a third, its deals going to the first open stage."""
    stages = sorted(repository.stages(), key=lambda s: s.position)
    open_ids = [s.id for s in stages if s.is_open]
    first, second = data.draw(st.sampled_from([(0, 1), (1, 3), (2, 4)]))
    order = list(stages)
    order[first], order[second] = order[second], order[first]
    doomed = data.draw(st.sampled_from(open_ids[1:]))
    kept = [s for s in order if s.id != doomed]
    target = next(s.id for s in kept if s.is_open)
    return repository.apply(EditStages(
        tuple(StageEdit(s.id, s.name, s.probability, s.outcome, s.exit_criteria,
                        s.stale_after_days) for s in kept),
        reassign={doomed: target}))


def test_hand_made_figures_come_out_of_sql(session):
    """The worked example of test_metrics.py, through the SQL path explicitly."""
    repository = session.repository
    ids = stage_ids(repository)
    deal_id = add_deal(repository, "2026-01-01", value=1000,
                       moves=(("Qualifying", "2026-01-11"), ("Proposal", "2026-01-21")))
    repository.apply(MoveStage(deal_id, ids["Lost"], lost_reason="Price",
                               at=datetime(2026, 2, 10)))
    data = to_json(metrics_from_sql(repository, today=TODAY))
    stages = {s["name"]: s for s in data["stages"]}
    assert (stages["Prospecting"]["median_days_in_stage"],
            stages["Qualifying"]["median_days_in_stage"],
            stages["Proposal"]["median_days_in_stage"]) == (10.0, 10.0, 20.0)
    assert [stages[n]["reached"] for n in STAGES[:6]] == [1, 1, 1, 1, 0, 0]
    assert data["lost_reasons"] == [{"reason": "Price", "count": 1, "value": 1000.0}]


def test_an_older_file_gets_its_history_figures_when_upgraded(tmp_path):
    path = tmp_path / "v1.pipeline"
    shutil.copyfile(FIXTURES / "schema_v1" / "sample.pipeline", path)
    session = open_session(str(path))
    try:
        stored = session.db.execute_sql(
            "SELECT COUNT(stay_days) FROM stage_change").fetchone()[0]
        assert stored > 0
        assert history_summary.mismatches(session.db) == []
        assert_same_figures(session.repository, Period())
    finally:
        session.close()


def test_a_stale_stored_figure_is_reported(session):
    deal_id = add_deal(session.repository, "2026-01-01",
                       moves=(("Qualifying", "2026-01-11"),))
    mark = session.db.param
    session.db.execute_sql(f"UPDATE stage_change SET stay_days = 99 WHERE deal_id = {mark}",
                           (deal_id,))
    assert any("stay_days 99" in problem for problem in history_summary.mismatches(session.db))
    history_summary.refresh(session.db, [deal_id])
    assert history_summary.mismatches(session.db) == []


def test_furthest_stages_are_recounted_only_when_the_open_stages_change_order():
    assert history_summary.order_kept([1, 2, 3], [1, 2, 3])
    assert history_summary.order_kept([1, 2, 3], [1, 9, 2, 3])  # a stage added between
    assert not history_summary.order_kept([1, 2, 3], [2, 1, 3])  # reordered
    assert not history_summary.order_kept([1, 2, 3], [1, 3])  # one deleted (or closed)


@settings(max_examples=12, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(pipelines, rates, periods)
def test_both_paths_agree_over_currencies_on_both_engines(any_session, deals, dated_rates,
                                                         period):
    """The same property on SQLite and PostgreSQL (one database, emptied per example)."""
    repository = any_session.repository
    clear_pipeline(any_session.db)
    repository.apply(ChangeCurrencies(remove=tuple(r.key for r in read_book(any_session.db)
                                                   .rates)))
    set_rates(repository, dated_rates)
    for deal in deals:
        make_deal(repository, deal)
    assert_same_figures(repository, period)


def test_each_path_imports_the_totals_not_the_other_path():
    """The SQL path and the snapshot path share services/totals.py and never import each
    other (issue 15: they once did, through a hidden local import)."""
    import subprocess
    import sys

    def loaded_after(module: str) -> set[str]:
        code = (f"import sys, {module}; print(' '.join(m for m in sys.modules "
                "if m.startswith('pipeline_desktop.services.')))")
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout
        return set(out.split())

    sql_path = loaded_after("pipeline_desktop.services.metrics_sql")
    assert "pipeline_desktop.services.totals" in sql_path
    assert "pipeline_desktop.services.metrics" not in sql_path
    snapshot_path = loaded_after("pipeline_desktop.services.metrics")
    assert "pipeline_desktop.services.totals" in snapshot_path
    assert "pipeline_desktop.services.metrics_sql" not in snapshot_path
