"""The deal's stage history, newest first (read only)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QVBoxLayout, QWidget

from pipeline_desktop.ui.deal_panel.section import Section, fit_columns, iso


class HistorySection(Section):
    """Each move "from → to" with its date; who moved it is in the tooltip."""

    def __init__(self, repository: Any, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Stage history"), parent)
        self.repository = repository
        self.tree = QTreeWidget(self)
        self.tree.setAccessibleName(self.tr("Stage history"))
        self.tree.setHeaderLabels([self.tr("Stage"), self.tr("Date")])
        fit_columns(self.tree)
        self.tree.setMinimumHeight(110)
        QVBoxLayout(self).addWidget(self.tree)

    def fill(self, deal: dict[str, Any]) -> None:
        """Show the moves of `deal`."""
        self.deal = deal
        self.tree.clear()
        for from_name, to_name, when, who in reversed(self.repository.stage_history(deal["id"])):
            text = to_name or self.tr("(deleted stage)")
            if from_name:
                text = f"{from_name} → {text}"
            item = QTreeWidgetItem([text, iso(when)])
            item.setToolTip(0, f"{text}\n{who}" if who else text)
            self.tree.addTopLevelItem(item)
