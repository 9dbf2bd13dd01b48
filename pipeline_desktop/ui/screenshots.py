"""Offscreen pictures of the window, for the README, the command line and our own eyes."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication

from pipeline_desktop.errors import StorageError
from pipeline_desktop.ui.main_window import MainWindow
from pipeline_desktop.ui.tabs import TABS


def save_tab_screenshots(app: QApplication, window: MainWindow, out: Path) -> list[Path]:
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StorageError(f"Cannot create {out}: {error.strerror}") from None
    window.show()
    written = []
    for index, spec in enumerate(TABS):
        window.tabs.setCurrentIndex(index)
        for _ in range(3):  # let lazy tabs build, lay out and paint
            app.processEvents()
        path = out / f"{spec.key}.png"
        if not window.grab().save(str(path)):
            raise StorageError(f"Could not write {path}")
        written.append(path)
    return written
