"""The rest of the window, given to it just after the first paint: the menus' entries, each
naming the handler it runs, and the tabs not painted first. Imported with the rest of the app
(`ui.shell` imports it; `ui.boot` imports the shell once, after the first paint)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP

from pipeline_desktop.ui import (
    activity_actions,
    backup_actions,
    excel_actions,
    report_actions,
    team_actions,
)
from pipeline_desktop.ui.controller import LongRunner
from pipeline_desktop.ui.dialogs import (
    about,
    currencies,
    icp,
    lists,
    preferences,
    stages,
    targets,
    today,
)
from pipeline_desktop.ui.main_window import MainWindow
from pipeline_desktop.ui.menus import Entry, Menus, StandardKey
from pipeline_desktop.ui.tabs import TabFactory
from pipeline_desktop.ui.tabs.board import BoardTab
from pipeline_desktop.ui.tabs.deals import DealsTab
from pipeline_desktop.ui.tabs.funnel import FunnelTab
from pipeline_desktop.ui.tabs.health import HealthTab
from pipeline_desktop.ui.tabs.metrics import MetricsTab
from pipeline_desktop.ui.workers import Progress, run_job

TAB_FACTORIES: dict[str, TabFactory] = {
    "deals": DealsTab, "board": BoardTab, "funnel": FunnelTab, "metrics": MetricsTab,
    "health": HealthTab,
}


def furnish(window: MainWindow) -> MainWindow:
    """Fill the window's menus, give its other tabs their classes, and let the controller
    run a long undo or redo in a worker."""
    window.furnish(TAB_FACTORIES, menus(window))
    window.controller.run_long = long_runner(window)
    return window


def long_runner(window: MainWindow) -> LongRunner:
    """An undo or redo as large as an import: in a worker, behind a progress dialog."""
    def run(label: str, step: Callable[[Progress], Any]) -> Any:
        return run_job(window, label, step, databases=(window.controller.repository.db,),
                       cancellable=False).value

    return run


def menus(window: MainWindow) -> Menus:
    """The menu bar as data. Each entry's callable is given what it uses: a parent widget,
    the controller, the settings, the selection or a way to open another pipeline."""
    w, c, s = window, window.controller, window.settings
    return (
        (QT_TRANSLATE_NOOP("MainWindow", "&File"), (
            # Ctrl+N (StandardKey.New) is Edit › New deal, used far more
            Entry(QT_TRANSLATE_NOOP("MainWindow", "&New pipeline…"),
                  window.new_pipeline, "Ctrl+Shift+N", "new_pipeline"),
            Entry(QT_TRANSLATE_NOOP("MainWindow", "&Open pipeline…"),
                  window.open_pipeline, StandardKey.Open, "open_pipeline"),
            Entry(QT_TRANSLATE_NOOP("MainWindow", "Open &team pipeline…"),
                  lambda: team_actions.open_team_pipeline(w, c, s, window.switch_pipeline),
                  None, "open_team"),
            None,
            Entry(QT_TRANSLATE_NOOP("MainWindow", "Save a &copy as…"),
                  lambda: backup_actions.save_copy(w, c, s), "Ctrl+Shift+S", "save_copy"),
            Entry(QT_TRANSLATE_NOOP("MainWindow", "Restore &backup…"),
                  lambda: backup_actions.restore_backup(w, c, w.reopen), None,
                  "restore_backup"),
            Entry(QT_TRANSLATE_NOOP("MainWindow", "Copy to team &server…"),
                  lambda: team_actions.copy_to_server(w, c, s, window.switch_pipeline),
                  None, "copy_server"),
            None,
            Entry(QT_TRANSLATE_NOOP("MainWindow", "&Import…"),
                  lambda: excel_actions.import_workbook(w, c, s), "Ctrl+I", "import"),
            Entry(QT_TRANSLATE_NOOP("MainWindow", "&Export to Excel…"),
                  lambda: excel_actions.export_workbook(w, c, s), "Ctrl+E", "export"),
            Entry(QT_TRANSLATE_NOOP("MainWindow", "Export for a CR&M…"),
                  lambda: excel_actions.export_for_crm(w, c, s), None, "export_crm"),
            Entry(QT_TRANSLATE_NOOP("MainWindow", "Export &report (PDF)…"),
                  lambda: report_actions.export_report(w, c, s), "Ctrl+P", "export_report"),
            None,
            # Ctrl+Q everywhere: StandardKey.Quit is empty on Windows and outside X11 themes
            Entry(QT_TRANSLATE_NOOP("MainWindow", "&Quit"), window.close, "Ctrl+Q", "quit"),
        )),
        (QT_TRANSLATE_NOOP("MainWindow", "&Edit"), (
            Entry(QT_TRANSLATE_NOOP("MainWindow", "&New deal…"),
                  window.new_deal, "Ctrl+N", "new_deal"),
            Entry(QT_TRANSLATE_NOOP("MainWindow", "&Edit deal"),
                  window.edit_deal, "F2", "edit_deal"),
            Entry(QT_TRANSLATE_NOOP("MainWindow", "&Delete deal"),
                  window.delete_deal, StandardKey.Delete, "delete_deal"),
            Entry(QT_TRANSLATE_NOOP("MainWindow", "Log &activity…"),
                  lambda: activity_actions.log_activity(w, c, window.current_selection),
                  "Ctrl+L", "log_activity"),
            None,
            Entry(QT_TRANSLATE_NOOP("MainWindow", "&Find"),
                  window.focus_search, StandardKey.Find, "find"),
            None,
            Entry(QT_TRANSLATE_NOOP("MainWindow", "&Preferences…"),
                  lambda: preferences.edit_preferences(w, c, s),
                  StandardKey.Preferences, "preferences"),
        )),
        (QT_TRANSLATE_NOOP("MainWindow", "&Pipeline"), (
            Entry(QT_TRANSLATE_NOOP("MainWindow", "&Stages…"),
                  lambda: stages.edit_stages(w, c, s), None, "edit_stages"),
            Entry(QT_TRANSLATE_NOOP("MainWindow", "&Ideal customer…"),
                  lambda: icp.edit_icp(w, c), None, "edit_icp"),
            Entry(QT_TRANSLATE_NOOP("MainWindow", "&Lost reasons and lead sources…"),
                  lambda: lists.edit_lists(w, c), None, "edit_lists"),
            Entry(QT_TRANSLATE_NOOP("MainWindow", "Revenue &targets…"),
                  lambda: targets.edit_targets(w, c), None, "edit_targets"),
            Entry(QT_TRANSLATE_NOOP("MainWindow", "&Currencies…"),
                  lambda: currencies.edit_currencies(w, c), None,
                  "edit_currencies"),
        )),
        (QT_TRANSLATE_NOOP("MainWindow", "&View"), (
            Entry(QT_TRANSLATE_NOOP("MainWindow", "&Today…"),
                  lambda: today.show_today(w, c, window.open_deal), "Ctrl+T",
                  "today"),
        )),
        (QT_TRANSLATE_NOOP("MainWindow", "&Help"), (
            Entry(QT_TRANSLATE_NOOP("MainWindow", "&About Pipeline Desktop"),
                  lambda: about.show_about(w), None, "about"),
        )),
    )
