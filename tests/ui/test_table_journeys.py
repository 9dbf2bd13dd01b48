"""The deal table as a person works in it: a stage filter kept right through a board move, undo
and a delete; cells edited by double-click and F2; the status bar's figures; Tab in and out."""

from __future__ import annotations

import pytest
from keys import (
    CTRL,
    SHIFT,
    Key,
    activate,
    button,
    click,
    focused,
    press,
    type_text,
    when_dialog_opens,
)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractItemView, QDialogButtonBox, QLineEdit

from pipeline_desktop.services.metrics_sql import metrics_from_sql
from pipeline_desktop.ui.models.deal_table import COLUMNS
from pipeline_desktop.ui.stage_moves import MissingCriteriaDialog
from pipeline_desktop.ui.status_summary import open_sums

COL = {column.key: index for index, column in enumerate(COLUMNS)}


@pytest.fixture
def tab(qtbot, window, monkeypatch):
    # Not what these tests are about: moves past unmet exit criteria are allowed.
    monkeypatch.setattr(MissingCriteriaDialog, "ask", classmethod(lambda *_a: True))
    activate(qtbot, window)
    return window.deals_tab


def choose(combo, data) -> None:
    """Pick a filter with the keyboard: focus the combo, arrow down to the choice."""
    combo.setFocus()
    press(Key.Key_Home, widget=combo)
    for _ in range(combo.count()):
        if combo.currentData() == data:
            return
        press(Key.Key_Down, widget=combo)
    raise AssertionError(f"{data} is not a choice")


def shown_ids(tab) -> set[int]:
    return {tab.model.row(i).id for i in range(tab.model.rowCount())}


def deals_in_stage(tab, stage_id: int) -> list:
    return [row for row in tab.repository.deal_rows() if row.stage_id == stage_id]


def assert_filtered_view_right(window, tab, stage_id: int) -> None:
    """The table shows exactly the stage's deals, and the status bar sums them."""
    expected = deals_in_stage(tab, stage_id)
    assert shown_ids(tab) == {row.id for row in expected}
    value, _weighted = open_sums(expected)
    text = window.summary_label.text()
    assert text.startswith(f"{len(expected)} deals shown · ${value / 100:,.0f} open"), text


def card_item(board, stage_id: int, deal_id: int):
    cards = board.columns[stage_id].list
    for row in range(cards.count()):
        if cards.item(row).data(Qt.ItemDataRole.UserRole).id == deal_id:
            return cards, cards.item(row)
    raise AssertionError(f"deal {deal_id} is not on the board in stage {stage_id}")


def test_a_stage_filter_stays_right_through_a_board_move_undo_and_delete(qtbot, window, tab):
    stages = [s for s in tab.repository.stages() if s.is_open]
    before, stage = stages[1], stages[2]
    tab.select_deal(next(r.id for r in tab.model.all_rows() if r.stage_id == stage.id))
    kept = tab.selected_deal_id()
    choose(tab.stage_filter, stage.id)
    assert_filtered_view_right(window, tab, stage.id)
    assert tab.selected_deal_id() == kept == tab.ensure_panel().deal_id  # still selected
    mover = next(r for r in deals_in_stage(tab, before.id) if r.status == "open")

    press(Key.Key_2, CTRL)  # the Board
    board = window.tab("board")
    cards, item = card_item(board, before.id, mover.id)
    qtbot.waitUntil(cards.isVisible)  # a tab shown for the first time is built, then shown
    cards.scrollToItem(item)
    QTest.mouseClick(cards.viewport(), Qt.MouseButton.LeftButton,
                     pos=cards.visualItemRect(item).center())
    assert focused() is cards
    press(Key.Key_Right, CTRL)  # the card moves one stage on, into the filtered stage
    assert tab.repository.deal(mover.id)["stage"] == stage.id
    moved_cards, _item = card_item(board, stage.id, mover.id)
    assert focused() is moved_cards  # the card keeps the focus: Ctrl+Right again would go on

    press(Key.Key_1, CTRL)
    assert mover.id in shown_ids(tab)
    assert_filtered_view_right(window, tab, stage.id)

    tab.table.setFocus()
    press(Key.Key_Z, CTRL)  # undo the move: it leaves the filter
    assert mover.id not in shown_ids(tab)
    assert_filtered_view_right(window, tab, stage.id)
    press(Key.Key_Z, CTRL | SHIFT)  # redo: back in
    assert mover.id in shown_ids(tab)
    assert_filtered_view_right(window, tab, stage.id)

    tab.select_deal(mover.id)
    position = tab.model.position_of(mover.id)
    opened = when_dialog_opens(lambda box: click(button(box, QDialogButtonBox.ButtonRole.YesRole)))
    press(Key.Key_Delete, widget=tab.table)
    assert opened.get("dialog") is not None
    activate(qtbot, window)
    assert mover.id not in shown_ids(tab)
    assert_filtered_view_right(window, tab, stage.id)
    assert tab.table.currentIndex().row() == min(position, tab.model.rowCount() - 1)
    assert tab.selected_rows(), "a row is selected after the delete"
    tab.table.setFocus()
    press(Key.Key_Z, CTRL)  # the deleted deal comes back into the filtered view
    assert mover.id in shown_ids(tab)
    assert_filtered_view_right(window, tab, stage.id)


def test_an_import_that_brings_deals_into_the_filter_shows_them(qtbot, window, tab, tmp_path):
    """An import is a pipeline change like any other for a filtered table."""
    stage = next(s for s in tab.repository.stages() if s.is_open)
    choose(tab.stage_filter, stage.id)
    path = tmp_path / "new.csv"
    path.write_text(f"Deal Name,Amount,Deal Stage\nImported one,1000,{stage.name}\n",
                    encoding="utf-8")
    from pipeline_desktop.ui import excel_actions

    def import_it(wizard):
        click(wizard.import_button if wizard.import_button.isVisible() else wizard.next_button)
        if wizard.isVisible():
            click(wizard.import_button)

    opened = when_dialog_opens(import_it, kind=excel_actions.ImportWizard)
    excel_actions.import_workbook(window, window.controller, window.settings, path)
    assert opened.get("dialog") is not None
    titles = {tab.model.row(i).title for i in range(tab.model.rowCount())}
    assert "Imported one" in titles
    assert_filtered_view_right(window, tab, stage.id)


def edit_title_cell(qtbot, tab, deal_id: int, how: str, text: str) -> None:
    tab.select_deal(deal_id)
    index = tab.model.index(tab.model.position_of(deal_id), COL["title"])
    tab.table.scrollTo(index)
    if how == "double-click":  # as the window system sends it: a click, then the double-click
        where = tab.table.visualRect(index).center()
        QTest.mouseClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
        QTest.mouseDClick(tab.table.viewport(), Qt.MouseButton.LeftButton, pos=where)
    else:
        tab.table.setFocus()
        press(Key.Key_F2)
    editor = focused()
    assert isinstance(editor, QLineEdit), f"{how} opened no editor"
    editor.selectAll()
    type_text(text)
    press(Key.Key_Return)
    # Qt commits an item editor's text on the next turn of the event loop
    qtbot.waitUntil(lambda: tab.table.state() != QAbstractItemView.State.EditingState)


@pytest.mark.parametrize("how", ["double-click", "F2"])
def test_a_cell_is_edited_and_the_row_moves_to_its_sorted_place(qtbot, tab, how: str):
    tab.table.sortByColumn(COL["title"], Qt.SortOrder.AscendingOrder)
    last = tab.model.row(tab.model.rowCount() - 1)
    edit_title_cell(qtbot, tab, last.id, how, "AAA first by name")
    assert tab.repository.deal(last.id)["title"] == "AAA first by name"
    assert tab.model.row(0).id == last.id  # sorted into place
    assert tab.selected_deal_id() == last.id  # still selected
    rect = tab.table.visualRect(tab.table.currentIndex())
    assert tab.table.viewport().rect().intersects(rect)  # and in view


def test_the_status_bar_says_what_the_metrics_tab_says(qtbot, window, tab):
    metrics = metrics_from_sql(tab.repository)
    dollars = f"${metrics.open_value / 100:,.0f} open"
    weighted = f"${metrics.weighted_value / 100:,.0f} weighted"
    press(Key.Key_4, CTRL)  # the Metrics tab: the pipeline's open deals
    text = window.summary_label.text()
    assert text == f"{metrics.open} open deals · {dollars} · {weighted}", text
    press(Key.Key_1, CTRL)  # the Deals tab, no filter: the same money, every deal counted
    text = window.summary_label.text()
    assert text == f"60 deals shown · {dollars} · {weighted}", text
    choose(tab.status_filter, "won")
    assert window.summary_label.text().startswith(
        f"{tab.model.rowCount()} deals shown · $0 open · $0 weighted")
    press(Key.Key_2, CTRL)  # not the Deals filter's figures on another tab
    assert window.summary_label.text().startswith(f"{metrics.open} open deals")


def test_tab_moves_into_and_out_of_the_table(qtbot, tab):
    tab.search.setFocus()
    for _ in range(12):
        if focused() is tab.table:
            break
        press(Key.Key_Tab)
    assert focused() is tab.table, "Tab never reached the table"
    press(Key.Key_Tab)
    assert focused() is not tab.table, "Tab is trapped in the table"
    press(Key.Key_Backtab, SHIFT)
    assert focused() is tab.table
    press(Key.Key_Backtab, SHIFT)
    assert focused() is not tab.table


def test_a_filter_from_the_health_tab_shows_in_the_bar_and_clears(qtbot, window, tab):
    press(Key.Key_5, CTRL)  # Health
    health_tab = window.tab("health")
    qtbot.waitUntil(lambda: any(card.button is not None for card in health_tab.cards))
    card = next(card for card in health_tab.cards if card.button is not None)
    qtbot.waitUntil(card.button.isVisible)
    count = len(card.finding.deal_ids)
    click(card.button)
    assert window.tabs.currentIndex() == 0
    assert shown_ids(tab) == set(card.finding.deal_ids)
    assert tab.ensure_panel().deal_id in shown_ids(tab)  # the panel shows a deal shown
    bar = tab.filter_bar
    qtbot.waitUntil(bar.chip.isVisible)
    assert bar.chip.text().startswith("Health · ") and f"{count} deal" in bar.chip.text()
    assert bar.clear_button.isVisible()
    choose(tab.status_filter, "open")  # another filter keeps the chosen deals
    assert shown_ids(tab) <= set(card.finding.deal_ids) and bar.chip.isVisible()
    click(bar.chip)  # ✕: the chosen deals go, the status filter stays
    assert not bar.chip.isVisible()
    assert len(shown_ids(tab)) == sum(r.status == "open" for r in tab.model.all_rows())
    click(bar.clear_button)  # everything off
    assert tab.model.rowCount() == 60 and not bar.clear_button.isVisible()
    assert tab.status_filter.currentData() is None
