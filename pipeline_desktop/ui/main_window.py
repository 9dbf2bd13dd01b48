"""The main window: tabs, menus, status bar. Wiring only; the work happens in tabs, dialogs and
the controller."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QTabWidget,
    QWidget,
)

from pipeline_desktop import APP_NAME
from pipeline_desktop.domain.deal_row import DealRow
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.storage.file_format import display_name
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.file_folders import FILE_FILTER, remember_folder, start_folder
from pipeline_desktop.ui.menus import Menus, add_menu_titles, build_menus
from pipeline_desktop.ui.selection import Selection
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.status_summary import StatusSummary
from pipeline_desktop.ui.tabs import TABS, LazyTab, TabFactory
from pipeline_desktop.ui.tabs.deals import DealsTab

if TYPE_CHECKING:  # annotations only; not imported for the first paint:
    from PySide6.QtGui import QCloseEvent  # QEvent's enums, ~1.5 ms

    from pipeline_desktop.session import Session  # the session and peewee, ~160 ms


class Opener(Protocol):
    """What opens another pipeline in place of this window (the app's Shell)."""

    def open(self, url: str, *, replacing: QWidget | None = None) -> object: ...


class MainWindow(QMainWindow):
    """`first_rows`: the deals to paint while the controller's session is still to open.
    Built with what the first paint shows (the Deals tab, the tab and menu titles); `furnish`
    (from `ui.furnish`, imported with the rest of the app) adds the menus' entries and the
    other tabs' classes."""

    def __init__(self, controller: PipelineController, settings: AppSettings,
                 shell: Opener | None = None, first_rows: list[DealRow] | None = None) -> None:
        super().__init__()
        self.controller = controller
        self.settings = settings
        self.shell = shell
        self.setObjectName("main_window")
        self.setWindowTitle(f"{display_name(controller.url)} — {APP_NAME}")
        self.tabs = QTabWidget(self)
        self.tabs.setObjectName("tabs")
        self.tabs.setDocumentMode(True)
        for spec in TABS:
            factory = DealsTab if spec.key == "deals" else None
            self.tabs.addTab(LazyTab(spec, factory, controller, settings), self.tr(spec.title))
        self.setCentralWidget(self.tabs)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("deal_summary")
        self.statusBar().addPermanentWidget(self.summary_label)
        self.status_summary = StatusSummary(self.tabs, self.deals_tab, self.summary_label)
        if first_rows is not None:
            self.deals_tab.show_first_page(first_rows)
        self.deals_tab.emit_summary()
        self.recent_menu = QMenu(self.tr("Open &recent"), self)
        add_menu_titles(self)  # painted first; `furnish` fills them
        self.actions_by_name: dict[str, QAction] = {}
        self._add_tab_shortcuts()
        controller.failed.connect(self.show_error)
        controller.show_deals.connect(lambda _request: self.show_tab("deals"))
        self.resize(1280, 800)
        self._restore_state()

    @property
    def session(self) -> Session:
        return self.controller.session

    def furnish(self, tab_factories: dict[str, TabFactory], menus: Menus) -> None:
        """The rest of the window, once the app is imported (just after the first paint)."""
        for index, spec in enumerate(TABS):
            lazy = self.tabs.widget(index)
            assert isinstance(lazy, LazyTab)
            lazy.factory = lazy.factory or tab_factories[spec.key]
        self.actions_by_name = build_menus(self, menus, self.controller.undo_stack,
                                           self.run_guarded, self.recent_menu)
        self._fill_recent_menu()

    # ---- tabs ----------------------------------------------------------------------------

    def tab(self, key: str) -> QWidget:
        """The built widget of a tab (building it if it was never shown)."""
        for index, spec in enumerate(TABS):
            if spec.key == key:
                lazy = self.tabs.widget(index)
                assert isinstance(lazy, LazyTab)
                return lazy.ensure_built()
        raise KeyError(key)

    def show_tab(self, key: str) -> None:
        self.tabs.setCurrentIndex([spec.key for spec in TABS].index(key))

    @property
    def deals_tab(self) -> DealsTab:
        return self.tab("deals")  # type: ignore[return-value]

    def current_selection(self) -> Selection:
        """The deal selected on the Board when it is showing, else in the Deals tab."""
        board = self._built_tab("board")
        if board is not None and self.tabs.currentWidget() is board.parentWidget():
            deal_id = board.selected_deal_id()  # type: ignore[attr-defined]
            if deal_id is not None:
                return Selection(deal_id)
        return Selection(self.deals_tab.selected_deal_id())

    def open_deal(self, deal_id: int) -> None:
        self.show_tab("deals")
        self.deals_tab.select_deal(deal_id)

    def _built_tab(self, key: str) -> QWidget | None:
        """A tab's widget if it was built already (never builds one just to ask)."""
        index = [spec.key for spec in TABS].index(key)
        return getattr(self.tabs.widget(index), "content", None)

    def _add_tab_shortcuts(self) -> None:
        for index in range(len(TABS)):
            action = QAction(self)
            action.setObjectName(f"show_tab_{TABS[index].key}")
            action.setShortcut(QKeySequence(f"Ctrl+{index + 1}"))
            self.tabs.setTabToolTip(index, f"{self.tabs.tabText(index)} (Ctrl+{index + 1})")
            action.triggered.connect(lambda _c=False, i=index: self.tabs.setCurrentIndex(i))
            self.addAction(action)

    # ---- actions named in the menus ------------------------------------------------------

    def new_deal(self) -> None:
        self.show_tab("deals")
        self.deals_tab.new_deal()

    def edit_deal(self) -> None:
        self.deals_tab.edit_selected()

    def delete_deal(self) -> None:
        self.deals_tab.delete_selected()

    def focus_search(self) -> None:
        self.show_tab("deals")
        self.deals_tab.focus_search()

    def new_pipeline(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("New pipeline"),
                                             str(self._folder() / "New pipeline.pipeline"),
                                              FILE_FILTER)
        if path:
            remember_folder(self.settings, path)
            if Path(path).exists():
                Path(path).unlink()  # the dialog already asked to replace it
            self.switch_pipeline(path)

    def open_pipeline(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open pipeline"), str(self._folder()),
                                              FILE_FILTER)
        if path:
            remember_folder(self.settings, path)
            self.switch_pipeline(path)

    def reopen(self) -> None:
        """This window's file was replaced under its closed session (a restored backup)."""
        if self.shell is not None:
            self.shell.reopen(self)

    def switch_pipeline(self, url: str) -> None:
        if self.shell is not None:
            self.shell.open(url, replacing=self)

    def run_guarded(self, action: Callable[[], object]) -> None:
        """Run a menu action; a problem the user can act on becomes a message, not a crash."""
        try:
            action()
        except PipelineError as error:
            self.show_error(str(error))

    def show_error(self, message: str) -> None:
        QMessageBox.warning(self, APP_NAME, message)

    # ---- state ---------------------------------------------------------------------------

    def _folder(self) -> Path:
        return start_folder(self.settings)

    def _fill_recent_menu(self) -> None:
        self.recent_menu.clear()
        for url in self.settings.get("recent_files"):
            action = self.recent_menu.addAction(url)
            action.triggered.connect(lambda _c=False, u=url: self.switch_pipeline(u))
        self.recent_menu.setEnabled(bool(self.recent_menu.actions()))

    def _restore_state(self) -> None:
        geometry = self.settings.state("window_geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        state = self.settings.state("window_state")
        if state is not None:
            self.restoreState(state)

    def save_state(self) -> None:
        self.settings.set_state("window_geometry", self.saveGeometry())
        self.settings.set_state("window_state", self.saveState())
        for index in range(self.tabs.count()):
            lazy = self.tabs.widget(index)
            content = getattr(lazy, "content", None)
            if content is not None and hasattr(content, "save_state"):
                content.save_state()
        self.settings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:  # noqa: N802 - Qt override
        """Remember geometry, column widths and sort order for the next start; close the
        pipeline (the window's close button, File › Quit and logging out all come here)."""
        self.save_state()
        self.controller.close_session()
        super().closeEvent(event)

