"""Start the desktop app: the QApplication, then the boot module (`ui/boot.py`) paints the
first window and brings in the rest of the app."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from pipeline_desktop import APP_NAME, ORG_NAME
from pipeline_desktop.ui import boot, shutdown
from pipeline_desktop.ui.collector import collect_in_gui_thread
from pipeline_desktop.ui.settings import AppSettings

SMOKE_TEST_ENV = "PIPELINE_DESKTOP_SMOKE_TEST"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    collect_in_gui_thread(app)  # worker threads must never run the garbage collector
    return app  # type: ignore[return-value]


def run_app(db_option: str | None) -> int:
    app = create_application()
    settings = AppSettings()
    boot.prepare(app, settings)
    window = boot.start(db_option, settings)
    if isinstance(window, int):
        return window
    shutdown.install(app)  # every way of quitting closes the window, and so its pipeline
    if os.environ.get(SMOKE_TEST_ENV):  # packaging check: the built app shows its window, quits
        QTimer.singleShot(300, lambda: app.exit(0 if window.isVisible() else 3))
        print(f"window shown: {window.windowTitle()}", flush=True)
    code = app.exec()
    QApplication.closeAllWindows()  # app.exit() skips aboutToQuit's handlers on some paths
    return code
