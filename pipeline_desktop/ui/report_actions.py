"""File › Export report (PDF)…: ask where, write the report, say where it went."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog

from pipeline_desktop.ui.file_folders import remember_folder, start_folder
from pipeline_desktop.ui.report import write_report

if TYPE_CHECKING:
    from pipeline_desktop.ui.main_window import MainWindow


def ask_path(window: MainWindow, suggested: Path) -> Path | None:
    """The file to write, or None when the user cancels (tests replace this)."""
    path, _ = QFileDialog.getSaveFileName(window, window.tr("Export report"), str(suggested),
                                          window.tr("PDF files (*.pdf)"))
    if not path:
        return None
    remember_folder(window.settings, path)
    chosen = Path(path)
    return chosen if chosen.suffix.lower() == ".pdf" else chosen.with_suffix(".pdf")


def export_report(window: MainWindow) -> Path | None:
    """Write the last 90 days' report; a problem writing it reaches the user as one sentence
    (StorageError through the window's run_guarded)."""
    session = window.session
    folder = start_folder(window.settings)
    suggested = folder / f"{session.display_name} report {date.today().isoformat()}.pdf"
    out = ask_path(window, suggested)
    if out is None:
        return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        pages = write_report(session, out)
    finally:
        QApplication.restoreOverrideCursor()
    window.statusBar().showMessage(window.tr("Report written to %s (%d pages)") % (out, pages),
                                   8000)
    return out
