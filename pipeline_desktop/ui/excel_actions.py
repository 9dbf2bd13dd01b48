"""File › Import…, File › Export to Excel… and File › Export for a CRM…: ask for the file,
run the work in a worker thread with progress and Cancel, and put the import on the undo
stack ("Undo import")."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QFileDialog

from pipeline_desktop.services.excel.apply import backup_before_import, install
from pipeline_desktop.services.excel.export import export_workbook as write_workbook
from pipeline_desktop.services.excel.mapping import PRESETS_KEY
from pipeline_desktop.services.excel.preview import (
    Options,
    Preview,
    adopt_identity,
    build_preview,
    remember_crm,
)
from pipeline_desktop.services.excel.read import Cancelled
from pipeline_desktop.services.excel.stage_choices import STAGE_PRESETS_KEY
from pipeline_desktop.storage.integrity import NOTHING_IMPORTED, WriteFault
from pipeline_desktop.ui.dialogs.import_wizard import ImportWizard
from pipeline_desktop.ui.dialogs.stage_mapping import StageContext
from pipeline_desktop.ui.file_folders import remember_folder, start_folder
from pipeline_desktop.ui.workers import Progress, run_job

if TYPE_CHECKING:
    from pipeline_desktop.ui.main_window import MainWindow

IMPORT_FILTER = ("Spreadsheets and CSV files (*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt);;"
                 "Excel workbooks (*.xlsx *.xlsm *.xls);;OpenDocument spreadsheets (*.ods);;"
                 "CSV and text files (*.csv *.tsv *.txt);;All files (*)")
EXPORT_FILTER = "Excel workbooks (*.xlsx)"
CRM_FILTER = "CSV files (*.csv);;Excel workbooks (*.xlsx)"


def _folder(window: MainWindow) -> Path:
    return start_folder(window.settings)


def ask_import_path(window: MainWindow) -> Path | None:
    """The file to import (tests replace this)."""
    path, _ = QFileDialog.getOpenFileName(window, window.tr("Import"), str(_folder(window)),
                                          window.tr(IMPORT_FILTER))
    if not path:
        return None
    remember_folder(window.settings, path)
    return Path(path)


def ask_export_path(window: MainWindow) -> Path | None:
    suggested = _folder(window) / f"{window.session.display_name}.xlsx"
    path, _ = QFileDialog.getSaveFileName(window, window.tr("Export to Excel"), str(suggested),
                                          window.tr(EXPORT_FILTER))
    if not path:
        return None
    remember_folder(window.settings, path)
    chosen = Path(path)
    return chosen if chosen.suffix.lower() in (".xlsx", ".xlsm") else chosen.with_suffix(".xlsx")


def ask_wizard(window: MainWindow, preview: Preview) -> tuple[Preview, bool] | None:
    """Show the wizard (tests replace this to answer it)."""
    repository = window.controller.repository

    def rebuild(options: Options) -> Preview | None:
        return _preview(window, preview.source.path, options)

    def save_presets(presets: dict[str, dict[str, str]]) -> None:
        repository.set_setting(PRESETS_KEY, presets)

    presets = repository.setting(PRESETS_KEY, {}) or {}
    stage_context = StageContext(
        [stage.name for stage in repository.stages()],
        repository.setting(STAGE_PRESETS_KEY, {}) or {},
        lambda saved: repository.set_setting(STAGE_PRESETS_KEY, saved))
    return ImportWizard.ask(preview, rebuild, presets, save_presets, window,
                            stage_context=stage_context)


def _preview(window: MainWindow, path: Path, options: Options | None = None
             ) -> Preview | None:
    repository = window.controller.repository
    result = run_job(window, window.tr("Reading %s…") % path.name,
                     lambda progress: build_preview(repository, path, options, progress),
                     databases=(repository.db,), cancel_errors=(Cancelled,))
    return None if result.cancelled else result.value


def import_workbook(window: MainWindow, path: Path | None = None) -> Preview | None:
    """The whole import: file → wizard (mapping, preview) → backup → one undoable command."""
    path = path or ask_import_path(window)
    if path is None:
        return None
    preview = _preview(window, path)
    if preview is None:
        return None
    answer = ask_wizard(window, preview)
    if answer is None:
        return None
    preview, take_conflicts = answer
    edit = preview.edit(take_conflicts=take_conflicts)
    if edit.is_empty():
        remember_crm(window.controller.repository, preview)  # its stage names, record IDs
        window.statusBar().showMessage(window.tr("Nothing to import: %s") % preview.summary(),
                                       8000)
        return preview
    controller = window.controller
    install(controller.repository)

    def apply(progress: Progress) -> Any:
        backup_before_import(controller.repository, window.session.path)  # off the GUI thread
        command = replace(edit, progress=progress)
        try:
            return controller.repository.apply(command)
        except WriteFault as fault:  # a full disk…: say what it means for this import
            raise fault.with_outcome(NOTHING_IMPORTED) from None

    result = run_job(window, window.tr("Importing %s…") % path.name, apply,
                     databases=(controller.repository.db,), cancel_errors=(Cancelled,))
    if result.cancelled:
        window.statusBar().showMessage(window.tr("Import cancelled; nothing was changed"), 8000)
        return None
    applied = result.value
    controller.push_applied(applied, edit.label, notify=False)
    adopt_identity(controller.repository, preview)
    controller.changed.emit(applied.changes)
    window.statusBar().showMessage(window.tr("Imported %s: %s") % (path.name, preview.summary()),
                                   10000)
    return preview


def export_workbook(window: MainWindow, path: Path | None = None) -> Path | None:
    path = path or ask_export_path(window)
    if path is None:
        return None
    repository = window.controller.repository
    session = window.session

    def job(progress: Progress) -> int:
        return write_workbook(repository, path, pipeline_file=session.url, progress=progress)

    result = run_job(window, window.tr("Exporting to %s…") % path.name, job,
                     databases=(repository.db,), cancel_errors=(Cancelled,))
    if result.cancelled:
        window.statusBar().showMessage(window.tr("Export cancelled"), 5000)
        return None
    window.statusBar().showMessage(window.tr("%d deals exported to %s") % (result.value, path),
                                   10000)
    return path


def ask_crm_export(window: MainWindow) -> tuple[str, bool] | None:
    """Which CRM, only changed deals (tests replace this to answer it)."""
    from pipeline_desktop.ui.dialogs.crm_export import CrmExportDialog

    return CrmExportDialog.ask(window)


def ask_crm_export_path(window: MainWindow, crm: str) -> Path | None:
    suggested = _folder(window) / f"{window.session.display_name}-{crm}.csv"
    path, chosen_filter = QFileDialog.getSaveFileName(
        window, window.tr("Export for a CRM"), str(suggested), window.tr(CRM_FILTER))
    if not path:
        return None
    chosen = Path(path)
    if chosen.suffix.lower() not in (".csv", ".xlsx"):
        chosen = chosen.with_suffix(".xlsx" if "xlsx" in chosen_filter else ".csv")
    return chosen


def export_for_crm(window: MainWindow, path: Path | None = None) -> Path | None:
    """File › Export for a CRM…: the deals in that CRM's import layout, in the worker."""
    from pipeline_desktop.services.excel.crm_export import export_for_crm as write_for_crm
    from pipeline_desktop.services.excel.crm_export import layout_for

    answer = ask_crm_export(window)
    if answer is None:
        return None
    crm, changed_only = answer
    path = path or ask_crm_export_path(window, crm)
    if path is None:
        return None
    repository = window.controller.repository

    def job(progress: Progress) -> Any:
        return write_for_crm(repository, path, crm, changed_only=changed_only,
                             progress=progress)

    result = run_job(window, window.tr("Exporting to %s…") % path.name, job,
                     databases=(repository.db,), cancel_errors=(Cancelled,))
    if result.cancelled:
        window.statusBar().showMessage(window.tr("Export cancelled"), 5000)
        return None
    message = window.tr("%d deals written for %s to %s") % (
        result.value.deals, layout_for(crm).name, path)
    if result.value.neutralised:
        message += window.tr("; %d cells starting with = + - @ got a leading apostrophe "
                             "(the CRM keeps it: use .xlsx to avoid it)") % result.value.neutralised
    window.statusBar().showMessage(message, 15000)
    return path
