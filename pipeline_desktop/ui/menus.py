"""Menus and actions. The window gives the table of entries (`Menus`), each naming the callable
it runs; this module only turns the table into a menu bar with shortcuts, object names and
Undo/Redo. The first paint shows the menus' titles (`add_menu_titles`); their entries follow
with the rest of the app (`ui.furnish`)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtGui import QAction, QKeySequence, QUndoStack
from PySide6.QtWidgets import QMainWindow, QMenu

StandardKey = QKeySequence.StandardKey
TITLES = (QT_TRANSLATE_NOOP("MainWindow", "&File"), QT_TRANSLATE_NOOP("MainWindow", "&Edit"),
          QT_TRANSLATE_NOOP("MainWindow", "&Pipeline"), QT_TRANSLATE_NOOP("MainWindow", "&View"),
          QT_TRANSLATE_NOOP("MainWindow", "&Help"))


@dataclass(frozen=True)
class Entry:
    text: str
    run: Callable[[], object]
    shortcut: QKeySequence | str | StandardKey | None = None
    name: str = ""  # object name, so tests and shortcuts can find the action


Menus = tuple[tuple[str, tuple[Entry | None, ...]], ...]
Guard = Callable[[Callable[[], object]], None]  # runs a handler, a PipelineError → a message


def build_menus(window: QMainWindow, menus: Menus, undo_stack: QUndoStack, guard: Guard,
                recent_menu: QMenu | None = None) -> dict[str, QAction]:
    """Create the menu bar (`recent_menu` goes into File, before Open team pipeline); return
    the actions by name."""
    actions: dict[str, QAction] = {}
    for title, entries in menus:
        menu = _menu(window, title)
        for entry in entries:
            if entry is None:
                menu.addSeparator()
                continue
            actions[entry.name] = _add_action(window, menu, entry, guard)
        if title == "&File" and recent_menu is not None:
            menu.insertMenu(actions["open_team"], recent_menu)
        if title == "&Edit":
            undo = undo_stack.createUndoAction(window, window.tr("&Undo"))
            redo = undo_stack.createRedoAction(window, window.tr("&Redo"))
            undo.setShortcut(QKeySequence.StandardKey.Undo)
            redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
            first = menu.actions()[0]
            menu.insertActions(first, [undo, redo])
            menu.insertSeparator(first)
            actions["undo"], actions["redo"] = undo, redo
    return actions


def _add_action(window: QMainWindow, menu: QMenu, entry: Entry, guard: Guard) -> QAction:
    action = QAction(window.tr(entry.text), window)
    action.setObjectName(entry.name)
    if entry.shortcut is not None:
        action.setShortcut(QKeySequence(entry.shortcut))
    action.triggered.connect(lambda _checked=False, run=entry.run: guard(run))
    menu.addAction(action)
    return action


def add_menu_titles(window: QMainWindow) -> None:
    """The menu bar's titles, empty until `build_menus` fills them."""
    for title in TITLES:
        window.menuBar().addMenu(window.tr(title)).setObjectName(f"menu_{title.strip('&')}")


def _menu(window: QMainWindow, title: str) -> QMenu:
    """The menu `add_menu_titles` made for `title`, or a new one."""
    menu = window.menuBar().findChild(QMenu, f"menu_{title.strip('&')}")
    return menu if menu is not None else window.menuBar().addMenu(window.tr(title))
