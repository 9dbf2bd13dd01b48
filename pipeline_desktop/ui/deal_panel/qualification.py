"""BANT qualification of the deal: budget, authority, need and timeline, scored out of four."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLineEdit, QWidget

from pipeline_desktop.domain.money import format_money
from pipeline_desktop.domain.process_commands import EditQualification
from pipeline_desktop.domain.qualification import MAX_SCORE
from pipeline_desktop.storage import process_store as store
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.deal_panel.section import Section


class QualificationSection(Section):
    """The deal's BANT answers, each edit an undoable EditQualification; the title shows the
    score."""

    def __init__(self, controller: PipelineController, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Qualification (BANT)"), parent)
        self.controller = controller
        self.qualification: Any = None
        self.budget = self._line("budget_cents")
        self.budget.setObjectName("bant_budget")
        self.budget_confirmed = self._tick_box(self.tr("Budget confirmed"), "budget_confirmed")
        self.authority_known = self._tick_box(self.tr("Decision maker known"),
                                              "authority_known")
        self.authority_name = self._line("authority_name", self.tr("Who decides"))
        self.need = self._line("need", self.tr("What problem they need solved"))
        self.timeline = self._line("timeline", self.tr("Target date, YYYY-MM-DD"))
        form = self.form()
        form.addRow(self.tr("Budget"), self.budget)
        form.addRow("", self.budget_confirmed)
        form.addRow(self.tr("Authority"), self.authority_name)
        form.addRow("", self.authority_known)
        form.addRow(self.tr("Need"), self.need)
        form.addRow(self.tr("Timeline"), self.timeline)

    def _line(self, name: str, placeholder: str = "") -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText(placeholder)
        edit.editingFinished.connect(lambda: self._edited(name, edit.text()))
        return edit

    def _tick_box(self, text: str, name: str) -> QCheckBox:
        box = QCheckBox(text, self)
        box.clicked.connect(lambda on: self._edited(name, on))
        return box

    def fill(self, deal: dict[str, Any]) -> None:
        """Show the stored qualification of `deal`."""
        self.deal = deal
        self.loading = True
        try:
            q = self.qualification = store.qualification(self.controller.repository, deal["id"])
            self.setTitle(self.tr("Qualification (BANT) — %d/%d") % (q.score, MAX_SCORE))
            self.budget.setText("" if q.budget_cents is None
                                else format_money(q.budget_cents, deal["currency"]))
            self.budget_confirmed.setChecked(q.budget_confirmed)
            self.authority_known.setChecked(q.authority_known)
            self.authority_name.setText(q.authority_name)
            self.need.setText(q.need)
            self.need.setCursorPosition(0)
            self.timeline.setText(q.timeline or "")
        finally:
            self.loading = False

    def _edited(self, name: str, value: object) -> None:
        if self.loading or self.deal_id is None:
            return
        current = getattr(self.qualification, name)
        if name == "budget_cents":
            shown = "" if current is None else format_money(current, self.deal["currency"])
            if str(value).strip() == shown:
                return
        elif (value or None) == (current or None) or str(value).strip() == str(current or ""):
            return
        self.run(self.controller, EditQualification(
            self.deal["id"], {name: value}, label=f"Edit qualification ({name.split('_')[0]})"))
