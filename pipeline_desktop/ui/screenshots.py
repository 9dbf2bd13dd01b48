"""Offscreen pictures of the window, for the README, the command line and our own eyes."""

from __future__ import annotations

import time
from pathlib import Path

from PySide6.QtWidgets import QApplication, QTabWidget, QWidget

from pipeline_desktop.errors import StorageError
from pipeline_desktop.ui.tabs import TABS, LazyTab


def _wait_until_loaded(app: QApplication, tab: object, seconds: float = 60) -> None:
    """A large pipeline's figures are read in a thread: photograph them, not the wait."""
    deadline = time.monotonic() + seconds
    while getattr(tab, "_loading", False) or getattr(tab, "loading", False):
        if time.monotonic() > deadline:
            return
        app.processEvents()
        time.sleep(0.01)
    app.processEvents()


def save_tab_screenshots(app: QApplication, window: QWidget, tabs: QTabWidget, out: Path
                         ) -> list[Path]:
    """Show each of `tabs` (the window's, in TABS order) and photograph `window`."""
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(f"Cannot create {out}: {error.strerror}") from None
    window.show()
    written = []
    for index, spec in enumerate(TABS):
        tabs.setCurrentIndex(index)
        for _ in range(3):  # let lazy tabs build, lay out and paint
            app.processEvents()
        lazy = tabs.widget(index)
        assert isinstance(lazy, LazyTab)
        tab = lazy.ensure_built()
        _wait_until_loaded(app, tab)
        if hasattr(tab, "ensure_panel"):
            tab.ensure_panel()
            app.processEvents()
        path = out / f"{spec.key}.png"
        if not window.grab().save(str(path)):
            raise StorageError(f"Could not write {path}")
        written.append(path)
    return written
