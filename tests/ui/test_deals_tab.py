"""The Deals tab as a user works in it: real widgets, a real pipeline file."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from pipeline_desktop.ui.dialogs.deal_dialog import DealDialog
from pipeline_desktop.ui.models.deal_table import COLUMNS, DealTableModel
from pipeline_desktop.ui.stage_moves import LostReasonDialog
from pipeline_desktop.ui.tabs.deals import ConfirmDelete

COL = {column.key: index for index, column in enumerate(COLUMNS)}


@pytest.fixture
def tab(window):
    return window.deals_tab


@pytest.fixture
def warnings(monkeypatch):
    """Collect the messages the user would see in warning boxes."""
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _parent, _title, text: shown.append(text))
    return shown


def cell(tab, row: int, key: str, role=Qt.ItemDataRole.DisplayRole):
    return tab.model.data(tab.model.index(row, COL[key]), role)


def row_of(tab, deal_id: int) -> int:
    position = tab.model.position_of(deal_id)
    assert position is not None
    return position


def test_table_model_passes_qt_model_tester(qtmodeltester, tab):
    qtmodeltester.check(tab.model)


def test_the_table_shows_every_deal_and_the_status_bar_sums_them(window, tab):
    assert tab.model.rowCount() == 60
    count, total, weighted = tab.model.summary()
    assert count == 60 and total > weighted > 0
    assert window.summary_label.text().startswith("60 deals shown · $")
    headers = [tab.model.headerData(i, Qt.Orientation.Horizontal) for i in range(len(COLUMNS))]
    for title in ("Title", "Company", "Contact", "Stage", "Status", "Value", "Weighted", "Owner",
                  "Lead source", "Created", "Expected close", "Age (days)", "Last activity"):
        assert title in headers


def test_add_a_deal_then_undo_and_redo(monkeypatch, window, tab):
    stage = tab.repository.stages()[2]
    monkeypatch.setattr(DealDialog, "ask", classmethod(lambda cls, *a: {
        "title": "Fleet tracking", "company": "Acme", "value_cents": "4,500", "owner": "Zoe",
        "stage_id": stage.id, "expected_close": "2026-09-01"}))
    window.actions_by_name["new_deal"].trigger()
    assert tab.model.rowCount() == 61
    new_row = tab.model.row(tab.table.currentIndex().row())
    assert (new_row.title, new_row.value_cents, new_row.stage) == ("Fleet tracking", 450000,
                                                                  stage.name)
    assert tab.owner_filter.findData("Zoe") > 0  # a new owner appears in the filter
    window.actions_by_name["undo"].trigger()
    assert tab.model.rowCount() == 60
    window.actions_by_name["redo"].trigger()
    assert tab.model.rowCount() == 61
    assert tab.model.position_of(new_row.id) is not None


def test_inline_edit_is_saved_and_undoable(window, tab):
    deal_id = tab.model.row(0).id
    index = tab.model.index(0, COL["value_cents"])
    assert tab.model.setData(index, "12,345")
    position = row_of(tab, deal_id)
    assert tab.model.row(position).value_cents == 1_234_500
    assert tab.repository.deal_rows([deal_id])[0].value_cents == 1_234_500
    window.actions_by_name["undo"].trigger()
    assert tab.repository.deal_rows([deal_id])[0].value_cents != 1_234_500


@pytest.mark.parametrize(("value", "message"), [("abc", "not an amount"), ("-5", "negative")])
def test_an_invalid_edit_is_refused_with_a_message_and_nothing_stored(tab, warnings, value,
                                                                       message):
    deal_id = tab.model.row(0).id
    before = tab.repository.deal_rows([deal_id])
    assert not tab.model.setData(tab.model.index(0, COL["value_cents"]), value)
    assert message in warnings[-1]
    assert tab.repository.deal_rows([deal_id]) == before
    assert tab.controller.undo_stack.count() == 0


def test_delete_asks_first_and_undo_brings_the_deal_back(monkeypatch, window, tab):
    tab.select_deal(tab.model.row(3).id)
    deal_id = tab.selected_deal_id()
    monkeypatch.setattr(ConfirmDelete, "ask", classmethod(lambda cls, *a: False))
    window.actions_by_name["delete_deal"].trigger()
    assert tab.model.rowCount() == 60
    monkeypatch.setattr(ConfirmDelete, "ask", classmethod(lambda cls, *a: True))
    window.actions_by_name["delete_deal"].trigger()
    assert tab.model.rowCount() == 59 and tab.model.position_of(deal_id) is None
    window.actions_by_name["undo"].trigger()
    assert tab.model.position_of(deal_id) is not None


def test_stage_change_to_lost_asks_a_reason_closes_and_keeps_history(monkeypatch, window, tab):
    stages = {s.name: s for s in tab.repository.stages()}
    open_row = next(r for r in tab.model.visible_rows() if r.status == "open")
    history_before = len(tab.repository.stage_history(open_row.id))
    monkeypatch.setattr(LostReasonDialog, "ask", classmethod(lambda cls, *a: "Price"))
    index = tab.model.index(row_of(tab, open_row.id), COL["stage"])
    assert tab.model.setData(index, stages["Lost"].id)
    moved = tab.model.row(row_of(tab, open_row.id))
    assert (moved.stage, moved.status, moved.closed is not None) == ("Lost", "lost", True)
    assert tab.repository.deal(open_row.id)["lost_reason"] == "Price"
    history = tab.repository.stage_history(open_row.id)
    assert len(history) == history_before + 1 and history[-1][:2] == (open_row.stage, "Lost")
    window.actions_by_name["undo"].trigger()
    back = tab.model.row(row_of(tab, open_row.id))
    assert (back.stage, back.status, back.closed) == (open_row.stage, "open", None)


def test_cancelling_the_lost_reason_cancels_the_move(monkeypatch, tab):
    stages = {s.name: s for s in tab.repository.stages()}
    open_row = next(r for r in tab.model.visible_rows() if r.status == "open")
    monkeypatch.setattr(LostReasonDialog, "ask", classmethod(lambda cls, *a: None))
    tab.model.setData(tab.model.index(row_of(tab, open_row.id), COL["stage"]),
                      stages["Lost"].id)
    assert tab.repository.deal_rows([open_row.id])[0].status == "open"


def test_search_filters_as_you_type_and_quick_filters_combine(qtbot, window, tab):
    company = tab.model.row(0).company
    qtbot.keyClicks(tab.search, company[:6].lower())
    shown = tab.model.visible_rows()
    assert 0 < len(shown) < 60
    assert all(company[:6].lower() in (r.title + r.company + r.contact + r.owner).lower()
               or company[:6].lower() in (r.stage + r.source).lower() for r in shown)
    tab.search.clear()
    tab.status_filter.setCurrentIndex(tab.status_filter.findData("won"))
    assert {r.status for r in tab.model.visible_rows()} == {"won"}
    owner = tab.model.visible_rows()[0].owner
    tab.owner_filter.setCurrentIndex(tab.owner_filter.findData(owner))
    assert {(r.status, r.owner) for r in tab.model.visible_rows()} == {("won", owner)}
    count = tab.model.summary()[0]
    assert window.summary_label.text().startswith(f"{count} deals")
    assert "filtered from 60" in window.summary_label.text()


def test_sort_by_value_puts_empty_values_last(tab):
    tab.table.sortByColumn(COL["value_cents"], Qt.SortOrder.DescendingOrder)
    values = [r.value_cents for r in tab.model.visible_rows()]
    filled = [v for v in values if v is not None]
    assert filled == sorted(filled, reverse=True)
    tab.table.sortByColumn(COL["stage"], Qt.SortOrder.AscendingOrder)
    positions = [r.stage_position for r in tab.model.visible_rows()]
    assert positions == sorted(positions)


def test_sort_keeps_the_selected_deal_selected(tab):
    tab.select_deal(tab.model.row(10).id)
    chosen = tab.selected_deal_id()
    tab.table.sortByColumn(COL["title"], Qt.SortOrder.AscendingOrder)
    assert tab.selected_deal_id() == chosen


def test_column_widths_and_sort_survive_a_restart(qtbot, demo_session, window, tab):
    from pipeline_desktop.ui.shell import build_window

    tab.table.setColumnWidth(COL["title"], 333)
    tab.table.sortByColumn(COL["value_cents"], Qt.SortOrder.AscendingOrder)
    window.close()
    again = build_window(demo_session, window.settings)
    qtbot.addWidget(again)
    header = again.deals_tab.table.horizontalHeader()
    assert again.deals_tab.table.columnWidth(COL["title"]) == 333
    assert header.sortIndicatorSection() == COL["value_cents"]
    values = [r.value_cents for r in again.deals_tab.model.visible_rows() if r.value_cents]
    assert values == sorted(values)


def test_a_request_from_another_tab_shows_one_stage(window, tab):
    stage = next(s for s in tab.repository.stages() if s.name == "Proposal")
    window.controller.show_deals.emit({"stage_id": stage.id})
    assert {r.stage for r in tab.model.visible_rows()} == {"Proposal"}
    ids = [tab.model.visible_rows()[0].id]
    window.controller.show_deals.emit({"deal_ids": ids})
    assert [r.id for r in tab.model.visible_rows()] == ids


def test_model_sorts_100k_rows_quickly_enough_to_use(qtbot):
    """Not a timing test: checks the model sorts large inputs correctly in one pass."""
    from pipeline_desktop.domain.model import DealRow

    rows = [DealRow(i, f"T{i % 97}", "", "", 1, "S", 0, "open", (i * 7919) % 10007, "USD", 10, 0,
                    "", "", "2026-01-01", None, None, 0, None, None, 0, None)
            for i in range(1, 5001)]
    model = DealTableModel(lambda c: None, lambda d, s: False)
    model.set_rows(rows)
    model.sort(COL["value_cents"], Qt.SortOrder.AscendingOrder)
    values = [r.value_cents for r in model.visible_rows()]
    assert values == sorted(values)


def test_qualification_and_fit_filters(tab):
    tab.bant_filter.setCurrentIndex(tab.bant_filter.findData("full"))
    assert tab.model.visible_rows()
    assert {r.qualification for r in tab.model.visible_rows()} == {4}
    tab.bant_filter.setCurrentIndex(tab.bant_filter.findData("none"))
    assert {r.qualification for r in tab.model.visible_rows()} <= {0}
    tab.bant_filter.setCurrentIndex(0)
    tab.fit_filter.setCurrentIndex(tab.fit_filter.findData("good"))
    assert all(r.fit is not None and r.fit >= 60 for r in tab.model.visible_rows())


def test_preferences_change_date_format_currency_and_new_stage_defaults(monkeypatch, window,
                                                                       tab):
    from pipeline_desktop.ui.dialogs import preferences, stages

    def choose(cls, settings, parent=None, thresholds=None):
        settings.set("date_format", "dd.MM.yyyy")
        settings.set("currency", "EUR")
        settings.set("stale_days", 12)
        return True

    monkeypatch.setattr(preferences.PreferencesDialog, "ask", classmethod(choose))
    window.actions_by_name["preferences"].trigger()
    created = tab.model.row(0).created
    year, month, day = created.split("-")
    assert cell(tab, 0, "created") == f"{day}.{month}.{year}"
    # The preference is the currency of new deals; the sums stay in the home currency (USD).
    assert "$" in window.summary_label.text() and "€" not in window.summary_label.text()
    dialog = stages.StagesDialog(window.controller, window, window.settings.get("stale_days"))
    dialog.add_stage()
    assert dialog.edits()[-3].stale_after_days == 12
    dialog.reject()


def test_an_edit_made_on_a_stale_row_is_refused(tab, warnings):
    """Someone else changed the deal after the table showed it (team mode): no lost update."""
    row = tab.model.row(0)
    tab.repository.db.execute_sql(
        "UPDATE deal SET value_cents = 777700, version = version + 1 WHERE id = ?", (row.id,))
    assert not tab.model.setData(tab.model.index(0, COL["value_cents"]), "1")
    assert warnings, "the user is told why"
    assert tab.repository.deal_rows([row.id])[0].value_cents == 777700
