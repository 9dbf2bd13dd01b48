"""Pipeline › Lost reasons and lead sources…: the two lists the owner keeps, so everyone picks
from the same names. One item a line; saving is one undoable step."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pipeline_desktop.domain.commands import Batch
from pipeline_desktop.domain.process_commands import SetSetting
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.storage import process_store as store
from pipeline_desktop.ui.controller import PipelineController

KEYS = ("lost_reasons", "lead_sources")


def _lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines() if line.strip()]


class ListsDialog(QDialog):
    def __init__(self, controller: PipelineController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Lost reasons and lead sources"))
        self.controller = controller
        self.editors: dict[str, QPlainTextEdit] = {}
        grid = QGridLayout()
        titles = {"lost_reasons": self.tr("Lost reasons"),
                  "lead_sources": self.tr("Lead sources")}
        for column, key in enumerate(KEYS):
            editor = QPlainTextEdit(self)
            editor.setObjectName(key)
            editor.setPlainText("\n".join(store.text_list(controller.repository, key)))
            self.editors[key] = editor
            grid.addWidget(QLabel(titles[key], self), 0, column)
            grid.addWidget(editor, 1, column)
        note = QLabel(self.tr("One a line. Deals keep the names they already have."), self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(grid, 1)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def accept(self) -> None:
        """Store the changed lists as one undoable step."""
        repository = self.controller.repository
        commands = tuple(
            SetSetting(key, _lines(editor.toPlainText()))
            for key, editor in self.editors.items()
            if _lines(editor.toPlainText()) != store.text_list(repository, key))
        if commands:
            try:
                self.controller.execute(Batch(commands, label="Edit lists"))
            except PipelineError as error:
                QMessageBox.warning(self, self.windowTitle(), str(error))
                return
        super().accept()


def edit_lists(parent: QWidget, controller: PipelineController) -> None:
    ListsDialog(controller, parent).exec()
