"""The deal panel beside the deal table: every field of the selected deal, the exit criteria of
its stage as tick boxes, BANT, ICP fit, activities and stage history. Every edit made here is
a command on the undo stack."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QBrush, QColor, QFocusEvent, QPalette
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pipeline_desktop.domain.commands import Changes, EditDeal
from pipeline_desktop.domain.icp import fit_class, fit_score
from pipeline_desktop.domain.money import format_money
from pipeline_desktop.domain.process import parse_criteria
from pipeline_desktop.domain.process_commands import (
    CompleteActivity,
    DeleteActivity,
    EditQualification,
    SetCriteria,
)
from pipeline_desktop.domain.qualification import MAX_SCORE
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.storage import process_store as store
from pipeline_desktop.ui.activity_actions import KIND_LABELS, log_for_deal
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.stage_moves import move_deal
from pipeline_desktop.ui.theme import readable

OVERDUE = QColor("#c62828")
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


class DealPanel(QWidget):
    def __init__(self, controller: PipelineController, settings: AppSettings,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.setObjectName("deal_panel")
        self.controller = controller
        self.repository = controller.repository
        self.settings = settings
        self.today = today
        self.deal_id: int | None = None
        self.deal: dict[str, Any] = {}
        self._loading = False
        self.edits: dict[str, QLineEdit] = {}
        self.criteria_boxes: list[QCheckBox] = []
        self._build()
        controller.changed.connect(self._changed)
        self.show_deal(None)

    # ---- building ------------------------------------------------------------------------

    def _build(self) -> None:
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.empty = QLabel(self.tr("Select a deal to see its details."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 4, 0)
        column.addWidget(self._build_fields())
        column.addWidget(self._build_criteria())
        column.addWidget(self._build_bant())
        column.addWidget(self._build_fit())
        column.addWidget(self._build_activities())
        column.addWidget(self._build_history())
        column.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.scroll, 1)
        self.setMinimumWidth(300)

    def _form_box(self, title: str) -> tuple[QGroupBox, QFormLayout]:
        box = QGroupBox(title, self)
        form = QFormLayout(box)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return box, form

    def _build_fields(self) -> QGroupBox:
        box, form = self._form_box(self.tr("Deal"))
        self.stage = QComboBox(box)
        self.stage.setAccessibleName(self.tr("Stage"))
        self.stage.activated.connect(self._stage_chosen)
        form.addRow(self.tr("Stage"), self.stage)
        for name, label in LINE_FIELDS:
            edit = QLineEdit(box)
            edit.setObjectName(f"deal_{name}")
            edit.editingFinished.connect(lambda n=name: self._field_edited(n))
            self.edits[name] = edit
            form.addRow(self.tr(label), edit)
        self.edits["expected_close"].setPlaceholderText("YYYY-MM-DD")
        self.source = QComboBox(box)
        self.source.setEditable(True)
        self.source.setObjectName("deal_source")
        self.source.lineEdit().editingFinished.connect(self._source_edited)
        self.source.activated.connect(self._source_edited)
        form.addRow(self.tr("Lead source"), self.source)
        self.notes = NotesEdit(box)
        self.notes.setFixedHeight(64)
        self.notes.editingFinished.connect(self._notes_edited)
        form.addRow(self.tr("Notes"), self.notes)
        self.dates = QLabel(box)
        self.dates.setWordWrap(True)
        form.addRow(self.dates)
        return box

    def _build_criteria(self) -> QGroupBox:
        self.criteria_box = QGroupBox(self.tr("Exit criteria"), self)
        self.criteria_layout = QVBoxLayout(self.criteria_box)
        return self.criteria_box

    def _build_bant(self) -> QGroupBox:
        self.bant_box, form = self._form_box(self.tr("Qualification (BANT)"))
        self.budget = QLineEdit(self.bant_box)
        self.budget.setObjectName("bant_budget")
        self.budget.editingFinished.connect(
            lambda: self._bant_edited("budget_cents", self.budget.text()))
        self.budget_confirmed = QCheckBox(self.tr("Budget confirmed"), self.bant_box)
        self.budget_confirmed.clicked.connect(
            lambda on: self._bant_edited("budget_confirmed", on))
        self.authority_known = QCheckBox(self.tr("Decision maker known"), self.bant_box)
        self.authority_known.clicked.connect(
            lambda on: self._bant_edited("authority_known", on))
        self.authority_name = QLineEdit(self.bant_box)
        self.authority_name.setPlaceholderText(self.tr("Who decides"))
        self.authority_name.editingFinished.connect(
            lambda: self._bant_edited("authority_name", self.authority_name.text()))
        self.need = QLineEdit(self.bant_box)
        self.need.setPlaceholderText(self.tr("What problem they need solved"))
        self.need.editingFinished.connect(lambda: self._bant_edited("need", self.need.text()))
        self.timeline = QLineEdit(self.bant_box)
        self.timeline.setPlaceholderText(self.tr("Target date, YYYY-MM-DD"))
        self.timeline.editingFinished.connect(
            lambda: self._bant_edited("timeline", self.timeline.text()))
        form.addRow(self.tr("Budget"), self.budget)
        form.addRow("", self.budget_confirmed)
        form.addRow(self.tr("Authority"), self.authority_name)
        form.addRow("", self.authority_known)
        form.addRow(self.tr("Need"), self.need)
        form.addRow(self.tr("Timeline"), self.timeline)
        return self.bant_box

    def _build_fit(self) -> QGroupBox:
        box = QGroupBox(self.tr("Ideal customer fit"), self)
        layout = QVBoxLayout(box)
        self.fit_label = QLabel(box)
        self.fit_label.setStyleSheet("font-weight: 600;")
        self.fit_details = QLabel(box)
        self.fit_details.setWordWrap(True)
        layout.addWidget(self.fit_label)
        layout.addWidget(self.fit_details)
        return box

    def _build_activities(self) -> QGroupBox:
        box = QGroupBox(self.tr("Activities"), self)
        layout = QVBoxLayout(box)
        self.activities = QTreeWidget(box)
        self.activities.setAccessibleName(self.tr("Activities"))
        self.activities.setHeaderLabels([self.tr("Activity"), self.tr("When")])
        self._fit_columns(self.activities)
        self.activities.setMinimumHeight(130)
        self.activities.itemSelectionChanged.connect(self._activity_selected)
        buttons = QHBoxLayout()
        self.log_button = QPushButton(self.tr("Log…"), box)
        self.complete_button = QPushButton(self.tr("Complete"), box)
        self.delete_activity_button = QPushButton(self.tr("Delete"), box)
        self.log_button.clicked.connect(self.log_activity)
        self.complete_button.clicked.connect(self.complete_selected)
        self.delete_activity_button.clicked.connect(self.delete_selected_activity)
        for button in (self.log_button, self.complete_button, self.delete_activity_button):
            buttons.addWidget(button)
        layout.addWidget(self.activities)
        layout.addLayout(buttons)
        return box

    def _build_history(self) -> QGroupBox:
        box = QGroupBox(self.tr("Stage history"), self)
        layout = QVBoxLayout(box)
        self.history = QTreeWidget(box)
        self.history.setAccessibleName(self.tr("Stage history"))
        self.history.setHeaderLabels([self.tr("Stage"), self.tr("Date")])
        self._fit_columns(self.history)
        self.history.setMinimumHeight(110)
        layout.addWidget(self.history)
        return box

    @staticmethod
    def _fit_columns(tree: QTreeWidget) -> None:
        """A narrow panel: the text column takes what the date column leaves, no sideways
        scrolling (the full text is in the tooltip)."""
        tree.setRootIsDecorated(False)
        tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)

    # ---- showing -------------------------------------------------------------------------

    def show_deal(self, deal_id: int | None) -> None:
        """Show one deal (None: the empty hint)."""
        if deal_id is not None:
            try:
                self.deal = self.repository.deal(deal_id)
            except PipelineError:
                deal_id = None
        self.deal_id = deal_id
        self.scroll.setVisible(deal_id is not None)
        self.empty.setVisible(deal_id is None)
        if deal_id is None:
            self.deal = {}
            self.heading.setText(self.tr("No deal selected"))
            return
        self._loading = True
        try:
            self._fill()
        finally:
            self._loading = False

    def _fill(self) -> None:
        deal = self.deal
        stages = self.repository.stages()
        self.stage_by_id = {s.id: s for s in stages}
        stage = self.stage_by_id.get(deal["stage"])
        self.heading.setText(f"#{deal['id']} {deal['title']}")
        self.stage.clear()
        for one in stages:
            self.stage.addItem(one.name, one.id)
        self.stage.setCurrentIndex(max(self.stage.findData(deal["stage"]), 0))
        for name, edit in self.edits.items():
            edit.setText(self._display(name))
            edit.setCursorPosition(0)
        if stage is not None:
            self.edits["probability"].setPlaceholderText(
                self.tr("%d (stage)") % stage.probability)
        self.source.clear()
        self.source.addItems(store.text_list(self.repository, "lead_sources"))
        self.source.setCurrentText(str(deal["source"] or ""))
        self.notes.setPlainText(str(deal["notes"] or ""))
        self.dates.setText(self._dates_text())
        self._fill_criteria(stage)
        self._fill_bant()
        self._fill_fit()
        self._fill_activities()
        self._fill_history()

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
        parts = [self.tr("Created %s") % _iso(deal["created"])]
        if deal["closed"]:
            parts.append(self.tr("closed %s") % _iso(deal["closed"]))
        if deal["status"] == "lost" and deal["lost_reason"]:
            parts.append(self.tr("lost: %s") % deal["lost_reason"])
        return " · ".join(parts)

    def _fill_criteria(self, stage: Any) -> None:
        for box in self.criteria_boxes:
            box.deleteLater()
        self.criteria_boxes = []
        while self.criteria_layout.count():
            item = self.criteria_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        met = set(parse_criteria(self.deal["criteria_met"]))
        criteria = stage.exit_criteria if stage is not None and stage.is_open else ()
        name = stage.name if stage is not None else ""
        self.criteria_box.setTitle(self.tr("Exit criteria — %s") % name)
        if not criteria:
            self.criteria_layout.addWidget(QLabel(self.tr("None for this stage."),
                                                  self.criteria_box))
        for criterion in criteria:
            box = QCheckBox(criterion, self.criteria_box)
            box.setChecked(criterion in met)
            box.clicked.connect(lambda on, c=criterion: self.tick(c, on))
            self.criteria_layout.addWidget(box)
            self.criteria_boxes.append(box)

    def _fill_bant(self) -> None:
        q = store.qualification(self.repository, self.deal["id"])
        self.qualification = q
        self.bant_box.setTitle(self.tr("Qualification (BANT) — %d/%d") % (q.score, MAX_SCORE))
        self.budget.setText("" if q.budget_cents is None
                            else format_money(q.budget_cents, self.deal["currency"]))
        self.budget_confirmed.setChecked(q.budget_confirmed)
        self.authority_known.setChecked(q.authority_known)
        self.authority_name.setText(q.authority_name)
        self.need.setText(q.need)
        self.need.setCursorPosition(0)
        self.timeline.setText(q.timeline or "")

    def _fill_fit(self) -> None:
        profile = store.load_icp(self.repository)
        industry, employees, region, title = store.fit_inputs(self.repository, self.deal["id"])
        known = [x for x in (industry, f"{employees} employees" if employees is not None else "",
                             region, title) if x]
        self.fit_details.setText(" · ".join(known) or self.tr("Nothing known about the company"))
        if profile.is_empty:
            self.fit_label.setText(self.tr("No ideal customer profile set (Pipeline menu)"))
            return
        score = fit_score(profile, industry, employees, region, title)
        if score is None:
            self.fit_label.setText(self.tr("Fit unknown"))
            return
        verdict = self.tr("good fit") if fit_class(score) == "good" else self.tr("poor fit")
        self.fit_label.setText(self.tr("%d / 100 — %s") % (score, verdict))

    def _fill_activities(self) -> None:
        self.activities.clear()
        today = self.today()
        base = self.activities.palette().color(QPalette.ColorRole.Base)  # overdue reads on it
        for activity in store.activities(self.repository, self.deal["id"]):
            kind = KIND_LABELS.get(activity.kind, activity.kind)  # type: ignore[call-overload]
            text = f"{self.tr(kind)}: {activity.subject}" if activity.subject else self.tr(kind)
            when = (f"✓ {activity.done}" if activity.done
                    else self.tr("due %s") % activity.due if activity.due else "")
            item = QTreeWidgetItem([text, when])
            item.setData(0, Qt.ItemDataRole.UserRole, activity.id)
            item.setData(1, Qt.ItemDataRole.UserRole, activity.done)
            item.setToolTip(0, "\n".join(x for x in (text, activity.notes) if x))
            if activity.is_overdue(today):
                for column in range(2):
                    item.setForeground(column, QBrush(readable(OVERDUE, base)))
                item.setToolTip(1, self.tr("Overdue"))
            self.activities.addTopLevelItem(item)
        self._activity_selected()

    def _fill_history(self) -> None:
        self.history.clear()
        for from_name, to_name, when, who in reversed(
                self.repository.stage_history(self.deal["id"])):
            text = to_name or self.tr("(deleted stage)")
            if from_name:
                text = f"{from_name} → {text}"
            item = QTreeWidgetItem([text, _iso(when)])
            item.setToolTip(0, f"{text}\n{who}" if who else text)
            self.history.addTopLevelItem(item)

    # ---- editing -------------------------------------------------------------------------

    def _execute(self, command: object) -> bool:
        """Run an edit; a value that cannot be stored is explained and the field reset."""
        try:
            self.controller.execute(command)
        except PipelineError as error:
            QMessageBox.warning(self, self.tr("Cannot save"), str(error))
            self.show_deal(self.deal_id)
            return False
        return True

    def _version(self) -> int | None:
        """The version of the deal as shown: a save made from it is refused if someone else
        changed the deal since (team mode)."""
        return self.deal.get("version")

    def _field_edited(self, name: str) -> None:
        if self._loading or self.deal_id is None:
            return
        text = self.edits[name].text().strip()
        if text == self._display(name).strip():
            return
        value: object = text
        if name == "probability" and not text:
            value = None
        self._execute(EditDeal(self.deal_id, {name: value}, label=f"Edit {name}",
                               expected_version=self._version()))

    def _source_edited(self) -> None:
        text = self.source.currentText().strip()
        if not self._loading and self.deal_id is not None and text != (self.deal["source"] or ""):
            self._execute(EditDeal(self.deal_id, {"source": text}, label="Edit lead source",
                                   expected_version=self._version()))

    def _notes_edited(self) -> None:
        text = self.notes.toPlainText()
        if not self._loading and self.deal_id is not None and text != (self.deal["notes"] or ""):
            self._execute(EditDeal(self.deal_id, {"notes": text}, label="Edit notes",
                                   expected_version=self._version()))

    def _stage_chosen(self, _index: int) -> None:
        stage_id = self.stage.currentData()
        if self.deal_id is None or stage_id == self.deal.get("stage"):
            return
        try:
            moved = move_deal(self, self.controller, self.deal_id, stage_id,
                              expected_version=self._version())
        except PipelineError as error:
            QMessageBox.warning(self, self.tr("Cannot move"), str(error))
            moved = False
        if not moved:
            self.show_deal(self.deal_id)

    def tick(self, criterion: str, on: bool) -> None:
        """Tick or untick one exit criterion of the deal's stage."""
        if self.deal_id is None:
            return
        met = list(parse_criteria(self.deal["criteria_met"]))
        if on and criterion not in met:
            met.append(criterion)
        elif not on:
            met = [c for c in met if c != criterion]
        label = ("Tick “%s”" if on else "Untick “%s”") % criterion[:40]
        self._execute(SetCriteria(self.deal_id, tuple(met), label=label))

    def _bant_edited(self, name: str, value: object) -> None:
        if self._loading or self.deal_id is None:
            return
        current = getattr(self.qualification, name)
        if name == "budget_cents":
            shown = "" if current is None else format_money(current, self.deal["currency"])
            if str(value).strip() == shown:
                return
        elif (value or None) == (current or None) or str(value).strip() == str(current or ""):
            return
        self._execute(EditQualification(self.deal_id, {name: value},
                                        label=f"Edit qualification ({name.split('_')[0]})"))

    # ---- activities ----------------------------------------------------------------------

    def selected_activity_id(self) -> int | None:
        item = self.activities.currentItem()
        return None if item is None else item.data(0, Qt.ItemDataRole.UserRole)

    def _activity_selected(self) -> None:
        item = self.activities.currentItem()
        self.complete_button.setEnabled(item is not None)
        self.delete_activity_button.setEnabled(item is not None)
        if item is not None:
            done = item.data(1, Qt.ItemDataRole.UserRole)
            self.complete_button.setText(self.tr("Reopen") if done else self.tr("Complete"))

    def log_activity(self) -> None:
        if self.deal_id is not None:
            try:
                log_for_deal(self, self.controller, self.deal_id)
            except PipelineError as error:
                QMessageBox.warning(self, self.tr("Cannot save"), str(error))

    def complete_selected(self) -> None:
        """Mark the selected activity done today (or open it again)."""
        item = self.activities.currentItem()
        if item is None:
            return
        activity_id = item.data(0, Qt.ItemDataRole.UserRole)
        if item.data(1, Qt.ItemDataRole.UserRole):
            self._execute(CompleteActivity(activity_id, None, label="Reopen activity"))
        else:
            self._execute(CompleteActivity(activity_id, self.today().isoformat()))

    def delete_selected_activity(self) -> None:
        activity_id = self.selected_activity_id()
        if activity_id is not None:
            self._execute(DeleteActivity(activity_id))

    # ---- refreshing ----------------------------------------------------------------------

    def _changed(self, changes: Changes) -> None:
        if self.deal_id is None:
            return
        if changes.everything or changes.stages or self.deal_id in changes.deals:
            self.show_deal(self.deal_id)


def _iso(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return value[:10]
    return value.isoformat()[:10]  # type: ignore[attr-defined]

