"""The Deals tab: a filter bar over the deal table, and the deal panel beside it."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, QModelIndex, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QMessageBox,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pipeline_desktop.domain.deal_row import DealRow
from pipeline_desktop.domain.stages import DEFAULT_LEAD_SOURCES
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.ui.collector import settle_after_bulk_load
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.errors import is_interruption
from pipeline_desktop.ui.models.deal_table import COLUMNS, DealTableModel
from pipeline_desktop.ui.read_only import freeze
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.status_summary import shown_text
from pipeline_desktop.ui.tabs.deal_filters import DealFilterBar
from pipeline_desktop.ui.tabs.deal_views import ConfirmDelete, DealTable

if TYPE_CHECKING:  # annotations only; not imported for the first paint:
    from pipeline_desktop.domain.commands import Changes  # commands and model, ~7 ms
    from pipeline_desktop.storage.repository import Repository  # peewee, ~30 ms
    from pipeline_desktop.ui.deal_panel import DealPanel  # ~200 ms

AFTER_PAINT_MS = 150
FIRST_PAGE = 100  # rows painted at once (a tall screenful); the rest loads in the background
EDITING = (QAbstractItemView.EditTrigger.EditKeyPressed
           | QAbstractItemView.EditTrigger.DoubleClicked
           | QAbstractItemView.EditTrigger.SelectedClicked
           | QAbstractItemView.EditTrigger.AnyKeyPressed)


class DealsTab(QWidget):
    summary = Signal(str)
    loaded = Signal()
    _rows_ready = Signal(object)  # from the loading thread
    _rows_failed = Signal(object)  # the loading thread's error, raised again on the GUI thread

    def __init__(self, controller: PipelineController, settings: AppSettings) -> None:
        super().__init__()
        self.controller = controller
        self.settings = settings
        self.loading = False
        self._loading_total: int | None = None  # deals being loaded, once counted
        self._changed_while_loading: set[int] = set()
        self._kept_deal: int | None = None  # selected while the rows are replaced
        self.model = DealTableModel(controller.execute, self._move_stage, self)
        self.model.set_display(settings.get("currency"), settings.get("date_format"))
        self.table = self._build_table()
        self.filter_bar = self._build_filter_bar()
        self.panel: DealPanel | None = None  # built just after the table's first paint
        self._lay_out()
        self.model.edit_failed.connect(self._show_error)
        self.model.summary_changed.connect(self.emit_summary)
        self.model.modelAboutToBeReset.connect(self._remember_current)
        self.model.modelReset.connect(self._restore_current)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        controller.changed.connect(self.refresh)
        controller.show_deals.connect(self.show_request)
        settings.changed.connect(self.apply_settings)
        self._rows_ready.connect(self._finish_loading)
        self._rows_failed.connect(self._loading_failed)
        self._restore_state()
        if controller.is_open:
            self.show_first_page(self.repository.deal_rows(newest=FIRST_PAGE))
            self._opened()
        else:  # start-up: MainWindow hands over the first page; the session opens after
            controller.opened.connect(self._opened)

    @property
    def repository(self) -> Repository:
        return self.controller.repository

    def _opened(self) -> None:
        """The session is open: cells become editable (unless it is read-only), the filters
        get their choices, the rest of the deals load."""
        if self.controller.session.read_only:
            self._make_read_only()
        else:
            self._make_editable()
        self._load_rest()

    def _make_editable(self) -> None:
        """Edit in place; stages are picked from a list. Not before the session is open:
        nothing can be saved sooner, and the stage editor is not needed for the first paint."""
        from pipeline_desktop.ui.delegates import StageDelegate  # the stage editor, ~8 ms

        stage_column = [c.key for c in COLUMNS].index("stage")
        self.table.setItemDelegateForColumn(
            stage_column, StageDelegate(lambda: self.repository.stages(), self.table))
        self.table.setEditTriggers(EDITING)

    # ---- building ------------------------------------------------------------------------

    def _build_table(self) -> QTableView:
        table = DealTable(self)
        table.setObjectName("deal_table")
        table.setAccessibleName(self.tr("Deals"))
        table.setModel(self.model)
        table.setSortingEnabled(True)
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)  # _make_editable
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(24)
        table.horizontalHeader().setHighlightSections(False)
        table.horizontalHeader().setSectionsMovable(True)
        table.setWordWrap(False)
        table.setTabKeyNavigation(False)  # Tab leaves the table (arrows move between cells)
        for index, column in enumerate(COLUMNS):
            table.setColumnWidth(index, column.width)
        table.doubleClicked.connect(self._double_clicked)
        table.first_painted.connect(self._first_painted)
        return table

    def _build_filter_bar(self) -> DealFilterBar:
        bar = DealFilterBar(self)
        bar.changed.connect(self.model.set_filter)
        bar.new_button.clicked.connect(self.new_deal)
        # what tests, the bench and other code reach through the tab
        self.search, self.new_button = bar.search, bar.new_button
        (self.stage_filter, self.owner_filter, self.status_filter, self.bant_filter,
         self.fit_filter) = bar.combos()
        return bar

    def _fill_stage_and_owner_filters(self) -> None:
        self.filter_bar.fill_choices([(s.name, s.id) for s in self.repository.stages()],
                                     self.model.owners())

    def ensure_panel(self) -> DealPanel:
        """The deal panel beside the table. Built after the rows are painted (its widgets and
        reads cost a fifth of the window's start), or now when something needs it."""
        if self.panel is None:
            from pipeline_desktop.ui.deal_panel import DealPanel  # ~200 ms, after the rows

            self.panel = DealPanel(self.controller, self.settings)
            self.splitter.replaceWidget(1, self.panel).deleteLater()
            # Tab: search, quick filters, New deal, the table, the panel. Set once the tab sits
            # in the window: reparenting it there reorders the focus chain.
            QWidget.setTabOrder(self.filter_bar.new_button, self.table)
            QWidget.setTabOrder(self.table, self.panel)
            if self.controller.session.read_only:
                freeze_widget(self.panel)
            self._current_changed(self.table.currentIndex(), QModelIndex())
        return self.panel

    def _first_painted(self) -> None:
        """The table's first paint: now open the session if it is still to come, and build the
        panel (on the next turn of the loop)."""
        if self.panel is None:
            QTimer.singleShot(0, self, self._after_first_paint)

    def _after_first_paint(self) -> None:
        if self.controller.ensure_open():  # else the window is closing: opening failed
            self.ensure_panel()

    def _lay_out(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addWidget(self.filter_bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(QWidget(self))  # the deal panel's place, see ensure_panel
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([880, 400])
        layout.addWidget(self.splitter)

    # ---- loading and refreshing ----------------------------------------------------------

    def _load(self) -> None:
        """Paint the newest deals at once; a large pipeline loads the rest in a thread."""
        self.show_first_page(self.repository.deal_rows(newest=FIRST_PAGE))
        self._load_rest()

    def show_first_page(self, rows: list[DealRow]) -> None:
        """The newest deals (FIRST_PAGE of them, or every deal when there are fewer)."""
        self.loading = len(rows) >= FIRST_PAGE  # there may be more
        self._loading_total = None
        self.model.set_rows(rows)
        self._select_first()

    def _load_rest(self) -> None:
        """After the first page: the filters' choices, then (a large pipeline) every deal."""
        self._fill_stage_and_owner_filters()
        if not self.loading:
            return
        self._loading_total = self.repository.deal_count()
        self.emit_summary()
        # After the first paint: the loading thread would otherwise hold the GIL while the
        # window tries to appear.
        QTimer.singleShot(AFTER_PAINT_MS, self, lambda: threading.Thread(
            target=self._load_all_in_thread, daemon=True).start())

    def _remember_current(self) -> None:
        self._kept_deal = self.selected_deal_id()

    def _restore_current(self) -> None:
        """After the rows were replaced (a filter, an undo, a reload), the deal that was
        selected stays selected if it is still shown, else the top one: the panel never shows
        a deal the table does not."""
        kept, self._kept_deal = self._kept_deal, None
        if kept is not None and self.select_deal(kept):
            return
        if self.model.rowCount():
            self._select_first()
        elif self.panel is not None:
            self.panel.show_deal(None)

    def _select_first(self) -> None:
        """Start with the top deal selected, so the panel shows something useful."""
        if self.model.rowCount() and not self.table.currentIndex().isValid():
            self.select_deal(self.model.row(0).id)

    def _load_all_in_thread(self) -> None:
        try:
            rows = self.repository.deal_rows()
        except Exception as error:  # handed to the GUI thread and raised there
            self._rows_failed.emit(error)
            return
        finally:
            self.repository.db.close()  # this thread's own connection
        self._rows_ready.emit(rows)

    def _loading_failed(self, error: Exception) -> None:
        """A damaged page met by the loading thread goes where any slot's error goes (a damaged
        file: the restore offer). Closing the pipeline interrupts the load: nothing to say."""
        self.loading = False
        if is_interruption(error):
            return
        self.summary.emit(self.tr("Could not load the deals"))
        raise error

    def _finish_loading(self, rows: list[DealRow]) -> None:
        self.loading = False
        self.model.set_rows(rows)
        self._fill_stage_and_owner_filters()
        if self._changed_while_loading:
            from pipeline_desktop.domain.commands import Changes  # ~7 ms, after the load

            self.refresh(Changes(frozenset(self._changed_while_loading)))
            self._changed_while_loading.clear()
        settle_after_bulk_load()
        self.loaded.emit()

    def refresh(self, changes: Changes) -> None:
        """Follow the one "pipeline changed" signal: reload only the deals that changed."""
        if changes.everything or changes.stages:
            self._fill_stage_and_owner_filters()
        if changes.everything:
            self._load()
            return
        if self.loading:
            self._changed_while_loading |= changes.deals
        if changes.deals:
            fresh = self.repository.deal_rows(changes.deals)
            self.model.apply_changes(changes, fresh)
            self._keep_current_in_view(changes.deals)
            if any(row.owner and not self.filter_bar.knows_owner(row.owner) for row in fresh):
                self._fill_stage_and_owner_filters()

    def _keep_current_in_view(self, deal_ids: frozenset[int]) -> None:
        """An edited deal that moved to its sorted place stays where the eye can find it."""
        current = self.table.currentIndex()
        if current.isValid() and self.model.row(current.row()).id in deal_ids:
            self.table.scrollTo(current)

    def show_request(self, request: dict) -> None:
        """Another tab asks to show some deals: {"stage_id": id} or {"deal_ids": [...]}, which
        the filter bar then shows (deal_filters.py)."""
        self.filter_bar.show_only(request)
        ids = request.get("deal_ids")
        if ids and len(ids) == 1:
            self.select_deal(next(iter(ids)))

    def emit_summary(self) -> None:
        if self.loading:  # the first page's sums would say too little
            total = self._loading_total
            self.summary.emit(self.tr("Loading %s deals…") % f"{total:,}" if total is not None
                              else self.tr("Loading deals…"))
            return

        self.summary.emit(shown_text(self.model))

    # ---- actions -------------------------------------------------------------------------

    def new_deal(self) -> None:
        from pipeline_desktop.domain.commands import CreateDeal  # commands and model, ~7 ms
        from pipeline_desktop.ui.dialogs.deal_dialog import DealDialog  # ~26 ms

        sources = self.repository.setting("lead_sources", list(DEFAULT_LEAD_SOURCES))
        stages = [s for s in self.repository.stages() if s.is_open]

        fields = DealDialog.ask(self, stages, self.model.owners(), sources)
        if fields is None:
            return
        fields.setdefault("currency", self.settings.get("currency"))
        applied = self._guarded(lambda: self.controller.execute(CreateDeal(fields)))
        if applied is not None:
            self.select_deal(next(iter(applied.changes.deals)))

    def edit_selected(self) -> None:
        index = self.table.currentIndex()
        if index.isValid():
            self.table.edit(index)

    def delete_selected(self) -> None:
        rows = self.selected_rows()
        if not rows or not ConfirmDelete.ask(self, [row.title for row in rows]):
            return
        from pipeline_desktop.domain.commands import Batch, DeleteDeal  # commands, ~7 ms

        first = self.model.position_of(rows[0].id) or 0
        commands = tuple(DeleteDeal(row.id, expected_version=row.version) for row in rows)
        command = commands[0] if len(commands) == 1 else Batch(commands, "Delete deals")
        if self._guarded(lambda: self.controller.execute(command)) is not None:
            self._select_position(first)  # the row that took the deleted one's place

    def _select_position(self, position: int) -> None:
        count = self.model.rowCount()
        if count:
            self.select_deal(self.model.row(min(position, count - 1)).id)

    def focus_search(self) -> None:
        self.filter_bar.focus_search()

    def selected_rows(self) -> list[DealRow]:
        positions = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row(position) for position in positions]

    def selected_deal_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()).id if index.isValid() else None

    def select_deal(self, deal_id: int) -> bool:
        """Select and show a deal; False when the filter hides it."""
        position = self.model.position_of(deal_id)
        if position is None:
            return False
        index = self.model.index(position, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
        return True

    def _move_stage(self, row: DealRow, stage_id: int) -> bool:
        from pipeline_desktop.ui.stage_moves import move_deal  # dialogs and commands, ~24 ms

        return bool(self._guarded(lambda: move_deal(self, self.controller, row.id, stage_id,
                                                    expected_version=row.version)))

    def _double_clicked(self, index: QModelIndex) -> None:
        """A cell that cannot be edited (status, weighted value, age…) opens the deal panel;
        an editable one is edited (EDITING)."""
        if not index.flags() & Qt.ItemFlag.ItemIsEditable:
            self.ensure_panel().setFocus()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        deal_id = self.model.row(current.row()).id if current.isValid() else None
        if self.panel is not None and deal_id != self.panel.deal_id:  # a filter kept it
            self.panel.show_deal(deal_id)

    def _guarded(self, action):
        try:
            return action()
        except PipelineError as error:
            self._show_error(str(error))
            return None

    def _show_error(self, message: str) -> None:
        QMessageBox.warning(self, self.tr("Cannot save"), message)

    # ---- state ---------------------------------------------------------------------------

    def _restore_state(self) -> None:
        header = self.settings.state("deal_table_header")
        if header is not None:
            self.table.horizontalHeader().restoreState(header)
        else:  # newest deals first until the user picks another order
            created = [c.key for c in COLUMNS].index("created")
            self.table.sortByColumn(created, Qt.SortOrder.DescendingOrder)

    def _make_read_only(self) -> None:
        """Look, search and filter; change nothing."""
        self.model.read_only = True
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.new_button.setEnabled(False)
        if self.panel is not None:  # else frozen when built
            freeze_widget(self.panel)

    def apply_settings(self) -> None:
        """Preferences changed (Edit › Preferences…)."""
        self.model.set_display(self.settings.get("currency"), self.settings.get("date_format"))

    def save_state(self) -> None:
        self.settings.set_state("deal_table_header", self.table.horizontalHeader().saveState())


def freeze_widget(widget: QWidget) -> None:
    """A read-only pipeline's deal panel: look, change nothing (ui/read_only.py)."""
    freeze(widget)
