"""The deal table's model: plain `DealRow` tuples, sorted and filtered in Python.

A QSortFilterProxyModel would call back into Python for every comparison (25 s to sort 100,000
rows); sorting the list itself takes about 0.1 s, and filtering one precomputed lower-case string
per row takes a few milliseconds."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from contextlib import suppress
from dataclasses import dataclass, replace
from datetime import date
from itertools import compress
from operator import itemgetter, not_
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QDate,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor

from pipeline_desktop.domain.deal_row import DealRow
from pipeline_desktop.domain.money import format_money
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.ui.models.deal_filter import DealFilter

if TYPE_CHECKING:  # annotations only: commands and model, ~7 ms, with the first edit
    from pipeline_desktop.domain.commands import Changes

Role = Qt.ItemDataRole
AnyIndex = QModelIndex | QPersistentModelIndex


@dataclass(frozen=True)
class Column:
    key: str  # DealRow field shown
    title: str
    kind: str = "text"  # text | money | percent | date | int | score
    edit_field: str | None = None  # the EditDeal field a cell edit changes
    width: int = 110


COLUMNS: tuple[Column, ...] = (
    Column("title", "Title", edit_field="title", width=220),
    Column("company", "Company", edit_field="company", width=150),
    Column("contact", "Contact", edit_field="contact", width=125),
    Column("stage", "Stage", edit_field="stage", width=110),
    Column("status", "Status", width=60),
    Column("value_cents", "Value", "money", edit_field="value_cents", width=90),
    # The value in the home currency (its code in the header): what sorting by value and the
    # sums use, so deals in several currencies compare and add up honestly.
    Column("home_cents", "Value (%s)", "home_money", width=95),
    Column("probability", "Prob.", "percent", edit_field="probability", width=60),
    Column("weighted_cents", "Weighted", "money", width=100),
    Column("owner", "Owner", edit_field="owner", width=110),
    Column("source", "Lead source", edit_field="source", width=110),
    Column("created", "Created", "date", edit_field="created", width=90),
    Column("expected_close", "Expected close", "date", edit_field="expected_close", width=105),
    Column("age_days", "Age (days)", "int", width=75),
    Column("last_activity", "Last activity", "date", width=95),
    Column("next_activity", "Next activity", "date", width=95),
    Column("qualification", "BANT", "score", width=55),
    Column("fit", "Fit", "percent", width=50),
)
FIELD_INDEX = {name: i for i, name in enumerate(DealRow._fields)}
FIELD_OF = [FIELD_INDEX[column.key] for column in COLUMNS]  # the DealRow field per column
# data() is called for every role of every painted cell (about 3,000 times per paint): plain
# ints and ready-made values keep each call short.
DISPLAY, EDIT, TOOLTIP, ALIGNMENT, FOREGROUND, USER = (
    int(Role.DisplayRole), int(Role.EditRole), int(Role.ToolTipRole),
    int(Role.TextAlignmentRole), int(Role.ForegroundRole), int(Role.UserRole))
SERVED_ROLES = frozenset((DISPLAY, EDIT, TOOLTIP, ALIGNMENT, FOREGROUND, USER))
RIGHT = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
ALIGNMENT_OF = [None if column.kind in ("text", "date") else RIGHT for column in COLUMNS]
READ_ONLY_CELL = (Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled
                  | Qt.ItemFlag.ItemNeverHasChildren)
EDITABLE_CELL = READ_ONLY_CELL | Qt.ItemFlag.ItemIsEditable
OVERDUE = QColor("#c62828")
ISO_FORMAT = "yyyy-MM-dd"
ID_OF = itemgetter(0)  # DealRow.id
SEARCH = DealRow._fields.index("search")


def _searchable(rows: list[DealRow]) -> list[DealRow]:
    """Rows from the repository carry their search text; rows made elsewhere get it here."""
    if rows and not rows[0].search:
        return [row.with_search_text() for row in rows]
    return rows


def _sort_key(index: int, kind: str) -> Callable[[DealRow], Any]:
    """A key for filled cells: text sorts case-insensitively, everything else by value."""
    if kind == "text":
        return lambda row: row[index].casefold()
    return itemgetter(index)  # a C-level key: sorting 100,000 rows by value takes ~30 ms


def _sort_field(column: int, converted: bool = False) -> int:
    """The DealRow field a column sorts by: stages by their place in the process; values in
    several currencies in the home currency (no rate: last) once the rows carry it."""
    key = COLUMNS[column].key
    key = {"stage": "stage_position",
           "value_cents": "home_cents" if converted else "value_cents"}.get(key, key)
    return FIELD_INDEX[key]


class DealTableModel(QAbstractTableModel):
    """Rows of deals; edits become domain commands carried out by `execute`."""

    edit_failed = Signal(str)
    summary_changed = Signal()

    def __init__(self, execute: Callable[[object], object],
                 move_stage: Callable[[DealRow, int], bool], parent=None) -> None:
        super().__init__(parent)
        self._execute = execute
        self._move_stage = move_stage
        self._all: list[DealRow] = []
        self._ids: set[int] = set()
        self._rows: list[DealRow] = []
        self._filter = DealFilter()
        self._sort: tuple[int, Qt.SortOrder] | None = None
        self.currency = "USD"
        self.read_only = False  # a pipeline opened for viewing: no cell is editable
        self.date_format = ISO_FORMAT
        self._dates: dict[str, str] = {}  # ISO date → the user's format, for painted cells
        # A colour, not a QBrush (the view makes the brush): QBrush would set up QGradient's
        # and QImage's enums before the first paint.
        self._overdue = OVERDUE
        self.today = date.today().isoformat()

    # ---- data in -------------------------------------------------------------------------

    def set_rows(self, rows: list[DealRow]) -> None:
        self.beginResetModel()
        self._all = _searchable(rows)
        self._ids = {row.id for row in self._all}
        self._sort_all()
        self._rows = self._filtered()
        self.endResetModel()
        self.summary_changed.emit()

    def apply_changes(self, changes: Changes, fresh_rows: Iterable[DealRow]) -> None:
        """Update the deals a command touched. A deal that comes into or leaves the filter, or
        whose sort value changed, moves to its place (the selection follows it); any other
        changed row is repainted where it is."""
        fresh = {row.id: row for row in _searchable(list(fresh_rows))}
        gone = changes.deals - fresh.keys()
        new_ids = fresh.keys() - self._ids
        if gone or new_ids:
            self.beginResetModel()
            self._all = [fresh.get(r.id, r) for r in self._all if r.id not in gone]
            self._all.extend(fresh[i] for i in new_ids)
            self._ids = (self._ids - gone) | new_ids
            self._sort_all()
            self._rows = self._filtered()
            self.endResetModel()
        else:
            before = {r.id: r for r in self._all if r.id in fresh}
            self._all = [fresh.get(r.id, r) for r in self._all]
            if self._moves(before, fresh):
                self._relayout()
            else:
                self._repaint_in_place(fresh)
        self.summary_changed.emit()

    def _moves(self, before: dict[int, DealRow], fresh: dict[int, DealRow]) -> bool:
        """Whether an update changes which rows are shown or their order."""
        if self._sort is not None:
            index = _sort_field(self._sort[0], self._converted())
            if any(before[i][index] != row[index] for i, row in fresh.items() if i in before):
                return True
        if self._filter == DealFilter():
            return False
        shown = set(map(ID_OF, self._rows))
        return any(self._filter.accepts(row) != (deal_id in shown)
                   for deal_id, row in fresh.items())

    def _repaint_in_place(self, fresh: dict[int, DealRow]) -> None:
        for position, row in enumerate(self._rows):
            if row.id in fresh:
                self._rows[position] = fresh[row.id]
                self.dataChanged.emit(self.index(position, 0),
                                      self.index(position, len(COLUMNS) - 1))

    def set_filter(self, deal_filter: DealFilter) -> None:
        narrowing = self._narrows(deal_filter)
        self.beginResetModel()
        self._filter = deal_filter
        self._rows = self._filtered(self._rows if narrowing else self._all)
        self.endResetModel()
        self.summary_changed.emit()

    @property
    def deal_filter(self) -> DealFilter:
        return self._filter

    def _narrows(self, new: DealFilter) -> bool:
        """Typing one more letter can only hide rows: filter what is shown, not everything."""
        old = self._filter
        return replace(new, text=old.text) == old and new.text.startswith(old.text)

    def _filtered(self, within: list[DealRow] | None = None) -> list[DealRow]:
        """Rows passing the filter, in sort order; each criterion costs one tight loop."""
        f = self._filter
        rows = self._all if within is None else within
        if f == DealFilter():
            return list(rows)
        if f.text:
            needle, search = f.text, SEARCH
            rows = [row for row in rows if needle in row[search]]
        for check in f.row_checks():
            rows = [row for row in rows if check(row)]
        return rows if rows is not self._all else list(rows)

    # ---- data out ------------------------------------------------------------------------

    def row(self, position: int) -> DealRow:
        return self._rows[position]

    def position_of(self, deal_id: int) -> int | None:
        """Where a deal is shown (None: filtered out). A C-level search: ~2 ms at 100,000."""
        try:
            return list(map(ID_OF, self._rows)).index(deal_id)
        except ValueError:
            return None

    def visible_rows(self) -> list[DealRow]:
        return self._rows

    def all_rows(self) -> list[DealRow]:
        """Every deal loaded, whatever the filter."""
        return self._all

    def owners(self) -> list[str]:
        """Everyone who owns a deal, for the owner filter (no query: the rows are here)."""
        return sorted({row.owner for row in self._all if row.owner}, key=str.casefold)

    def total_count(self) -> int:
        return len(self._all)

    @property
    def home_currency(self) -> str:
        """The pipeline's home currency, which the rows carry (before: the preference's)."""
        return self._all[0].home if self._all and self._all[0].home else self.currency

    def summary(self) -> tuple[int, int, int]:
        """(deals shown, their total value, their weighted value) in home-currency cents;
        a deal without an exchange rate adds nothing."""
        rows = self._rows
        return (len(rows), sum(r.home_cents or 0 for r in rows),
                sum(r.weighted_cents for r in rows))

    def rowCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """Rows shown under the current filter."""
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: AnyIndex = QModelIndex()) -> int:  # noqa: B008, N802
        """One column per entry of COLUMNS."""
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section: int, orientation: Qt.Orientation,  # noqa: N802
                   role: int = Role.DisplayRole) -> Any:
        """Column titles; row numbers are not shown."""
        if orientation == Qt.Orientation.Horizontal and role == Role.DisplayRole:
            title = self.tr(COLUMNS[section].title)
            return title % self.home_currency if "%s" in title else title
        return None

    def data(self, index: AnyIndex, role: int = DISPLAY) -> Any:
        """Formatted text for display, raw values for editing, colours for what needs care."""
        if role not in SERVED_ROLES or not index.isValid():
            return None
        position = index.column()
        if role == ALIGNMENT:
            return ALIGNMENT_OF[position]
        column = COLUMNS[position]
        row = self._rows[index.row()]
        if role == DISPLAY:
            return self._display(column, row, row[FIELD_OF[position]])
        if role == FOREGROUND:
            return self._foreground(column, row)
        if role == EDIT:
            return self._edit_value(column, row, row[FIELD_OF[position]])
        if role == TOOLTIP and column.key == "next_activity" and row.status == "open" \
                and not row.next_activity:
            return self.tr("No next activity planned")
        if role == USER:
            return row.id
        return None

    def _display(self, column: Column, row: DealRow, value: Any) -> str:
        if value is None or value == "":
            if column.key == "next_activity" and row.status == "open":
                return self.tr("none")
            if column.kind == "home_money" and row.home and row.value_cents is not None:
                return self.tr("no rate")
            return ""
        if column.kind == "money":  # weighted: in the home currency once the rates are read
            currency = row.home if row.home and column.key == "weighted_cents" \
                else row.currency
            return format_money(value, currency, whole=True)
        if column.kind == "home_money":
            return format_money(value, row.home, whole=True)
        if column.kind == "percent":
            return f"{value} %"
        if column.kind == "score":
            return f"{value}/4"
        if column.key == "status":
            return self.tr(str(value).capitalize())
        if column.kind == "date" and self.date_format != ISO_FORMAT:
            return self._date_text(value)
        return str(value)

    def set_display(self, currency: str, date_format: str) -> None:
        """Preferences changed: repaint money and dates in the new formats."""
        self.currency, self.date_format = currency, date_format
        self._dates.clear()
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(COLUMNS) - 1))
        self.summary_changed.emit()

    def _date_text(self, iso: str) -> str:
        text = self._dates.get(iso)
        if text is None:
            day = QDate.fromString(iso, Qt.DateFormat.ISODate)
            text = QLocale.c().toString(day, self.date_format) if day.isValid() else iso
            self._dates[iso] = text
        return text

    @staticmethod
    def _edit_value(column: Column, row: DealRow, value: Any) -> Any:
        if column.key == "stage":
            return row.stage_id
        if column.kind == "money":
            return "" if value is None else f"{value / 100:.2f}"
        return "" if value is None else value

    def _foreground(self, column: Column, row: DealRow) -> QColor | None:
        if row.status != "open":
            return None
        if column.key == "next_activity" and (not row.next_activity
                                              or row.next_activity < self.today):
            return self._overdue
        if column.key == "expected_close" and row.expected_close and \
                row.expected_close < self.today:
            return self._overdue
        return None

    def flags(self, index: AnyIndex) -> Qt.ItemFlag:
        """Editable cells are those a person may change directly."""
        if not index.isValid():
            return super().flags(index)
        if COLUMNS[index.column()].edit_field and not self.read_only:
            return EDITABLE_CELL
        return READ_ONLY_CELL

    def setData(self, index: AnyIndex, value: Any, role: int = Role.EditRole) -> bool:  # noqa: N802
        """Turn a cell edit into a command; a refused value leaves everything as it was."""
        if role != Role.EditRole or not index.isValid():
            return False
        column = COLUMNS[index.column()]
        row = self._rows[index.row()]
        try:
            if column.edit_field == "stage":
                return self._move_stage(row, int(value)) if int(value) != row.stage_id \
                    else False
            if column.edit_field is None:
                return False
            current = self._edit_value(column, row, row[FIELD_INDEX[column.key]])
            if str(value) == str(current):
                return False
            from pipeline_desktop.domain.commands import EditDeal  # ~7 ms, with the first edit

            self._execute(EditDeal(row.id, {column.edit_field: value},
                                   f"Edit {column.title.lower()}", expected_version=row.version))
        except PipelineError as error:
            self.edit_failed.emit(str(error))
            return False
        return True

    # ---- sorting -------------------------------------------------------------------------

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort the rows themselves (about 0.1 s at 100,000 deals)."""
        self._sort = (column, order)
        self._relayout()

    def _relayout(self) -> None:
        """Sort and filter again; the selection and current cell follow their deals."""
        self.layoutAboutToBeChanged.emit()
        persistent = self.persistentIndexList()
        ids = [self._rows[i.row()].id if i.isValid() and i.row() < len(self._rows) else None
               for i in persistent]
        self._sort_all()
        self._rows = self._filtered()
        positions = self._positions_of({deal_id for deal_id in ids if deal_id is not None})
        for old, deal_id in zip(persistent, ids, strict=True):
            new_row = positions.get(deal_id) if deal_id is not None else None
            new = QModelIndex() if new_row is None else self.index(new_row, old.column())
            self.changePersistentIndex(old, new)
        self.layoutChanged.emit()

    def _positions_of(self, deal_ids: set[int]) -> dict[int, int]:
        """Where a few deals now stand (the selection): a C-level search per deal."""
        shown = list(map(ID_OF, self._rows))
        positions = {}
        for deal_id in deal_ids:
            with suppress(ValueError):
                positions[deal_id] = shown.index(deal_id)
        return positions

    def _sort_all(self) -> None:
        if self._sort is not None:
            self._sort_rows(*self._sort)

    def _converted(self) -> bool:
        """Do the rows carry home-currency values (the first page's do not)?"""
        return bool(self._all) and bool(self._all[0].home)

    def _sort_rows(self, column: int, order: Qt.SortOrder) -> None:
        spec = COLUMNS[column]
        index = _sort_field(column, self._converted())
        key = _sort_key(index, "int" if spec.key == "stage" else spec.kind)
        reverse = order == Qt.SortOrder.DescendingOrder
        values = list(map(itemgetter(index), self._all))
        if None not in values and "" not in values:  # the usual case: one C-level sort
            self._all.sort(key=key, reverse=reverse)
            return
        # Empty cells go last in either direction: sort the filled ones, then append the rest.
        keep = [value is not None and value != "" for value in values]
        filled = list(compress(self._all, keep))
        empty = list(compress(self._all, map(not_, keep)))
        filled.sort(key=key, reverse=reverse)
        self._all = filled + empty
