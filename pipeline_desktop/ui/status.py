"""A short message in the status bar of the window that holds `parent`, for handlers that are
given a parent widget rather than the main window."""

from __future__ import annotations

from PySide6.QtWidgets import QMainWindow, QWidget


def say(parent: QWidget | None, text: str, ms: int = 0) -> None:
    """Show `text` for `ms` milliseconds (0: until the next message); no window, no message."""
    top = parent.window() if parent is not None else None
    if isinstance(top, QMainWindow):
        top.statusBar().showMessage(text, ms)
