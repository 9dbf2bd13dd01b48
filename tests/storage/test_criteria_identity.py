"""Exit criteria kept by identity, not text: renaming a criterion in the stage editor keeps
every deal's tick on it (schema v4, storage/criteria.py), through undo and redo, on both
engines; old files migrate with their ticks."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from pipeline_desktop.domain import process_commands as pc
from pipeline_desktop.domain.commands import CreateDeal
from pipeline_desktop.domain.criteria import match_criteria, renamed
from pipeline_desktop.domain.model import Stage
from pipeline_desktop.session import Session, open_session
from pipeline_desktop.storage import process_store


def test_lines_edited_in_place_keep_their_identity() -> None:
    old = ["Budget confirmed", "Champion found", "Pain found"]
    assert match_criteria(old, ["Budget approved", "Champion found", "Pain found"]) == [0, 1, 2]
    assert match_criteria(old, ["Budget confirmed", "New one", "Champion found",
                                "Pain found"]) == [0, None, 1, 2]
    assert match_criteria(old, ["Champion found", "Pain found"]) == [1, 2]
    assert renamed(old, ["Budget approved", "Champion found"]) == [
        ("Budget confirmed", "Budget approved")]


def edit(stages: list[Stage], stage_id: int, criteria: tuple[str, ...]) -> pc.EditStages:
    """What the stage editor sends when one stage's criteria text is changed."""
    return pc.EditStages(tuple(
        pc.StageEdit(s.id, s.name, s.probability, s.outcome,
                     criteria if s.id == stage_id else s.exit_criteria, s.stale_after_days)
        for s in stages))


def ticked(session: Session, deal_id: int) -> tuple[str, ...]:
    return process_store.criteria_met(session.repository, deal_id)


@pytest.fixture
def ticks(any_session: Session) -> tuple[Session, Stage, list[int]]:
    """Three deals with the first stage's first criterion ticked (and one more on deal 1)."""
    repo = any_session.repository
    stage = repo.stages()[0]
    first, second = stage.exit_criteria[:2]
    deals = [repo.apply(CreateDeal({"title": f"Deal {n}"})).redo.deal_id for n in range(3)]
    for deal_id in deals:
        repo.apply(pc.SetCriteria(deal_id, (first,)))
    repo.apply(pc.SetCriteria(deals[0], (first, second)))
    return any_session, stage, deals


def test_a_renamed_criterion_keeps_every_tick(ticks) -> None:
    session, stage, deals = ticks
    repo = session.repository
    first, second, *rest = stage.exit_criteria
    versions = [repo.deal(d)["version"] for d in deals]
    applied = repo.apply(edit(repo.stages(), stage.id, ("Decision maker met", second, *rest)))
    assert repo.stages()[0].exit_criteria[0] == "Decision maker met"
    assert [ticked(session, d) for d in deals] == [("Decision maker met", second),
                                                   ("Decision maker met",),
                                                   ("Decision maker met",)]
    assert applied.changes.deals == frozenset(deals)  # the windows refresh them
    assert [repo.deal(d)["version"] for d in deals] == [v + 1 for v in versions]
    undone = repo.apply(applied.inverse)
    assert [ticked(session, d) for d in deals] == [(first, second), (first,), (first,)]
    repo.apply(undone.inverse)
    assert ticked(session, deals[1]) == ("Decision maker met",)


def test_reordering_criteria_keeps_every_tick(ticks) -> None:
    """Two lines swapped are the same criteria in another order, not two renames."""
    session, stage, deals = ticks
    repo = session.repository
    first, second, *rest = stage.exit_criteria
    applied = repo.apply(edit(repo.stages(), stage.id, (second, first, *rest)))
    assert repo.stages()[0].exit_criteria[:2] == (second, first)
    assert ticked(session, deals[1]) == (first,) and applied.changes.deals == frozenset()
    assert set(ticked(session, deals[0])) == {first, second}


def test_the_same_words_in_another_stage_keep_their_tick(ticks) -> None:
    session, stage, deals = ticks
    repo = session.repository
    first, *rest = stage.exit_criteria
    other = repo.stages()[1]
    repo.apply(edit(repo.stages(), other.id, (*other.exit_criteria, first)))
    repo.apply(edit(repo.stages(), stage.id, ("Renamed", *rest)))
    assert set(ticked(session, deals[1])) == {"Renamed", first}  # still ticks `other`'s too


def test_adding_and_removing_criteria_leaves_the_other_ticks(ticks) -> None:
    session, stage, deals = ticks
    repo = session.repository
    first, second, *rest = stage.exit_criteria
    repo.apply(edit(repo.stages(), stage.id, ("Brand new", first, *rest)))
    assert ticked(session, deals[0]) == (first, second)
    assert ticked(session, deals[2]) == (first,)


def test_renaming_in_the_stage_editor_keeps_the_ticks(qtbot, demo_session: Session) -> None:
    from pipeline_desktop.ui.controller import PipelineController
    from pipeline_desktop.ui.dialogs.stages import StagesDialog

    controller = PipelineController(demo_session)
    repo = demo_session.repository
    stage = repo.stages()[1]
    first = stage.exit_criteria[0]
    holders = [r.id for r in repo.deal_rows() if first in ticked(demo_session, r.id)]
    assert holders, "the demo pipeline ticks criteria"
    dialog = StagesDialog(controller)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.stages.setCurrentRow(1)
    lines = dialog.criteria.toPlainText().splitlines()
    dialog.criteria.setPlainText("\n".join([f"{lines[0]} (in writing)", *lines[1:]]))
    dialog.accept()
    assert all(f"{first} (in writing)" in ticked(demo_session, d) for d in holders)
    controller.undo_stack.undo()
    assert all(first in ticked(demo_session, d) for d in holders)


def test_an_old_file_migrates_with_its_criteria_and_ticks(tmp_path: Path) -> None:
    path = tmp_path / "v2.pipeline"
    shutil.copyfile(Path(__file__).parents[1] / "fixtures" / "schema_v2" / "sample.pipeline", path)
    conn = sqlite3.connect(path)
    ticks_before = dict(conn.execute("SELECT id, criteria_met FROM deal"))
    conn.close()
    session = open_session(str(path))
    try:
        for one in session.repository.stages():  # a row with an id for every criterion
            rows = session.db.execute_sql("SELECT text FROM exit_criterion WHERE stage_id = ? "
                                          "ORDER BY position", (one.id,)).fetchall()
            assert tuple(text for (text,) in rows) == one.exit_criteria
        stage = next(s for s in session.repository.stages() if s.exit_criteria)
        holders = [d for d, text in ticks_before.items() if stage.exit_criteria[0] in
                   (text or "").splitlines()]
        session.repository.apply(edit(session.repository.stages(), stage.id,
                                      ("Renamed after the upgrade", *stage.exit_criteria[1:])))
        assert holders and all("Renamed after the upgrade" in ticked(session, d)
                               for d in holders)
    finally:
        session.close()


@pytest.mark.postgres
def test_a_server_at_version_2_migrates_its_criteria(pg_url: str) -> None:
    session = open_session(pg_url)
    deal_id = session.repository.apply(CreateDeal({"title": "Ticked"})).redo.deal_id
    stage = session.repository.stages()[0]
    session.repository.apply(pc.SetCriteria(deal_id, stage.exit_criteria[:1]))
    session.db.execute_sql("DROP TABLE exit_criterion")  # as a server left at version 2
    session.db.execute_sql("UPDATE schema_version SET version = 2")
    session.close()
    session = open_session(pg_url)  # step 4 runs on PostgreSQL
    try:
        stages = session.repository.stages()
        session.repository.apply(edit(stages, stage.id, ("Renamed", *stage.exit_criteria[1:])))
        assert ticked(session, deal_id) == ("Renamed",)
    finally:
        session.close()
