"""The stage editor: rename, reorder, add, delete with reassignment, and undo of each."""

from __future__ import annotations

import pytest

from pipeline_desktop.domain.model import Outcome
from pipeline_desktop.ui.dialogs.stages import ReassignDialog, StagesDialog


@pytest.fixture
def dialog(qtbot, controller) -> StagesDialog:
    widget = StagesDialog(controller)
    qtbot.addWidget(widget)
    widget.show()
    return widget


def _names(controller) -> list[str]:
    return [s.name for s in controller.repository.stages()]


def test_rename_and_probability_then_undo(dialog: StagesDialog, controller) -> None:
    before = controller.repository.stages()
    dialog.stages.setCurrentRow(1)
    dialog.name.setText("Discovery")
    dialog.name.textEdited.emit("Discovery")
    dialog.probability.setValue(25)
    dialog.stale_days.setValue(14)
    dialog.criteria.setPlainText("Pain found\n\nChampion found")
    dialog.accept()
    stage = controller.repository.stages()[1]
    assert (stage.id, stage.name, stage.probability, stage.stale_after_days) == (
        before[1].id, "Discovery", 25, 14)
    assert stage.exit_criteria == ("Pain found", "Champion found")
    controller.undo_stack.undo()
    assert controller.repository.stages() == before


def test_reorder_by_buttons_and_drag_keeps_outcomes_last(dialog: StagesDialog,
                                                         controller) -> None:
    names = _names(controller)
    dialog.stages.setCurrentRow(0)
    dialog.move_current(1)
    # a drop below Won/Lost is put right
    item = dialog.stages.takeItem(2)
    dialog.stages.addItem(item)
    dialog._keep_outcomes_last()
    assert [e.outcome for e in dialog.edits()][-2:] == [Outcome.WON, Outcome.LOST]
    dialog.accept()
    expected = [names[1], names[0], *names[3:6], names[2], *names[6:]]
    assert _names(controller) == expected
    controller.undo_stack.undo()
    assert _names(controller) == names


def test_add_stage_and_undo(dialog: StagesDialog, controller) -> None:
    names = _names(controller)
    dialog.add_stage()
    dialog.name.setText("Demo")
    dialog.name.textEdited.emit("Demo")
    dialog.accept()
    assert _names(controller) == [*names[:6], "Demo", "Won", "Lost"]
    controller.undo_stack.undo()
    assert _names(controller) == names
    controller.undo_stack.redo()
    assert "Demo" in _names(controller)


def test_delete_with_reassignment_and_undo(dialog: StagesDialog, controller,
                                           monkeypatch) -> None:
    stages = controller.repository.stages()
    qualifying, proposal = stages[1], stages[3]
    in_qualifying = {r.id for r in controller.repository.deal_rows()
                     if r.stage_id == qualifying.id}
    assert in_qualifying
    asked = []

    def pick(cls, parent, name, count, targets):
        asked.append((name, count))
        return proposal.id

    monkeypatch.setattr(ReassignDialog, "ask", classmethod(pick))
    dialog.stages.setCurrentRow(1)
    dialog.delete_current()
    assert asked == [("Qualifying", len(in_qualifying))]
    dialog.accept()
    assert "Qualifying" not in _names(controller)
    rows = {r.id: r for r in controller.repository.deal_rows()}
    assert {rows[i].stage_id for i in in_qualifying} == {proposal.id}
    controller.undo_stack.undo()
    assert controller.repository.stages() == stages
    rows = {r.id: r for r in controller.repository.deal_rows()}
    assert {rows[i].stage_id for i in in_qualifying} == {qualifying.id}
    controller.undo_stack.redo()
    assert "Qualifying" not in _names(controller)
    controller.undo_stack.undo()
    assert controller.repository.stages() == stages


def test_cancelled_reassignment_keeps_stage(dialog: StagesDialog, monkeypatch) -> None:
    monkeypatch.setattr(ReassignDialog, "ask", classmethod(lambda cls, *a: None))
    dialog.stages.setCurrentRow(1)
    dialog.delete_current()
    assert dialog.stages.count() == 8


def test_outcomes_cannot_be_deleted_and_bad_names_refused(dialog: StagesDialog, controller,
                                                          monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    dialog.stages.setCurrentRow(dialog.stages.count() - 1)
    assert not dialog.delete_button.isEnabled()
    dialog.delete_current()
    assert dialog.stages.count() == 8
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    dialog.stages.setCurrentRow(0)
    dialog.name.setText("Won")
    dialog.name.textEdited.emit("Won")
    dialog.accept()
    assert warnings and "Won" in warnings[0]
    assert controller.undo_stack.count() == 0


def test_drag_reorder_through_the_model(dialog: StagesDialog, controller, qtbot) -> None:
    """A drag-and-drop move is a model row move; one dropped below Won/Lost is put back."""
    names = _names(controller)
    model = dialog.stages.model()
    assert model.moveRow(model.index(-1, -1), 3, model.index(-1, -1), 0)  # Proposal first
    assert model.moveRow(model.index(-1, -1), 0, model.index(-1, -1), 8)  # below Lost
    qtbot.waitUntil(lambda: dialog.edits()[-1].outcome is Outcome.LOST)
    dialog.accept()
    assert _names(controller) == [*names[:3], *names[4:6], names[3], "Won", "Lost"]
