"""Settings in the workbook: write every section's sheet on export; on import, read them back,
compare them with the pipeline's and list the differences (`SettingsDiff`), which the import
applies in its own transaction when accepted (`apply.TableEdit.settings`)."""

from __future__ import annotations

from typing import Any

import peewee as pw

from pipeline_desktop.services.excel.read import Source, read_sheet
from pipeline_desktop.services.excel.schema import SheetSpec
from pipeline_desktop.services.excel.settings_base import (
    SettingChange,
    SettingsDiff,
    SheetRows,
    stored_settings,
)
from pipeline_desktop.services.excel.settings_sections import SECTIONS
from pipeline_desktop.services.excel.validate import Problem

__all__ = ["SECTIONS", "read_settings", "settings_sheet_names", "write_settings_sheets"]


def settings_sheet_names() -> list[str]:
    return [section.sheet for section in SECTIONS]


def write_settings_sheets(writer: Any, db: pw.Database, ticker: Any) -> None:
    """One sheet per section, after the data sheets (`writer` is export's sheet writer)."""
    stored = stored_settings(db)
    for section in SECTIONS:
        rows = section.rows(section.load(stored))
        worksheet = writer.sheet(SheetSpec(section.sheet, "setting", section.columns), rows,
                                 ticker, autofilter=False)
        if section.decorate is not None:
            section.decorate(worksheet, len(rows))


def read_settings(source: Source, db: pw.Database, *, restore: bool
                  ) -> tuple[SettingsDiff, list[Problem]]:
    """The workbook's settings sheets against the pipeline's settings. A sheet the workbook
    lacks changes nothing; a sheet with problems changes nothing either (the problems keep
    the whole import from being applied). `restore`: the pipeline is empty, so the
    differences are accepted unless the user says otherwise."""
    diff = SettingsDiff(accepted=restore, restore=restore)
    problems: list[Problem] = []
    if source.info is None:
        return diff, problems
    stored = stored_settings(db)
    for section in SECTIONS:
        if source.info.sheet(section.sheet) is None:
            continue
        sheet = SheetRows(section.sheet, read_sheet(source, section.sheet))
        new = section.read(sheet)
        if sheet.problems:
            problems += sheet.problems
            continue
        old = section.load(stored)
        for key in section.keys:
            if key in new and new[key] != old.get(key):
                lines = section.describe(key, old.get(key), new[key]) or [
                    f"{section.sheet}: changed"]
                diff.changes.append(SettingChange(section.sheet, key, old.get(key), new[key],
                                                  tuple(lines)))
    return diff, problems
