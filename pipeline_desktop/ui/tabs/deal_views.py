"""The Deals tab's table view and its delete question."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QMessageBox, QTableView, QWidget

if TYPE_CHECKING:  # QEvent's classes would set up its 180-value Type enum (~2 ms)
    from PySide6.QtGui import QPaintEvent


class ConfirmDelete:
    @classmethod
    def ask(cls, parent: QWidget, titles: list[str]) -> bool:
        what = f"“{titles[0]}”" if len(titles) == 1 else parent.tr("%n deals", "", len(titles))
        answer = QMessageBox.question(
            parent, parent.tr("Delete deal"),
            parent.tr("Delete %s with its activities and history? You can undo this.") % what)
        return answer == QMessageBox.StandardButton.Yes


class DealTable(QTableView):
    """Says when it is first painted (`first_painted`), which is when start-up opens the
    session. Overriding paintEvent is what makes that cheap: an event filter on the viewport
    would need `viewport()` in Python, which sets up dozens of widget classes (~10 ms)."""

    first_painted = Signal()

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._painted = False

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt override
        """Paint the visible cells; the first time, say so."""
        super().paintEvent(event)
        if not self._painted:
            self._painted = True
            self.first_painted.emit()
