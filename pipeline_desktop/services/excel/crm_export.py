"""`export FILE --for hubspot|salesforce|pipedrive`: the deals in the layout that CRM's own
importer takes (crm_layouts.py), as CSV or .xlsx by the file's extension.

Deals that came from that CRM carry its record ID (so the CRM updates them); the others go out
without one (so the CRM creates them) but with this pipeline's reference, which brings them
back here as the same deals. Stages go out under the names the CRM used (remembered at import,
crm_sync.py), won and lost deals under the CRM's own words. Amounts are plain numbers, dates
ISO (real dates in .xlsx). In CSV a text that starts with = + - @ gets a leading apostrophe,
so no spreadsheet program runs it as a formula; .xlsx cells are text and need none."""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import peewee as pw
import xlsxwriter

from pipeline_desktop.errors import UsageError
from pipeline_desktop.services.excel import crm_sync
from pipeline_desktop.services.excel.crm_layouts import LAYOUTS, CrmLayout
from pipeline_desktop.services.excel.export import written_whole
from pipeline_desktop.services.excel.preview import pipeline_id
from pipeline_desktop.services.excel.read import Cancelled, Progress
from pipeline_desktop.storage.repository import Repository

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_DEALS_SQL = """
SELECT d.id, d.title, COALESCE(c.name, ''), COALESCE(p.name, ''), d.value_cents, d.currency,
       d.stage_id, s.name, s.outcome, d.probability, d.owner, d.source, d.created,
       d.expected_close, d.lost_reason, d.next_step, d.notes, d.external_id, d.custom,
       d.version
FROM deal d JOIN stage s ON s.id = d.stage_id
LEFT JOIN company c ON c.id = d.company_id LEFT JOIN contact p ON p.id = d.contact_id
ORDER BY d.id"""
_FIELDS = ("id", "title", "company", "contact", "value", "currency", "stage_id", "stage_name",
           "outcome", "probability", "owner", "source", "created", "expected_close",
           "lost_reason", "next_step", "notes", "external_id", "custom", "version")
_AT = {name: i for i, name in enumerate(_FIELDS)}
Cell = str | int | float | date | None


def layout_for(name: str) -> CrmLayout:
    try:
        return LAYOUTS[name.casefold()]
    except KeyError:
        raise UsageError(f"'{name}' is not a CRM this app writes for "
                         f"({', '.join(LAYOUTS)})") from None


@dataclass(frozen=True)
class Written:
    deals: int
    neutralised: int = 0  # CSV text cells given a leading apostrophe (= + - @ first)


def export_for_crm(repository: Repository, target: Path, crm: str, *, changed_only: bool = False,
                   progress: Progress | None = None) -> Written:
    """Write the deals for `crm` to `target` (.csv or .xlsx), atomically."""
    layout = layout_for(crm)
    suffix = target.suffix.casefold()
    if suffix not in (".csv", ".xlsx"):
        raise UsageError("the file for a CRM must end in .csv or .xlsx")
    rows = list(crm_rows(repository, layout, changed_only=changed_only))
    with written_whole(target) as temp:
        (_write_csv if suffix == ".csv" else _write_xlsx)(temp, layout.headers, rows, progress)
    risky = sum(1 for row in rows for v in row
                if isinstance(v, str) and v.startswith(FORMULA_STARTS)) if suffix == ".csv" else 0
    return Written(len(rows), risky)


def crm_rows(repository: Repository, layout: CrmLayout, *, changed_only: bool = False
             ) -> Iterator[list[Cell]]:
    """One list of cells per deal, in the layout's column order."""
    db = repository.db
    record = crm_sync.load(db, layout.key)
    cells = _CellMaker(layout, record, _open_stages(db),
                       (pipeline_id(repository, create=True) or "")[:8])
    for deal in db.execute_sql(_DEALS_SQL).fetchall():
        if changed_only and not cells.changed(deal):
            continue
        yield [cells.cell(what, deal) for _header, what in layout.columns]


def _open_stages(db: pw.Database) -> set[int]:
    return {r[0] for r in db.execute_sql("SELECT id FROM stage WHERE outcome = 'open'")}


class _CellMaker:
    def __init__(self, layout: CrmLayout, record: crm_sync.SyncRecord, open_stages: set[int],
                 prefix: str) -> None:
        self.layout, self.record, self.open_stages, self.prefix = (layout, record,
                                                                   open_stages, prefix)
        self.label_of: dict[int, str] = {}  # stage id → the CRM's first name for it
        for name, stage_id in record.stages.items():
            self.label_of.setdefault(stage_id, name)

    def changed(self, deal: tuple) -> bool:
        """Made here, or changed here since it last came from this CRM."""
        deal_id, external = deal[_AT["id"]], deal[_AT["external_id"]]
        if not self.record.came_from(deal_id, external):
            return True
        return deal[_AT["version"]] > self.record.deals[deal_id][1]

    def cell(self, what: str, deal: tuple) -> Cell:
        maker: Callable[[tuple], Cell] | None = getattr(self, f"_{what}", None)
        if maker is not None:
            return maker(deal)
        value = deal[_AT[what]]
        if what in ("created", "expected_close") and value:
            return date.fromisoformat(str(value)[:10])
        return value if value is not None else ""

    def _record_id(self, deal: tuple) -> Cell:
        external = deal[_AT["external_id"]]
        return external if self.record.came_from(deal[_AT["id"]], external) else ""

    def _ref(self, deal: tuple) -> Cell:
        return f"{self.prefix}-{deal[_AT['id']]}" if self.prefix else ""

    def _value(self, deal: tuple) -> Cell:
        cents = deal[_AT["value"]]
        if cents is None:
            return None
        return cents // 100 if cents % 100 == 0 else cents / 100

    def _status(self, deal: tuple) -> Cell:
        outcome = deal[_AT["outcome"]]
        return {"won": self.layout.won, "lost": self.layout.lost}.get(outcome, "open")

    def _stage(self, deal: tuple) -> Cell:
        deal_id, stage_id, outcome = deal[_AT["id"]], deal[_AT["stage_id"]], deal[_AT["outcome"]]
        if not self.layout.stage_holds_outcome and outcome != "open":
            return str(_custom(deal).get("Stage at close", ""))  # status says won or lost
        noted = self.record.deals.get(deal_id) if self.record.came_from(
            deal_id, deal[_AT["external_id"]]) else None
        if noted and noted[2] and self.record.stages.get(noted[2]) == stage_id:
            return noted[2]
        if stage_id in self.label_of:
            return self.label_of[stage_id]
        if outcome in ("won", "lost"):
            return self.layout.won if outcome == "won" else self.layout.lost
        return deal[_AT["stage_name"]]

    def _pipeline(self, deal: tuple) -> Cell:
        deal_id = deal[_AT["id"]]
        if self.record.came_from(deal_id, deal[_AT["external_id"]]):
            return self.record.deals[deal_id][3] or self.layout.default_pipeline
        header = self.layout.header_of("pipeline") or ""
        return str(_custom(deal).get(header, "") or self.layout.default_pipeline)

    def _account_id(self, deal: tuple) -> Cell:
        return str(_custom(deal).get("AccountId", ""))


def _custom(deal: tuple) -> dict[str, object]:
    text = deal[_AT["custom"]]
    if not text:
        return {}
    try:
        loaded = json.loads(text)
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}


def neutralise(text: str) -> str:
    """A text cell that a spreadsheet program would run as a formula, made plain text."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _csv_cell(value: Cell) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return neutralise(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def _write_csv(path: Path, headers: list[str], rows: list[list[Cell]],
               progress: Progress | None) -> None:
    """UTF-8 without a byte-order mark (Salesforce's Data Loader reads a BOM into the first
    header), comma-separated, every field quoted only where needed."""
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers)
        for number, row in enumerate(rows, start=1):
            writer.writerow([_csv_cell(v) for v in row])
            _tick(progress, number, len(rows))


def _write_xlsx(path: Path, headers: list[str], rows: list[list[Cell]],
                progress: Progress | None) -> None:
    """One sheet (HubSpot and Pipedrive take one); text as strings, dates as real dates."""
    workbook = xlsxwriter.Workbook(str(path), {
        "constant_memory": True, "strings_to_formulas": False, "strings_to_numbers": False,
        "strings_to_urls": False})
    sheet = workbook.add_worksheet("Deals")
    bold = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    for col, header in enumerate(headers):
        sheet.write_string(0, col, header, bold)
        sheet.set_column(col, col, max(12, len(header) + 2))
    for number, row in enumerate(rows, start=1):
        for col, value in enumerate(row):
            if isinstance(value, str):
                if value:
                    sheet.write_string(number, col, value)
            elif isinstance(value, date):
                sheet.write_datetime(number, col, value, day)
            elif value is not None:
                sheet.write_number(number, col, value)
        _tick(progress, number, len(rows))
    workbook.close()


def _tick(progress: Progress | None, done: int, total: int) -> None:
    if progress is not None and (done % 500 == 0 or done == total) and not progress(done, total):
        raise Cancelled
