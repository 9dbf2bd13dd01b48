"""File › Import…, File › Export to Excel… and File › Export for a CRM…: ask for the file,
run the work in a worker thread with progress and Cancel, and put the import on the undo
stack ("Undo import")."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QFileDialog, QWidget

from pipeline_desktop.services.excel.apply import backup_before_import, install
from pipeline_desktop.services.excel.crm_export import export_for_crm as write_for_crm
from pipeline_desktop.services.excel.crm_export import layout_for
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
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.dialogs.crm_export import CrmExportDialog
from pipeline_desktop.ui.dialogs.import_wizard import ImportWizard
from pipeline_desktop.ui.dialogs.stage_mapping import StageContext
from pipeline_desktop.ui.file_folders import remember_folder, start_folder
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.status import say
from pipeline_desktop.ui.workers import Progress, run_job

IMPORT_FILTER = ("Spreadsheets and CSV files (*.xlsx *.xlsm *.xls *.ods *.csv *.tsv *.txt);;"
                 "Excel workbooks (*.xlsx *.xlsm *.xls);;OpenDocument spreadsheets (*.ods);;"
                 "CSV and text files (*.csv *.tsv *.txt);;All files (*)")
EXPORT_FILTER = "Excel workbooks (*.xlsx)"
CRM_FILTER = "CSV files (*.csv);;Excel workbooks (*.xlsx)"


def ask_import_path(parent: QWidget, settings: AppSettings) -> Path | None:
    """The file to import (tests replace this)."""
    path, _ = QFileDialog.getOpenFileName(parent, parent.tr("Import"), str(start_folder(settings)),
                                          parent.tr(IMPORT_FILTER))
    if not path:
        return None
    remember_folder(settings, path)
    return Path(path)


def ask_export_path(parent: QWidget, settings: AppSettings, name: str) -> Path | None:
    suggested = start_folder(settings) / f"{name}.xlsx"
    path, _ = QFileDialog.getSaveFileName(parent, parent.tr("Export to Excel"), str(suggested),
                                          parent.tr(EXPORT_FILTER))
    if not path:
        return None
    remember_folder(settings, path)
    chosen = Path(path)
    return chosen if chosen.suffix.lower() in (".xlsx", ".xlsm") else chosen.with_suffix(".xlsx")


def ask_wizard(parent: QWidget, controller: PipelineController, preview: Preview
               ) -> tuple[Preview, bool] | None:
    """Show the wizard (tests replace this to answer it)."""
    repository = controller.repository

    def rebuild(options: Options) -> Preview | None:
        return _preview(parent, controller, preview.source.path, options)

    def save_presets(presets: dict[str, dict[str, str]]) -> None:
        repository.set_setting(PRESETS_KEY, presets)

    presets = repository.setting(PRESETS_KEY, {}) or {}
    stage_context = StageContext(
        [stage.name for stage in repository.stages()],
        repository.setting(STAGE_PRESETS_KEY, {}) or {},
        lambda saved: repository.set_setting(STAGE_PRESETS_KEY, saved))
    return ImportWizard.ask(preview, rebuild, presets, save_presets, parent,
                            stage_context=stage_context)


def _preview(parent: QWidget, controller: PipelineController, path: Path,
             options: Options | None = None) -> Preview | None:
    repository = controller.repository
    result = run_job(parent, parent.tr("Reading %s…") % path.name,
                     lambda progress: build_preview(repository, path, options, progress),
                     databases=(repository.db,), cancel_errors=(Cancelled,))
    return None if result.cancelled else result.value


def import_workbook(parent: QWidget, controller: PipelineController, settings: AppSettings,
                    path: Path | None = None) -> Preview | None:
    """The whole import: file → wizard (mapping, preview) → backup → one undoable command."""
    path = path or ask_import_path(parent, settings)
    if path is None:
        return None
    preview = _preview(parent, controller, path)
    if preview is None:
        return None
    answer = ask_wizard(parent, controller, preview)
    if answer is None:
        return None
    preview, take_conflicts = answer
    edit = preview.edit(take_conflicts=take_conflicts)
    if edit.is_empty():
        remember_crm(controller.repository, preview)  # its stage names, record IDs
        say(parent, parent.tr("Nothing to import: %s") % preview.summary(), 8000)
        return preview
    install(controller.repository)
    pipeline_path = controller.session.path

    def apply(progress: Progress) -> Any:
        backup_before_import(controller.repository, pipeline_path)  # off the GUI thread
        command = replace(edit, progress=progress)
        try:
            return controller.repository.apply(command)
        except WriteFault as fault:  # a full disk…: say what it means for this import
            raise fault.with_outcome(NOTHING_IMPORTED) from None

    result = run_job(parent, parent.tr("Importing %s…") % path.name, apply,
                     databases=(controller.repository.db,), cancel_errors=(Cancelled,))
    if result.cancelled:
        say(parent, parent.tr("Import cancelled; nothing was changed"), 8000)
        return None
    applied = result.value
    controller.push_applied(applied, edit.label, notify=False)
    adopt_identity(controller.repository, preview)
    controller.changed.emit(applied.changes)
    say(parent, parent.tr("Imported %s: %s") % (path.name, preview.summary()), 10000)
    return preview


def export_workbook(parent: QWidget, controller: PipelineController, settings: AppSettings,
                    path: Path | None = None) -> Path | None:
    session = controller.session
    path = path or ask_export_path(parent, settings, session.display_name)
    if path is None:
        return None
    repository = controller.repository

    def job(progress: Progress) -> int:
        return write_workbook(repository, path, pipeline_file=session.url, progress=progress)

    result = run_job(parent, parent.tr("Exporting to %s…") % path.name, job,
                     databases=(repository.db,), cancel_errors=(Cancelled,))
    if result.cancelled:
        say(parent, parent.tr("Export cancelled"), 5000)
        return None
    say(parent, parent.tr("%d deals exported to %s") % (result.value, path), 10000)
    return path


def ask_crm_export(parent: QWidget) -> tuple[str, bool] | None:
    """Which CRM, only changed deals (tests replace this to answer it)."""
    return CrmExportDialog.ask(parent)


def ask_crm_export_path(parent: QWidget, settings: AppSettings, name: str, crm: str
                        ) -> Path | None:
    suggested = start_folder(settings) / f"{name}-{crm}.csv"
    path, chosen_filter = QFileDialog.getSaveFileName(
        parent, parent.tr("Export for a CRM"), str(suggested), parent.tr(CRM_FILTER))
    if not path:
        return None
    chosen = Path(path)
    if chosen.suffix.lower() not in (".csv", ".xlsx"):
        chosen = chosen.with_suffix(".xlsx" if "xlsx" in chosen_filter else ".csv")
    return chosen


def export_for_crm(parent: QWidget, controller: PipelineController, settings: AppSettings,
                   path: Path | None = None) -> Path | None:
    """File › Export for a CRM…: the deals in that CRM's import layout, in the worker."""
    answer = ask_crm_export(parent)
    if answer is None:
        return None
    crm, changed_only = answer
    path = path or ask_crm_export_path(parent, settings, controller.session.display_name, crm)
    if path is None:
        return None
    repository = controller.repository

    def job(progress: Progress) -> Any:
        return write_for_crm(repository, path, crm, changed_only=changed_only,
                             progress=progress)

    result = run_job(parent, parent.tr("Exporting to %s…") % path.name, job,
                     databases=(repository.db,), cancel_errors=(Cancelled,))
    if result.cancelled:
        say(parent, parent.tr("Export cancelled"), 5000)
        return None
    message = parent.tr("%d deals written for %s to %s") % (
        result.value.deals, layout_for(crm).name, path)
    if result.value.neutralised:
        message += parent.tr("; %d cells starting with = + - @ got a leading apostrophe "
                             "(the CRM keeps it: use .xlsx to avoid it)") % result.value.neutralised
    say(parent, message, 15000)
    return path
