"""The main window: tabs, menus, status bar. Wiring only; the work happens in tabs, dialogs and
the controller."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QMenu,
    QTabWidget,
    QWidget,
)

from pipeline_desktop import APP_NAME
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.storage.file_format import display_name
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.file_folders import remember_folder, start_folder
from pipeline_desktop.ui.later import later
from pipeline_desktop.ui.menus import Entry, Menus, StandardKey, build_menus
from pipeline_desktop.ui.selection import Selection
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.status_summary import StatusSummary
from pipeline_desktop.ui.tabs import TABS, LazyTab
from pipeline_desktop.ui.tabs.deals import DealsTab

if TYPE_CHECKING:
    from PySide6.QtGui import QCloseEvent  # at run time it would set up QEvent's enums (~2 ms)
    from PySide6.QtWidgets import QFileDialog

    from pipeline_desktop.domain.deal_row import DealRow
    from pipeline_desktop.session import Session
    from pipeline_desktop.ui.workers import Progress

FILE_FILTER = "Pipeline files (*.pipeline *.db *.sqlite);;All files (*)"
UI = "pipeline_desktop.ui"


class Opener(Protocol):
    """What opens another pipeline in place of this window (the app's Shell)."""

    def open(self, url: str, *, replacing: QWidget | None = None) -> object: ...


class MainWindow(QMainWindow):
    """`first_rows`: the deals to paint while the controller's session is still to open."""

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
            self.tabs.addTab(LazyTab(spec, controller, settings), self.tr(spec.title))
        self.setCentralWidget(self.tabs)
        self.summary_label = QLabel(self)
        self.summary_label.setObjectName("deal_summary")
        self.statusBar().addPermanentWidget(self.summary_label)
        self.status_summary = StatusSummary(self.tabs, self.deals_tab, self.summary_label)
        if first_rows is not None:
            self.deals_tab.show_first_page(first_rows)
        self.deals_tab.emit_summary()
        self.recent_menu = QMenu(self.tr("Open &recent"), self)
        self.actions_by_name = build_menus(self, self._menus(), controller.undo_stack,
                                           self.run_guarded, self.recent_menu)
        self._add_tab_shortcuts()
        self._fill_recent_menu()
        controller.failed.connect(self.show_error)
        controller.run_long = self.run_long_step
        controller.show_deals.connect(lambda _request: self.show_tab("deals"))
        self.resize(1280, 800)
        self._restore_state()

    @property
    def session(self) -> Session:
        return self.controller.session

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

    # ---- menus ---------------------------------------------------------------------------

    def _menus(self) -> Menus:
        """The menu bar as data. Each entry's callable is given what it uses: a parent widget,
        the controller, the settings, the selection or a way to open another pipeline."""
        w, c, s = self, self.controller, self.settings

        def act(module: str, name: str, *args: object) -> Callable[[], object]:
            handler = later(f"{UI}.{module}", name)  # imported on first use, not for the paint
            return lambda: handler(*args)

        return (
            (QT_TRANSLATE_NOOP("MainWindow", "&File"), (
                # Ctrl+N (StandardKey.New) is Edit › New deal, used far more
                Entry(QT_TRANSLATE_NOOP("MainWindow", "&New pipeline…"),
                      self.new_pipeline, "Ctrl+Shift+N", "new_pipeline"),
                Entry(QT_TRANSLATE_NOOP("MainWindow", "&Open pipeline…"),
                      self.open_pipeline, StandardKey.Open, "open_pipeline"),
                Entry(QT_TRANSLATE_NOOP("MainWindow", "Open &team pipeline…"),
                      act("team_actions", "open_team_pipeline", w, c, s, self.switch_pipeline),
                      None, "open_team"),
                None,
                Entry(QT_TRANSLATE_NOOP("MainWindow", "Save a &copy as…"),
                      self.save_copy, "Ctrl+Shift+S", "save_copy"),
                Entry(QT_TRANSLATE_NOOP("MainWindow", "Restore &backup…"),
                      act("backup_actions", "restore_backup", w, c, self.reopen), None,
                      "restore_backup"),
                Entry(QT_TRANSLATE_NOOP("MainWindow", "Copy to team &server…"),
                      act("team_actions", "copy_to_server", w, c, s, self.switch_pipeline),
                      None, "copy_server"),
                None,
                Entry(QT_TRANSLATE_NOOP("MainWindow", "&Import…"),
                      act("excel_actions", "import_workbook", w, c, s), "Ctrl+I", "import"),
                Entry(QT_TRANSLATE_NOOP("MainWindow", "&Export to Excel…"),
                      act("excel_actions", "export_workbook", w, c, s), "Ctrl+E", "export"),
                Entry(QT_TRANSLATE_NOOP("MainWindow", "Export for a CR&M…"),
                      act("excel_actions", "export_for_crm", w, c, s), None, "export_crm"),
                Entry(QT_TRANSLATE_NOOP("MainWindow", "Export &report (PDF)…"),
                      act("report_actions", "export_report", w, c, s), "Ctrl+P", "export_report"),
                None,
                # Ctrl+Q everywhere: StandardKey.Quit is empty on Windows and outside X11 themes
                Entry(QT_TRANSLATE_NOOP("MainWindow", "&Quit"), self.close, "Ctrl+Q", "quit"),
            )),
            (QT_TRANSLATE_NOOP("MainWindow", "&Edit"), (
                Entry(QT_TRANSLATE_NOOP("MainWindow", "&New deal…"),
                      self.new_deal, "Ctrl+N", "new_deal"),
                Entry(QT_TRANSLATE_NOOP("MainWindow", "&Edit deal"),
                      self.edit_deal, "F2", "edit_deal"),
                Entry(QT_TRANSLATE_NOOP("MainWindow", "&Delete deal"),
                      self.delete_deal, StandardKey.Delete, "delete_deal"),
                Entry(QT_TRANSLATE_NOOP("MainWindow", "Log &activity…"),
                      act("activity_actions", "log_activity", w, c, self.current_selection),
                      "Ctrl+L", "log_activity"),
                None,
                Entry(QT_TRANSLATE_NOOP("MainWindow", "&Find"),
                      self.focus_search, StandardKey.Find, "find"),
                None,
                Entry(QT_TRANSLATE_NOOP("MainWindow", "&Preferences…"),
                      act("dialogs.preferences", "edit_preferences", w, c, s),
                      StandardKey.Preferences, "preferences"),
            )),
            (QT_TRANSLATE_NOOP("MainWindow", "&Pipeline"), (
                Entry(QT_TRANSLATE_NOOP("MainWindow", "&Stages…"),
                      act("dialogs.stages", "edit_stages", w, c, s), None, "edit_stages"),
                Entry(QT_TRANSLATE_NOOP("MainWindow", "&Ideal customer…"),
                      act("dialogs.icp", "edit_icp", w, c), None, "edit_icp"),
                Entry(QT_TRANSLATE_NOOP("MainWindow", "&Lost reasons and lead sources…"),
                      act("dialogs.lists", "edit_lists", w, c), None, "edit_lists"),
                Entry(QT_TRANSLATE_NOOP("MainWindow", "Revenue &targets…"),
                      act("dialogs.targets", "edit_targets", w, c), None, "edit_targets"),
                Entry(QT_TRANSLATE_NOOP("MainWindow", "&Currencies…"),
                      act("dialogs.currencies", "edit_currencies", w, c), None,
                      "edit_currencies"),
            )),
            (QT_TRANSLATE_NOOP("MainWindow", "&View"), (
                Entry(QT_TRANSLATE_NOOP("MainWindow", "&Today…"),
                      act("dialogs.today", "show_today", w, c, self.open_deal), "Ctrl+T",
                      "today"),
            )),
            (QT_TRANSLATE_NOOP("MainWindow", "&Help"), (
                Entry(QT_TRANSLATE_NOOP("MainWindow", "&About Pipeline Desktop"),
                      act("dialogs.about", "show_about", w), None, "about"),
            )),
        )

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
        path, _ = dialogs().getSaveFileName(self, self.tr("New pipeline"),
                                              str(self._folder() / "New pipeline.pipeline"),
                                              FILE_FILTER)
        if path:
            remember_folder(self.settings, path)
            if Path(path).exists():
                Path(path).unlink()  # the dialog already asked to replace it
            self.switch_pipeline(path)

    def open_pipeline(self) -> None:
        path, _ = dialogs().getOpenFileName(self, self.tr("Open pipeline"), str(self._folder()),
                                              FILE_FILTER)
        if path:
            remember_folder(self.settings, path)
            self.switch_pipeline(path)

    def save_copy(self) -> None:
        path, _ = dialogs().getSaveFileName(self, self.tr("Save a copy as"),
                                              str(self._folder() / "Copy.pipeline"), FILE_FILTER)
        if path:
            remember_folder(self.settings, path)
            from pipeline_desktop.storage.copy import copy_pipeline

            copy_pipeline(self.session.db, Path(path))
            self.statusBar().showMessage(self.tr("Copy saved to %s") % path, 5000)

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

    def run_long_step(self, label: str, step: Callable[[Progress], Any]) -> Any:
        """An undo or redo as large as an import: in a worker, behind a progress dialog."""
        from pipeline_desktop.ui.workers import run_job  # not needed before the first paint

        return run_job(self, label, step, databases=(self.controller.repository.db,),
                       cancellable=False).value

    def show_error(self, message: str) -> None:
        from PySide6.QtWidgets import QMessageBox  # late: not for the first paint

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


def dialogs() -> type[QFileDialog]:
    """QFileDialog, imported when a file is first chosen rather than before the first paint."""
    from PySide6.QtWidgets import QFileDialog

    return QFileDialog
