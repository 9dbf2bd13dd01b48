"""The message boxes that tell and offer (the shell's offers, File › Restore backup…)."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox, QWidget

from pipeline_desktop import APP_NAME


class Ask:
    """The offers' message boxes, behind classmethods so tests of other features can answer.
    `details` goes under Show Details…."""

    @classmethod
    def question(cls, parent: QWidget | None, text: str, yes_text: str, details: str = ""
                 ) -> bool:
        box = _box(parent, text, details)
        yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        return box.clickedButton() is yes

    @classmethod
    def warning(cls, parent: QWidget | None, text: str, details: str = "") -> None:
        if details:
            _box(parent, text, details, QMessageBox.StandardButton.Ok).exec()
        else:
            QMessageBox.warning(parent, APP_NAME, text)


def _box(parent: QWidget | None, text: str, details: str,
         button: QMessageBox.StandardButton = QMessageBox.StandardButton.Cancel) -> QMessageBox:
    box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text, button, parent)
    if details:
        box.setDetailedText(details)
    return box
