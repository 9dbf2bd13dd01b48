"""New deal (and a simple full edit where the side panel is not at hand)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from pipeline_desktop.domain.deals import normalise_fields
from pipeline_desktop.domain.model import Stage
from pipeline_desktop.errors import ValidationError


class DealDialog(QDialog):
    def __init__(self, stages: list[Stage], owners: list[str], sources: list[str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New deal"))
        self.setMinimumWidth(460)
        self.title = QLineEdit()
        self.title.setPlaceholderText(self.tr("e.g. Annual licence — Acme Ltd"))
        self.company = QLineEdit()
        self.contact = QLineEdit()
        self.value = QLineEdit()
        self.value.setPlaceholderText(self.tr("e.g. 12,500"))
        self.stage = QComboBox()
        for stage in stages:
            self.stage.addItem(stage.name, stage.id)
        self.owner = self._editable_combo(owners)
        self.source = self._editable_combo(sources)
        self.has_close = QCheckBox(self.tr("Expected close"))
        self.close_date = QDateEdit(QDate.currentDate().addDays(30))
        self.close_date.setCalendarPopup(True)
        self.close_date.setDisplayFormat("yyyy-MM-dd")
        self.has_close.setChecked(True)
        self.has_close.toggled.connect(self.close_date.setEnabled)
        self.notes = QPlainTextEdit()
        self.notes.setMaximumHeight(80)
        self.error = QLabel()
        self.error.setStyleSheet("color: #c62828")
        self.error.setWordWrap(True)
        self._lay_out()
        self.title.setFocus()  # Ctrl+N, type the title, Enter: the deal is created

    @staticmethod
    def _editable_combo(items: list[str]) -> QComboBox:
        combo = QComboBox()
        combo.setEditable(True)
        combo.addItems(["", *items])
        return combo

    def _lay_out(self) -> None:
        form = QFormLayout()
        for label, widget in ((self.tr("&Title"), self.title), (self.tr("&Company"), self.company),
                              (self.tr("C&ontact"), self.contact), (self.tr("&Value"), self.value),
                              (self.tr("&Stage"), self.stage), (self.tr("O&wner"), self.owner),
                              (self.tr("&Lead source"), self.source)):
            form.addRow(label, widget)
            widget.setAccessibleName(label.replace("&", ""))
        close_row = QHBoxLayout()
        close_row.addWidget(self.has_close)
        close_row.addWidget(self.close_date, 1)
        form.addRow(close_row)
        form.addRow(self.tr("&Notes"), self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)

    def fields(self) -> dict[str, Any]:
        fields: dict[str, Any] = {
            "title": self.title.text(),
            "company": self.company.text(),
            "contact": self.contact.text(),
            "value_cents": self.value.text(),
            "owner": self.owner.currentText(),
            "source": self.source.currentText(),
            "notes": self.notes.toPlainText(),
            "expected_close": self.close_date.date().toString("yyyy-MM-dd")
            if self.has_close.isChecked() else None,
        }
        return fields

    def accept(self) -> None:
        """Check the fields first: a wrong value keeps the dialog open with a message."""
        try:
            normalise_fields(self.fields())
        except ValidationError as error:
            self.error.setText(str(error))
            return
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, stages: list[Stage], owners: list[str],
            sources: list[str]) -> dict[str, Any] | None:
        """The new deal's fields (with `stage_id`), or None when cancelled."""
        dialog = cls(stages, owners, sources, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return {**dialog.fields(), "stage_id": dialog.stage.currentData()}

