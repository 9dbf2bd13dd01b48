"""The Board tab: a column per open stage, a card per open deal, Won and Lost drop zones.

Cards are painted by a delegate inside one list per column, and only the first cards of each
column are made (more on request), so a pipeline of 100,000 deals builds in a fraction of a
second. Dragging a card to another column moves the deal through `stage_moves.move_deal`
(exit criteria checked, a lost reason asked, undoable). A column is `board_column.StageColumn`;
the Won and Lost zones are `board_drop.DropZone`."""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QMessageBox,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from pipeline_desktop.domain.commands import Changes
from pipeline_desktop.domain.model import Outcome, Stage
from pipeline_desktop.domain.money import format_compact
from pipeline_desktop.domain.process import BoardCard
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.storage import process_store as store
from pipeline_desktop.storage.currency_store import home_currency
from pipeline_desktop.ui.collector import settle_after_bulk_load
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.deal_panel import DealPanel
from pipeline_desktop.ui.errors import is_interruption
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.stage_moves import move_deal
from pipeline_desktop.ui.tabs.board_card import CARD_ROLE, CardDelegate
from pipeline_desktop.ui.tabs.board_column import StageColumn
from pipeline_desktop.ui.tabs.board_drop import DropZone
from pipeline_desktop.ui.tabs.board_keys import CardKeys

PAGE = 40  # cards made per column at first (a "more" click adds five pages)
SMALL_CHANGE = 200  # up to this many changed deals are re-read alone, not the whole board
LOAD_IN_THREAD = 5_000  # deals: above this, the cards are read in a thread (~1 s at 100,000)


def _sort_key(card: BoardCard) -> tuple:
    """Biggest deals first: the ones worth a look."""
    return (-(card.home_cents or 0), card.id)  # compared in the home currency


def pipeline_order(stages: list[Stage]) -> list[Stage]:
    """Open stages by position, then Won, then Lost: a stage an import created sits after
    Won and Lost by position, yet belongs with the open columns."""
    rank = {Outcome.OPEN: 0, Outcome.WON: 1, Outcome.LOST: 2}
    return sorted(stages, key=lambda s: (rank[s.outcome], s.position, s.id))


class BoardTab(QWidget):
    _cards_ready = Signal(object)  # the open deals' cards, read in a thread

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
        self._loading = False
        self._cards_ready.connect(self._adopt_cards)
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
        """Query the open deals once and fill every column. A large pipeline's cards are
        read in a thread while the columns say "Loading…" (the query alone takes ~0.9 s at
        100,000 deals), so showing the Board never freezes the window."""
        self._pending.clear()
        if self.repository.deal_count() <= LOAD_IN_THREAD:
            self._cards = {card.id: card for card in store.board_cards(self.repository)}
            self._fill()
            return
        self._dirty = False
        self._loading = True
        self._build_columns(self.repository.stages())
        self.heading.setText(self.tr("Loading the board…"))
        repository, ready = self.repository, self._cards_ready

        def load() -> None:
            try:
                cards = store.board_cards(repository)
            except Exception as error:
                if is_interruption(error):  # the pipeline closed under the load
                    return
                raise
            finally:
                repository.db.close()  # this thread's own connection
            ready.emit(cards)

        threading.Thread(target=load, daemon=True, name="board-cards").start()

    def _adopt_cards(self, cards: list[BoardCard]) -> None:
        """The thread's cards arrived: show them, then what changed meanwhile."""
        self._loading = False
        self._cards = {card.id: card for card in cards}
        settle_after_bulk_load()
        changed_meanwhile = self._dirty
        self._fill()
        if changed_meanwhile:
            self._dirty = True
            self._reload_if_dirty()

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
        currency = home_currency(self.repository.db)  # the totals are converted into it
        total_count = total_value = 0
        for stage_id, column in self.columns.items():
            cards = sorted(by_stage.get(stage_id, ()), key=_sort_key)
            column.fill(cards, self.limits.get(stage_id, PAGE), today, currency)
            total_count += len(cards)
            total_value += sum(c.home_cents or 0 for c in cards)
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
        for stage in pipeline_order(stages):
            if stage.is_open:
                column = StageColumn(stage, self.controller, self.delegate,
                                     self.drop_deal, self)
                column.card_opened.connect(self.open_card)
                column.card_chosen.connect(self.card_selected)
                column.more_wanted.connect(self.show_more)
                CardKeys(self, column.list)  # Ctrl+Left/Right moves the focused card
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
            QTimer.singleShot(0, self, self._reload_if_dirty)  # not called once deleted

    def _reload_if_dirty(self) -> None:
        if not self._dirty or self._loading:  # a load in flight catches up when it lands
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

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """A live theme switch: the drop zones take colours that read on the new palette."""
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            for zone in self.zones.values():
                zone.set_drop_highlight(False)

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
        dialog = QDialog(self)
        dialog.setWindowTitle(self.tr("Deal"))
        panel = DealPanel(self.controller, self.settings, self.today)
        layout = QVBoxLayout(dialog)
        layout.addWidget(panel)
        panel.show_deal(self._card_id(item))
        dialog.resize(420, 720)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()
