"""The deal's own fields: stage, the line-edited values, lead source, notes and its dates."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QWidget

from pipeline_desktop.domain.commands import EditDeal
from pipeline_desktop.domain.money import format_money
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.storage import process_store as store
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.deal_panel.section import Section, iso
from pipeline_desktop.ui.stage_moves import move_deal

# Deal fields edited in line edits: (field, label).
LINE_FIELDS = (("title", "Title"), ("company", "Company"), ("contact", "Contact"),
               ("value_cents", "Value"), ("currency", "Currency"),
               ("probability", "Probability %"), ("owner", "Owner"),
               ("expected_close", "Expected close"), ("next_step", "Next step"))


class NotesEdit(QPlainTextEdit):
    """A plain-text box that reports when the user leaves it (like QLineEdit.editingFinished)."""

    editingFinished = Signal()

    def focusOutEvent(self, event: QFocusEvent) -> None:
        """Leaving the box commits the text."""
        super().focusOutEvent(event)
        self.editingFinished.emit()


class FieldsSection(Section):
    """Every field of the deal, each edit an undoable EditDeal made from the version shown;
    choosing another stage moves the deal as the board does (asking for unmet criteria)."""

    def __init__(self, controller: PipelineController, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Deal"), parent)
        self.controller = controller
        self.edits: dict[str, QLineEdit] = {}
        form = self.form()
        self.stage = QComboBox(self)
        self.stage.setAccessibleName(self.tr("Stage"))
        self.stage.activated.connect(self._stage_chosen)
        form.addRow(self.tr("Stage"), self.stage)
        for name, label in LINE_FIELDS:
            edit = QLineEdit(self)
            edit.setObjectName(f"deal_{name}")
            edit.editingFinished.connect(lambda n=name: self._field_edited(n))
            self.edits[name] = edit
            form.addRow(self.tr(label), edit)
        self.edits["expected_close"].setPlaceholderText("YYYY-MM-DD")
        self.source = QComboBox(self)
        self.source.setEditable(True)
        self.source.setObjectName("deal_source")
        self.source.lineEdit().editingFinished.connect(self._source_edited)
        self.source.activated.connect(self._source_edited)
        form.addRow(self.tr("Lead source"), self.source)
        self.notes = NotesEdit(self)
        self.notes.setFixedHeight(64)
        self.notes.editingFinished.connect(self._notes_edited)
        form.addRow(self.tr("Notes"), self.notes)
        self.dates = QLabel(self)
        self.dates.setWordWrap(True)
        form.addRow(self.dates)

    # ---- showing -------------------------------------------------------------------------

    def fill(self, deal: dict[str, Any], stages: list[Any]) -> None:
        """Show `deal`; `stages` are the pipeline's stages, in order, for the stage choice."""
        self.deal = deal
        self.loading = True
        try:
            self._fill(stages)
        finally:
            self.loading = False

    def _fill(self, stages: list[Any]) -> None:
        deal = self.deal
        self.stage.clear()
        for one in stages:
            self.stage.addItem(one.name, one.id)
        self.stage.setCurrentIndex(max(self.stage.findData(deal["stage"]), 0))
        for name, edit in self.edits.items():
            edit.setText(self._display(name))
            edit.setCursorPosition(0)
        stage = next((s for s in stages if s.id == deal["stage"]), None)
        if stage is not None:
            self.edits["probability"].setPlaceholderText(
                self.tr("%d (stage)") % stage.probability)
        self.source.clear()
        self.source.addItems(store.text_list(self.controller.repository, "lead_sources"))
        self.source.setCurrentText(str(deal["source"] or ""))
        self.notes.setPlainText(str(deal["notes"] or ""))
        self.dates.setText(self._dates_text())

    def _display(self, name: str) -> str:
        deal = self.deal
        if name == "company":
            return str(deal["company_name"])
        if name == "contact":
            return str(deal["contact_name"])
        if name == "value_cents":
            value = deal["value_cents"]
            return "" if value is None else format_money(value, deal["currency"])
        value = deal[name]
        if value is None:
            return ""
        return value.isoformat() if isinstance(value, date) else str(value)

    def _dates_text(self) -> str:
        deal = self.deal
        parts = [self.tr("Created %s") % iso(deal["created"])]
        if deal["closed"]:
            parts.append(self.tr("closed %s") % iso(deal["closed"]))
        if deal["status"] == "lost" and deal["lost_reason"]:
            parts.append(self.tr("lost: %s") % deal["lost_reason"])
        return " · ".join(parts)

    # ---- editing -------------------------------------------------------------------------

    def _version(self) -> int | None:
        """The version of the deal as shown: a save made from it is refused if someone else
        changed the deal since (team mode)."""
        return self.deal.get("version")

    def _edit(self, fields: dict[str, object], label: str) -> None:
        self.run(self.controller, EditDeal(self.deal["id"], fields, label=label,
                                           expected_version=self._version()))

    def _field_edited(self, name: str) -> None:
        if self.loading or self.deal_id is None:
            return
        text = self.edits[name].text().strip()
        if text == self._display(name).strip():
            return
        value: object = text
        if name == "probability" and not text:
            value = None
        self._edit({name: value}, f"Edit {name}")

    def _source_edited(self) -> None:
        text = self.source.currentText().strip()
        if not self.loading and self.deal_id is not None and text != (self.deal["source"] or ""):
            self._edit({"source": text}, "Edit lead source")

    def _notes_edited(self) -> None:
        text = self.notes.toPlainText()
        if not self.loading and self.deal_id is not None and text != (self.deal["notes"] or ""):
            self._edit({"notes": text}, "Edit notes")

    def _stage_chosen(self, _index: int) -> None:
        stage_id = self.stage.currentData()
        if self.deal_id is None or stage_id == self.deal.get("stage"):
            return
        try:
            moved = move_deal(self, self.controller, self.deal["id"], stage_id,
                              expected_version=self._version())
        except PipelineError as error:
            QMessageBox.warning(self, self.tr("Cannot move"), str(error))
            moved = False
        if not moved:
            self.refused.emit()
