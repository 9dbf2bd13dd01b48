"""The two ways to the same figures agree: SQL aggregates over the stored history figures
(the cold path of `metrics --json`) and the snapshot the window keeps in memory.

Random pipelines (hypothesis) with moves dated out of order, done activities, lost reasons,
deleted deals, and stage reorders and deletions; every period shape. After each, the stored
history figures match a fresh computation (storage/history_summary.py)."""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from metrics_helpers import TODAY, add_deal, stage_ids

from pipeline_desktop.domain.commands import DeleteDeal, MoveStage
from pipeline_desktop.domain.process_commands import AddActivity, EditStages, StageEdit
from pipeline_desktop.services.metrics import compute_metrics, to_json
from pipeline_desktop.services.periods import Period
from pipeline_desktop.services.snapshot import PipelineSnapshot
from pipeline_desktop.session import Session, open_session
from pipeline_desktop.storage import history_summary
from pipeline_desktop.storage.repository import Repository

STAGES = ("Prospecting", "Qualifying", "Needs analysis", "Proposal", "Negotiation", "Closing",
          "Won", "Lost")
START = date(2026, 1, 1)
FIXTURES = Path(__file__).parent / "fixtures"

deal_strategy = st.fixed_dictionaries({
    "created": st.integers(0, 120),
    "value": st.one_of(st.none(), st.integers(0, 50_000)),
    "probability": st.one_of(st.none(), st.integers(0, 100)),
    "owner": st.sampled_from(["", "Ana", "Ben"]),
    "source": st.sampled_from(["", "Web", "Referral"]),
    "reason": st.sampled_from(["", "Price", "Timing"]),
    "expected": st.one_of(st.none(), st.integers(0, 400)),
    # A negative gap dates a move before the one it follows (a move recorded late).
    "moves": st.lists(st.tuples(st.sampled_from(STAGES), st.integers(-20, 40)), max_size=4),
    "done": st.one_of(st.none(), st.integers(0, 160)),
})
pipelines = st.lists(deal_strategy, min_size=1, max_size=8)
days = st.integers(0, 170)
periods = st.one_of(
    st.just(Period()),
    st.tuples(days, st.integers(0, 60)).map(
        lambda p: Period(START + timedelta(days=p[0]), START + timedelta(days=p[0] + p[1]))),
    days.map(lambda d: Period(START + timedelta(days=d), None)),
    days.map(lambda d: Period(None, START + timedelta(days=d))))
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@contextmanager
def pipeline(deals: list[dict]) -> Iterator[tuple[Session, list[int]]]:
    with tempfile.TemporaryDirectory() as folder:
        session = open_session(str(Path(folder) / "p.pipeline"))
        try:
            yield session, [_make(session.repository, deal) for deal in deals]
        finally:
            session.close()


def _make(repository: Repository, deal: dict) -> int:
    created = START + timedelta(days=deal["created"])
    moves, day = [], created
    for stage, gap in deal["moves"]:
        day += timedelta(days=gap)
        moves.append((stage, day.isoformat()))
        if stage in ("Won", "Lost"):
            break
    extra: dict[str, object] = {"owner": deal["owner"], "source": deal["source"]}
    if deal["expected"] is not None:
        extra["expected_close"] = (START + timedelta(days=deal["expected"])).isoformat()
    if deal["probability"] is not None:
        extra["probability"] = deal["probability"]
    if deal["reason"]:
        extra["lost_reason"] = deal["reason"]
    deal_id = add_deal(repository, created.isoformat(), value=deal["value"],
                       moves=tuple(moves), **extra)
    if deal["done"] is not None:
        done = (START + timedelta(days=deal["done"])).isoformat()
        repository.apply(AddActivity(deal_id, {"kind": "call", "subject": "Call",
                                               "done": done}))
    return deal_id


def assert_same_figures(repository: Repository, period: Period) -> None:
    from_sql = to_json(compute_metrics(repository, period, TODAY))
    from_snapshot = to_json(compute_metrics(PipelineSnapshot.load(repository), period, TODAY))
    assert from_sql == from_snapshot
    assert history_summary.mismatches(repository.db) == []


@SETTINGS
@given(pipelines, periods)
def test_sql_and_snapshot_give_the_same_figures(deals, period):
    with pipeline(deals) as (session, _ids):
        assert_same_figures(session.repository, period)


@SETTINGS
@given(pipelines, periods, st.data())
def test_they_agree_after_deletes_late_moves_and_stage_edits(deals, period, data):
    with pipeline(deals) as (session, ids):
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
    data = to_json(compute_metrics(repository, today=TODAY))
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
