"""Where a dragged Board card lands: every column's list and the Won and Lost zones accept a
deal card, light up while it hovers, and hand (deal id, stage id) to the board."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QColor, QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QLabel, QWidget

from pipeline_desktop.domain.model import Outcome, Stage
from pipeline_desktop.ui.theme import readable, window_colour

MIME = "application/x-pipeline-deal"
WON_COLOUR, LOST_COLOUR = QColor("#2e7d32"), QColor("#c62828")


class DropTarget:
    """Accept a dragged card and hand (deal id, stage id) to the board."""

    stage_id: int
    on_drop: Callable[[int, int], bool]

    def _accepts(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        return event.mimeData().hasFormat(MIME)

    def set_drop_highlight(self, on: bool) -> None:
        """Show (or stop showing) that a card dragged over here would land here."""

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Only deal cards may be dropped here."""
        if self._accepts(event):
            event.acceptProposedAction()
            self.set_drop_highlight(True)
        else:
            event.ignore()

    def dragLeaveEvent(self, event: QEvent) -> None:
        """The card left without dropping."""
        self.set_drop_highlight(False)

    def dragMoveEvent(self, event: QDragMoveEvent) -> None:
        """Keep accepting while the card hovers."""
        if self._accepts(event):
            event.acceptProposedAction()
        else:
            event.ignore()

    def dropEvent(self, event: QDropEvent) -> None:
        """Move the dropped deal to this column's stage."""
        if not self._accepts(event):
            event.ignore()
            return
        self.set_drop_highlight(False)
        deal_id = int(bytes(event.mimeData().data(MIME).data()).decode())
        event.acceptProposedAction()
        # Let the drag finish before a dialog (criteria, lost reason) may open.
        QTimer.singleShot(0, lambda: self.on_drop(deal_id, self.stage_id))


class DropZone(DropTarget, QLabel):
    """Won or Lost: drop a card here to close the deal."""

    def __init__(self, stage: Stage, on_drop: Callable[[int, int], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage_id = stage.id
        self.on_drop = on_drop
        self.colour = WON_COLOUR if stage.outcome is Outcome.WON else LOST_COLOUR
        self.setObjectName(f"drop_{stage.outcome.value}")
        self.setText(self.tr("%s\n\ndrop a card here") % stage.name)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setAcceptDrops(True)
        self.setFixedWidth(104)
        self.set_drop_highlight(False)

    def set_drop_highlight(self, on: bool) -> None:
        """Dashed border at rest; solid and filled while a card hovers (colours read well on
        the theme in effect, so this runs again after a theme switch)."""
        colour = readable(self.colour, window_colour()).name()
        fill = f"background: {self.colour.name()}; color: white;" if on else f"color: {colour};"
        self.setProperty("drop_target", on)
        self.setStyleSheet(f"QLabel {{ border: 2px {'solid' if on else 'dashed'} {colour};"
                           f" border-radius: 6px; {fill} font-weight: 600; padding: 6px; }}")
