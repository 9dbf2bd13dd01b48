"""A move forward past unmet exit criteria asks first, names what is missing, and is undoable."""

from __future__ import annotations

import pytest

from pipeline_desktop.domain import process_commands as pc
from pipeline_desktop.domain.commands import CreateDeal
from pipeline_desktop.ui import stage_moves
from pipeline_desktop.ui.deal_panel import DealPanel
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.stage_moves import MissingCriteriaDialog, move_deal


class Asked(list):
    """What the confirmation was asked with; it answers `answer`."""

    answer = True


@pytest.fixture
def asked(monkeypatch) -> Asked:
    calls = Asked()

    def ask(cls, parent, title, unmet):
        calls.append([(u.stage.name, u.criteria) for u in unmet])
        return calls.answer

    monkeypatch.setattr(MissingCriteriaDialog, "ask", classmethod(ask))
    return calls


def _fresh_deal(controller) -> tuple[int, list]:
    stages = [s for s in controller.repository.stages() if s.is_open]
    deal_id = controller.repository.apply(
        CreateDeal({"title": "Fresh", "stage_id": stages[0].id})).redo.deal_id
    return deal_id, stages


def test_skipping_two_stages_names_missing_criteria(controller, asked) -> None:
    deal_id, stages = _fresh_deal(controller)
    controller.execute(pc.SetCriteria(deal_id, (stages[0].exit_criteria[0],)))
    assert move_deal(None, controller, deal_id, stages[2].id)
    assert asked == [[(stages[0].name, stages[0].exit_criteria[1:]),
                      (stages[1].name, stages[1].exit_criteria)]]
    assert controller.repository.deal(deal_id)["stage"] == stages[2].id
    controller.undo_stack.undo()
    assert controller.repository.deal(deal_id)["stage"] == stages[0].id


def test_refusing_keeps_the_deal(controller, asked) -> None:
    deal_id, stages = _fresh_deal(controller)
    asked.answer = False
    count = controller.undo_stack.count()
    assert not move_deal(None, controller, deal_id, stages[1].id)
    assert controller.repository.deal(deal_id)["stage"] == stages[0].id
    assert controller.undo_stack.count() == count


def test_met_criteria_backward_and_lost_moves_ask_nothing(controller, asked,
                                                         monkeypatch) -> None:
    deal_id, stages = _fresh_deal(controller)
    controller.execute(pc.SetCriteria(deal_id, stages[0].exit_criteria))
    assert move_deal(None, controller, deal_id, stages[1].id)
    assert move_deal(None, controller, deal_id, stages[0].id)
    monkeypatch.setattr(stage_moves.LostReasonDialog, "ask",
                        classmethod(lambda cls, parent, reasons: "No budget"))
    lost = next(s for s in controller.repository.stages() if s.outcome == "lost")
    assert move_deal(None, controller, deal_id, lost.id)
    assert asked == []
    assert controller.repository.deal(deal_id)["lost_reason"] == "No budget"


def test_panel_stage_combo_asks_and_undoes(qtbot, controller, asked) -> None:
    deal_id, stages = _fresh_deal(controller)
    panel = DealPanel(controller, AppSettings())
    qtbot.addWidget(panel)
    panel.show_deal(deal_id)
    asked.answer = False
    panel.fields.stage.setCurrentIndex(panel.fields.stage.findData(stages[1].id))
    panel.fields.stage.activated.emit(panel.fields.stage.currentIndex())
    assert asked and panel.fields.stage.currentData() == stages[0].id  # refused: combo put back
    asked.answer = True
    panel.fields.stage.setCurrentIndex(panel.fields.stage.findData(stages[1].id))
    panel.fields.stage.activated.emit(panel.fields.stage.currentIndex())
    assert controller.repository.deal(deal_id)["stage"] == stages[1].id
    assert "Exit criteria — " + stages[1].name == panel.criteria.title()
    controller.undo_stack.undo()
    assert panel.fields.stage.currentData() == stages[0].id
