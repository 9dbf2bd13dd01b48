"""Where a file dialog opens: the folder the person last chose a file in, else their Documents
folder; never the app's hidden data folder (where the sample pipeline lives)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QStandardPaths

from pipeline_desktop import paths
from pipeline_desktop.ui.settings import AppSettings

FILE_FILTER = "Pipeline files (*.pipeline *.db *.sqlite);;All files (*)"


def documents_folder() -> Path:
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def start_folder(settings: AppSettings) -> Path:
    last = settings.get("last_folder")
    if last and Path(last).is_dir() and not _inside_data_folder(Path(last)):
        return Path(last)
    return documents_folder()


def remember_folder(settings: AppSettings, chosen: str | Path) -> None:
    """A file was chosen: the next dialog opens beside it."""
    settings.set("last_folder", str(Path(chosen).parent))


def _inside_data_folder(folder: Path) -> bool:
    try:
        return folder.resolve().is_relative_to(paths.data_dir().resolve())
    except OSError:
        return False
