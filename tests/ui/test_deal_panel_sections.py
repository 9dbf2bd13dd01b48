"""Each section of the deal panel on its own: built from the controller (or repository), filled
with one deal, driven through its real widgets, and what it stores read back."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget

from pipeline_desktop.domain import process_commands as pc
from pipeline_desktop.domain.commands import MoveStage
from pipeline_desktop.storage import process_store as store
from pipeline_desktop.ui.deal_panel.activities import ActivitiesSection
from pipeline_desktop.ui.deal_panel.criteria import CriteriaSection
from pipeline_desktop.ui.deal_panel.fields import FieldsSection
from pipeline_desktop.ui.deal_panel.fit import FitSection
from pipeline_desktop.ui.deal_panel.history import HistorySection
from pipeline_desktop.ui.deal_panel.qualification import QualificationSection

TODAY = date(2026, 6, 15)


@pytest.fixture
def deal_id(controller) -> int:
    return next(r.id for r in controller.repository.deal_rows(today=TODAY) if r.status == "open")


def shown(qtbot, section: QWidget) -> Any:
    qtbot.addWidget(section)
    section.resize(360, 500)
    section.show()
    return section


def retype(qtbot, edit: QWidget, text: str) -> None:
    """Select all, type `text`, press Enter: as a person edits a field."""
    edit.setFocus()
    qtbot.keyClick(edit, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(edit, text)
    qtbot.keyClick(edit, Qt.Key.Key_Return)


def test_fields_section_stores_typed_values(qtbot, controller, deal_id) -> None:
    section = shown(qtbot, FieldsSection(controller))
    section.fill(controller.repository.deal(deal_id), controller.repository.stages())
    assert section.edits["title"].text() == controller.repository.deal(deal_id)["title"]
    retype(qtbot, section.edits["title"], "Typed title")
    retype(qtbot, section.edits["owner"], "Dana")
    deal = controller.repository.deal(deal_id)
    assert (deal["title"], deal["owner"]) == ("Typed title", "Dana")
    assert controller.undo_stack.undoText() == "Edit owner"


def test_fields_section_refuses_a_bad_date_and_asks_for_the_stored_deal(
        qtbot, controller, deal_id, monkeypatch) -> None:
    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    section = shown(qtbot, FieldsSection(controller))
    section.fill(controller.repository.deal(deal_id), controller.repository.stages())
    before = controller.repository.deal(deal_id)["expected_close"]
    with qtbot.waitSignal(section.refused, timeout=1000):
        retype(qtbot, section.edits["expected_close"], "next spring")
    assert warned and controller.repository.deal(deal_id)["expected_close"] == before


def test_criteria_section_ticks_what_is_clicked(qtbot, controller, deal_id) -> None:
    controller.execute(pc.SetCriteria(deal_id, ()))
    deal = controller.repository.deal(deal_id)
    stage = next(s for s in controller.repository.stages() if s.id == deal["stage"])
    section = shown(qtbot, CriteriaSection(controller))
    section.fill(deal, stage)
    assert section.title() == f"Exit criteria — {stage.name}"
    assert [box.text() for box in section.boxes] == list(stage.exit_criteria)
    qtbot.mouseClick(section.boxes[0], Qt.MouseButton.LeftButton)
    assert store.criteria_met(controller.repository, deal_id) == (stage.exit_criteria[0],)


def test_qualification_section_stores_ticks_and_typed_answers(qtbot, controller,
                                                              deal_id) -> None:
    controller.execute(pc.EditQualification(deal_id, {
        "budget_cents": None, "budget_confirmed": False, "authority_known": False,
        "authority_name": "", "need": "", "timeline": None}))
    section = shown(qtbot, QualificationSection(controller))
    section.fill(controller.repository.deal(deal_id))
    assert section.title().endswith("0/4")
    qtbot.mouseClick(section.authority_known, Qt.MouseButton.LeftButton)
    retype(qtbot, section.authority_name, "The CFO")
    retype(qtbot, section.need, "Fewer spreadsheets")
    q = store.qualification(controller.repository, deal_id)
    assert (q.authority_known, q.authority_name, q.need) == (True, "The CFO", "Fewer spreadsheets")


def test_fit_section_scores_against_the_stored_profile(qtbot, controller, deal_id) -> None:
    section = shown(qtbot, FitSection(controller.repository))
    section.fill(controller.repository.deal(deal_id))
    assert section.score_label.text() == "No ideal customer profile set (Pipeline menu)"
    industry = store.fit_inputs(controller.repository, deal_id)[0]
    assert industry in section.details.text()
    controller.execute(pc.SetSetting("icp", {"industries": [industry]}))
    section.fill(controller.repository.deal(deal_id))
    assert section.score_label.text() == "100 / 100 — good fit"


def test_activities_section_completes_and_deletes_the_selected_activity(
        qtbot, controller, deal_id) -> None:
    section = shown(qtbot, ActivitiesSection(controller, today=lambda: TODAY))
    section.fill(controller.repository.deal(deal_id))
    assert not section.complete_button.isEnabled()  # nothing selected yet
    open_one = next(a for a in store.activities(controller.repository, deal_id) if not a.done)
    row = next(i for i in range(section.tree.topLevelItemCount())
               if section.tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == open_one.id)
    section.tree.setCurrentItem(section.tree.topLevelItem(row))
    assert section.complete_button.text() == "Complete"
    qtbot.mouseClick(section.complete_button, Qt.MouseButton.LeftButton)
    done = {a.id: a.done for a in store.activities(controller.repository, deal_id)}
    assert done[open_one.id] == TODAY.isoformat()
    section.fill(controller.repository.deal(deal_id))
    section.tree.setCurrentItem(section.tree.topLevelItem(row))
    assert section.complete_button.text() == "Reopen"
    qtbot.mouseClick(section.delete_button, Qt.MouseButton.LeftButton)
    assert open_one.id not in {a.id for a in store.activities(controller.repository, deal_id)}


def test_history_section_shows_a_move_newest_first(qtbot, controller, deal_id) -> None:
    deal = controller.repository.deal(deal_id)
    stages = controller.repository.stages()
    here = next(s for s in stages if s.id == deal["stage"])
    there = next(s for s in stages if s.is_open and s.id != here.id)
    controller.execute(MoveStage(deal_id, there.id, at=datetime(2026, 6, 12, 9, 30)))
    section = shown(qtbot, HistorySection(controller.repository))
    section.fill(controller.repository.deal(deal_id))
    top = section.tree.topLevelItem(0)
    assert top.text(0) == f"{here.name} → {there.name}"
    assert top.text(1) == "2026-06-12"
