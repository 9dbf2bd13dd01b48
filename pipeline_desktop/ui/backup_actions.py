"""File › Restore backup…, the daily backup when a pipeline opens, and what opening does when a
file is damaged, in use by another window, or read-only."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import peewee as pw
from PySide6.QtCore import QT_TRANSLATE_NOOP, QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from pipeline_desktop import APP_NAME, paths
from pipeline_desktop.errors import NotAPipelineError, PipelineError, StorageError
from pipeline_desktop.session import Session, open_session
from pipeline_desktop.storage import backup
from pipeline_desktop.storage.connections import TrackedSqliteDatabase
from pipeline_desktop.storage.database import allow_writes, sqlite_path
from pipeline_desktop.storage.integrity import (
    CheckInterrupted,
    DamagedFileError,
    ReadOnlyFileError,
    integrity_problems,
)
from pipeline_desktop.storage.lock import FileInUseError

if TYPE_CHECKING:
    from pipeline_desktop.ui.main_window import MainWindow

LOGGER = logging.getLogger("pipeline_desktop.backup")
REASONS = {  # marked for lupdate; RestoreDialog translates them with self.tr
    "daily": QT_TRANSLATE_NOOP("RestoreDialog", "opened that day"),
    "before-import": QT_TRANSLATE_NOOP("RestoreDialog", "before an import"),
    "before-restore": QT_TRANSLATE_NOOP("RestoreDialog", "before a restore"),
    "manual": QT_TRANSLATE_NOOP("RestoreDialog", "saved by hand"),
}


translate = QApplication.translate  # lupdate finds translate("backup", "…") calls


# ---- opening -------------------------------------------------------------------------------

def open_with_recovery(url: str, parent: QWidget | None, *, check_later: bool = False
                       ) -> Session | None:
    """Open a pipeline, asking the user what to do when it is damaged, in use or read-only.
    Shows the message itself and returns None when nothing was opened. With `check_later` the
    file is opened unchecked when that writes nothing (the session is then `checking`, and
    refuses writes); `BackgroundCheck` runs the checks and the daily backup, so a large
    pipeline's window appears sooner."""
    try:
        session = open_session(url, check_integrity="later" if check_later else "full")
    except DamagedFileError as error:
        return _offer_restore(url, error, parent)
    except (FileInUseError, ReadOnlyFileError) as error:
        if not Ask.question(parent, str(error), translate("backup", "Open read-only")):
            return None
        return _open_or_warn(url, parent, read_only=True)
    except (PipelineError, pw.DatabaseError) as error:  # DatabaseError: damage met unchecked
        damaged = _damage_behind(url, error) if check_later else None
        if damaged is not None:
            return _offer_restore(url, damaged, parent)
        Ask.warning(parent, str(error))
        return None
    if not check_later:
        backup_on_open(session)
    return session


def _damage_behind(url: str, error: Exception) -> DamagedFileError | None:
    """Opening without the full check failed: was it because the file is damaged?"""
    path = sqlite_path(url)
    if path is None or not path.exists() or isinstance(error, FileInUseError | NotAPipelineError):
        return None
    return damage_of(path)


def damage_of(path: Path) -> DamagedFileError | None:
    """The integrity check's verdict on a file, as the error to show (None when healthy)."""
    problems = integrity_problems(path)
    return DamagedFileError(path, problems) if problems else None


class BackgroundCheck(QObject):
    """Checks an open pipeline file in a thread, then makes the day's backup if it is healthy
    (a damaged file must never push a good backup out). A session opened `checking` gets
    `quick_check` first: `writable` then lets edits be saved while the full check goes on.
    `damaged` carries a DamagedFileError."""

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
            healthy = self._check()
        except CheckInterrupted:  # the window closed meanwhile
            return
        if not healthy:
            return
        try:
            allow_writes(self.session.db)  # this thread's own connection: VACUUM INTO writes
            backup_on_open(self.session)
        finally:
            if not self.session.db.is_closed():
                self.session.db.close()  # this thread's own connection
        self.done.emit()

    def _check(self) -> bool:
        """Quick check first when edits wait for it, then the full one; False on damage."""
        path = self.session.path
        assert path is not None
        tracker = self.session.db if isinstance(self.session.db, TrackedSqliteDatabase) else None
        if self.session.checking and self._found_damage(
                integrity_problems(path, quick=True, tracker=tracker)):
            return False
        self.writable.emit()
        return not self._found_damage(integrity_problems(path, tracker=tracker))

    def _allow_writes(self) -> None:
        """On the GUI thread, whose connection the edits use."""
        self.session.check_passed()

    def _found_damage(self, problems: list[str]) -> bool:
        if problems:
            assert self.session.path is not None
            self.damaged.emit(DamagedFileError(self.session.path, problems))
        return bool(problems)


def restore_damaged(url: str, error: DamagedFileError, parent: QWidget | None
                    ) -> Session | None:
    """Offer the latest good backup for a file found damaged after it was opened (the caller
    closed it first); the reopened pipeline, or None."""
    return _offer_restore(url, error, parent)


def _open_or_warn(url: str, parent: QWidget | None, *, read_only: bool = False
                  ) -> Session | None:
    try:
        return open_session(url, read_only=read_only)
    except PipelineError as error:
        Ask.warning(parent, str(error))
        return None


def _offer_restore(url: str, error: DamagedFileError, parent: QWidget | None) -> Session | None:
    good = backup.latest_good_backup(paths.backups_dir(), error.path)
    if good is None:
        Ask.warning(parent, str(error) + " "
                    + translate("backup", "There is no backup of it to restore."))
        return None
    when = backup.describe(good).made.strftime("%Y-%m-%d %H:%M")
    text = str(error) + " " + translate(
        "backup",
        "Restore the latest good backup, from {when}? The damaged file is kept beside it.",
    ).format(when=when)
    if not Ask.question(parent, text, translate("backup", "Restore backup")):
        return None
    try:
        backup.restore_file(good, error.path, damaged=True)
    except StorageError as failure:
        Ask.warning(parent, str(failure))
        return None
    LOGGER.warning("restored %s from %s after damage: %s", error.path, good, error.problems)
    return _open_or_warn(url, parent)


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


# ---- File › Restore backup… ----------------------------------------------------------------

def restore_backup(window: MainWindow) -> None:
    session = window.session
    path = session.path
    if path is None:
        raise PipelineError(translate("backup",
                                      "Backups of a team pipeline are kept by its server."))
    if session.read_only:
        raise PipelineError(translate(
            "backup", "This window shows the pipeline read-only; restore it from the window "
                      "that has it open for writing."))
    infos = backup.list_backups(paths.backups_dir(), path)
    if not infos:
        raise PipelineError(translate("backup", "There are no backups of {name} yet.")
                            .format(name=path.name))
    chosen = RestoreDialog.ask(window, infos)
    if chosen is None:
        return
    replace_with_backup(window, chosen)


def replace_with_backup(window: MainWindow, chosen: Path) -> MainWindow | None:
    """Back up the current state, close the file, put the backup in its place, reopen it."""
    session = window.session
    path = session.path
    assert path is not None
    backup.make_backup(session.db, path, paths.backups_dir(), backup.BEFORE_RESTORE,
                       prune_after=False)  # pruning now could delete the chosen backup
    session.close()
    try:
        backup.restore_file(chosen, path)
    except StorageError as error:
        Ask.warning(window, str(error))  # the old file is untouched: reopen it
    finally:
        backup.prune(paths.backups_dir(), path)
    LOGGER.info("restored %s from %s", path, chosen)
    return _reopen(window, session.url)


def _reopen(window: MainWindow, url: str) -> MainWindow | None:
    from pipeline_desktop.ui.app import Shell

    shell = window.shell
    if shell is None:
        shell = Shell(window.settings)
        shell.window = window
    return shell.open(url, replacing=window)


class RestoreDialog(QDialog):
    """Lists the backups, newest first; `ask` returns the chosen file or None."""

    def __init__(self, parent: QWidget | None, infos: list[backup.BackupInfo]) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Restore backup"))
        self.setObjectName("restore_dialog")
        layout = QVBoxLayout(self)
        intro = QLabel(self.tr("Choose the backup to go back to. The pipeline as it is now is "
                               "backed up first, so this can be undone the same way."))
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setObjectName("backup_list")
        self.list.setAccessibleName(self.tr("Backups, newest first"))
        for info in infos:
            reason = self.tr(REASONS.get(info.reason, info.reason))
            deals = backup.deal_count(info.path)
            held = (self.tr("unreadable") if deals is None else self.tr("1 deal") if deals == 1
                    else self.tr("{n} deals").format(n=f"{deals:,}"))
            text = (f"{info.made:%Y-%m-%d %H:%M}   {reason}   {held}   "
                    f"{info.size / 1_000_000:.1f} MB")
            item = QListWidgetItem(text, self.list)
            item.setData(Qt.ItemDataRole.UserRole, str(info.path))
        self.list.setCurrentRow(0)
        self.list.itemDoubleClicked.connect(lambda _item: self.accept())
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        restore = buttons.addButton(self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        restore.setObjectName("restore_button")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(520, 360)

    def chosen(self) -> Path | None:
        item = self.list.currentItem()
        return Path(item.data(Qt.ItemDataRole.UserRole)) if item else None

    @classmethod
    def ask(cls, parent: QWidget | None, infos: list[backup.BackupInfo]) -> Path | None:
        dialog = cls(parent, infos)
        return dialog.chosen() if dialog.exec() == QDialog.DialogCode.Accepted else None


class Ask:
    """Message boxes behind classmethods, so tests can answer them."""

    @classmethod
    def question(cls, parent: QWidget | None, text: str, yes_text: str) -> bool:
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, text,
                          QMessageBox.StandardButton.Cancel, parent)
        yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
        box.exec()
        return box.clickedButton() is yes

    @classmethod
    def warning(cls, parent: QWidget | None, text: str) -> None:
        QMessageBox.warning(parent, APP_NAME, text)


def is_same_file(url: str, session: Session | None) -> bool:
    if session is None or session.path is None:
        return False
    other = sqlite_path(url)
    return other is not None and other.resolve() == session.path.resolve()
