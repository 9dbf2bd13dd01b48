"""No two actions of the window share a key: Qt then runs neither ("Ambiguous shortcut
overload"), which is how Ctrl+N (New pipeline and New deal) came to do nothing."""

from __future__ import annotations

from collections import defaultdict

from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QMenu

from pipeline_desktop.ui.tabs import TABS


def every_action(window) -> list[QAction]:
    """The window's actions, its menus' (also submenus') and those of every tab, built."""
    for spec in TABS:
        window.tab(spec.key)
    found: dict[int, QAction] = {}
    for action in window.findChildren(QAction):
        found[id(action)] = action
    for menu in window.findChildren(QMenu):
        for action in menu.actions():
            found[id(action)] = action
    for action in window.actions():
        found[id(action)] = action
    return list(found.values())


def shortcut_owners(window) -> dict[str, list[str]]:
    owners: dict[str, list[str]] = defaultdict(list)
    for action in every_action(window):
        name = action.objectName() or action.text() or repr(action)
        for keys in action.shortcuts():
            owners[keys.toString()].append(name)
    for shortcut in window.findChildren(QShortcut):
        owners[shortcut.key().toString()].append(f"QShortcut {shortcut.objectName()}")
    return owners


def test_no_two_actions_share_a_shortcut(window):
    owners = shortcut_owners(window)
    shared = {keys: names for keys, names in owners.items() if len(names) > 1}
    assert not shared, f"shortcuts claimed twice: {shared}"
    assert "Ctrl+N" in owners and "Ctrl+Shift+N" in owners


def test_the_walk_finds_a_clash_when_there_is_one(window):
    """The check itself: a second action on Ctrl+N is seen."""
    clash = QAction("Clash", window)
    clash.setShortcut(QKeySequence("Ctrl+N"))
    window.addAction(clash)
    assert len(shortcut_owners(window)["Ctrl+N"]) == 2
