"""File › Import as a person does it: Ctrl+I, the file typed into the real file dialog, the
wizard's own buttons (Preview, Import), then Ctrl+Z."""

from __future__ import annotations

from pathlib import Path

from keys import CTRL, Key, activate, click, press, type_text, when_dialog_opens
from PySide6.QtWidgets import QFileDialog

from pipeline_desktop.ui import excel_actions
from pipeline_desktop.ui.dialogs.import_wizard import ImportWizard


def choose_file(path: Path):
    def answer(_dialog):
        type_text(str(path))
        press(Key.Key_Return)
    return when_dialog_opens(answer, kind=QFileDialog)


def titles(window) -> set[str]:
    model = window.deals_tab.model
    return {row.title for row in model.all_rows()}


def test_import_previews_the_new_deals_applies_and_undoes(qtbot, window, tmp_path: Path):
    path = tmp_path / "from another crm.csv"
    path.write_text("Deal Name,Amount,Deal Stage\nNorth wing refit,12500,Proposal\n"
                    "Harbour lights,800,Qualified\n", encoding="utf-8")
    activate(qtbot, window)
    seen: dict = {}

    def preview_then_import(wizard: ImportWizard) -> None:
        click(wizard.next_button)  # Preview >
        branch = wizard.changes.topLevelItem(0)
        seen["branch"] = branch.text(0)
        seen["listed"] = {branch.child(i).text(0): branch.child(i).text(2)
                          for i in range(branch.childCount())}
        seen["tree shown"] = wizard.changes.isVisible()
        click(wizard.import_button)

    picked = choose_file(path)
    opened = when_dialog_opens(preview_then_import, kind=ImportWizard)
    press(Key.Key_I, CTRL)
    assert picked.get("dialog") is not None and opened.get("dialog") is not None
    assert seen["branch"] == "New deals (2)" and seen["tree shown"]
    assert seen["listed"] == {"North wing refit": "$12,500", "Harbour lights": "$800"}
    assert {"North wing refit", "Harbour lights"} <= titles(window)
    assert "Imported from another crm.csv" in window.statusBar().currentMessage()
    activate(qtbot, window)
    window.deals_tab.table.setFocus()
    press(Key.Key_Z, CTRL)  # Undo import
    assert not {"North wing refit", "Harbour lights"} & titles(window)
    assert window.deals_tab.model.total_count() == 60


def test_a_file_with_nothing_new_says_so_in_a_sentence(qtbot, window, tmp_path: Path):
    book = excel_actions.export_workbook(window, window.controller, window.settings,
                                         tmp_path / "unchanged.xlsx")
    activate(qtbot, window)
    seen: dict = {}

    def look_then_escape(wizard: ImportWizard) -> None:
        seen["summary"] = wizard.summary.text()
        seen["tree shown"] = wizard.changes.isVisible()
        seen["import enabled"] = wizard.import_button.isEnabled()
        seen["close"] = wizard.cancel_button.text()
        press(Key.Key_Escape)

    choose_file(book)
    opened = when_dialog_opens(look_then_escape, kind=ImportWizard)
    press(Key.Key_I, CTRL)
    assert opened.get("dialog") is not None
    assert seen["summary"].startswith("Nothing to import: the 60 deals in unchanged.xlsx are "
                                      "already in the pipeline")
    assert not seen["tree shown"] and not seen["import enabled"] and seen["close"] == "Close"
    assert window.controller.undo_stack.count() == 0
