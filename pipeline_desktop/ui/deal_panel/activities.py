"""The deal's activities: logged, completed (or reopened) and deleted, each undoable."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pipeline_desktop.domain.process_commands import CompleteActivity, DeleteActivity
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.storage import process_store as store
from pipeline_desktop.ui.activity_actions import KIND_LABELS, log_for_deal
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.deal_panel.section import Section, fit_columns
from pipeline_desktop.ui.theme import readable

OVERDUE = QColor("#c62828")


class ActivitiesSection(Section):
    """A list of the deal's activities (overdue ones in red, made readable on the theme's
    base colour) with Log…, Complete/Reopen and Delete."""

    def __init__(self, controller: PipelineController, today: Callable[[], date] = date.today,
                 parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Activities"), parent)
        self.controller = controller
        self.today = today
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(self.tr("Activities"))
        self.tree.setHeaderLabels([self.tr("Activity"), self.tr("When")])
        fit_columns(self.tree)
        self.tree.setMinimumHeight(130)
        self.tree.itemSelectionChanged.connect(self._activity_selected)
        self.log_button = QPushButton(self.tr("Log…"), self)
        self.complete_button = QPushButton(self.tr("Complete"), self)
        self.delete_button = QPushButton(self.tr("Delete"), self)
        self.log_button.clicked.connect(self.log_activity)
        self.complete_button.clicked.connect(self.complete_selected)
        self.delete_button.clicked.connect(self.delete_selected)
        buttons = QHBoxLayout()
        for button in (self.log_button, self.complete_button, self.delete_button):
            buttons.addWidget(button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tree)
        layout.addLayout(buttons)

    def fill(self, deal: dict[str, Any]) -> None:
        """Show the activities of `deal`, overdue as of today."""
        self.deal = deal
        self.tree.clear()
        today = self.today()
        base = self.tree.palette().color(QPalette.ColorRole.Base)  # overdue reads on it
        for activity in store.activities(self.controller.repository, deal["id"]):
            self.tree.addTopLevelItem(self._item(activity, today, base))
        self._activity_selected()

    def _item(self, activity: Any, today: date, base: QColor) -> QTreeWidgetItem:
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
        return item

    def selected_activity_id(self) -> int | None:
        item = self.tree.currentItem()
        return None if item is None else item.data(0, Qt.ItemDataRole.UserRole)

    def _activity_selected(self) -> None:
        item = self.tree.currentItem()
        self.complete_button.setEnabled(item is not None)
        self.delete_button.setEnabled(item is not None)
        if item is not None:
            done = item.data(1, Qt.ItemDataRole.UserRole)
            self.complete_button.setText(self.tr("Reopen") if done else self.tr("Complete"))

    def log_activity(self) -> None:
        """Ask for a new activity of the deal and store it."""
        if self.deal_id is not None:
            try:
                log_for_deal(self, self.controller, self.deal["id"])
            except PipelineError as error:
                QMessageBox.warning(self, self.tr("Cannot save"), str(error))

    def complete_selected(self) -> None:
        """Mark the selected activity done today (or open it again)."""
        item = self.tree.currentItem()
        if item is None:
            return
        activity_id = item.data(0, Qt.ItemDataRole.UserRole)
        if item.data(1, Qt.ItemDataRole.UserRole):
            self.run(self.controller, CompleteActivity(activity_id, None, label="Reopen activity"))
        else:
            self.run(self.controller, CompleteActivity(activity_id, self.today().isoformat()))

    def delete_selected(self) -> None:
        """Delete the selected activity."""
        activity_id = self.selected_activity_id()
        if activity_id is not None:
            self.run(self.controller, DeleteActivity(activity_id))
