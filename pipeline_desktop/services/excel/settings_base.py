"""The settings sheets of our workbook (ideal customer, revenue targets, thresholds, lists):
what one section is, how its sheet is read cell by cell, and the differences an import
would make to the pipeline's settings.

A section owns one sheet and some keys of the pipeline's `setting` table. Its values are
"canonical": the JSON value the app itself would store for that key (None: the key is
removed), so the pipeline's settings and the workbook's compare with `==`. Sections live in
`settings_sections.SECTIONS`; `settings_sheets` writes, reads and applies them."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import peewee as pw

from pipeline_desktop.services.excel.mapping import header_key
from pipeline_desktop.services.excel.schema import Column
from pipeline_desktop.services.excel.validate import Problem

Values = dict[str, Any]  # setting key → canonical value


class SheetRows:
    """A settings sheet's cells by header (any order, any case) and the problems found."""

    def __init__(self, sheet: str, rows: list[list[object]]) -> None:
        self.sheet = sheet
        header = rows[0] if rows else []
        self.columns = {header_key(str(h)): i for i, h in enumerate(header)
                        if h not in (None, "")}
        self.rows = [(number, list(row)) for number, row in enumerate(rows[1:], start=2)
                     if any(_filled(cell) for cell in row)]
        self.problems: list[Problem] = []

    def has(self, header: str) -> bool:
        return header_key(header) in self.columns

    def cell(self, row: list[object], header: str) -> object:
        """The cell under `header` (None when the column or the cell is missing); text
        trimmed, an empty text as None."""
        at = self.columns.get(header_key(header))
        value = row[at] if at is not None and at < len(row) else None
        if isinstance(value, str):
            value = value.strip()
        return value if _filled(value) else None

    def text(self, row: list[object], header: str) -> str:
        value = self.cell(row, header)
        if isinstance(value, float) and value.is_integer():
            value = int(value)  # "2026" typed as a number
        return "" if value is None else " ".join(str(value).split())

    def problem(self, number: int, header: str, value: object, reason: str) -> None:
        self.problems.append(Problem(self.sheet, number, header, value, reason))

    def require(self, *headers: str) -> bool:
        """Every header present; else one problem for the sheet and False."""
        missing = [h for h in headers if not self.has(h)]
        if missing:
            self.problem(1, "", None, "the sheet has no column " + ", ".join(
                f"'{h}'" for h in missing))
        return not missing


def _filled(value: object) -> bool:
    return value is not None and not (isinstance(value, str) and not value.strip())


@dataclass(frozen=True)
class SettingsSection:
    """One sheet of settings: how it is written, read back and compared.

    - `load`: the stored values (JSON-decoded, keys absent when never set) → canonical values
      of every key the section owns (defaults where nothing is stored);
    - `rows`: canonical values → the sheet's rows, in `columns` order;
    - `read`: the sheet → canonical values (problems go to `SheetRows.problem`);
    - `describe`: (key, old, new) → one line per difference, for the preview;
    - `decorate`: (xlsxwriter worksheet, row count) → input hints and validations."""

    sheet: str
    keys: tuple[str, ...]
    columns: tuple[Column, ...]
    load: Callable[[Mapping[str, Any]], Values]
    rows: Callable[[Mapping[str, Any]], list[tuple]]
    read: Callable[[SheetRows], Values]
    describe: Callable[[str, Any, Any], list[str]]
    decorate: Callable[[Any, int], None] | None = None


@dataclass(frozen=True)
class SettingChange:
    """One setting the workbook holds differently from the pipeline."""

    sheet: str
    key: str
    old: Any
    new: Any
    lines: tuple[str, ...]


@dataclass
class SettingsDiff:
    """The workbook's settings against the pipeline's. `accepted`: applied with the import
    (the wizard's tick box, the command line's --settings); it starts True only when the
    pipeline is empty, where the import is a restore."""

    changes: list[SettingChange] = field(default_factory=list)
    accepted: bool = False
    restore: bool = False  # the pipeline was empty when previewed

    def __bool__(self) -> bool:
        return bool(self.changes)

    def lines(self) -> list[str]:
        return [line for change in self.changes for line in change.lines]

    def stored(self) -> dict[str, str | None]:
        """key → the JSON text to store (None: remove the key), when accepted."""
        if not self.accepted:
            return {}
        return {c.key: None if c.new is None else json.dumps(c.new) for c in self.changes}

    def to_json(self) -> dict[str, Any]:
        return {"accepted": self.accepted, "restore": self.restore,
                "differences": [{"sheet": c.sheet, "setting": c.key, "text": line}
                                for c in self.changes for line in c.lines]}


def stored_settings(db: pw.Database) -> dict[str, Any]:
    """Every stored setting, JSON-decoded. Raw SQL on this database (the ORM's tables may be
    bound to another open pipeline)."""
    found: dict[str, Any] = {}
    for key, text in db.execute_sql("SELECT key, value FROM setting").fetchall():
        try:
            found[key] = json.loads(text)
        except ValueError:
            continue  # a hand-broken value reads as never set, as the app reads it
    return found


def write_settings(db: pw.Database, values: Mapping[str, str | None]) -> dict[str, str | None]:
    """Store JSON texts (None removes the key) inside the caller's transaction; return the
    texts they replace (None: the key was not set), which undo puts back."""
    old: dict[str, str | None] = {}
    mark = db.param
    for key, text in values.items():
        row = db.execute_sql(f"SELECT value FROM setting WHERE key = {mark}", (key,)).fetchone()
        old[key] = None if row is None else row[0]
        db.execute_sql(f"DELETE FROM setting WHERE key = {mark}", (key,))
        if text is not None:
            db.execute_sql(f"INSERT INTO setting (key, value) VALUES ({mark}, {mark})",
                           (key, text))
    return old
