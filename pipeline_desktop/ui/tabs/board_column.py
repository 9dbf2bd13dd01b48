"""One Board column: a stage's title (a link to its deals), a total, the list of its cards
(dragged from and dropped on) and a "more" link. Built from the stage and what it uses; the
board hears the user's gestures through the column's signals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QByteArray, QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import QCursor, QDrag, QPalette, QPixmap
from PySide6.QtWidgets import (
    QFrame,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pipeline_desktop.domain.model import Stage
from pipeline_desktop.domain.money import format_compact
from pipeline_desktop.domain.process import BoardCard, is_stale
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.tabs.board_card import (
    CARD_ROLE,
    COLUMN_WIDTH,
    STALE_ROLE,
    CardDelegate,
)
from pipeline_desktop.ui.tabs.board_drop import MIME, DropTarget


class CardList(DropTarget, QListWidget):
    """A column's cards, painted by the board's delegate; a card drags its deal's id."""

    def __init__(self, stage_id: int, on_drop: Callable[[int, int], bool],
                 delegate: CardDelegate, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage_id = stage_id
        self.on_drop = on_drop
        self.setAccessibleName(self.tr("Deals in this stage"))
        self.setItemDelegate(delegate)
        self.setUniformItemSizes(True)
        self.setDragEnabled(True)
        self.setAcceptDrops(True)
        self.setDropIndicatorShown(False)
        self.setDragDropMode(QListWidget.DragDropMode.DragDrop)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QListWidget.ScrollMode.ScrollPerPixel)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setSpacing(1)

    def startDrag(self, supported: Qt.DropAction) -> None:
        """Drag the deal's id, never the list item itself."""
        item = self.currentItem()
        if item is None:
            return
        card: BoardCard = item.data(CARD_ROLE)
        mime = QMimeData()
        mime.setData(MIME, QByteArray(str(card.id).encode()))
        mime.setText(card.title)
        drag = QDrag(self)
        drag.setMimeData(mime)
        rect = self.visualItemRect(item)
        drag.setPixmap(self.card_pixmap(item))
        grip = self.viewport().mapFromGlobal(QCursor.pos()) - rect.topLeft()
        drag.setHotSpot(QPoint(min(max(grip.x(), 0), rect.width()),
                               min(max(grip.y(), 0), rect.height())))  # where it was held
        drag.exec(Qt.DropAction.MoveAction)

    def card_pixmap(self, item: QListWidgetItem) -> QPixmap:
        """The card as it looks in the list: the picture that follows the mouse."""
        rect = self.visualItemRect(item)
        return self.viewport().grab(rect)

    def set_drop_highlight(self, on: bool) -> None:
        """Frame the whole column in the highlight colour while a card hovers over it."""
        column = self.parentWidget()
        if isinstance(column, StageColumn):
            column.set_drop_highlight(on)



class StageColumn(QFrame):
    """The cards of one open stage. `on_drop(deal_id, stage_id)` moves a dropped card."""

    card_opened = Signal(object)  # the QListWidgetItem double-clicked
    card_chosen = Signal(object)  # the QListWidgetItem now current (or None)
    more_wanted = Signal(int)  # the stage whose next cards the user asked for

    def __init__(self, stage: Stage, controller: PipelineController, delegate: CardDelegate,
                 on_drop: Callable[[int, int], bool], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage = stage
        self.setObjectName(f"column_{stage.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(COLUMN_WIDTH - 60)  # eight stages fit beside Won and Lost
        self.setMaximumWidth(COLUMN_WIDTH + 80)
        self.title = QPushButton(stage.name, self)
        self.title.setObjectName("column_title")
        self.title.setFlat(True)
        self.title.setStyleSheet("font-weight: 600; text-align: left;")  # palette colour
        self.title.setToolTip(self.tr("Show these deals in the Deals tab"))
        self.title.clicked.connect(lambda: controller.show_deals.emit({"stage_id": stage.id}))
        self.summary = QLabel(self)
        self.list = CardList(stage.id, on_drop, delegate, self)
        if controller.session.read_only:  # look, don't drag
            self.list.setDragEnabled(False)
            self.list.setAcceptDrops(False)
        self.list.itemDoubleClicked.connect(self.card_opened.emit)
        self.list.currentItemChanged.connect(lambda item, _old: self.card_chosen.emit(item))
        self.more = QPushButton(self)
        self.more.setFlat(True)
        self.more.setStyleSheet("color: palette(link); text-decoration: underline;")
        self.more.clicked.connect(lambda: self.more_wanted.emit(stage.id))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.more)

    def set_drop_highlight(self, on: bool) -> None:
        """A frame in the highlight colour around the column a dragged card would land in."""
        self.setProperty("drop_target", on)
        self.setAutoFillBackground(on)
        self.setBackgroundRole(QPalette.ColorRole.Highlight if on else QPalette.ColorRole.Window)
        self.list.setFrameShape(QFrame.Shape.Box if on else QFrame.Shape.NoFrame)
        self.update()

    def fill(self, cards: list[BoardCard], limit: int, today: date, currency: str) -> None:
        total = sum(c.home_cents or 0 for c in cards)  # in the home currency
        self.count = len(cards)
        self.summary.setText(self.tr("%s deals · %s") % (f"{len(cards):,}",
                                                          format_compact(total, currency)))
        self.list.clear()
        stale_days = self.stage.stale_after_days
        for card in cards[:limit]:
            item = QListWidgetItem()
            item.setData(CARD_ROLE, card)
            item.setData(STALE_ROLE, is_stale(card.last_touch, stale_days, today))
            item.setToolTip(f"{card.title}\n{card.company}")
            self.list.addItem(item)
        hidden = len(cards) - min(limit, len(cards))
        self.more.setVisible(hidden > 0)
        self.more.setText(self.tr("%s more…") % f"{hidden:,}")
