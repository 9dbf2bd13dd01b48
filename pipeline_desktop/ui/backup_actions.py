"""File › Restore backup… and the list of backups it offers. What opening does with a damaged,
in-use or read-only file, the check and the day's backup are the shell's (`ui/shell.py`)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pipeline_desktop import paths
from pipeline_desktop.errors import PipelineError, StorageError
from pipeline_desktop.storage import backup
from pipeline_desktop.storage.copy import copy_pipeline
from pipeline_desktop.ui.ask import Ask
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.file_folders import FILE_FILTER, remember_folder, start_folder
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.status import say

if TYPE_CHECKING:
    from pipeline_desktop.session import Session

LOGGER = logging.getLogger("pipeline_desktop.backup")
REASONS = {  # marked for lupdate; RestoreDialog translates them with self.tr
    "daily": QT_TRANSLATE_NOOP("RestoreDialog", "opened that day"),
    "before-import": QT_TRANSLATE_NOOP("RestoreDialog", "before an import"),
    "before-restore": QT_TRANSLATE_NOOP("RestoreDialog", "before a restore"),
    "manual": QT_TRANSLATE_NOOP("RestoreDialog", "saved by hand"),
}


translate = QApplication.translate  # lupdate finds translate("backup", "…") calls


# ---- File › Restore backup… ----------------------------------------------------------------

def restore_backup(parent: QWidget, controller: PipelineController,
                   reopen: Callable[[], object]) -> None:
    """Choose a backup and put it in the pipeline's place; `reopen` opens the file again (the
    shell, through the window)."""
    session = controller.session
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
    chosen = RestoreDialog.ask(parent, infos)
    if chosen is None:
        return
    replace_with_backup(parent, session, chosen, reopen)


def replace_with_backup(parent: QWidget, session: Session, chosen: Path,
                        reopen: Callable[[], object]) -> object:
    """Back up the current state, close the file, put the backup in its place, reopen it."""
    path = session.path
    assert path is not None
    backup.make_backup(session.db, path, paths.backups_dir(), backup.BEFORE_RESTORE,
                       prune_after=False)  # pruning now could delete the chosen backup
    session.close()
    try:
        backup.restore_file(chosen, path)
    except StorageError as error:
        Ask.warning(parent, str(error))  # the old file is untouched: reopen it
    finally:
        backup.prune(paths.backups_dir(), path)
    LOGGER.info("restored %s from %s", path, chosen)
    return reopen()


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


def save_copy(parent: QWidget, controller: PipelineController, settings: AppSettings) -> None:
    """File › Save a copy as…: the open pipeline, copied whole into a new file."""
    path, _ = QFileDialog.getSaveFileName(parent, translate("backup", "Save a copy as"),
                                          str(start_folder(settings) / "Copy.pipeline"),
                                          FILE_FILTER)
    if path:
        remember_folder(settings, path)
        copy_pipeline(controller.session.db, Path(path))
        say(parent, translate("backup", "Copy saved to %s") % path, 5000)
