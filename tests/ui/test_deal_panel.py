"""The deal panel: fields, exit criteria, BANT and activities edited in place, each undoable."""

from __future__ import annotations

from datetime import date

import pytest

from pipeline_desktop.domain import process_commands as pc
from pipeline_desktop.storage import process_store as store
from pipeline_desktop.ui.activity_actions import ActivityDialog
from pipeline_desktop.ui.deal_panel import DealPanel
from pipeline_desktop.ui.settings import AppSettings

TODAY = date(2026, 6, 15)


@pytest.fixture
def panel(qtbot, controller) -> DealPanel:
    widget = DealPanel(controller, AppSettings(), today=lambda: TODAY)
    qtbot.addWidget(widget)
    widget.resize(360, 800)
    widget.show()
    return widget


def _open_deal(controller) -> int:
    return next(r.id for r in controller.repository.deal_rows(today=TODAY) if r.status == "open")


def test_shows_deal_and_nothing(panel: DealPanel, controller) -> None:
    assert not panel.scroll.isVisible()
    deal_id = _open_deal(controller)
    panel.show_deal(deal_id)
    deal = controller.repository.deal(deal_id)
    assert panel.scroll.isVisible()
    assert panel.fields.edits["title"].text() == deal["title"]
    assert panel.fields.stage.currentData() == deal["stage"]
    assert panel.history.tree.topLevelItemCount() >= 1
    assert panel.activities.tree.topLevelItemCount() >= 1
    panel.show_deal(None)
    assert panel.deal_id is None


def test_edit_field_and_undo(panel: DealPanel, controller) -> None:
    deal_id = _open_deal(controller)
    panel.show_deal(deal_id)
    old = panel.fields.edits["title"].text()
    panel.fields.edits["title"].setText("Renamed in the panel")
    panel.fields.edits["title"].editingFinished.emit()
    assert controller.repository.deal(deal_id)["title"] == "Renamed in the panel"
    controller.undo_stack.undo()
    assert controller.repository.deal(deal_id)["title"] == old
    assert panel.fields.edits["title"].text() == old  # the panel followed the undo


def test_tick_criteria_and_undo(panel: DealPanel, controller) -> None:
    deal_id = _open_deal(controller)
    controller.execute(pc.SetCriteria(deal_id, ()))
    panel.show_deal(deal_id)
    assert panel.criteria.boxes
    first = panel.criteria.boxes[0]
    first.click()
    assert store.criteria_met(controller.repository, deal_id) == (first.text(),)
    assert panel.criteria.boxes[0].isChecked()
    controller.undo_stack.undo()
    assert store.criteria_met(controller.repository, deal_id) == ()
    assert not panel.criteria.boxes[0].isChecked()


def test_bant_edits_and_undo(panel: DealPanel, controller) -> None:
    deal_id = _open_deal(controller)
    controller.execute(pc.EditQualification(deal_id, {
        "budget_cents": None, "budget_confirmed": False, "authority_known": False,
        "authority_name": "", "need": "", "timeline": None}))
    panel.show_deal(deal_id)
    assert "0/4" in panel.bant.title()
    panel.bant.budget_confirmed.click()
    panel.bant.need.setText("Replace spreadsheets")
    panel.bant.need.editingFinished.emit()
    panel.bant.timeline.setText("2026-09-30")
    panel.bant.timeline.editingFinished.emit()
    quali = store.qualification(controller.repository, deal_id)
    assert (quali.budget_confirmed, quali.need, quali.timeline) == (
        True, "Replace spreadsheets", "2026-09-30")
    assert "3/4" in panel.bant.title()
    assert controller.repository.deal_rows([deal_id])[0].qualification == 3
    for _ in range(3):
        controller.undo_stack.undo()
    assert store.qualification(controller.repository, deal_id).score == 0
    assert "0/4" in panel.bant.title()


def test_bad_value_is_refused_and_reset(panel: DealPanel, controller, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a: warnings.append(a[2]))
    deal_id = _open_deal(controller)
    panel.show_deal(deal_id)
    panel.bant.timeline.setText("next spring")
    panel.bant.timeline.editingFinished.emit()
    assert warnings and "date" in warnings[0]
    assert panel.bant.timeline.text() != "next spring"


def test_fit_shows_profile_score(panel: DealPanel, controller) -> None:
    deal_id = _open_deal(controller)
    panel.show_deal(deal_id)
    assert "No ideal customer profile" in panel.fit.score_label.text()
    industry = store.fit_inputs(controller.repository, deal_id)[0]
    controller.execute(pc.SetSetting("icp", {"industries": [industry]}))
    assert panel.fit.score_label.text().startswith("100 / 100")
    controller.undo_stack.undo()
    assert "No ideal customer profile" in panel.fit.score_label.text()


def test_log_complete_and_undo_activity(panel: DealPanel, controller, monkeypatch) -> None:
    deal_id = _open_deal(controller)
    panel.show_deal(deal_id)
    before = panel.activities.tree.topLevelItemCount()
    monkeypatch.setattr(ActivityDialog, "ask", classmethod(
        lambda cls, parent, title: {"kind": "call", "subject": "Ring them", "due": "2026-06-10",
                                    "done": None, "notes": ""}))
    panel.activities.log_button.click()
    assert panel.activities.tree.topLevelItemCount() == before + 1
    new = next(a for a in store.activities(controller.repository, deal_id)
               if a.subject == "Ring them")
    item = next(panel.activities.tree.topLevelItem(i) for i in range(before + 1)
                if "Ring them" in panel.activities.tree.topLevelItem(i).text(0))
    assert item.foreground(0).color().name() == "#c62828"  # overdue on TODAY
    panel.activities.tree.setCurrentItem(item)
    panel.activities.complete_button.click()
    done = next(a for a in store.activities(controller.repository, deal_id) if a.id == new.id)
    assert done.done == TODAY.isoformat()
    controller.undo_stack.undo()  # complete
    controller.undo_stack.undo()  # log
    assert new.id not in {a.id for a in store.activities(controller.repository, deal_id)}
    assert panel.activities.tree.topLevelItemCount() == before


def test_a_half_typed_field_is_dropped_when_no_deal_is_selected(panel: DealPanel, controller,
                                                                 qtbot) -> None:
    deal_id = _open_deal(controller)
    panel.show_deal(deal_id)
    title = controller.repository.deal(deal_id)["title"]
    field = panel.fields.edits["title"]
    qtbot.keyClicks(field, " typed, never confirmed")
    panel.show_deal(None)  # the selection went away
    field.editingFinished.emit()  # as the hidden field loses its focus
    assert controller.repository.deal(deal_id)["title"] == title
    assert not controller.undo_stack.canUndo()
