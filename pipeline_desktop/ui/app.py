"""Start the desktop app: the QApplication, then the boot module (`ui/boot.py`) paints the
first window and brings in the rest of the app."""

from __future__ import annotations

import os

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from pipeline_desktop.ui import boot, shutdown
from pipeline_desktop.ui.boot import create_application
from pipeline_desktop.ui.main_window import MainWindow
from pipeline_desktop.ui.settings import AppSettings

SMOKE_TEST_ENV = "PIPELINE_DESKTOP_SMOKE_TEST"
SMOKE_AFTER_OPEN_MS = 300
SMOKE_LIMIT_MS = 30_000  # the session never opened (the person was asked, say)
__all__ = ["create_application", "run_app"]  # create_application: the CLI's screenshot, health


def run_app(db_option: str | None) -> int:
    app = create_application()
    settings = AppSettings()
    boot.prepare(app, settings)
    window = boot.start(db_option, settings)
    if isinstance(window, int):
        return window
    shutdown.install(app)  # every way of quitting closes the window, and so its pipeline
    if os.environ.get(SMOKE_TEST_ENV):  # packaging check: the built app shows its window, quits
        quit_once_open(app, window)
        print(f"window shown: {window.windowTitle()}", flush=True)
    code = app.exec()
    QApplication.closeAllWindows()  # app.exit() skips aboutToQuit's handlers on some paths
    return code



def quit_once_open(app: QApplication, window: MainWindow) -> None:
    """The smoke test's exit: 300 ms after the window's session is open (the rest of the app
    is imported first, just after the first paint), so the background check and the day's
    backup have run as on a normal start; 3 when the window is gone or never opened."""
    if window.controller.is_open:
        QTimer.singleShot(SMOKE_AFTER_OPEN_MS, lambda: app.exit(0 if window.isVisible() else 3))
    else:
        window.controller.opened.connect(lambda: quit_once_open(app, window))
        QTimer.singleShot(SMOKE_LIMIT_MS, lambda: app.exit(3))
