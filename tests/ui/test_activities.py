"""Activities from the menu (Ctrl+L) and the Today view: log, complete, undo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QModelIndex, Qt

from pipeline_desktop.domain import process_commands as pc
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.storage import process_store as store
from pipeline_desktop.ui.activity_actions import ActivityDialog, log_activity
from pipeline_desktop.ui.dialogs.today import TodayView

TODAY = date(2026, 6, 15)


def test_activity_dialog_fields(qtbot) -> None:
    dialog = ActivityDialog(None, "A deal", today=TODAY)
    qtbot.addWidget(dialog)
    dialog.subject.setText("Demo")
    fields = dialog.fields()
    assert fields == {"kind": "call", "subject": "Demo", "due": "2026-06-15", "done": None,
                      "notes": ""}
    dialog.kind.setCurrentIndex(dialog.kind.findData("note"))
    dialog.has_due.setChecked(False)
    assert dialog.fields()["done"] == "2026-06-15"


def test_log_activity_from_menu_for_selected_deal(window, monkeypatch) -> None:
    repository = window.controller.repository
    deals = window.deals_tab
    deal_id = repository.deal_rows()[0].id
    deals.select_deal(deal_id)
    assert deals.selected_deal_id() == deal_id
    monkeypatch.setattr(ActivityDialog, "ask", classmethod(
        lambda cls, parent, title: {"kind": "meeting", "subject": "On-site", "due": "2026-06-20",
                                    "done": None, "notes": "bring slides"}))
    before = len(store.activities(repository, deal_id))
    window.actions_by_name["log_activity"].trigger()
    after = store.activities(repository, deal_id)
    assert len(after) == before + 1
    assert any(a.subject == "On-site" and a.notes == "bring slides" for a in after)
    window.controller.undo_stack.undo()
    assert len(store.activities(repository, deal_id)) == before


def test_log_activity_without_selection_says_so(window) -> None:
    window.deals_tab.table.setCurrentIndex(QModelIndex())
    assert window.deals_tab.selected_deal_id() is None
    with pytest.raises(PipelineError, match="Select a deal"):
        log_activity(window, window.controller, window.current_selection)


def test_log_activity_for_card_selected_on_board(window, monkeypatch) -> None:
    window.show_tab("board")
    board = window.tab("board")
    column = next(c for c in board.columns.values() if c.list.count())
    column.list.setCurrentRow(0)
    deal_id = board.selected_deal_id()
    assert deal_id is not None
    monkeypatch.setattr(ActivityDialog, "ask", classmethod(
        lambda cls, parent, title: {"kind": "email", "subject": "From the board", "due": None,
                                    "done": None, "notes": ""}))
    log_activity(window, window.controller, window.current_selection)
    assert any(a.subject == "From the board"
               for a in store.activities(window.controller.repository, deal_id))


def test_today_view_lists_complete_and_undo(qtbot, controller) -> None:
    repository = controller.repository
    view = TodayView(controller, today=lambda: TODAY)
    qtbot.addWidget(view)
    due = store.due_activities(repository, TODAY)
    assert view.tree.topLevelItemCount() == len(due) > 0
    overdue = [d for d in due if d.activity.is_overdue(TODAY)]
    assert view.summary.text() == f"{len(due)} to do, {len(overdue)} overdue"
    first = view.tree.topLevelItem(0)
    activity_id, _deal = first.data(0, Qt.ItemDataRole.UserRole)
    view.tree.setCurrentItem(first)
    view.complete_selected()
    assert view.tree.topLevelItemCount() == len(due) - 1
    assert activity_id not in {d.activity.id for d in store.due_activities(repository, TODAY)}
    controller.undo_stack.undo()
    assert view.tree.topLevelItemCount() == len(due)
    view.horizon.setCurrentIndex(1)
    assert view.tree.topLevelItemCount() >= len(due)


def test_today_view_follows_new_activity(qtbot, controller) -> None:
    view = TodayView(controller, today=lambda: TODAY)
    qtbot.addWidget(view)
    count = view.tree.topLevelItemCount()
    deal_id = controller.repository.deal_rows()[0].id
    controller.execute(pc.AddActivity(deal_id, {"kind": "task", "subject": "Today!",
                                                "due": TODAY.isoformat()}))
    assert view.tree.topLevelItemCount() == count + 1


def test_show_today_from_window(window) -> None:
    from pipeline_desktop.ui.dialogs.today import show_today

    view = show_today(window, window.controller, window.open_deal)
    assert show_today(window, window.controller, window.open_deal) is view
    view.close()



@pytest.mark.parametrize("key", [Qt.Key.Key_Escape, Qt.Key.Key_Return])
def test_activity_dialog_closes_on_escape_and_enter(qtbot, key) -> None:
    """Its "Already done" box once hid QDialog.done(): every way of closing it froze the app."""
    dialog = ActivityDialog(None, "A deal", today=TODAY)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    qtbot.keyClicks(dialog.subject, "Call back")
    qtbot.keyClick(dialog.subject, key)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    accepted = key == Qt.Key.Key_Return
    assert dialog.result() == (dialog.DialogCode.Accepted if accepted
                               else dialog.DialogCode.Rejected)
