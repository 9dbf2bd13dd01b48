"""Invariants of the metrics over random small pipelines (hypothesis)."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime, timedelta
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from metrics_helpers import TODAY, add_deal

from pipeline_desktop.domain.commands import MoveStage
from pipeline_desktop.services.metrics import MetricsEngine, compute_metrics, to_json
from pipeline_desktop.services.periods import Period
from pipeline_desktop.session import Session, open_session

STAGES = ("Prospecting", "Qualifying", "Needs analysis", "Proposal", "Negotiation", "Closing",
          "Won", "Lost")
START = date(2026, 1, 1)

deal_strategy = st.fixed_dictionaries({
    "created": st.integers(0, 120),
    "value": st.one_of(st.none(), st.integers(0, 50_000)),
    "probability": st.one_of(st.none(), st.integers(0, 100)),
    "owner": st.sampled_from(["", "Ana", "Ben"]),
    "expected": st.one_of(st.none(), st.integers(0, 400)),
    "moves": st.lists(st.tuples(st.sampled_from(STAGES), st.integers(0, 40)), max_size=4),
})
pipelines = st.lists(deal_strategy, min_size=1, max_size=8)
periods = st.one_of(st.just(Period()), st.tuples(st.integers(0, 160), st.integers(0, 60)).map(
    lambda p: Period(START + timedelta(days=p[0]), START + timedelta(days=p[0] + p[1]))))
SETTINGS = settings(max_examples=30, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@contextmanager
def pipeline(deals: list[dict]) -> Iterator[tuple[Session, list[int]]]:
    with tempfile.TemporaryDirectory() as folder:
        session = open_session(str(Path(folder) / "p.pipeline"))
        try:
            ids = [_make(session, deal) for deal in deals]
            yield session, ids
        finally:
            session.close()


def _make(session: Session, deal: dict) -> int:
    created = START + timedelta(days=deal["created"])
    moves, day, closed = [], created, False
    for stage, gap in deal["moves"]:
        if closed:
            break
        day += timedelta(days=gap)
        moves.append((stage, day.isoformat()))
        closed = stage in ("Won", "Lost")
    extra = {} if deal["expected"] is None else {
        "expected_close": (START + timedelta(days=deal["expected"])).isoformat()}
    if deal["probability"] is not None:
        extra["probability"] = deal["probability"]
    return add_deal(session.repository, created.isoformat(), value=deal["value"],
                    owner=deal["owner"], moves=tuple(moves), **extra)


@SETTINGS
@given(pipelines, periods)
def test_counts_rates_and_values_hold_together(deals, period):
    with pipeline(deals) as (session, _ids):
        m = compute_metrics(session.repository, period, TODAY)
    assert sum(s.count for s in m.open_stage_figures()) == m.open
    assert m.total == m.open + m.won + m.lost
    assert m.weighted_value <= m.open_value
    assert sum(s.weighted for s in m.open_stage_figures()) == m.weighted_value
    assert m.win_rate is None or 0 <= m.win_rate <= 1
    for figures in m.open_stage_figures():
        rate = figures.conversion_to_next
        assert rate is None or 0 <= rate <= 1
    reached = [s.reached for s in m.open_stage_figures()]
    assert reached == sorted(reached, reverse=True)  # a funnel never widens
    for group in m.by_owner + m.by_source:
        assert group.win_rate is None or 0 <= group.win_rate <= 1
    assert sum(g.open for g in m.by_owner) == m.open
    assert sum(g.won for g in m.by_source) == m.won


@SETTINGS
@given(pipelines, st.data())
def test_a_move_undone_leaves_every_figure_as_it_was(deals, data):
    with pipeline(deals) as (session, ids):
        repository = session.repository
        engine = MetricsEngine(repository)
        before = to_json(compute_metrics(repository, today=TODAY))
        engine.metrics(today=TODAY)
        deal_id = data.draw(st.sampled_from(ids))
        target = data.draw(st.sampled_from([s for s in repository.stages()]))
        applied = repository.apply(MoveStage(deal_id, target.id, at=datetime(2026, 6, 1)))
        engine.note(applied.changes)
        moved = to_json(engine.metrics(today=TODAY))
        assert moved == to_json(compute_metrics(repository, today=TODAY))
        undone = repository.apply(applied.inverse)
        engine.note(undone.changes)
        assert to_json(compute_metrics(repository, today=TODAY)) == before
        assert to_json(engine.metrics(today=TODAY)) == before


@SETTINGS
@given(pipelines, st.data())
def test_moved_and_moved_back_keeps_the_pipeline_figures(deals, data):
    """Moving a deal and moving it back (two new moves) adds history, so waiting times may
    change, but counts, values and rates are as they were."""
    with pipeline(deals) as (session, ids):
        repository = session.repository
        before = compute_metrics(repository, today=TODAY)
        deal_id = data.draw(st.sampled_from(ids))
        home = repository.deal(deal_id)["stage"]
        target = data.draw(st.sampled_from([s.id for s in repository.stages()]))
        if repository.deal(deal_id)["status"] != "open":
            return  # reopening a closed deal forgets its closed date: not a round trip
        repository.apply(MoveStage(deal_id, target, at=datetime(2026, 6, 1)))
        repository.apply(MoveStage(deal_id, home, at=datetime(2026, 6, 1)))
        after = compute_metrics(repository, today=TODAY)
    assert (after.open, after.won, after.lost, after.open_value, after.weighted_value,
            after.win_rate) == (before.open, before.won, before.lost, before.open_value,
                                before.weighted_value, before.win_rate)
    assert [(s.count, s.value) for s in after.stages] == [(s.count, s.value)
                                                          for s in before.stages]
