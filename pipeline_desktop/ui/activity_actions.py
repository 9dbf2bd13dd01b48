"""Logging activities (call, email, meeting, task, note) for a deal, from the menu (Ctrl+L),
the deal panel or the Today view."""

from __future__ import annotations

from datetime import date
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
    QLineEdit,
    QPlainTextEdit,
    QWidget,
)

from pipeline_desktop.domain.model import ActivityKind
from pipeline_desktop.domain.process_commands import AddActivity
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.selection import CurrentSelection

KIND_LABELS = {ActivityKind.CALL: "Call", ActivityKind.EMAIL: "Email",
               ActivityKind.MEETING: "Meeting", ActivityKind.TASK: "Task",
               ActivityKind.NOTE: "Note"}


def _date_edit(parent: QWidget, value: date) -> QDateEdit:
    edit = QDateEdit(QDate(value.year, value.month, value.day), parent)
    edit.setCalendarPopup(True)
    edit.setDisplayFormat("yyyy-MM-dd")
    return edit


class ActivityDialog(QDialog):
    """Kind, subject, due date, done, notes."""

    def __init__(self, parent: QWidget | None, deal_title: str, today: date | None = None
                 ) -> None:
        super().__init__(parent)
        today = today or date.today()
        self.setWindowTitle(self.tr("Log activity — %s") % deal_title[:60])
        self.kind = QComboBox(self)
        for kind, text in KIND_LABELS.items():
            self.kind.addItem(self.tr(text), kind.value)
        self.subject = QLineEdit(self)
        self.subject.setPlaceholderText(self.tr("e.g. Follow-up call about the proposal"))
        self.has_due = QCheckBox(self.tr("Due"), self)
        self.has_due.setChecked(True)
        self.due = _date_edit(self, today)
        self.has_due.toggled.connect(self.due.setEnabled)
        self.already_done = QCheckBox(self.tr("Already done"), self)
        self.notes = QPlainTextEdit(self)
        self.notes.setFixedHeight(80)
        self._today = today
        self.kind.currentIndexChanged.connect(self._kind_changed)
        due_row = QHBoxLayout()
        due_row.addWidget(self.has_due)
        due_row.addWidget(self.due, 1)
        form = QFormLayout(self)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Subject"), self.subject)
        form.addRow(self.tr("Date"), due_row)
        form.addRow("", self.already_done)
        form.addRow(self.tr("Notes"), self.notes)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.subject.setFocus()  # what is typed first; Enter then logs it (OK is the default)
        self.resize(440, self.sizeHint().height())

    def _kind_changed(self) -> None:
        """A note records what happened: it is done when written."""
        if self.kind.currentData() == ActivityKind.NOTE.value:
            self.already_done.setChecked(True)

    def fields(self) -> dict[str, Any]:
        due = self.due.date().toString("yyyy-MM-dd") if self.has_due.isChecked() else None
        done = (due or self._today.isoformat()) if self.already_done.isChecked() else None
        return {"kind": self.kind.currentData(), "subject": self.subject.text(),
                "due": due, "done": done, "notes": self.notes.toPlainText()}

    @classmethod
    def ask(cls, parent: QWidget | None, deal_title: str) -> dict[str, Any] | None:
        """The new activity's fields, or None when cancelled."""
        dialog = cls(parent, deal_title)
        return dialog.fields() if dialog.exec() == QDialog.DialogCode.Accepted else None


def log_for_deal(parent: QWidget | None, controller: PipelineController, deal_id: int) -> bool:
    """Ask for an activity and store it (undoable); False when cancelled."""
    title = str(controller.repository.deal(deal_id)["title"])
    fields = ActivityDialog.ask(parent, title)
    if fields is None:
        return False
    controller.execute(AddActivity(deal_id, fields, label=f"Log {fields['kind']}"))
    return True


def log_activity(parent: QWidget, controller: PipelineController,
                 selection: CurrentSelection) -> None:
    """Edit › Log activity (Ctrl+L): for the selected deal (the Deals tab's, or the Board's
    when it is showing)."""
    deal_id = selection().deal_id
    if deal_id is None:
        raise PipelineError(parent.tr("Select a deal first, then log an activity for it."))
    log_for_deal(parent, controller, deal_id)
