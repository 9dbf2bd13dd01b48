"""The Today view: open activities due today or overdue (optionally the coming week), across
all deals. Complete one, or jump to its deal. Non-modal: it stays open beside the window."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QColor, QFont
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pipeline_desktop.domain.commands import Changes
from pipeline_desktop.domain.process_commands import CompleteActivity
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.storage import process_store as store
from pipeline_desktop.ui.activity_actions import KIND_LABELS
from pipeline_desktop.ui.controller import PipelineController

OVERDUE = QColor("#c62828")
ID_ROLE = Qt.ItemDataRole.UserRole


class TodayView(QDialog):
    def __init__(self, controller: PipelineController, parent: QWidget | None = None,
                 today: Callable[[], date] = date.today,
                 open_deal: Callable[[int], None] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("today_view")
        self.setWindowTitle(self.tr("Today"))
        self.controller = controller
        self.today = today
        self.open_deal = open_deal
        self.summary = QLabel(self)
        self.horizon = QComboBox(self)
        self.horizon.addItem(self.tr("Due today and overdue"), 0)
        self.horizon.addItem(self.tr("Due in the next 7 days"), 7)
        self.horizon.currentIndexChanged.connect(self.reload)
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Due"), self.tr("Activity"), self.tr("Deal"),
                                   self.tr("Company"), self.tr("Owner")])
        self.tree.setRootIsDecorated(False)
        self.tree.setSortingEnabled(False)
        self.tree.setAlternatingRowColors(True)
        for column, width in enumerate((90, 220, 260, 170)):
            self.tree.setColumnWidth(column, width)
        self.tree.itemDoubleClicked.connect(lambda _item, _col: self.go_to_deal())
        self.complete_button = QPushButton(self.tr("Mark done"), self)
        self.complete_button.clicked.connect(self.complete_selected)
        self.deal_button = QPushButton(self.tr("Show deal"), self)
        self.deal_button.clicked.connect(self.go_to_deal)
        self.deal_button.setVisible(open_deal is not None)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.horizon)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        close.rejected.connect(self.reject)  # Escape does the same
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.deal_button)
        buttons.addWidget(self.complete_button)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.tree, 1)
        layout.addLayout(buttons)
        self.resize(900, 480)
        controller.changed.connect(self._changed)
        self.reload()

    def reload(self) -> None:
        today = self.today()
        due = store.due_activities(self.controller.repository, today,
                                   int(self.horizon.currentData() or 0))
        self.tree.clear()
        overdue = 0
        bold = QFont(self.tree.font())
        bold.setBold(True)
        for entry in due:
            activity = entry.activity
            kind = self.tr(KIND_LABELS.get(activity.kind, activity.kind))  # type: ignore[call-overload]
            text = f"{kind}: {activity.subject}" if activity.subject else kind
            item = QTreeWidgetItem([activity.due or "", text, entry.deal_title, entry.company,
                                    activity.owner])
            item.setData(0, ID_ROLE, (activity.id, activity.deal_id))
            if activity.is_overdue(today):
                overdue += 1
                for column in range(5):
                    item.setForeground(column, QBrush(OVERDUE))
                item.setToolTip(0, self.tr("Overdue"))
            elif activity.due == today.isoformat():
                item.setFont(0, bold)
            self.tree.addTopLevelItem(item)
        self.summary.setText(self.tr("%d to do, %d overdue") % (len(due), overdue))
        self.complete_button.setEnabled(bool(due))

    def _selected(self) -> tuple[int, int] | None:
        item = self.tree.currentItem()
        return None if item is None else item.data(0, ID_ROLE)

    def complete_selected(self) -> None:
        """Mark the selected activity done today (undoable)."""
        selected = self._selected()
        if selected is None:
            return
        try:
            self.controller.execute(CompleteActivity(selected[0], self.today().isoformat()))
        except PipelineError as error:
            QMessageBox.warning(self, self.windowTitle(), str(error))

    def go_to_deal(self) -> None:
        selected = self._selected()
        if selected is not None and self.open_deal is not None:
            self.open_deal(selected[1])

    def _changed(self, changes: Changes) -> None:
        if changes.activities or changes.everything or changes.deals:
            self.reload()


def show_today(parent: QWidget, controller: PipelineController,
               open_deal: Callable[[int], None]) -> TodayView:
    """A Today view beside `parent` (one at a time); `open_deal` shows a deal in the Deals
    tab."""
    existing = parent.findChild(TodayView, "today_view")
    if existing is not None:
        existing.reload()
        existing.raise_()
        existing.activateWindow()
        return existing
    view = TodayView(controller, parent, open_deal=open_deal)
    view.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    view.show()
    return view
