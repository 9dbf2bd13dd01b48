"""Pipeline › Currencies…: the home currency and the rates, added, changed, deleted and loaded
from a file by pressing the dialog's own buttons; each change undoable."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QDate, Qt

from pipeline_desktop.domain.currency import Rate
from pipeline_desktop.storage.currency_store import read_book
from pipeline_desktop.ui.dialogs.currencies import CurrenciesDialog


@pytest.fixture
def dialog(qtbot, controller):
    shown = CurrenciesDialog(controller)
    qtbot.addWidget(shown)
    shown.show()
    return shown


def press(qtbot, button) -> None:
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def type_rate(qtbot, dialog, code: str, day: str, rate: str) -> None:
    dialog.currency.setCurrentText(code)
    dialog.since.setDate(QDate.fromString(day, "yyyy-MM-dd"))
    dialog.rate.clear()
    qtbot.keyClicks(dialog.rate, rate)


def table(dialog) -> list[tuple[str, ...]]:
    return [tuple(dialog.table.item(r, c).text() for c in range(3))
            for r in range(dialog.table.rowCount())]


def test_add_change_delete_and_undo(qtbot, dialog, controller) -> None:
    db = controller.repository.db
    assert dialog.home.currentText() == "USD"
    type_rate(qtbot, dialog, "eur", "2026-01-01", "1,1")
    press(qtbot, dialog.add_button)
    assert table(dialog) == [("EUR", "2026-01-01", "1.1")]
    assert read_book(db).rates == [Rate("EUR", "2026-01-01", 1.1)]
    dialog.table.selectRow(0)
    assert dialog.rate.text() == "1.1"
    type_rate(qtbot, dialog, "EUR", "2026-02-01", "1.2")
    press(qtbot, dialog.edit_button)
    assert table(dialog) == [("EUR", "2026-02-01", "1.2")]
    dialog.table.selectRow(0)
    press(qtbot, dialog.delete_button)
    assert table(dialog) == [] and read_book(db).rates == []
    controller.undo_stack.undo()  # the delete
    assert table(dialog) == [("EUR", "2026-02-01", "1.2")]
    controller.undo_stack.undo()  # the change
    assert table(dialog) == [("EUR", "2026-01-01", "1.1")]
    assert controller.undo_stack.count() == 3


@pytest.mark.parametrize("code, rate, message", [
    ("EUR", "0", "above zero"), ("EUR", "-3", "above zero"), ("EUR", "abc", "not an exchange rate"),
    ("XYZ", "1.1", "not a currency code"), ("USD", "1.1", "home currency")])
def test_a_bad_rate_is_explained_and_nothing_stored(qtbot, dialog, controller, code, rate,
                                                   message) -> None:
    type_rate(qtbot, dialog, code, "2026-01-01", rate)
    press(qtbot, dialog.add_button)
    assert message in dialog.message.text()
    assert read_book(controller.repository.db).rates == []
    assert controller.undo_stack.count() == 0


def test_rates_load_from_a_file_and_the_home_currency_changes(qtbot, dialog, controller,
                                                             tmp_path: Path,
                                                             monkeypatch) -> None:
    ecb = tmp_path / "eurofxref.csv"
    ecb.write_text("Date, USD, JPY, GBP,\n2026-06-12, 1.1500, 170.20, 0.8500,\n")
    monkeypatch.setattr(CurrenciesDialog, "choose_file", staticmethod(lambda _parent: ecb))
    press(qtbot, dialog.load_button)
    assert [row[0] for row in table(dialog)] == ["EUR", "GBP", "JPY"]
    assert read_book(controller.repository.db).rate("EUR") == pytest.approx(1.15)
    broken = tmp_path / "broken.csv"
    broken.write_text("Date,Currency,Rate\n2026-01-01,GBP,zero\n")
    monkeypatch.setattr(CurrenciesDialog, "choose_file", staticmethod(lambda _parent: broken))
    press(qtbot, dialog.load_button)
    assert "broken.csv row 2" in dialog.message.text()
    dialog.home.setCurrentText("EUR")
    press(qtbot, dialog.set_home)
    book = read_book(controller.repository.db)
    assert book.home == "EUR" and book.rate("USD") == pytest.approx(1 / 1.15)
    assert "Rate (EUR for 1)" in dialog.rate_label.text()
    controller.undo_stack.undo()
    assert read_book(controller.repository.db).home == "USD"


def test_escape_closes(qtbot, dialog) -> None:
    qtbot.keyClick(dialog, Qt.Key.Key_Escape)
    assert not dialog.isVisible()


def test_the_pipeline_menu_opens_it(window, qtbot, monkeypatch) -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    action = window.actions_by_name["edit_currencies"]
    assert action.isEnabled() and action.text() == "&Currencies…"
    seen = []

    def close_it() -> None:
        shown = QApplication.activeModalWidget()
        seen.append(type(shown).__name__)
        shown.reject()

    QTimer.singleShot(0, close_it)
    action.trigger()
    assert seen == ["CurrenciesDialog"]


def test_rates_that_cannot_follow_a_new_home_currency_are_named(qtbot, dialog,
                                                               controller) -> None:
    for code, day, rate in (("EUR", "2026-01-01", "1.1"), ("GBP", "2025-06-01", "1.3"),
                            ("GBP", "2026-02-01", "1.25")):
        type_rate(qtbot, dialog, code, day, rate)
        press(qtbot, dialog.add_button)
    dialog.home.setCurrentText("EUR")
    press(qtbot, dialog.set_home)
    assert dialog.message.text().startswith("1 rate dated before EUR's first rate could not")
    assert [row[:2] for row in table(dialog)] == [("GBP", "2026-02-01"), ("USD", "2026-01-01")]
