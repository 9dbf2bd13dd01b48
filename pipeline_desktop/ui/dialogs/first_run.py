"""The first start: open the sample pipeline, or start with an empty one."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from pipeline_desktop import APP_NAME


class FirstRunDialog:
    @classmethod
    def ask(cls) -> str | None:
        """Return "sample", "empty", or None when the user closed the dialog."""
        box = QMessageBox()
        box.setWindowTitle(APP_NAME)
        box.setIcon(QMessageBox.Icon.Question)
        box.setText(box.tr("Welcome to Pipeline Desktop"))
        box.setInformativeText(box.tr(
            "Would you like a first look with a sample pipeline of 300 deals, or start with an "
            "empty pipeline of your own? You can create either later from the File menu."))
        sample = box.addButton(box.tr("Open the sample pipeline"),
                               QMessageBox.ButtonRole.AcceptRole)
        empty = box.addButton(box.tr("Start empty"), QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(sample)
        box.exec()
        clicked = box.clickedButton()
        if clicked is sample:
            return "sample"
        if clicked is empty:
            return "empty"
        return None
