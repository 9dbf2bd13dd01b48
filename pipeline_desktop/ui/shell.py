"""The shell: the one place the window opens a pipeline, and what it does when opening (or
reading) goes wrong. Nothing else in the window opens a pipeline; the window gets its session
from here.

One opening, walked through (`pipeline-desktop --db shop.pipeline`; File › Open is the same
path without step 2):

1. `app.run_app` calls `boot.start`, which tries step 2 and otherwise calls `Shell.open(url)`.
   `open` parses the address once (`storage.address.PipelineAddress`: a file or a server) and
   returns the window it has if that file is already open in it.
2. Start-up only (`ui/boot.py`): when opening would change nothing in the file (current
   version, WAL, writable, no other writer), the boot module reads the newest deals with plain
   sqlite3 and paints a `MainWindow` on a controller that has no session yet, importing only
   what that needs. Just after the first paint it imports this module (and with it the rest
   of the app) and hands the window to `Shell.adopt`, which furnishes it and runs step 3.
3. `_open_session`: `storage.opening.open_session` takes the writer's lock, migrates and
   hands back a `Session` that is `checking` (SQLite refuses writes until the check passes).
   What goes wrong becomes an offer, never a traceback: a damaged file → restore the newest
   good backup (`_offer_backup`, the damaged file kept beside it); in use by another window
   or read-only → view it read-only (`_offer_view`); anything else → one message. The user
   declines: nothing opens (the start-up window goes).
4. `_present` builds the window on the session (damage a read meets while building → step
   3's backup offer) in place of the previous one; `_opened` marks a read-only window and
   installs team behaviour.
5. `BackgroundCheck`, once the window is on screen: `quick_check` first, then edits may be
   saved (`Session.check_passed`); the full `integrity_check`; then the day's backup (a
   damaged file must never push a good backup out). Damage it finds, or a read meets later
   (`ui.damage_guard` hands such errors here), closes the window and its session and makes
   the backup offer; the restored file is shown through `_present` again.
6. Closing is `MainWindow.closeEvent` → `Session.close`: the WAL written back, the lock let go.

Reopening is the same `open`: File › Open, File › New and the recent files call
`open(url, replacing=window)`; File › Restore backup… (`backup_actions`) puts the backup in
place of the closed file and calls `reopen`."""

from __future__ import annotations

import logging
import sqlite3
import threading
import weakref
from pathlib import Path

import peewee as pw
from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QWidget

from pipeline_desktop import paths
from pipeline_desktop.errors import NotAPipelineError, PipelineError, StorageError
from pipeline_desktop.session import Session, open_session
from pipeline_desktop.storage import backup
from pipeline_desktop.storage.address import PipelineAddress
from pipeline_desktop.storage.connections import TrackedSqliteDatabase
from pipeline_desktop.storage.database import allow_writes
from pipeline_desktop.storage.integrity import (
    CheckInterrupted,
    DamagedFileError,
    ReadOnlyFileError,
    integrity_problems,
)
from pipeline_desktop.storage.lock import FileInUseError
from pipeline_desktop.ui import team_watch
from pipeline_desktop.ui.ask import Ask
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.damage_guard import DamageGuard
from pipeline_desktop.ui.first_run import first_run_url
from pipeline_desktop.ui.furnish import furnish
from pipeline_desktop.ui.main_window import MainWindow
from pipeline_desktop.ui.settings import AppSettings

LOGGER = logging.getLogger("pipeline_desktop.backup")
MAX_DETAILS = 20  # of SQLite's findings, under Show Details…
CHECK_AFTER_MS = 0  # on the first turn of the event loop, once the window is shown
translate = QApplication.translate  # lupdate finds translate("backup", "…") calls


class Shell:
    """Owns the window of the open pipeline and the policy of opening it (module docstring)."""

    def __init__(self, settings: AppSettings) -> None:
        self.settings = settings
        self.window: MainWindow | None = None
        self._guard = DamageGuard(self._read_failed)
        self._building: list[BaseException] | None = None  # damage met while building
        self._offered: weakref.WeakSet[MainWindow] = weakref.WeakSet()  # damage offer made

    def open(self, url: str, *, replacing: QWidget | None = None) -> MainWindow | None:
        """The one way the window opens a pipeline; None when nothing was opened (the user
        was told why, or declined an offer)."""
        try:
            address = PipelineAddress.parse(url)
        except NotAPipelineError as error:
            Ask.warning(replacing, str(error))
            return None
        if self._holds(address):
            return self.window  # already open here; a second writer would be refused
        self._guard.install()
        session = self._open_session(address, replacing)
        return self._present(PipelineController(session)) if session is not None else None

    def adopt(self, window: MainWindow, address: PipelineAddress) -> None:
        """Start-up: the boot module painted `window` before its session; furnish it and open
        the session behind it (step 3)."""
        self._guard.install()
        self.window = window
        window.shell = self
        furnish(window)
        self._open_behind(window, address)

    def reopen(self, window: MainWindow) -> MainWindow | None:
        """The window's file changed under its closed session (a restored backup)."""
        return self.open(window.controller.url, replacing=window)

    # ---- the steps of `open` -----------------------------------------------------------------

    def _holds(self, address: PipelineAddress) -> bool:
        window = self.window
        if window is None or address.path is None or not window.controller.ensure_open():
            return False
        session = window.session
        if session.path is None or session.db.is_closed() or (
                session.path.resolve() != address.path.resolve()):
            return False
        if address.path.exists():
            return True
        session.close()  # File › New replaced it: let go of the old file, open the new one
        return False

    def _open_session(self, address: PipelineAddress, parent: QWidget | None
                      ) -> Session | None:
        try:
            session = open_session(address, check_integrity="later")
        except DamagedFileError as error:
            session = self._offer_backup(address, error, parent)
        except (FileInUseError, ReadOnlyFileError) as error:
            session = self._offer_view(address, error, parent)
        except (PipelineError, pw.DatabaseError) as error:  # DatabaseError: damage met unchecked
            damage = None if isinstance(error, NotAPipelineError) else damage_of(address.path)
            if damage is None:
                Ask.warning(parent, str(error))
                return None
            session = self._offer_backup(address, damage, parent)
        if session is not None:
            self.settings.add_recent(address.url)
        return session

    def _open_behind(self, window: MainWindow, address: PipelineAddress) -> None:
        """Step 3 for a window painted before its session; if nothing opens, it goes."""
        session = self._open_session(address, window)
        if session is None:
            window.close()
            window.deleteLater()
            if self.window is window:
                self.window = None
            return
        window.controller.attach(session)
        self._opened(window)

    def _present(self, controller: PipelineController) -> MainWindow | None:
        self._building = []
        try:
            window = furnish(MainWindow(controller, self.settings, self))
        except Exception as error:  # a read met damage before the background check ran
            if not _database_error(error):
                raise
            return self._damaged_while_building(controller, error)
        finally:
            met, self._building = self._building, None
        if met:  # raised in a slot while building (e.g. the deal panel's first reads)
            window.deleteLater()
            return self._damaged_while_building(controller, met[0])
        previous, self.window = self.window, window
        if previous is not None:
            previous.close()
            previous.controller.close_session()
        window.show()
        self._opened(window)
        return window

    def _opened(self, window: MainWindow) -> None:
        """The window's session is open: team behaviour, the title, the background check."""
        team_watch.install(window)  # others' changes, retries, read-only roles (team mode)
        if window.session.read_only:
            window.setWindowTitle(window.windowTitle() + " " + window.tr("(read-only)"))
        check = BackgroundCheck(window.session, window)
        check.damaged.connect(lambda error: self._damaged(window, error))
        window.background_check = check  # type: ignore[attr-defined]
        QTimer.singleShot(CHECK_AFTER_MS, check.start)  # once the window is on screen

    # ---- the offers --------------------------------------------------------------------------

    def _offer_view(self, address: PipelineAddress, error: PipelineError,
                    parent: QWidget | None) -> Session | None:
        """In use by another window, or read-only: look at it read-only?"""
        if not Ask.question(parent, str(error), translate("backup", "Open read-only")):
            return None
        return _open_or_warn(address, parent, read_only=True)

    def _offer_backup(self, address: PipelineAddress, error: DamagedFileError,
                      parent: QWidget | None) -> Session | None:
        """Damaged: put the newest good backup in its place (the damaged file kept beside)?"""
        good = backup.latest_good_backup(paths.backups_dir(), error.path)
        what, details = _damage_told(error)
        if good is None:
            Ask.warning(parent, what + " " + translate(
                "backup", "There is no backup of it to restore."), details)
            return None
        when = backup.describe(good).made.strftime("%Y-%m-%d %H:%M")
        text = what + "\n\n" + translate(
            "backup",
            "Restore the latest good backup, from {when}? The damaged file is kept beside it.",
        ).format(when=when)
        if not Ask.question(parent, text, translate("backup", "Restore backup"), details):
            return None
        try:
            backup.restore_file(good, error.path, damaged=True)
        except StorageError as failure:
            Ask.warning(parent, str(failure))
            return None
        LOGGER.warning("restored %s from %s after damage: %s", error.path, good, error.problems)
        return _open_or_warn(address, parent)

    def _damaged_while_building(self, controller: PipelineController, error: BaseException
                                ) -> MainWindow | None:
        controller.close_session()
        address = PipelineAddress.parse(controller.url)
        damage = damage_of(address.path)
        if damage is None:
            Ask.warning(None, f"Could not read {address.display_name}: {error}")
            return None
        restored = self._offer_backup(address, damage, None)
        return self._present(PipelineController(restored)) if restored is not None else None

    def _damaged(self, window: MainWindow, error: DamagedFileError) -> None:
        """The background check or a read found the open file damaged."""
        if window in self._offered:
            return  # the check and a failed read both found it: one offer is enough
        self._offered.add(window)
        address = window.session.address
        window.close()
        window.controller.close_session()
        if self.window is window:
            self.window = None
        session = self._offer_backup(address, error, None)
        if session is not None:
            self._present(PipelineController(session))

    def _read_failed(self, error: BaseException) -> None:
        """DamageGuard: a read raised a damage error in some slot."""
        if self._building is not None:
            self._building.append(error)
            return
        window = self.window
        if window is not None:
            QTimer.singleShot(0, lambda: self._check_after_read_error(window, error))

    def _check_after_read_error(self, window: MainWindow, error: BaseException) -> None:
        damage = damage_of(window.session.path)
        if damage is not None:
            self._damaged(window, damage)
        elif window not in self._offered:
            Ask.warning(window, f"Could not read {window.session.display_name}: {error}")


def start(settings: AppSettings, db_option: str | None) -> MainWindow | int:
    """Start-up when the boot module could not paint a first page: the first start's
    question, then `Shell.open`. An exit code when nothing opened (0: the person declined)."""
    url = first_run_url(settings, db_option)
    if url is None:
        return 0
    window = Shell(settings).open(url)
    return window if window is not None else 1


def build_window(session: Session, settings: AppSettings, shell: Shell | None = None
                 ) -> MainWindow:
    """A window on a session opened elsewhere (the screenshot command, tests); not shown, no
    background check. It still has a shell, so File › Open and a restore can replace it."""
    shell = shell if shell is not None else Shell(settings)
    window = furnish(MainWindow(PipelineController(session), settings, shell))
    shell.window = window
    team_watch.install(window)
    return window


def damage_of(path: Path | None) -> DamagedFileError | None:
    """The integrity check's verdict on a file, as the error to show (None when healthy, for
    a server, or when the file is not there)."""
    if path is None or not path.exists():
        return None
    problems = integrity_problems(path)
    return DamagedFileError(path, problems) if problems else None


def _damage_told(error: DamagedFileError) -> tuple[str, str]:
    """The offer's plain statement, and what the check found (SQLite's lines of page numbers
    mean nothing to most people: they go under Show Details…)."""
    what = translate("backup", "{name} is damaged and cannot be opened safely.").format(
        name=error.path.name)
    found = "\n".join(line for problem in error.problems[:MAX_DETAILS]
                      for line in problem.splitlines())
    return what, translate("backup", "What the check found:") + "\n" + found


def _database_error(error: BaseException) -> bool:
    """peewee wraps what its execute meets; a cursor's later fetch raises sqlite3's own."""
    return isinstance(error, (sqlite3.DatabaseError, pw.DatabaseError))


def _open_or_warn(address: PipelineAddress, parent: QWidget | None, *, read_only: bool = False
                  ) -> Session | None:
    try:
        return open_session(address, read_only=read_only)
    except PipelineError as error:
        Ask.warning(parent, str(error))
        return None


class BackgroundCheck(QObject):
    """Checks an open pipeline file in a thread, then makes the day's backup if it is healthy.
    A session opened `checking` gets `quick_check` first: `writable` then lets edits be saved
    while the full check goes on. `damaged` carries a DamagedFileError."""

    damaged = Signal(object)
    writable = Signal()
    done = Signal()

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.writable.connect(self._allow_writes)

    def start(self) -> None:
        if self.session.path is None:
            self.done.emit()
            return
        threading.Thread(target=self._run, daemon=True, name="integrity-check").start()

    def _run(self) -> None:
        try:
            if not self._healthy():
                return
        except CheckInterrupted:  # the window closed meanwhile
            return
        try:
            allow_writes(self.session.db)  # this thread's own connection: VACUUM INTO writes
            backup_on_open(self.session)
        finally:
            if not self.session.db.is_closed():
                self.session.db.close()  # this thread's own connection
        self.done.emit()

    def _healthy(self) -> bool:
        """Quick check first when edits wait for it, then the full one; False on damage."""
        path = self.session.path
        assert path is not None
        db = self.session.db
        tracker = db if isinstance(db, TrackedSqliteDatabase) else None
        if self.session.checking and self._found_damage(
                path, integrity_problems(path, quick=True, tracker=tracker)):
            return False
        self.writable.emit()
        return not self._found_damage(path, integrity_problems(path, tracker=tracker))

    def _allow_writes(self) -> None:
        """On the GUI thread, whose connection the edits use."""
        self.session.check_passed()

    def _found_damage(self, path: Path, problems: list[str]) -> bool:
        if problems:
            self.damaged.emit(DamagedFileError(path, problems))
        return bool(problems)


def backup_on_open(session: Session) -> Path | None:
    """The day's first open makes a backup; a failure is logged, it never blocks opening."""
    path = session.path
    if path is None or session.read_only:
        return None
    try:
        return backup.daily_backup(session.db, path, paths.backups_dir())
    except StorageError as error:
        LOGGER.warning("daily backup of %s failed: %s", path, error)
        return None
