"""File › Import… of a workbook whose settings differ: the real wizard lists the differences,
its tick box and Import button apply them, and Edit › Undo puts the old settings back."""

from __future__ import annotations

from pathlib import Path

import openpyxl
from PySide6.QtCore import QPoint, Qt, QTimer
from PySide6.QtWidgets import QApplication

from pipeline_desktop.services.excel.settings_base import stored_settings
from pipeline_desktop.ui import excel_actions
from pipeline_desktop.ui.dialogs.import_wizard import ImportWizard


def test_wizard_shows_setting_differences_and_applies_them(qtbot, window,
                                                           tmp_path: Path) -> None:
    repository = window.controller.repository
    repository.set_setting("targets", [{"period": "2026-Q1", "amount_cents": 5_000_000,
                                        "owner": ""}])
    repository.set_setting("icp", {"industries": ["Software"]})
    workbook = excel_actions.export_workbook(window, window.controller, window.settings,
                                             tmp_path / "ours.xlsx")
    assert workbook is not None
    book = openpyxl.load_workbook(workbook)
    book["Revenue targets"]["C2"] = 60000
    book["Ideal customer"]["B2"] = "Software; Fintech"
    book.save(workbook)
    before = stored_settings(repository.db)
    seen: dict[str, object] = {}

    def press_buttons() -> None:
        wizard = QApplication.activeModalWidget()
        if not isinstance(wizard, ImportWizard):  # still reading the file
            QTimer.singleShot(20, press_buttons)
            return
        try:
            look_and_press(wizard)
        finally:
            if wizard.isVisible():  # something above failed: never leave a modal open
                wizard.reject()

    def look_and_press(wizard: ImportWizard) -> None:
        box = wizard.settings_box
        seen["visible"] = box.isVisible()
        seen["lines"] = [box.lines.item(i).text() for i in range(box.lines.count())]
        seen["ticked"] = box.apply_box.isChecked()
        tick = box.apply_box
        qtbot.mouseClick(tick, Qt.MouseButton.LeftButton,
                         pos=QPoint(tick.height() // 2, tick.height() // 2))
        seen["ticked after"] = tick.isChecked()
        qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, press_buttons)
    preview = excel_actions.import_workbook(window, window.controller, window.settings, workbook)
    assert preview is not None
    assert seen == {
        "visible": True,
        "lines": ["Ideal customer: industries Software → Software, Fintech",
                  "Revenue target 2026-Q1: 50,000 → 60,000"],
        "ticked": False,  # the pipeline has deals: nothing changes unless accepted
        "ticked after": True}
    after = stored_settings(repository.db)
    assert after["targets"] == [{"period": "2026-Q1", "amount_cents": 6_000_000, "owner": ""}]
    assert after["icp"]["industries"] == ["Software", "Fintech"]
    assert repository.fit_scorer is not None
    window.controller.undo_stack.undo()
    assert stored_settings(repository.db) == before
