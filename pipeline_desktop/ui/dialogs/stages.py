"""Pipeline › Stages…: add, rename, reorder (drag), delete (deals go to a stage the user
picks), probability, stale-after days and exit criteria. Won and Lost stay the two outcomes.

The dialog edits a working copy; OK applies it as one undoable EditStages command."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pipeline_desktop.domain.model import Outcome
from pipeline_desktop.domain.process import MAX_STALE_DAYS, parse_criteria
from pipeline_desktop.domain.process_commands import EditStages, StageEdit
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.storage import process_store as store
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.settings import AppSettings

EDIT_ROLE = Qt.ItemDataRole.UserRole


class ReassignDialog:
    @classmethod
    def ask(cls, parent: QWidget | None, stage_name: str, deal_count: int,
            targets: list[tuple[int, str]]) -> int | None:
        """The stage that takes the deals of a deleted stage; None cancels the delete."""
        names = [name for _id, name in targets]
        text = (f"“{stage_name}” holds {deal_count} deal(s). Move them to:")
        name, ok = QInputDialog.getItem(parent, "Delete stage", text, names, 0, False)
        if not ok:
            return None
        return next(stage_id for stage_id, n in targets if n == name)


class StagesDialog(QDialog):
    def __init__(self, controller: PipelineController, parent: QWidget | None = None,
                 default_stale_days: int = 30) -> None:
        super().__init__(parent)
        self.default_stale_days = default_stale_days
        self.setWindowTitle(self.tr("Stages"))
        self.controller = controller
        self.repository = controller.repository
        self.counts = store.stage_deal_counts(self.repository)
        self.reassign: dict[int, int] = {}
        self._loading = False
        self.stages = QListWidget(self)
        self.stages.setObjectName("stage_list")
        self.stages.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.stages.setDefaultDropAction(Qt.DropAction.MoveAction)
        # After the drop has finished (the list must not be rebuilt inside its own drop).
        self.stages.model().rowsMoved.connect(
            lambda *_: QTimer.singleShot(0, self._keep_outcomes_last))
        self.stages.currentItemChanged.connect(self._show_current)
        for stage in self.repository.stages():
            self._add_item(StageEdit(stage.id, stage.name, stage.probability, stage.outcome,
                                     stage.exit_criteria, stage.stale_after_days))
        self._build_form()
        self._lay_out()
        self.stages.setCurrentRow(0)
        self.resize(720, 480)

    # ---- building ------------------------------------------------------------------------

    def _build_form(self) -> None:
        self.name = QLineEdit(self)
        self.probability = QSpinBox(self)
        self.probability.setRange(0, 100)
        self.probability.setSuffix(" %")
        self.stale_days = QSpinBox(self)
        self.stale_days.setRange(1, MAX_STALE_DAYS)
        self.stale_days.setSuffix(self.tr(" days"))
        self.criteria = QPlainTextEdit(self)
        self.criteria.setPlaceholderText(self.tr("One criterion a line, e.g.\nBudget confirmed\n"
                                                 "Decision maker met"))
        self.outcome_note = QLabel(self)
        self.outcome_note.setWordWrap(True)
        for signal in (self.name.textEdited, self.probability.valueChanged,
                       self.stale_days.valueChanged, self.criteria.textChanged):
            signal.connect(self._form_edited)
        self.add_button = QPushButton(self.tr("Add stage"), self)
        self.delete_button = QPushButton(self.tr("Delete stage…"), self)
        self.up_button = QPushButton(self.tr("Move up"), self)
        self.down_button = QPushButton(self.tr("Move down"), self)
        self.add_button.clicked.connect(self.add_stage)
        self.delete_button.clicked.connect(self.delete_current)
        self.up_button.clicked.connect(lambda: self.move_current(-1))
        self.down_button.clicked.connect(lambda: self.move_current(1))

    def _lay_out(self) -> None:
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Drag to reorder. Won and Lost always come last."), self))
        left.addWidget(self.stages, 1)
        row = QHBoxLayout()
        for button in (self.add_button, self.delete_button):
            row.addWidget(button)
        left.addLayout(row)
        row = QHBoxLayout()
        for button in (self.up_button, self.down_button):
            row.addWidget(button)
        left.addLayout(row)
        form = QFormLayout()
        form.addRow(self.tr("Name"), self.name)
        form.addRow(self.tr("Probability"), self.probability)
        form.addRow(self.tr("Stale after"), self.stale_days)
        form.addRow(self.tr("Exit criteria"), self.criteria)
        form.addRow(self.outcome_note)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(form, 3)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(columns, 1)
        layout.addWidget(buttons)

    def _add_item(self, edit: StageEdit, row: int | None = None) -> QListWidgetItem:
        item = QListWidgetItem()
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if edit.outcome is Outcome.OPEN:
            flags |= Qt.ItemFlag.ItemIsDragEnabled
        item.setFlags(flags)
        self._set_edit(item, edit)
        if row is None:
            self.stages.addItem(item)
        else:
            self.stages.insertItem(row, item)
        return item

    def _set_edit(self, item: QListWidgetItem, edit: StageEdit) -> None:
        item.setData(EDIT_ROLE, edit)
        count = self.counts.get(edit.id, 0) if edit.id is not None else 0
        suffix = "" if edit.outcome is Outcome.OPEN or edit.name.casefold() == edit.outcome \
            else f" ({edit.outcome.value})"
        item.setText(f"{edit.name}{suffix} — {edit.probability} % · {count} deals")

    # ---- the working copy ----------------------------------------------------------------

    def edits(self) -> list[StageEdit]:
        return [self.stages.item(i).data(EDIT_ROLE) for i in range(self.stages.count())]

    def current_edit(self) -> StageEdit | None:
        item = self.stages.currentItem()
        return None if item is None else item.data(EDIT_ROLE)

    def _show_current(self) -> None:
        edit = self.current_edit()
        if edit is None:
            return
        self._loading = True
        self.name.setText(edit.name)
        self.probability.setValue(edit.probability)
        self.stale_days.setValue(edit.stale_after_days)
        self.criteria.setPlainText("\n".join(edit.exit_criteria))
        is_open = edit.outcome is Outcome.OPEN
        self.criteria.setEnabled(is_open)
        self.stale_days.setEnabled(is_open)
        self.delete_button.setEnabled(is_open)
        self.up_button.setEnabled(is_open)
        self.down_button.setEnabled(is_open)
        self.outcome_note.setText("" if is_open else self.tr(
            "An outcome stage: it closes a deal. It can be renamed but not deleted."))
        self._loading = False

    def _form_edited(self) -> None:
        item = self.stages.currentItem()
        if self._loading or item is None:
            return
        edit = replace(item.data(EDIT_ROLE), name=self.name.text(),
                       probability=self.probability.value(),
                       stale_after_days=self.stale_days.value(),
                       exit_criteria=parse_criteria(self.criteria.toPlainText()))
        self._set_edit(item, edit)

    def add_stage(self) -> None:
        """A new open stage before Won and Lost."""
        names = {e.name.casefold() for e in self.edits()}
        name, number = self.tr("New stage"), 2
        while name.casefold() in names:
            name, number = self.tr("New stage %d") % number, number + 1
        row = self._first_outcome_row()
        item = self._add_item(StageEdit(None, name, 50,
                                        stale_after_days=self.default_stale_days), row)
        self.stages.setCurrentItem(item)
        self.name.setFocus()
        self.name.selectAll()

    def move_current(self, step: int) -> None:
        row = self.stages.currentRow()
        target = row + step
        if row < 0 or not 0 <= target < self._first_outcome_row():
            return
        item = self.stages.takeItem(row)
        self.stages.insertItem(target, item)
        self.stages.setCurrentItem(item)

    def delete_current(self) -> None:
        """Delete the selected open stage; its deals go where the user says."""
        edit = self.current_edit()
        if edit is None or edit.outcome is not Outcome.OPEN:
            return
        if sum(e.outcome is Outcome.OPEN for e in self.edits()) == 1:
            QMessageBox.information(self, self.tr("Stages"),
                                    self.tr("A pipeline needs at least one open stage."))
            return
        count = self._deals_in(edit)
        if count:
            targets = [(e.id, e.name) for e in self.edits()
                       if e.id is not None and e is not edit]
            target = ReassignDialog.ask(self, edit.name, count, targets)
            if target is None:
                return
            self._reassign(edit, target)
        self.stages.takeItem(self.stages.currentRow())

    def _deals_in(self, edit: StageEdit) -> int:
        """Deals stored in this stage plus those sent here by an earlier delete."""
        if edit.id is None:
            return 0
        moved_here = sum(self.counts.get(old, 0) for old, new in self.reassign.items()
                         if new == edit.id)
        return self.counts.get(edit.id, 0) + moved_here

    def _reassign(self, edit: StageEdit, target: int) -> None:
        assert edit.id is not None
        for old, new in list(self.reassign.items()):
            if new == edit.id:  # deals already headed here follow on
                self.reassign[old] = target
        self.reassign[edit.id] = target

    def _first_outcome_row(self) -> int:
        for row, edit in enumerate(self.edits()):
            if edit.outcome is not Outcome.OPEN:
                return row
        return self.stages.count()

    def _keep_outcomes_last(self) -> None:
        """A drag may drop an open stage below Won or Lost: put the outcomes back at the end."""
        edits = self.edits()
        ordered = ([e for e in edits if e.outcome is Outcome.OPEN]
                   + [e for e in edits if e.outcome is not Outcome.OPEN])
        if ordered == edits:
            return
        current = self.current_edit()
        self.stages.blockSignals(True)
        self.stages.clear()
        for edit in ordered:
            self._add_item(edit)
        self.stages.blockSignals(False)
        if current in ordered:
            self.stages.setCurrentRow(ordered.index(current))

    def command(self) -> EditStages:
        kept = {e.id for e in self.edits()}
        reassign = {old: new for old, new in self.reassign.items()
                    if old not in kept and new in kept}
        return EditStages(tuple(self.edits()), reassign)

    def accept(self) -> None:
        """Apply the edit as one undoable step; a rule broken keeps the dialog open."""
        command = self.command()
        before = self.repository.stages()
        unchanged = [StageEdit(s.id, s.name, s.probability, s.outcome, s.exit_criteria,
                               s.stale_after_days) for s in before]
        if list(command.stages) == unchanged:
            super().accept()
            return
        try:
            self.controller.execute(command)
        except PipelineError as error:
            QMessageBox.warning(self, self.tr("Stages"), str(error))
            return
        super().accept()


def edit_stages(parent: QWidget, controller: PipelineController, settings: AppSettings) -> None:
    StagesDialog(controller, parent, settings.get("stale_days")).exec()
