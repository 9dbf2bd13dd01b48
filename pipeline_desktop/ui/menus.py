"""Menus and actions. Feature actions are named by `module:function` and imported on first use,
so a menu entry costs nothing at start-up; an entry whose module does not exist yet is shown
disabled. A handler receives the main window."""

from __future__ import annotations

import importlib
import importlib.util
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from pipeline_desktop.ui.main_window import MainWindow

StandardKey = QKeySequence.StandardKey


@dataclass(frozen=True)
class Entry:
    text: str
    target: str  # "module:function" taking the window, or a MainWindow method name
    shortcut: QKeySequence | str | StandardKey | None = None
    name: str = ""  # object name, so tests and shortcuts can find the action



UI = "pipeline_desktop.ui"
MENUS: tuple[tuple[str, tuple[Entry | None, ...]], ...] = (
    (
        QT_TRANSLATE_NOOP("MainWindow", "&File"),
        (
            Entry(
                QT_TRANSLATE_NOOP("MainWindow", "&New pipeline…"),
                "new_pipeline",
                "Ctrl+Shift+N",  # Ctrl+N (StandardKey.New) is Edit › New deal, used far more
                "new_pipeline",
            ),
            Entry(
                QT_TRANSLATE_NOOP("MainWindow", "&Open pipeline…"),
                "open_pipeline",
                StandardKey.Open,
                "open_pipeline",
            ),
            Entry(
                QT_TRANSLATE_NOOP("MainWindow", "Open &team pipeline…"),
                f"{UI}.team_actions:open_team_pipeline",
                None,
                "open_team",
            ),
            None,
            Entry(
                QT_TRANSLATE_NOOP("MainWindow", "Save a &copy as…"),
                "save_copy",
                "Ctrl+Shift+S",
                "save_copy",
            ),
            Entry(
                QT_TRANSLATE_NOOP("MainWindow", "Restore &backup…"),
                f"{UI}.backup_actions:restore_backup",
                None,
                "restore_backup",
            ),
            Entry(
                QT_TRANSLATE_NOOP("MainWindow", "Copy to team &server…"),
                f"{UI}.team_actions:copy_to_server",
                None,
                "copy_server",
            ),
            None,
            Entry(
                QT_TRANSLATE_NOOP("MainWindow", "&Import…"),
                f"{UI}.excel_actions:import_workbook",
                "Ctrl+I",
                "import",
            ),
            Entry(
                QT_TRANSLATE_NOOP("MainWindow", "&Export to Excel…"),
                f"{UI}.excel_actions:export_workbook",
                "Ctrl+E",
                "export",
            ),
            Entry(
                QT_TRANSLATE_NOOP("MainWindow", "Export for a CR&M…"),
                f"{UI}.excel_actions:export_for_crm",
                None,
                "export_crm",
            ),
            Entry(
                QT_TRANSLATE_NOOP("MainWindow", "Export &report (PDF)…"),
                f"{UI}.report_actions:export_report",
                "Ctrl+P",
                "export_report",
            ),
            None,
            # Ctrl+Q everywhere: StandardKey.Quit is empty on Windows and outside X11 themes
            Entry(QT_TRANSLATE_NOOP("MainWindow", "&Quit"), "close", "Ctrl+Q", "quit"),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("MainWindow", "&Edit"),
        (
            Entry(QT_TRANSLATE_NOOP("MainWindow", "&New deal…"), "new_deal", "Ctrl+N", "new_deal"),
            Entry(QT_TRANSLATE_NOOP("MainWindow", "&Edit deal"), "edit_deal", "F2", "edit_deal"),
            Entry(
                QT_TRANSLATE_NOOP("MainWindow", "&Delete deal"),
                "delete_deal",
                StandardKey.Delete,
                "delete_deal",
            ),
            Entry(
                QT_TRANSLATE_NOOP("MainWindow", "Log &activity…"),
                f"{UI}.activity_actions:log_activity",
                "Ctrl+L",
                "log_activity",
            ),
            None,
            Entry(
                QT_TRANSLATE_NOOP("MainWindow", "&Find"), "focus_search", StandardKey.Find, "find"
            ),
            None,
            Entry(
                QT_TRANSLATE_NOOP("MainWindow", "&Preferences…"),
                f"{UI}.dialogs.preferences:edit_preferences",
                StandardKey.Preferences,
                "preferences",
            ),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("MainWindow", "&Pipeline"),
        (
            Entry(
                QT_TRANSLATE_NOOP("MainWindow", "&Stages…"),
                f"{UI}.dialogs.stages:edit_stages",
                None,
                "edit_stages",
            ),
            Entry(
                QT_TRANSLATE_NOOP("MainWindow", "&Ideal customer…"),
                f"{UI}.dialogs.icp:edit_icp",
                None,
                "edit_icp",
            ),
            Entry(
                QT_TRANSLATE_NOOP("MainWindow", "&Lost reasons and lead sources…"),
                f"{UI}.dialogs.lists:edit_lists",
                None,
                "edit_lists",
            ),
            Entry(
                QT_TRANSLATE_NOOP("MainWindow", "Revenue &targets…"),
                f"{UI}.dialogs.targets:edit_targets",
                None,
                "edit_targets",
            ),
            Entry(
                QT_TRANSLATE_NOOP("MainWindow", "&Currencies…"),
                f"{UI}.dialogs.currencies:edit_currencies",
                None,
                "edit_currencies",
            ),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("MainWindow", "&View"),
        (
            Entry(
                QT_TRANSLATE_NOOP("MainWindow", "&Today…"),
                f"{UI}.dialogs.today:show_today",
                "Ctrl+T",
                "today",
            ),
        ),
    ),
    (
        QT_TRANSLATE_NOOP("MainWindow", "&Help"),
        (
            Entry(
                QT_TRANSLATE_NOOP("MainWindow", "&About Pipeline Desktop"),
                f"{UI}.dialogs.about:show_about",
                None,
                "about",
            ),
        ),
    ),
)


def handler_for(window: MainWindow, target: str) -> Callable[[], object] | None:
    if ":" not in target:
        return getattr(window, target)
    module_name, function_name = target.split(":")
    if importlib.util.find_spec(module_name) is None:
        return None

    def run() -> object:
        module = importlib.import_module(module_name)
        return getattr(module, function_name)(window)

    return run


def build_menus(window: MainWindow) -> dict[str, QAction]:
    """Create the menu bar; return the actions by name."""
    actions: dict[str, QAction] = {}
    for title, entries in MENUS:
        menu = window.menuBar().addMenu(window.tr(title))
        for entry in entries:
            if entry is None:
                menu.addSeparator()
                continue
            actions[entry.name] = _add_action(window, menu, entry)
        if title == "&File":
            window.recent_menu = QMenu(window.tr("Open &recent"), window)
            menu.insertMenu(actions["open_team"], window.recent_menu)
        if title == "&Edit":
            undo = window.controller.undo_stack.createUndoAction(window, window.tr("&Undo"))
            redo = window.controller.undo_stack.createRedoAction(window, window.tr("&Redo"))
            undo.setShortcut(QKeySequence.StandardKey.Undo)
            redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
            first = menu.actions()[0]
            menu.insertActions(first, [undo, redo])
            menu.insertSeparator(first)
            actions["undo"], actions["redo"] = undo, redo
    return actions


def _add_action(window: MainWindow, menu: QMenu, entry: Entry) -> QAction:
    action = QAction(window.tr(entry.text), window)
    action.setObjectName(entry.name)
    if entry.shortcut is not None:
        action.setShortcut(QKeySequence(entry.shortcut))
    handler = handler_for(window, entry.target)
    if handler is None:
        action.setEnabled(False)
        action.setToolTip(window.tr("Not available in this version"))
    else:
        action.triggered.connect(lambda _checked=False, run=handler: window.run_guarded(run))
    menu.addAction(action)
    return action
