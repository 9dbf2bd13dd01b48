"""What the window shows of a pipeline in several currencies: the deal table's own-currency
and home-currency values (sorting by value uses the latter), the status bar, the board's
column totals, and the line naming deals without an exchange rate on Metrics and Health."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from tab_helpers import shown

from pipeline_desktop.domain.commands import EditDeal
from pipeline_desktop.domain.currency import ChangeCurrencies, Rate
from pipeline_desktop.domain.money import format_compact
from pipeline_desktop.ui.models.deal_table import COLUMNS
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.tabs.board import BoardTab
from pipeline_desktop.ui.tabs.health import HealthTab
from pipeline_desktop.ui.tabs.metrics import MetricsTab

COL = {column.key: index for index, column in enumerate(COLUMNS)}


@pytest.fixture
def mixed(controller):
    return make_mixed(controller)


def make_mixed(controller) -> dict:
    """The demo pipeline with two open deals in CHF (no rate) and one in EUR (rate 1.1)."""
    rows = [r for r in controller.repository.deal_rows() if r.status == "open"
            and r.value_cents]
    controller.execute(ChangeCurrencies("USD", (Rate("EUR", "2020-01-01", 1.1),)))
    eur, *chf = rows[:3]
    controller.execute(EditDeal(eur.id, {"currency": "EUR", "value_cents": 1000_00}))
    for row in chf:
        controller.execute(EditDeal(row.id, {"currency": "CHF"}))
    return {"eur": eur.id, "chf": [r.id for r in chf]}


def _text(model, row: int, key: str) -> str:
    return model.data(model.index(row, COL[key]), Qt.ItemDataRole.DisplayRole)


def test_the_deal_table_shows_both_values_and_sorts_and_sums_in_the_home_currency(qtbot,
                                                                                 window):
    mixed = make_mixed(window.controller)
    tab = window.deals_tab
    model = tab.model
    assert model.headerData(COL["home_cents"], Qt.Orientation.Horizontal) == "Value (USD)"
    eur = next(i for i in range(model.rowCount()) if model.row(i).id == mixed["eur"])
    assert _text(model, eur, "value_cents") == "€1,000"
    assert _text(model, eur, "home_cents") == "$1,100"
    chf = next(i for i in range(model.rowCount()) if model.row(i).id == mixed["chf"][0])
    assert _text(model, chf, "value_cents").endswith("CHF") or "CHF" in _text(
        model, chf, "value_cents")
    assert _text(model, chf, "home_cents") == "no rate"
    # Sorting by value (a click on its header) compares home-currency values; no rate: last.
    header = tab.table.horizontalHeader()
    x = header.sectionViewportPosition(COL["value_cents"]) + 5
    qtbot.mouseClick(header.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(x, 5))
    assert header.sortIndicatorSection() == COL["value_cents"]
    descending = header.sortIndicatorOrder() == Qt.SortOrder.DescendingOrder
    values = [model.row(i).home_cents for i in range(model.rowCount())]
    known = [v for v in values if v is not None]
    assert known == sorted(known, reverse=descending)
    assert {model.row(i).id for i in range(len(values) - 2, len(values))} >= set(mixed["chf"])
    open_total = sum(model.row(i).home_cents or 0 for i in range(model.rowCount())
                     if model.row(i).status == "open")  # as the Metrics tab counts
    assert f"${(open_total + 50) // 100:,} open" in window.summary_label.text()


def test_board_totals_are_converted(qtbot, controller, mixed):
    board = BoardTab(controller, AppSettings())
    qtbot.addWidget(board)
    board.show()
    cards = {c.id: c for c in _cards(board)}
    assert cards[mixed["eur"]].home_cents == 1100_00
    assert cards[mixed["chf"][0]].home_cents is None
    column = board.columns[cards[mixed["eur"]].stage_id]
    in_column = [c for c in cards.values() if c.stage_id == column.stage.id]
    expected = format_compact(sum(c.home_cents or 0 for c in in_column), "USD")
    assert column.summary.text().endswith(expected)


def _cards(board):
    from pipeline_desktop.ui.tabs.board import CARD_ROLE

    for column in board.columns.values():
        for i in range(column.list.count()):
            yield column.list.item(i).data(CARD_ROLE)


def test_metrics_and_health_tabs_name_the_deals_without_a_rate(qtbot, controller, mixed):
    metrics = shown(qtbot, MetricsTab(controller, AppSettings()))
    assert metrics.unconverted_note.isVisible()
    assert metrics.unconverted_note.text().startswith("2 deals in CHF have no exchange rate")
    health = HealthTab(controller, AppSettings())
    qtbot.addWidget(health)
    health.show()
    qtbot.waitUntil(lambda: health.report is not None and not health.checking)
    card = next(c for c in health.cards if c.finding.id == "unconverted_deals")
    assert "2 deals in CHF have no exchange rate" in card.finding.message
    assert health.report.unconverted["CHF"][0] == 2


def test_the_report_is_in_the_home_currency_and_names_what_it_leaves_out(qapp, controller,
                                                                        mixed, tmp_path):
    import shutil
    import subprocess

    from pipeline_desktop.ui.report import write_report

    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    out = tmp_path / "report.pdf"
    write_report(controller.session, out)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    flat = " ".join(text.split())
    assert "Amounts in USD." in flat
    assert "2 deals in CHF have no exchange rate" in flat


def test_a_deals_currency_is_edited_in_the_deal_panel(qtbot, controller, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from pipeline_desktop.ui.deal_panel import DealPanel

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: warned.append(text))
    panel = DealPanel(controller, AppSettings())
    qtbot.addWidget(panel)
    panel.show()
    deal_id = next(r.id for r in controller.repository.deal_rows() if r.value_cents)
    panel.show_deal(deal_id)
    field = panel.fields.edits["currency"]
    assert field.text() == "USD"
    field.clear()
    qtbot.keyClicks(field, "chf")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert controller.repository.deal(deal_id)["currency"] == "CHF"
    assert "CHF" in panel.fields.edits["value_cents"].text()
    field.clear()
    qtbot.keyClicks(field, "Swiss francs")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert warned and "not a currency code" in warned[0]
    assert controller.repository.deal(deal_id)["currency"] == "CHF"
    controller.undo_stack.undo()
    assert controller.repository.deal(deal_id)["currency"] == "USD"
