"""Export a pipeline to a workbook a person is glad to open, and that comes back intact.

xlsxwriter in constant-memory mode (rows stream to disk; memory stays flat at 100,000 deals).
Text always goes through `write_string`, so `=cmd|...` stays text (and xlsxwriter escapes
a literal `_x000D_`); dates are real Excel dates
(serial numbers with a date format); money has a number format; every row carries its ID."""

from __future__ import annotations

import json
import os
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Any

import xlsxwriter

from pipeline_desktop import __version__
from pipeline_desktop.errors import StorageError
from pipeline_desktop.services.excel import currency_sheet
from pipeline_desktop.services.excel.mapping import is_known_header
from pipeline_desktop.services.excel.preview import PIPELINE_ID, pipeline_id
from pipeline_desktop.services.excel.read import META_SHEET, Cancelled, Progress, paused_gc
from pipeline_desktop.services.excel.schema import (
    ACTIVITIES,
    COMPANIES,
    CONTACTS,
    CUSTOM_FIELDS,
    CUSTOM_PREFIX,
    DEALS,
    FORMAT_NAME,
    FORMAT_VERSION,
    HISTORY,
    STAGES,
    Column,
    Kind,
    SheetSpec,
)
from pipeline_desktop.services.excel.settings_sheets import write_settings_sheets
from pipeline_desktop.storage.currency_store import read_book
from pipeline_desktop.storage.repository import Repository

_EPOCH = date(1899, 12, 30).toordinal()
_FIRST_SAFE = date(1900, 3, 1)  # Excel's serials before this are off by the fake 1900-02-29

_DEALS_SQL = """
SELECT d.id, d.title, COALESCE(c.name, ''), COALESCE(p.name, ''), d.value_cents, d.currency,
       s.name, d.status, d.probability, d.owner, d.source, d.created, d.expected_close,
       d.closed, d.lost_reason, d.next_step, d.notes, d.external_id, d.budget_cents,
       d.budget_confirmed, d.authority_known, d.authority_name, d.need, d.timeline,
       d.criteria_met, d.company_id, d.contact_id, d.updated_at, d.version, d.custom
FROM deal d JOIN stage s ON s.id = d.stage_id
LEFT JOIN company c ON c.id = d.company_id LEFT JOIN contact p ON p.id = d.contact_id
ORDER BY d.id"""
_SHEET_SQL = {
    COMPANIES.name: "SELECT id, name, industry, employees, region, website FROM company "
                    "ORDER BY id",
    CONTACTS.name: "SELECT p.id, p.name, p.job_title, p.email, p.phone, p.company_id, "
                   "COALESCE(c.name, '') FROM contact p LEFT JOIN company c "
                   "ON c.id = p.company_id ORDER BY p.id",
    ACTIVITIES.name: "SELECT a.id, a.deal_id, d.title, a.kind, a.subject, a.due, a.done, "
                     "a.notes, a.owner, a.created_at FROM activity a JOIN deal d "
                     "ON d.id = a.deal_id ORDER BY a.id",
    HISTORY.name: "SELECT h.id, h.deal_id, d.title, COALESCE(f.name, ''), "
                  "COALESCE(t.name, ''), h.changed_at, h.changed_by FROM stage_change h "
                  "JOIN deal d ON d.id = h.deal_id LEFT JOIN stage f ON f.id = h.from_stage_id "
                  "LEFT JOIN stage t ON t.id = h.to_stage_id ORDER BY h.id",
    STAGES.name: "SELECT id, name, position, probability, outcome, exit_criteria, "
                 "stale_after_days FROM stage ORDER BY position, id",
}


def export_workbook(repository: Repository, target: Path, *, pipeline_file: str = "",
                    progress: Progress | None = None, now: datetime | None = None) -> int:
    """Write every sheet to `target` (atomically: a cancelled or failed export leaves no
    file behind). Returns the number of deals written."""
    with paused_gc():
        return _export(repository, target, pipeline_file, progress, now)


def _export(repository: Repository, target: Path, pipeline_file: str,
            progress: Progress | None, now: datetime | None) -> int:
    db = repository.db
    ident = pipeline_id(repository, create=True) or ""
    total = _count(db, "deal") + _count(db, "activity") + _count(db, "stage_change") + 1
    ticker = _Ticker(progress, total)
    with written_whole(target) as temp:
        workbook = xlsxwriter.Workbook(str(temp), {
            "constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
            "strings_to_urls": False, "remove_timezone": True,
        })
        writer = _Writer(workbook)
        deals = _fetch(db, _DEALS_SQL)
        custom_keys = _custom_keys(deals)
        deal_spec = SheetSpec(DEALS.name, DEALS.table, DEALS.columns + tuple(
            Column(_custom_header(k), f"custom:{k}", Kind.TEXT, 14) for k in custom_keys))
        stages = _fetch(db, _SHEET_SQL[STAGES.name])
        owners = sorted({row[9] for row in deals if row[9]})
        writer.sheet(deal_spec, _deal_rows(deals, custom_keys), ticker, validations={
            "Stage": [s[1] for s in stages], "Status": ["open", "won", "lost"],
            "Owner": owners})
        for spec in (COMPANIES, CONTACTS, ACTIVITIES, HISTORY, STAGES):
            rows = stages if spec is STAGES else db.execute_sql(_SHEET_SQL[spec.name])
            writer.sheet(spec, rows, ticker)
        write_settings_sheets(writer, db, ticker)
        writer.sheet(CUSTOM_FIELDS, _custom_field_rows(deals, custom_keys), ticker,
                     autofilter=False)
        currency_sheet.write(workbook, read_book(db), writer.header)
        writer.meta({
            "format": FORMAT_NAME, "format_version": FORMAT_VERSION, PIPELINE_ID: ident,
            "pipeline_file": pipeline_file,
            "exported_at": (now or datetime.now()).replace(microsecond=0).isoformat(sep=" "),
            "app_version": __version__,
        })
        workbook.close()
    return len(deals)


@contextmanager
def written_whole(target: Path) -> Iterator[Path]:
    """A temporary file beside `target` to write; renamed over `target` only when the block
    ends without an error, so `target` is never left half-written. A failure to write is one
    sentence naming `target`; a cancel removes the temporary file and goes on."""
    if not target.parent.is_dir():
        raise StorageError(f"Could not write {target}: the folder {target.parent} does not exist")
    temp = target.with_name(f".{target.name}.part")
    try:
        yield temp
        os.replace(temp, target)
    except Cancelled:
        temp.unlink(missing_ok=True)
        raise
    except (OSError, xlsxwriter.exceptions.XlsxWriterException) as error:
        temp.unlink(missing_ok=True)
        reason = getattr(error, "strerror", None) or str(error).replace(str(temp), target.name)
        raise StorageError(f"Could not write {target}: {reason}") from None


def _count(db, table: str) -> int:
    return int(db.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def _fetch(db, sql: str) -> list[tuple]:
    return list(db.execute_sql(sql).fetchall())


def _custom_keys(deals: Sequence[tuple]) -> list[str]:
    keys: dict[str, None] = {}
    seen: set[str] = set()
    for row in deals:
        text = row[-1]
        if text and text not in seen:  # most deals repeat a few custom values
            seen.add(text)
            for name in _load(text):
                keys.setdefault(name, None)
    return list(keys)


def _custom_field_rows(deals: Sequence[tuple], custom_keys: list[str]) -> list[tuple]:
    """The Custom fields sheet: each field, its column on the Deals sheet and how many deals
    fill it (counted per distinct stored text: deals repeat a few combinations)."""
    if not custom_keys:
        return []
    filled = dict.fromkeys(custom_keys, 0)
    for text, count in Counter(row[-1] for row in deals if row[-1]).items():
        for name, value in _load(text).items():
            if value not in (None, ""):
                filled[name] += count
    return [(name, _custom_header(name), filled[name]) for name in custom_keys]


def _custom_header(name: str) -> str:
    return f"{CUSTOM_PREFIX}{name}" if is_known_header(name) or not name.strip() else name


def _load(text: str) -> dict[str, object]:
    try:
        loaded = json.loads(text)
    except ValueError:
        return {"custom": text}
    return loaded if isinstance(loaded, dict) else {"custom": loaded}


def _deal_rows(deals: Iterable[tuple], custom_keys: list[str]) -> Iterable[tuple]:
    parsed: dict[str, tuple] = {}  # custom JSON text → its cells (texts repeat a lot)
    empty = (None,) * len(custom_keys)
    for row in deals:
        if not custom_keys:
            yield row[:-1]
            continue
        text = row[-1]
        cells = parsed.get(text) if text else empty
        if cells is None:
            custom = _load(text)
            cells = parsed[text] = tuple(custom.get(k) for k in custom_keys)
        yield row[:-1] + cells


class _Ticker:
    def __init__(self, progress: Progress | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def tick(self, count: int = 1) -> None:
        self.done += count
        if self.progress is not None and not self.progress(self.done, self.total):
            raise Cancelled


class _Writer:
    """Formats and per-kind cell writers shared by every sheet."""

    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        self.workbook = workbook
        add = workbook.add_format
        self.header = add({"bold": True, "bg_color": "#E8EEF7", "bottom": 1})
        self.formats = {
            Kind.MONEY: add({"num_format": "#,##0.00"}),
            Kind.DATE: add({"num_format": "yyyy-mm-dd"}),
            Kind.DATETIME: add({"num_format": "yyyy-mm-dd hh:mm:ss"}),
            Kind.PERCENT: add({"num_format": '0"%"'}),
        }
        self.wrap = add({"text_wrap": False})

    def sheet(self, spec: SheetSpec, rows: Iterable[Sequence[object]], ticker: _Ticker,
              validations: dict[str, list[str]] | None = None, *, autofilter: bool = True
              ) -> Any:
        """Write one sheet; returns the worksheet (a settings section adds its hints)."""
        sheet = self.workbook.add_worksheet(spec.name)
        for index, column in enumerate(spec.columns):
            sheet.set_column(index, index, column.width)
        sheet.freeze_panes(1, 0)
        for index, column in enumerate(spec.columns):
            sheet.write_string(0, index, column.header, self.header)
        writers = [self._cell_writer(sheet, column.kind if not column.field.startswith(
            "custom:") else None) for column in spec.columns]
        number = 0
        indexes = range(len(writers))
        for number, row in enumerate(rows, start=1):
            for write, index, value in zip(writers, indexes, row, strict=False):
                if value or (value is not None and value != ""):  # `or`: the usual case first
                    write(number, index, value)
            if number % 2000 == 0:
                ticker.tick(2000)
        ticker.tick(number % 2000)
        if autofilter:
            sheet.autofilter(0, 0, max(number, 1), len(spec.columns) - 1)
        for header, values in (validations or {}).items():
            self._validation(sheet, spec, header, values, max(number, 1))
        return sheet

    def _validation(self, sheet, spec: SheetSpec, header: str, values: list[str],
                    last_row: int) -> None:
        column = spec.headers().index(header)
        lists = getattr(self, "_lists", {})
        lists[header] = values
        self._lists = lists
        letter = "ABCDEFGH"[3 + list(lists).index(header)]
        source = f"='{META_SHEET}'!${letter}$2:${letter}${max(len(values), 1) + 1}"
        sheet.data_validation(1, column, max(last_row, 1000), column, {
            "validate": "list", "source": source, "ignore_blank": True,
            "error_type": "warning", "error_title": header,
            "error_message": f"Not a known {header.lower()}; it will be created on import."})

    def _cell_writer(self, sheet, kind: Kind | None) -> Callable[[int, int, object], None]:
        """One callable per column, bound once: the per-cell path stays a single call."""
        if kind is None:
            return lambda r, c, v: _write_any(sheet, r, c, v)
        if kind is Kind.TEXT:  # TEXT columns always come back as str: no wrapper needed
            return sheet.write_string
        if kind in (Kind.INT, Kind.NUMBER):
            return sheet.write_number
        if kind is Kind.MONEY:
            fmt, write_number = self.formats[Kind.MONEY], sheet.write_number
            return lambda r, c, v: write_number(r, c, v / 100, fmt)
        if kind is Kind.BOOL:
            write_boolean = sheet.write_boolean
            return lambda r, c, v: write_boolean(r, c, bool(v))
        if kind in (Kind.DATE, Kind.DATETIME):
            return _DateWriter(sheet, self.formats[kind])
        fmt, write_number = self.formats[kind], sheet.write_number
        return lambda r, c, v: write_number(r, c, v, fmt)

    def meta(self, values: dict[str, str]) -> None:
        sheet = self.workbook.add_worksheet(META_SHEET)
        sheet.hide()
        for number, (name, value) in enumerate(values.items()):
            sheet.write_string(number, 0, name)
            sheet.write_string(number, 1, value)
        for offset, (header, items) in enumerate(getattr(self, "_lists", {}).items()):
            sheet.write_string(0, 3 + offset, header)
            for number, item in enumerate(items, start=1):
                sheet.write_string(number, 3 + offset, item)


class _DateWriter:
    """ISO text (SQLite) or date objects (PostgreSQL) → an Excel serial with a date format.
    Serials are cached: a pipeline has a few thousand distinct days, not 100,000."""

    def __init__(self, sheet, fmt) -> None:
        self.sheet, self.fmt = sheet, fmt
        self.serials: dict[object, float | str] = {}

    def __call__(self, row: int, col: int, value: object) -> None:
        serial = self.serials.get(value)
        if serial is None:
            serial = self.serials[value] = _serial(value)
        if serial.__class__ is str:
            self.sheet.write_string(row, col, serial)
        else:
            self.sheet.write_number(row, col, serial, self.fmt)


def _serial(value: object) -> float | str:
    """Excel's day number (with the time as a fraction); text for days before 1900-03-01."""
    if isinstance(value, datetime):
        value = value.isoformat(sep=" ")
    elif isinstance(value, date):
        value = value.isoformat()
    text = str(value)
    day = date.fromisoformat(text[:10])
    if day < _FIRST_SAFE:
        return text
    serial: float = day.toordinal() - _EPOCH
    if len(text) > 10:
        hours, minutes, seconds = (int(p) for p in [*text[11:19].split(":"), "0", "0"][:3])
        serial += (hours * 3600 + minutes * 60 + seconds) / 86400
    return serial


def _write_any(sheet, row: int, col: int, value: object) -> None:
    if isinstance(value, bool):
        sheet.write_boolean(row, col, value)
    elif isinstance(value, int | float):
        sheet.write_number(row, col, value)
    elif isinstance(value, str):
        sheet.write_string(row, col, value)
    else:
        sheet.write_string(row, col, json.dumps(value))
