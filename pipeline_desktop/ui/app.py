"""Start the desktop app: the QApplication, the first-run choice, then the shell
(`ui/shell.py`) opens the pipeline and owns its window."""

from __future__ import annotations

import os
import sys
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication

from pipeline_desktop import APP_NAME, ORG_NAME
from pipeline_desktop.paths import resolve_url
from pipeline_desktop.ui.collector import collect_in_gui_thread
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.shell import Shell

SAMPLE_DEALS = 300
SMOKE_TEST_ENV = "PIPELINE_DESKTOP_SMOKE_TEST"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    collect_in_gui_thread(app)  # worker threads must never run the garbage collector
    return app  # type: ignore[return-value]


def first_run_url(settings: AppSettings, db_option: str | None) -> str | None:
    """The pipeline to open; on a first start, ask between the sample and an empty pipeline."""
    url = resolve_url(db_option or settings.get("last_file") or None)
    if db_option or Path(url).exists() or "://" in url:
        return url
    from pipeline_desktop.ui.dialogs.first_run import FirstRunDialog

    choice = FirstRunDialog.ask()
    if choice is None:
        return None
    if choice == "sample":
        create_sample(url)
    return url


def create_sample(url: str, deals: int = SAMPLE_DEALS) -> None:
    from pipeline_desktop.services.demo import generate
    from pipeline_desktop.session import open_session

    session = open_session(url)
    try:
        if not session.repository.deal_count():
            generate(session.db, session.repository.stages(), deals=deals, sample_settings=True)
    finally:
        session.close()


def run_app(db_option: str | None) -> int:
    app = create_application()
    from pipeline_desktop.ui import errors, i18n, shutdown, theme

    errors.install(app)  # uncaught errors → log file + dialog; the app keeps running
    i18n.install_translations(app)  # the user's language where a catalog exists
    settings = AppSettings()
    theme.apply(app, settings.get("theme"))
    app.setWindowIcon(theme.app_icon())
    app.setDesktopFileName("pipeline-desktop")  # matches packaging/pipeline-desktop.desktop
    url = first_run_url(settings, db_option)
    if url is None:
        return 0
    shell = Shell(settings)
    window = shell.start(url)
    if window is None:
        return 1
    shutdown.install(app)  # every way of quitting closes the window, and so its pipeline
    if os.environ.get(SMOKE_TEST_ENV):  # packaging check: the built app shows its window, quits
        QTimer.singleShot(300, lambda: app.exit(0 if window.isVisible() else 3))
        print(f"window shown: {window.windowTitle()}", flush=True)
    code = app.exec()
    QApplication.closeAllWindows()  # app.exit() skips aboutToQuit's handlers on some paths
    return code
