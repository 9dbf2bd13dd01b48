"""Cells → typed records, one converter per column; every bad cell becomes a Problem naming
its sheet, row, column and value (nothing is guessed silently)."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time
from functools import partial
from itertools import repeat

from pipeline_desktop.domain import import_values as iv
from pipeline_desktop.errors import ValidationError
from pipeline_desktop.services.excel.mapping import CUSTOM, IGNORE, custom_name, header_key
from pipeline_desktop.services.excel.schema import Kind, SheetSpec

FIELD_KINDS: dict[str, Kind] = {
    "value": Kind.MONEY, "budget": Kind.MONEY,
    "employees": Kind.INT, "id": Kind.INT, "company_id": Kind.INT, "contact_id": Kind.INT,
    "version": Kind.INT, "deal_id": Kind.INT, "position": Kind.INT,
    "stale_after_days": Kind.INT,
    "probability": Kind.PERCENT,
    "created": Kind.DATE, "expected_close": Kind.DATE, "closed": Kind.DATE,
    "timeline": Kind.DATE, "won_time": Kind.DATE, "lost_time": Kind.DATE, "due": Kind.DATE,
    "done": Kind.DATE,
    "updated_at": Kind.DATETIME, "changed_at": Kind.DATETIME, "created_at": Kind.DATETIME,
    "budget_confirmed": Kind.BOOL, "authority_known": Kind.BOOL, "is_won": Kind.BOOL,
    "is_closed": Kind.BOOL,
}
Converter = Callable[[object], object]


@dataclass(frozen=True)
class Problem:
    sheet: str
    row: int  # as Excel numbers it (1-based); 0 for the whole sheet
    column: str
    value: object
    reason: str

    def __str__(self) -> str:
        where = f"Sheet '{self.sheet}'"
        if self.row:
            where += f", row {self.row}"
        if self.column:
            where += f", column '{self.column}'"
        return f"{where}: {self.reason}"


@dataclass
class Columns:
    """A sheet's converted cells column by column (when every cell converted): planning the
    usual sheet of new deals works on these whole columns instead of one dict per row."""

    numbers: list[int]  # the Excel row number of each kept row
    fields: dict[str, list[object]]  # field → one value per row
    custom: dict[str, list[object]]  # custom field → one value per row ("" or None: empty)

    def values(self, name: str) -> list[object] | None:
        return self.fields.get(name)

    def as_rows(self) -> list[tuple[int, dict[str, object]]]:
        names, values = list(self.fields), list(self.fields.values())
        if self.custom:
            names.append("custom")
            rows_of_customs = zip(*self.custom.values(), strict=True)
            values.append(list(map(custom_fields, repeat(list(self.custom)), rows_of_customs)))
        if not values:
            return [(number, {}) for number in self.numbers]
        # One dict per row built by C-level loops (map over zip): no bytecode runs per row.
        dicts = map(dict, map(zip, repeat(names), zip(*values, strict=True)))
        return list(zip(self.numbers, dicts, strict=True))


@dataclass
class Records:
    """The typed rows of one sheet: (Excel row number, {field: value, "custom": {...}}).
    When every cell converted, `columns` holds the same values column by column and the
    row dicts are only built if something asks for `rows`."""

    sheet: str
    headers: list[str]
    fields: list[str]
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    day_orders: dict[str, iv.DayOrder] = field(default_factory=dict)
    columns: Columns | None = None
    _rows: list[tuple[int, dict[str, object]]] | None = field(default=None, repr=False)

    @property
    def rows(self) -> list[tuple[int, dict[str, object]]]:
        if self._rows is None:
            self._rows = self.columns.as_rows() if self.columns is not None else []
        return self._rows

    @property
    def rejected_rows(self) -> set[int]:
        return {p.row for p in self.problems if p.row}

    def numbered_values(self, name: str) -> Iterable[tuple[int, object]]:
        """(row number, value of `name` or None) for every row, without building rows."""
        if self.columns is not None and self._rows is None:
            values = self.columns.values(name)
            return zip(self.columns.numbers,
                       values if values is not None else repeat(None), strict=False)
        return ((number, record.get(name)) for number, record in self.rows)


def _date(order: iv.DayOrder, epoch_1904: bool, value: object) -> str | None:
    found = iv.parse_date(value, order, epoch_1904=epoch_1904)
    return found.isoformat() if found else None


def _datetime(value: object) -> str | None:
    found = iv.parse_datetime(value)
    return found.isoformat(sep=" ") if found else None


def _custom(value: object) -> object:
    if isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int | float):
        return value
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date | time):
        return value.isoformat()
    return iv.clean_text(value)


def converter(kind: Kind, order: iv.DayOrder = iv.DayOrder.MONTH_FIRST,
              epoch_1904: bool = False) -> Converter:
    if kind is Kind.MONEY:
        return iv.parse_amount
    if kind is Kind.INT:
        return iv.parse_int
    if kind is Kind.PERCENT:
        return iv.parse_percent
    if kind is Kind.DATE:
        return partial(_date, order, epoch_1904)
    if kind is Kind.DATETIME:
        return _datetime
    if kind is Kind.BOOL:
        return iv.parse_bool
    return iv.clean_text


def convert(sheet: str, header_row: int, rows: Sequence[Sequence[object]], fields: list[str],
            *, kinds: Mapping[str, Kind] = FIELD_KINDS, epoch_1904: bool = False,
            day_orders: Mapping[str, iv.DayOrder] | None = None) -> Records:
    """Turn the rows under `header_row` into records using one field per column."""
    headers = [str(h if h is not None else "").replace("\ufeff", "").strip()
               for h in rows[header_row]] if rows else []
    fields = list(fields) + [CUSTOM] * (len(headers) - len(fields))
    records = Records(sheet, headers, fields)
    body = rows[header_row + 1:]
    plan: list[tuple[int, str, str, Converter]] = []
    for index, (header, name) in enumerate(zip(headers, fields, strict=False)):
        if name == IGNORE or (name == CUSTOM and not header):
            continue
        if name == CUSTOM:
            plan.append((index, header, custom_name(header), _custom))
            continue
        kind = kinds.get(name, Kind.TEXT)
        order = iv.DayOrder.MONTH_FIRST
        if kind is Kind.DATE:
            order = _day_order(records, header, [r[index] for r in body if index < len(r)],
                               (day_orders or {}).get(header_key(header))
                               or (day_orders or {}).get("*"))
        plan.append((index, header, name, converter(kind, order, epoch_1904)))
    _fill_records(records, plan, body, header_row + 2)
    return records


_FAILED = object()  # a cell that did not convert (its problem is recorded)


def _fill_records(records: Records, plan: list[tuple[int, str, str, Converter]],
                  body: Sequence[Sequence[object]], first_row: int) -> None:
    """Convert column by column (`map` keeps the per-cell cost low), then assemble rows."""
    width = max((index for index, *_ in plan), default=-1) + 1
    rows = body
    if body and min(map(len, body)) < width:  # CSV and streamed rows can be ragged
        rows = [row if len(row) >= width else [*row, *([None] * (width - len(row)))]
                for row in body]
    keep = [number for number, row in enumerate(rows, start=first_row)
            if any(row) or any(v is not None and v != "" for v in row)]  # any(): fast path
    kept_rows = rows if len(keep) == len(rows) else [rows[n - first_row] for n in keep]
    columns = list(zip(*kept_rows, strict=False)) if kept_rows else [()] * width
    names, values, custom_names, custom_values = [], [], [], []
    problems_before = len(records.problems)
    for index, header, name, convert_one in plan:
        converted = _convert_column(records, header, columns[index], keep, convert_one)
        if convert_one is _custom:
            custom_names.append(name)
            custom_values.append(converted)
        else:
            names.append(name)
            values.append(converted)
    if len(records.problems) > problems_before:
        _assemble_with_failures(records, keep, names, values, custom_names, custom_values)
        return
    if len(set(names)) < len(names) or len(set(custom_names)) < len(custom_names):
        # A name on two columns: rows as before (a later column wins, custom fields keep
        # the last non-empty value); whole columns would lose that.
        records._rows = Columns(keep, dict(zip(names, values, strict=True)), {}).as_rows()
        _merge_custom_rows(records._rows, custom_names, custom_values)
        return
    records.columns = Columns(keep, dict(zip(names, values, strict=True)),
                              dict(zip(custom_names, custom_values, strict=True)))


def _merge_custom_rows(rows: list[tuple[int, dict[str, object]]], custom_names: list[str],
                       custom_values: list[list[object]]) -> None:
    if custom_values:
        for (_number, record), cells in zip(rows, zip(*custom_values, strict=True),
                                            strict=True):
            record["custom"] = custom_fields(custom_names, cells)


def custom_fields(names: list[str], cells: tuple[object, ...]) -> dict[str, object]:
    """A row's custom fields without its empty cells (most rows fill them all)."""
    if all(cells):
        return dict(zip(names, cells, strict=True))
    return {k: v for k, v in zip(names, cells, strict=True) if v != "" and v is not None}


def _assemble_with_failures(records: Records, keep: list[int], names: list[str],
                            values: list[list[object]], custom_names: list[str],
                            custom_values: list[list[object]]) -> None:
    """Rows when some cells did not convert: those cells are left out of the records."""
    row_values = zip(*values, strict=True) if values else ([] for _ in keep)
    row_customs = zip(*custom_values, strict=True) if custom_values else None
    rows = records._rows = []
    for number, cells in zip(keep, row_values, strict=True):
        record = {k: v for k, v in zip(names, cells, strict=True) if v is not _FAILED}
        if row_customs is not None:
            record["custom"] = {k: v for k, v in zip(custom_names, next(row_customs),
                                                     strict=True)
                                if v != "" and v is not None and v is not _FAILED}
        rows.append((number, record))


def _convert_column(records: Records, header: str, cells: Sequence[object],
                    numbers: list[int], convert_one: Converter) -> list[object]:
    try:
        for shortcut in (_fast_column, _by_distinct_value, _fast_dates):
            fast = shortcut(convert_one, cells)
            if fast is not None:
                return fast
        return list(map(convert_one, cells))
    except ValidationError:  # some cell is bad: go cell by cell to name each one
        pass
    converted: list[object] = []
    for raw, number in zip(cells, numbers, strict=True):
        try:
            converted.append(convert_one(raw))
        except ValidationError as error:
            records.problems.append(Problem(records.sheet, number, header, raw, str(error)))
            converted.append(_FAILED)
    return converted


_NUMBER_TYPES = frozenset({bool, int, float})


def _by_distinct_value(convert_one: Converter, cells: Sequence[object]) -> list[object] | None:
    """Columns that repeat a few values (stages, owners, dates, times, percentages) convert
    each distinct value once, then look the rest up. None when the values hardly repeat, or
    when a column mixes number types (1, 1.0 and True are one dict key but may convert
    differently). A value that does not convert raises, as `convert_one` would."""
    if len(cells) < 64 or len(set(map(type, cells)) & _NUMBER_TYPES) > 1:
        return None
    try:
        distinct = dict.fromkeys(cells)
    except TypeError:  # an unhashable cell: never from our readers, but cheap to allow
        return None
    if len(distinct) * 4 > len(cells):
        return None
    for value in distinct:
        distinct[value] = convert_one(value)
    return list(map(distinct.__getitem__, cells))


def _fast_column(convert_one: Converter, cells: Sequence[object]) -> list[object] | None:
    """Whole columns whose cells already have the right type convert with C-level loops
    (`map` over built-in methods): about 20× cheaper than one Python call per cell. None
    when the column needs the cell-by-cell path."""
    if not cells:
        return []
    type_list = list(map(type, cells))
    types = set(type_list)
    if types <= {str, type(None)} and cells[0] in ("", None) and cells.count(
            "") + type_list.count(type(None)) == len(cells) and convert_one not in (
            iv.clean_text, _custom):
        return [None] * len(cells)  # an empty column of numbers or dates
    if convert_one is iv.parse_amount and types <= {float, str} \
            and type_list.count(float) + cells.count("") == len(cells):
        cents = [None if v == "" else round(v * 100) for v in cells]  # type: ignore[operator]
        if all(c is None or abs(v * 100 - c) < 1e-6  # type: ignore[operator]
               for v, c in zip(cells, cents, strict=True)) and not any(
                c is not None and abs(c) >= 10**13 for c in cents):
            return cents
        return None
    if convert_one in (iv.clean_text, _custom) and types == {str}:
        # A column that repeats a few values (stages, owners, regions) is checked and
        # trimmed once per distinct value, then looked up.
        distinct = dict.fromkeys(cells)
        checked = distinct if len(distinct) * 4 <= len(cells) else cells
        if not all(map(str.isprintable, checked)) or max(map(len, checked)) > iv.MAX_TEXT:
            return None
        if checked is cells:
            return list(map(str.strip, cells))
        distinct.update(zip(distinct, map(str.strip, distinct), strict=True))
        return list(map(distinct.__getitem__, cells))
    if convert_one is iv.clean_text and types == {float} and all(map(float.is_integer, cells)):
        return list(map(str, map(int, cells)))  # IDs read as numbers into a text field
    if convert_one is iv.parse_int and types == {float} and all(map(float.is_integer, cells)):
        return list(map(int, cells))
    if convert_one is iv.parse_bool and types == {bool}:
        return list(cells)
    return None


def _fast_dates(convert_one: Converter, cells: Sequence[object]) -> list[object] | None:
    """A date column of real dates (and empty cells) whose values hardly repeat."""
    if not (isinstance(convert_one, partial) and convert_one.func is _date):
        return None
    type_list = list(map(type, cells))
    if type_list.count(date) == len(cells):
        return list(map(date.isoformat, cells))
    if type_list.count(date) + cells.count("") == len(cells):
        return [None if v == "" else v.isoformat() for v in cells]  # type: ignore[union-attr]
    return None


def _day_order(records: Records, header: str, values: list[object],
               chosen: iv.DayOrder | None) -> iv.DayOrder:
    if chosen is not None:
        records.day_orders[header] = chosen
        return chosen
    values = [v for v in values if v.__class__ is str and v]  # real dates need no decision
    decided = iv.decide_day_order(values)
    if decided is None:
        decided = iv.default_day_order(values)
        if any(_ambiguous(v) for v in values):
            records.warnings.append(
                f"Column '{header}': every date could be day/month or month/day; read as "
                f"{'day/month' if decided is iv.DayOrder.DAY_FIRST else 'month/day'} "
                "(choose the other order if that is wrong)")
    records.day_orders[header] = decided
    return decided


def _ambiguous(value: object) -> bool:
    if not isinstance(value, str):
        return False
    parts = iv.numeric_date_parts(value.split(" ")[0].split("T")[0])
    return parts is not None and parts[0] <= 12 and parts[1] <= 12


def convert_own_sheet(spec: SheetSpec, rows: Sequence[Sequence[object]], *,
                      epoch_1904: bool = False) -> Records:
    """One of our other sheets (Companies, Contacts, …): headers are ours, in any order."""
    if not rows:
        return Records(spec.name, [], [])
    known = {header_key(c.header): c.field for c in spec.columns}
    kinds = {c.field: c.kind for c in spec.columns}
    fields = [known.get(header_key(h), IGNORE) for h in rows[0]]
    records = convert(spec.name, 0, rows, fields, kinds=kinds, epoch_1904=epoch_1904,
                      day_orders={header_key(c.header): iv.DayOrder.MONTH_FIRST
                                  for c in spec.columns if c.kind is Kind.DATE})
    return records


def check_unique(records: Records, name: str, label: str) -> None:
    """A value of `name` (an ID) may appear once; later rows with it are problems."""
    seen: dict[object, int] = {}
    header = next((h for h, f in zip(records.headers, records.fields, strict=False)
                   if f == name), label)
    for number, value in records.numbered_values(name):
        if value in (None, ""):
            continue
        if value in seen:
            records.problems.append(Problem(records.sheet, number, header, value,
                                            f"{label} {value} appears twice "
                                            f"(first on row {seen[value]})"))
        else:
            seen[value] = number
