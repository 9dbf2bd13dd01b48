"""What every section of the deal panel shares: a titled box filled with the selected deal,
edits run as undoable commands, and a refusal that asks the panel to show the stored deal."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QGroupBox, QHeaderView, QMessageBox, QTreeWidget, QWidget

from pipeline_desktop.errors import PipelineError
from pipeline_desktop.ui.controller import PipelineController


class Section(QGroupBox):
    """One titled part of the deal panel. `fill` shows a deal; while it runs, `loading` is
    True so the signals a refill sends are not taken for the user's edits."""

    # An edit could not be stored: the panel reads the deal again (it may have changed under
    # us in team mode) and refills every section.
    refused = Signal()

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.deal: dict[str, Any] = {}
        self.loading = False

    @property
    def deal_id(self) -> int | None:
        return self.deal.get("id")

    def forget(self) -> None:
        """No deal is shown: an edit that finishes now (focus leaving a field) is dropped."""
        self.deal = {}

    def form(self) -> QFormLayout:
        """A form on this box whose long rows wrap in the narrow panel."""
        form = QFormLayout(self)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        return form

    def run(self, controller: PipelineController, command: object) -> bool:
        """Run an edit; a value that cannot be stored is explained and the section reset."""
        try:
            controller.execute(command)
        except PipelineError as error:
            QMessageBox.warning(self, self.tr("Cannot save"), str(error))
            self.refused.emit()
            return False
        return True


def fit_columns(tree: QTreeWidget) -> None:
    """A narrow panel: the text column takes what the date column leaves, no sideways
    scrolling (the full text is in the tooltip)."""
    tree.setRootIsDecorated(False)
    tree.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    header = tree.header()
    header.setStretchLastSection(False)
    header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)


def iso(value: object) -> str:
    """A date or timestamp (or its text) as YYYY-MM-DD; empty for none."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value[:10]
    return value.isoformat()[:10]  # type: ignore[attr-defined]
