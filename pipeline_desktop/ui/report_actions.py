"""File › Export report (PDF)…: ask where, write the report, say where it went."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog, QWidget

from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.file_folders import remember_folder, start_folder
from pipeline_desktop.ui.report import write_report
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.status import say


def ask_path(parent: QWidget, settings: AppSettings, suggested: Path) -> Path | None:
    """The file to write, or None when the user cancels (tests replace this)."""
    path, _ = QFileDialog.getSaveFileName(parent, parent.tr("Export report"), str(suggested),
                                          parent.tr("PDF files (*.pdf)"))
    if not path:
        return None
    remember_folder(settings, path)
    chosen = Path(path)
    return chosen if chosen.suffix.lower() == ".pdf" else chosen.with_suffix(".pdf")


def export_report(parent: QWidget, controller: PipelineController, settings: AppSettings
                  ) -> Path | None:
    """Write the last 90 days' report; a problem writing it reaches the user as one sentence
    (StorageError through the window's run_guarded)."""
    session = controller.session
    folder = start_folder(settings)
    suggested = folder / f"{session.display_name} report {date.today().isoformat()}.pdf"
    out = ask_path(parent, settings, suggested)
    if out is None:
        return None
    QApplication.setOverrideCursor(Qt.CursorShape.WaitCursor)
    try:
        pages = write_report(session, out)
    finally:
        QApplication.restoreOverrideCursor()
    say(parent, parent.tr("Report written to %s (%d pages)") % (out, pages), 8000)
    return out
