"""The Board tab: a column per open stage, a card per open deal, Won and Lost drop zones.

Cards are painted by a delegate inside one list per column, and only the first cards of each
column are made (more on request), so a pipeline of 100,000 deals builds in a fraction of a
second. Dragging a card to another column moves the deal through `stage_moves.move_deal`
(exit criteria checked, a lost reason asked, undoable)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import (
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    QRect,
    QSize,
    Qt,
    QTimer,
)
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragMoveEvent,
    QDropEvent,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QPen,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QScrollArea,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from pipeline_desktop.domain.commands import Changes
from pipeline_desktop.domain.model import Outcome, Stage
from pipeline_desktop.domain.money import format_compact, format_money
from pipeline_desktop.domain.process import BoardCard, is_stale
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.storage import process_store as store
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.stage_moves import move_deal
from pipeline_desktop.ui.tabs.board_keys import CardKeys

MIME = "application/x-pipeline-deal"
PAGE = 40  # cards made per column at first (a "more" click adds five pages)
SMALL_CHANGE = 200  # up to this many changed deals are re-read alone, not the whole board
CARD_HEIGHT = 84
COLUMN_WIDTH = 200
CARD_ROLE = Qt.ItemDataRole.UserRole
STALE_ROLE = Qt.ItemDataRole.UserRole + 1
STALE = QColor("#ef6c00")
OVERDUE = QColor("#c62828")
AnyIndex = QModelIndex | QPersistentModelIndex


def _sort_key(card: BoardCard) -> tuple:
    """Biggest deals first: the ones worth a look."""
    return (-(card.value_cents or 0), card.id)


class CardDelegate(QStyledItemDelegate):
    """Paints a deal as a card: title, company, value · age, next activity; stale marked."""

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        """Every card has the same height, so the list never measures text."""
        return QSize(COLUMN_WIDTH - 24, CARD_HEIGHT)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        """Draw the card box and four lines of text."""
        card: BoardCard = index.data(CARD_ROLE)
        stale: bool = index.data(STALE_ROLE)
        palette = option.palette  # type: ignore[attr-defined]
        rect: QRect = option.rect.adjusted(3, 3, -3, -3)  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight) if selected
                            else palette.color(QPalette.ColorRole.Mid), 2 if selected else 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, 5, 5)
        if stale:
            painter.fillRect(QRect(rect.left() + 1, rect.top() + 4, 4, rect.height() - 8), STALE)
        text_rect = rect.adjusted(10, 5, -6, -4)
        self._draw_lines(painter, option, text_rect, card, stale)
        painter.restore()

    def _draw_lines(self, painter: QPainter, option: QStyleOptionViewItem, rect: QRect,
                    card: BoardCard, stale: bool) -> None:
        base = QFont(option.font)  # type: ignore[attr-defined]
        bold = QFont(base)
        bold.setBold(True)
        metrics = QFontMetrics(base)
        line = metrics.height() + 1
        width = rect.width()
        text_color = option.palette.color(QPalette.ColorRole.Text)  # type: ignore[attr-defined]
        muted = option.palette.color(QPalette.ColorRole.PlaceholderText)  # type: ignore[attr-defined]
        today = self._today()
        age = card.age_days(today)
        value = format_money(card.value_cents, card.currency, whole=True) \
            if card.value_cents is not None else "—"
        if card.next_activity is None:
            next_text, next_color = "No next activity", STALE
        elif card.next_activity < today.isoformat():
            next_text, next_color = f"Overdue: {card.next_activity}", OVERDUE
        else:
            next_text, next_color = f"Next: {card.next_activity}", muted
        lines = (
            (bold, text_color, card.title),
            (base, muted, card.company or "—"),
            (base, text_color, f"{value} · {age} d" + (" · stale" if stale else "")),
            (base, next_color, next_text),
        )
        y = rect.top()
        for font, color, text in lines:
            painter.setFont(font)
            painter.setPen(color)
            elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
            painter.drawText(QRect(rect.left(), y, width, line),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
            y += line


class _DropMixin:
    """Accept a dragged card and hand (deal id, stage id) to the board."""

    stage_id: int
    on_drop: Callable[[int, int], bool]

    def _accepts(self, event: QDragEnterEvent | QDragMoveEvent | QDropEvent) -> bool:
        return event.mimeData().hasFormat(MIME)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        """Only deal cards may be dropped here."""
        if self._accepts(event):
            event.acceptProposedAction()
        else:
            event.ignore()

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
        deal_id = int(bytes(event.mimeData().data(MIME).data()).decode())
        event.acceptProposedAction()
        # Let the drag finish before a dialog (criteria, lost reason) may open.
        QTimer.singleShot(0, lambda: self.on_drop(deal_id, self.stage_id))


class CardList(_DropMixin, QListWidget):
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
        drag.exec(Qt.DropAction.MoveAction)


class DropZone(_DropMixin, QLabel):
    """Won or Lost: drop a card here to close the deal."""

    def __init__(self, stage: Stage, on_drop: Callable[[int, int], bool],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.stage_id = stage.id
        self.on_drop = on_drop
        color = "#2e7d32" if stage.outcome is Outcome.WON else "#c62828"
        self.setObjectName(f"drop_{stage.outcome.value}")
        self.setText(self.tr("%s\n\ndrop a card here") % stage.name)
        self.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.setWordWrap(True)
        self.setAcceptDrops(True)
        self.setFixedWidth(104)
        self.setStyleSheet(f"QLabel {{ border: 2px dashed {color}; border-radius: 6px;"
                           f" color: {color}; font-weight: 600; padding: 6px; }}")


class StageColumn(QFrame):
    def __init__(self, board: BoardTab, stage: Stage) -> None:
        super().__init__(board)
        self.board = board
        self.stage = stage
        self.setObjectName(f"column_{stage.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(COLUMN_WIDTH - 30)
        self.setMaximumWidth(COLUMN_WIDTH + 80)
        self.title = QPushButton(stage.name, self)
        self.title.setFlat(True)
        self.title.setStyleSheet("font-weight: 600; text-align: left;")
        self.title.setToolTip(self.tr("Show these deals in the Deals tab"))
        self.title.clicked.connect(
            lambda: board.controller.show_deals.emit({"stage_id": stage.id}))
        self.summary = QLabel(self)
        self.list = CardList(stage.id, board.drop_deal, board.delegate, self)
        CardKeys(board, self.list)  # Ctrl+Left/Right moves the focused card (board_keys.py)
        if board.controller.session.read_only:  # look, don't drag
            self.list.setDragEnabled(False)
            self.list.setAcceptDrops(False)
        self.list.itemDoubleClicked.connect(lambda item: board.open_card(item))
        self.list.currentItemChanged.connect(lambda item, _old: board.card_selected(item))
        self.more = QPushButton(self)
        self.more.setFlat(True)
        self.more.setStyleSheet("color: palette(link); text-decoration: underline;")
        self.more.clicked.connect(lambda: board.show_more(stage.id))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.more)

    def fill(self, cards: list[BoardCard], limit: int, today: date, currency: str) -> None:
        total = sum(c.value_cents or 0 for c in cards)
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


class BoardTab(QWidget):
    def __init__(self, controller: PipelineController, settings: AppSettings,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.setObjectName("board_tab")
        self.controller = controller
        self.repository = controller.repository
        self.settings = settings
        self.today = today
        self.delegate = CardDelegate(today, self)
        self.columns: dict[int, StageColumn] = {}
        self.zones: dict[str, DropZone] = {}
        self.limits: dict[int, int] = {}
        self._selected: int | None = None
        self._dirty = True
        self._full = True
        self._pending: set[int] = set()
        self._cards: dict[int, BoardCard] = {}
        self._stage_key: tuple = ()
        self.heading = QLabel(self)
        self.strip = QWidget(self)
        self.strip_layout = QHBoxLayout(self.strip)
        self.strip_layout.setContentsMargins(0, 0, 0, 0)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setWidget(self.strip)
        self.zone_box = QVBoxLayout()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.heading)
        row = QHBoxLayout()
        row.addWidget(self.scroll, 1)
        row.addLayout(self.zone_box)
        layout.addLayout(row, 1)
        controller.changed.connect(self._changed)
        self._reload_if_dirty()

    # ---- loading -------------------------------------------------------------------------

    def reload(self) -> None:
        """Query the open deals once and fill every column."""
        self._cards = {card.id: card for card in store.board_cards(self.repository)}
        self._pending.clear()
        self._fill()

    def _update(self, deal_ids: set[int]) -> None:
        """Re-read only the cards of a few changed deals (a move, an edit, an activity)."""
        for deal_id in deal_ids:
            self._cards.pop(deal_id, None)
        for start in range(0, len(deal_ids), 500):
            chunk = sorted(deal_ids)[start:start + 500]
            self._cards.update((c.id, c) for c in store.board_cards(self.repository, chunk))
        self._fill()

    def _fill(self) -> None:
        self._dirty = False
        stages = self.repository.stages()
        self._build_columns(stages)
        by_stage: dict[int, list[BoardCard]] = defaultdict(list)
        for card in self._cards.values():
            by_stage[card.stage_id].append(card)
        today = self.today()
        currency = self.settings.get("currency")
        total_count = total_value = 0
        for stage_id, column in self.columns.items():
            cards = sorted(by_stage.get(stage_id, ()), key=_sort_key)
            column.fill(cards, self.limits.get(stage_id, PAGE), today, currency)
            total_count += len(cards)
            total_value += sum(c.value_cents or 0 for c in cards)
        self.heading.setText(self.tr("%s open deals · %s · drag a card to move it; "
                                     "double-click to open it") % (
            f"{total_count:,}", format_compact(total_value, currency)))

    def _build_columns(self, stages: list[Stage]) -> None:
        """Make the columns again only when the stages changed (added, renamed, reordered)."""
        key = tuple((s.id, s.name, s.position, s.stale_after_days, s.outcome) for s in stages)
        if key == self._stage_key:
            return
        self._stage_key = key
        for widget in (*self.columns.values(), *self.zones.values()):
            widget.setParent(None)
            widget.deleteLater()
        self.columns, self.zones = {}, {}
        while self.strip_layout.count():
            self.strip_layout.takeAt(0)
        for stage in stages:
            if stage.is_open:
                column = StageColumn(self, stage)
                self.columns[stage.id] = column
                self.strip_layout.addWidget(column, 1)
            else:
                zone = DropZone(stage, self.drop_deal, self)
                zone.setAcceptDrops(not self.controller.session.read_only)
                self.zones[stage.outcome.value] = zone
                self.zone_box.addWidget(zone, 1)

    def _changed(self, changes: Changes) -> None:
        """Refresh now if the board is on screen, else the next time it is shown; a few
        changed deals are re-read alone, anything larger reloads the board."""
        if changes.everything or changes.stages or len(changes.deals) > SMALL_CHANGE:
            self._full = True
        self._pending |= set(changes.deals)
        self._dirty = True
        if self.isVisible():
            QTimer.singleShot(0, self._reload_if_dirty)

    def _reload_if_dirty(self) -> None:
        if not self._dirty:
            return
        if self._full or len(self._pending) > SMALL_CHANGE:
            self._full = False
            self.reload()
        else:
            pending, self._pending = self._pending, set()
            self._update(pending)

    def showEvent(self, event: QShowEvent) -> None:
        """Catch up with changes made while another tab was showing."""
        self._reload_if_dirty()
        super().showEvent(event)

    def show_more(self, stage_id: int) -> None:
        self.limits[stage_id] = self.limits.get(stage_id, PAGE) + PAGE * 5
        self._fill()

    # ---- gestures ------------------------------------------------------------------------

    def drop_deal(self, deal_id: int, stage_id: int) -> bool:
        """A card was dropped on a column or zone: move the deal there (asking what a move
        needs). Returns True when the deal moved."""
        try:
            if self.repository.deal(deal_id)["stage"] == stage_id:
                return False
            moved = move_deal(self, self.controller, deal_id, stage_id)
        except PipelineError as error:
            from PySide6.QtWidgets import QMessageBox

            QMessageBox.warning(self, self.tr("Cannot move"), str(error))
            return False
        if moved:
            self._reload_if_dirty()
        return moved

    @staticmethod
    def _card_id(item: QListWidgetItem | None) -> int | None:
        return None if item is None else item.data(CARD_ROLE).id

    def card_selected(self, item: QListWidgetItem | None) -> None:
        if item is not None:
            self._selected = self._card_id(item)

    def selected_deal_id(self) -> int | None:
        return self._selected

    def open_card(self, item: QListWidgetItem) -> None:
        """Double-click: the deal panel in a dialog."""
        from pipeline_desktop.ui.deal_panel import DealPanel

        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Deal"))
        panel = DealPanel(self.controller, self.settings, self.today)
        layout = QVBoxLayout(dialog)
        layout.addWidget(panel)
        panel.show_deal(self._card_id(item))
        dialog.resize(420, 720)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
