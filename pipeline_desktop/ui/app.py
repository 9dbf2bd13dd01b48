"""Start the desktop app: the QApplication, the first-run choice, and one window per pipeline."""

from __future__ import annotations

import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

from pipeline_desktop import APP_NAME, ORG_NAME
from pipeline_desktop.paths import resolve_url
from pipeline_desktop.storage.file_format import sqlite_path
from pipeline_desktop.ui.collector import collect_in_gui_thread
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.damage_guard import DamageGuard
from pipeline_desktop.ui.main_window import MainWindow
from pipeline_desktop.ui.settings import AppSettings

if TYPE_CHECKING:  # peewee and the session arrive just after the first paint (Shell.start)

    from pipeline_desktop.session import Session

SAMPLE_DEALS = 300
CHECK_AFTER_MS = 0  # on the first turn of the event loop, once the window is shown
SMOKE_TEST_ENV = "PIPELINE_DESKTOP_SMOKE_TEST"


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv[:1])
    app.setOrganizationName(ORG_NAME)
    app.setApplicationName(APP_NAME)
    collect_in_gui_thread(app)  # worker threads must never run the garbage collector
    return app  # type: ignore[return-value]


class Shell:
    """Owns the window of the open pipeline; File › Open swaps it for another one."""

    def __init__(self, settings: AppSettings) -> None:
        self.settings = settings
        self.window: MainWindow | None = None
        self._guard = DamageGuard(self._read_failed)
        self._building: list[BaseException] | None = None  # damage met while building

    def open(self, url: str, *, replacing: QWidget | None = None) -> MainWindow | None:
        from pipeline_desktop.ui.backup_actions import is_same_file, open_with_recovery

        current = self.window.session if self.window is not None else None
        if current is not None and is_same_file(url, current) and not current.db.is_closed():
            if current.path is not None and current.path.exists():
                return self.window  # already open here; a second writer would be refused
            current.close()  # File › New replaced it: let go of the old file, open the new one
        # Damaged → offer the latest good backup; in use or read-only → offer to view it.
        self._guard.install()
        session = open_with_recovery(url, replacing, check_later=True)
        if session is None:
            return None
        self.settings.add_recent(url)
        return self._show(session)

    def start(self, url: str) -> MainWindow | None:
        """Start-up: a file that opening leaves unchanged has its newest deals painted first,
        read without peewee; its session (peewee, the lock, the checks) opens just after the
        first paint. Any other pipeline opens as File › Open does, before its window."""
        from pipeline_desktop.storage.first_page import read_first_page
        from pipeline_desktop.ui.tabs.deals import FIRST_PAGE

        path = sqlite_path(url)
        rows = read_first_page(path, FIRST_PAGE) if path is not None else None
        if rows is None or self.window is not None:
            return self.open(url)
        self._guard.install()
        controller = PipelineController(None, url=url)
        window = MainWindow(controller, self.settings, self, first_rows=rows)
        controller.opener = lambda: self._open_behind(window, url)
        self.window = window
        window.show()
        return window

    def _open_behind(self, window: MainWindow, url: str) -> None:
        """Open the session of a window `start` showed (the same checks and offers as `open`);
        if nothing opens, the window goes."""
        from pipeline_desktop.ui.backup_actions import open_with_recovery

        session = open_with_recovery(url, window, check_later=True)
        if session is None:
            window.close()
            window.deleteLater()
            if self.window is window:
                self.window = None
            return
        self.settings.add_recent(url)
        window.controller.attach(session)
        from pipeline_desktop.ui import team_watch

        team_watch.install(window)  # as build_window does
        self._opened(window)

    def _show(self, session: Session) -> MainWindow | None:
        import peewee as pw

        self._building = []
        try:
            window = build_window(session, self.settings, self)
        # Damage met before the background check ran: peewee wraps what its execute meets,
        # a cursor's later fetch raises sqlite3's own error.
        except (pw.DatabaseError, sqlite3.DatabaseError) as error:
            return self._damaged_while_opening(session, error)
        finally:
            met, self._building = self._building, None
        if met:  # raised in a slot while building (e.g. the deal panel's first reads)
            window.deleteLater()
            return self._damaged_while_opening(session, met[0])
        if self.window is not None:
            self.window.close()
            self.window.controller.session.close()
        self.window = window
        window.show()
        self._opened(window)
        return window

    def _opened(self, window: MainWindow) -> None:
        """The window's session is open: its title says read-only; the background check."""
        if window.session.read_only:
            window.setWindowTitle(window.windowTitle() + " " + window.tr("(read-only)"))
        self._check_in_background(window)

    def _check_in_background(self, window: MainWindow) -> None:
        """The integrity check and the day's backup run after the window is on screen."""
        from pipeline_desktop.ui.backup_actions import BackgroundCheck

        check = BackgroundCheck(window.session, window)
        check.damaged.connect(lambda error: self._damaged(window, error))
        window.background_check = check
        QTimer.singleShot(CHECK_AFTER_MS, check.start)  # once the window is on screen

    def _read_failed(self, error: BaseException) -> None:
        """DamageGuard: a read raised a damage error in some slot."""
        if self._building is not None:
            self._building.append(error)
            return
        window = self.window
        if window is None:
            return
        QTimer.singleShot(0, lambda: self._check_after_read_error(window, error))

    def _check_after_read_error(self, window: MainWindow, error: BaseException) -> None:
        from pipeline_desktop.ui.backup_actions import Ask, damage_of

        path = window.session.path
        damage = damage_of(path) if path is not None and path.exists() else None
        if damage is not None:
            self._damaged(window, damage)
        elif not getattr(window, "damage_handled", False):
            Ask.warning(window, f"Could not read {window.session.display_name}: {error}")

    def _damaged(self, window: MainWindow, error: object) -> None:
        from pipeline_desktop.ui.backup_actions import restore_damaged

        if getattr(window, "damage_handled", False):
            return  # the check and a failed read both found it: one offer is enough
        window.damage_handled = True
        url = window.session.url
        window.close()
        window.session.close()
        if self.window is window:
            self.window = None
        session = restore_damaged(url, error, None)  # type: ignore[arg-type]
        if session is not None:
            self._show(session)

    def _damaged_while_opening(self, session: Session, error: Exception) -> MainWindow | None:
        from pipeline_desktop.ui.backup_actions import Ask, damage_of, restore_damaged

        session.close()
        damage = damage_of(session.path) if session.path is not None else None
        if damage is None:
            Ask.warning(None, f"Could not read {session.display_name}: {error}")
            return None
        restored = restore_damaged(session.url, damage, None)
        return self._show(restored) if restored is not None else None


def build_window(session: Session, settings: AppSettings, shell: Shell | None = None
                 ) -> MainWindow:
    controller = PipelineController(session)
    window = MainWindow(controller, settings, shell)
    from pipeline_desktop.ui import team_watch

    team_watch.install(window)  # others' changes, retries, read-only roles (team mode)
    return window


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
