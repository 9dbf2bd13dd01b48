"""The window hands its handlers what they use: a saved preference reaches the tabs through
`AppSettings.changed` (the dialog does not look for them), and a menu entry runs the callable
it names, with the selection of the moment."""

from __future__ import annotations

from keys import activate, click, when_dialog_opens
from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtWidgets import QComboBox, QDialog, QDialogButtonBox

from pipeline_desktop.ui.models.deal_table import COLUMNS
from pipeline_desktop.ui.selection import Selection

CREATED = [column.key for column in COLUMNS].index("created")


def shown_date(window, row: int = 0) -> str:
    model = window.deals_tab.model
    return model.data(model.index(row, CREATED), Qt.ItemDataRole.DisplayRole)


def test_a_date_format_saved_in_preferences_redraws_the_deal_table(qtbot, window):
    activate(qtbot, window)
    before = shown_date(window)
    iso = QDate.fromString(before, "yyyy-MM-dd")
    assert iso.isValid()

    def choose_day_first(dialog: QDialog) -> None:
        box = dialog.findChild(QComboBox, "date_format")
        box.setCurrentIndex(box.findData("dd.MM.yyyy"))
        click(dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok))

    opened = when_dialog_opens(choose_day_first)
    window.actions_by_name["preferences"].trigger()
    qtbot.waitUntil(lambda: bool(opened["results"]))
    assert shown_date(window) == QLocale.c().toString(iso, "dd.MM.yyyy")


def test_a_settings_change_reaches_whoever_connected(window):
    heard: list[bool] = []
    window.settings.changed.connect(lambda: heard.append(True))
    window.settings.set("date_format", "dd/MM/yyyy")
    window.settings.changed.emit()
    assert heard == [True]
    assert shown_date(window).count("/") == 2


def test_the_selection_is_read_when_the_menu_entry_runs(window):
    first = window.deals_tab.model.row(0).id
    assert window.deals_tab.select_deal(first)
    assert window.current_selection() == Selection(first)
    second = window.deals_tab.model.row(1).id
    window.deals_tab.select_deal(second)
    assert window.current_selection() == Selection(second)
