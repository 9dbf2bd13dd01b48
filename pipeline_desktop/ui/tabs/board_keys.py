"""Moving a Board card without a mouse: Ctrl+Left / Ctrl+Right on a focused card moves its
deal to the previous / next open stage (the same move as a drag), and the card keeps the
focus in its new column, so the keys can be pressed again."""

from __future__ import annotations

from typing import Protocol

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QListWidget

from pipeline_desktop.ui.tabs.board_column import StageColumn


class BoardTab(Protocol):
    """What the keys use of the board (which imports this module to install them)."""

    columns: dict[int, StageColumn]

    def drop_deal(self, deal_id: int, stage_id: int) -> bool: ...


STEPS = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}
CARD_ROLE = Qt.ItemDataRole.UserRole  # board.CARD_ROLE (not imported: board imports this)


class CardKeys(QObject):
    """Installed on a column's card list by the board."""

    def __init__(self, board: BoardTab, cards: QListWidget) -> None:
        super().__init__(cards)
        self._board = board
        self._cards = cards
        cards.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Ctrl+Left/Right on a card: move it; every other key goes on to the list."""
        if event.type() != QEvent.Type.KeyPress:
            return False
        assert isinstance(event, QKeyEvent)
        step = STEPS.get(Qt.Key(event.key()))
        item = self._cards.currentItem()
        if (step is None or item is None
                or event.modifiers() != Qt.KeyboardModifier.ControlModifier):
            return False
        step_deal(self._board, item.data(CARD_ROLE).id, item.data(CARD_ROLE).stage_id, step)
        return True


def step_deal(board: BoardTab, deal_id: int, stage_id: int, step: int) -> bool:
    """Move a deal one open stage along; True when it moved."""
    stages = list(board.columns)  # the open stages, in process order
    position = stages.index(stage_id) + step if stage_id in stages else -1
    if not 0 <= position < len(stages) or not board.drop_deal(deal_id, stages[position]):
        return False
    focus_card(board, deal_id, stages[position])
    return True


def focus_card(board: BoardTab, deal_id: int, stage_id: int) -> None:
    cards = board.columns[stage_id].list
    for row in range(cards.count()):
        if cards.item(row).data(CARD_ROLE).id == deal_id:
            cards.setCurrentRow(row)
            cards.setFocus()
            cards.scrollToItem(cards.item(row))
            return
