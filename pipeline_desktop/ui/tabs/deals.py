"""The Deals tab: a filter bar over the deal table, and the deal panel beside it."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from PySide6.QtCore import (
    QEvent,
    QItemSelectionModel,
    QModelIndex,
    QObject,
    Qt,
    QTimer,
    Signal,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pipeline_desktop.domain.commands import Batch, Changes, CreateDeal, DeleteDeal
from pipeline_desktop.domain.model import DealRow
from pipeline_desktop.domain.money import format_money
from pipeline_desktop.domain.stages import DEFAULT_LEAD_SOURCES
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.delegates import StageDelegate
from pipeline_desktop.ui.models.deal_table import COLUMNS, DealFilter, DealTableModel
from pipeline_desktop.ui.settings import AppSettings

if TYPE_CHECKING:
    from pipeline_desktop.storage.repository import Repository
    from pipeline_desktop.ui.deal_panel import DealPanel

AFTER_PAINT_MS = 150
FIRST_PAGE = 100  # rows painted at once (a tall screenful); the rest loads in the background
ANY = None


class ConfirmDelete:
    @classmethod
    def ask(cls, parent: QWidget, titles: list[str]) -> bool:
        what = f"“{titles[0]}”" if len(titles) == 1 else parent.tr("%n deals", "", len(titles))
        answer = QMessageBox.question(
            parent, parent.tr("Delete deal"),
            parent.tr("Delete %s with its activities and history? You can undo this.") % what)
        return answer == QMessageBox.StandardButton.Yes


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
        self.model = DealTableModel(controller.execute, self._move_stage, self)
        self.model.set_display(settings.get("currency"), settings.get("date_format"))
        self.table = self._build_table()
        self._build_filters()
        self.panel: DealPanel | None = None  # built just after the table's first paint
        self._lay_out()
        self.model.edit_failed.connect(self._show_error)
        self.model.summary_changed.connect(self.emit_summary)
        self.table.selectionModel().currentRowChanged.connect(self._current_changed)
        controller.changed.connect(self.refresh)
        controller.show_deals.connect(self.show_request)
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
        """The session is open: fill the filters, load the rest, follow its read-only mode."""
        if self.controller.session.read_only:
            self._make_read_only()
        self._load_rest()

    # ---- building ------------------------------------------------------------------------

    def _build_table(self) -> QTableView:
        table = QTableView(self)
        table.setObjectName("deal_table")
        table.setAccessibleName(self.tr("Deals"))
        table.setModel(self.model)
        table.setSortingEnabled(True)
        table.setAlternatingRowColors(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed
                              | QAbstractItemView.EditTrigger.SelectedClicked
                              | QAbstractItemView.EditTrigger.AnyKeyPressed)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setDefaultSectionSize(24)
        table.horizontalHeader().setHighlightSections(False)
        table.horizontalHeader().setSectionsMovable(True)
        table.setWordWrap(False)
        stage_column = [c.key for c in COLUMNS].index("stage")
        table.setItemDelegateForColumn(stage_column,
                                       StageDelegate(lambda: self.repository.stages(), table))
        for index, column in enumerate(COLUMNS):
            table.setColumnWidth(index, column.width)
        table.doubleClicked.connect(self._double_clicked)
        return table

    def _build_filters(self) -> None:
        self.search = QLineEdit(self)
        self.search.setObjectName("deal_search")
        self.search.setPlaceholderText(self.tr("Search title, company, contact, owner…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search deals"))
        self.search.textChanged.connect(self._filters_changed)
        self.stage_filter = self._filter_combo("stage_filter", self.tr("All stages"))
        self.owner_filter = self._filter_combo("owner_filter", self.tr("All owners"))
        self.status_filter = self._filter_combo("status_filter", self.tr("Any status"))
        for status in ("open", "won", "lost"):
            self.status_filter.addItem(self.tr(status.capitalize()), status)
        self.bant_filter = self._filter_combo("bant_filter", self.tr("Any qualification"))
        for text, band in ((self.tr("Qualified (4/4)"), "full"),
                           (self.tr("Partly qualified"), "partial"),
                           (self.tr("Not qualified"), "none")):
            self.bant_filter.addItem(text, band)
        self.fit_filter = self._filter_combo("fit_filter", self.tr("Any fit"))
        self.fit_filter.addItem(self.tr("Good fit"), "good")
        self.fit_filter.addItem(self.tr("Poor fit"), "poor")  # stages, owners: _load_rest
        self.new_button = QPushButton(self.tr("New deal…"), self)
        self.new_button.clicked.connect(self.new_deal)

    def _filter_combo(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(everything)
        combo.addItem(everything, ANY)
        combo.currentIndexChanged.connect(self._filters_changed)
        return combo

    def _fill_stage_and_owner_filters(self) -> None:
        for combo, items in ((self.stage_filter,
                              [(s.name, s.id) for s in self.repository.stages()]),
                             (self.owner_filter, [(o, o) for o in self.model.owners()])):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def ensure_panel(self) -> DealPanel:
        """The deal panel beside the table. Built after the rows are painted (its widgets and
        reads cost a fifth of the window's start), or now when something needs it."""
        if self.panel is None:
            from pipeline_desktop.ui.deal_panel import DealPanel

            self.panel = DealPanel(self.controller, self.settings)
            self.splitter.replaceWidget(1, self.panel).deleteLater()
            if self.controller.session.read_only:
                freeze_widget(self.panel)
            self._current_changed(self.table.currentIndex(), QModelIndex())
        return self.panel

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """The table's first paint: now open the session if it is still to come, and build the
        panel (on the next turn of the loop)."""
        if event.type() == QEvent.Type.Paint and self.panel is None:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, self, self._after_first_paint)
        return False

    def _after_first_paint(self) -> None:
        if self.controller.ensure_open():  # else the window is closing: opening failed
            self.ensure_panel()

    def _lay_out(self) -> None:
        bar = QHBoxLayout()
        bar.addWidget(self.search, 3)
        for combo in self._combos():
            bar.addWidget(combo, 1)
        bar.addWidget(self.new_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 0)
        layout.addLayout(bar)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(QWidget(self))  # the deal panel's place, see ensure_panel
        self.table.viewport().installEventFilter(self)
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
        file: the restore offer)."""
        self.loading = False
        self.summary.emit(self.tr("Could not load the deals"))
        raise error

    def _finish_loading(self, rows: list[DealRow]) -> None:
        self.loading = False
        self.model.set_rows(rows)
        self._fill_stage_and_owner_filters()
        if self._changed_while_loading:
            self.refresh(Changes(frozenset(self._changed_while_loading)))
            self._changed_while_loading.clear()
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
            if any(row.owner and self.owner_filter.findData(row.owner) < 0 for row in fresh):
                self._fill_stage_and_owner_filters()

    def _filters_changed(self) -> None:
        self.model.set_filter(DealFilter(
            text=self.search.text().strip().casefold(),
            stage_id=self.stage_filter.currentData(),
            owner=self.owner_filter.currentData(),
            status=self.status_filter.currentData(),
            qualification=self.bant_filter.currentData(),
            fit=self.fit_filter.currentData(),
        ))

    def _combos(self) -> tuple[QComboBox, ...]:
        return (self.stage_filter, self.owner_filter, self.status_filter, self.bant_filter,
                self.fit_filter)

    def show_request(self, request: dict) -> None:
        """Another tab asks to show some deals: {"stage_id": id} or {"deal_ids": [...]}."""
        for combo in self._combos():
            combo.blockSignals(True)
            combo.setCurrentIndex(0)
            combo.blockSignals(False)
        self.search.blockSignals(True)
        self.search.clear()
        self.search.blockSignals(False)
        if "stage_id" in request:
            self.stage_filter.setCurrentIndex(self.stage_filter.findData(request["stage_id"]))
        ids = request.get("deal_ids")
        self.model.set_filter(DealFilter(stage_id=self.stage_filter.currentData(),
                                         deal_ids=frozenset(ids) if ids else None))
        if ids and len(ids) == 1:
            self.select_deal(next(iter(ids)))

    def emit_summary(self) -> None:
        if self.loading:  # the first page's sums would say too little
            total = self._loading_total
            self.summary.emit(self.tr("Loading %s deals…") % f"{total:,}" if total is not None
                              else self.tr("Loading deals…"))
            return
        count, total, weighted = self.model.summary()
        currency = self.model.currency
        text = self.tr("%s deals · %s total · %s weighted") % (
            f"{count:,}", format_money(total, currency, whole=True),
            format_money(weighted, currency, whole=True))
        if count != self.model.total_count():
            text += self.tr(" (filtered from %s)") % f"{self.model.total_count():,}"
        self.summary.emit(text)

    # ---- actions -------------------------------------------------------------------------

    def new_deal(self) -> None:
        sources = self.repository.setting("lead_sources", list(DEFAULT_LEAD_SOURCES))
        stages = [s for s in self.repository.stages() if s.is_open]
        from pipeline_desktop.ui.dialogs.deal_dialog import DealDialog  # not for the 1st paint

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
        commands = tuple(DeleteDeal(row.id, expected_version=row.version) for row in rows)
        command = commands[0] if len(commands) == 1 else Batch(commands, "Delete deals")
        self._guarded(lambda: self.controller.execute(command))

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def selected_rows(self) -> list[DealRow]:
        positions = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self.model.row(position) for position in positions]

    def selected_deal_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()).id if index.isValid() else None

    def select_deal(self, deal_id: int) -> None:
        position = self.model.position_of(deal_id)
        if position is None:
            return
        index = self.model.index(position, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)

    def _move_stage(self, row: DealRow, stage_id: int) -> bool:
        from pipeline_desktop.ui.stage_moves import move_deal  # late: not for the first paint

        return bool(self._guarded(lambda: move_deal(self, self.controller, row.id, stage_id,
                                                    expected_version=row.version)))

    def _double_clicked(self, _index: QModelIndex) -> None:
        self.ensure_panel().setFocus()

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if self.panel is not None:
            self.panel.show_deal(self.model.row(current.row()).id if current.isValid() else None)

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
    from pipeline_desktop.ui.read_only import freeze  # late: not for the first paint

    freeze(widget)
