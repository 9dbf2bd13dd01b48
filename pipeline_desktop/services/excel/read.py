"""Read the cells of a checked workbook or CSV file into plain lists of Python values.

python-calamine reads .xlsx, .xlsm, .ods and .xls (about 10× openpyxl's read-only speed) once
`safety` has measured the sheets; a sheet whose rectangle is too big for that (a stray cell far
below the data, a million empty rows) is streamed by our own readers instead (`stream`,
`stream_ods`), stopping after a run of empty rows. calamine parses every sheet of an .ods or
.xls when it opens one, so there one oversized sheet sends the whole file to the streaming
reader (.ods) or was refused by `safety_xls` (.xls)."""

from __future__ import annotations

import codecs
import csv
import gc
import io
import re
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from pipeline_desktop.services.excel.safety import (
    DEFAULT_LIMITS,
    Limits,
    SheetInfo,
    WorkbookInfo,
    check_workbook,
)
from pipeline_desktop.services.excel.sniff import FileKind, ImportFileError, sniff

META_SHEET = "_pipeline"
EMPTY_RUN = 1_000  # stop streaming after this many empty rows in a row
Progress = Callable[[int, int], bool]  # (done, total) → False to cancel


@contextmanager
def paused_gc() -> Iterator[None]:
    """Pause Python's cyclic garbage collector around bulk work: building a million small
    objects (cells, tuples, dicts) otherwise triggers collection after collection over
    everything already built; that alone cost ~40 % of an import. Nothing here makes cycles;
    reference counting still frees memory as usual. On the way out what was built goes
    straight to the oldest generation (freeze, then unfreeze: two list splices): the first
    allocation after re-enabling would otherwise walk all of it as "young" (~0.25 s after a
    100,000-row import). Skipped when something else keeps objects frozen (the GUI)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()


class Cancelled(Exception):
    """The user pressed Cancel; nothing was written."""


@dataclass
class Source:
    """An opened, checked file: its kind, sheets (visible first) and our export's metadata."""

    path: Path
    kind: FileKind
    info: WorkbookInfo | None = None
    meta: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    limits: Limits = DEFAULT_LIMITS

    @property
    def sheet_names(self) -> list[str]:
        if self.info is None:
            return [self.path.stem]
        return [s.name for s in self.info.sheets if s.visible]

    @property
    def calamine_may_open(self) -> bool:
        """calamine opens .ods and .xls whole: every sheet must fit its rectangle."""
        if self.kind is FileKind.XLSX or self.info is None:
            return True
        return all(not _too_big(self.limits, sheet) for sheet in self.info.sheets)

    @property
    def is_ours(self) -> bool:
        return self.meta.get("format") == "pipeline-desktop-workbook"

    @property
    def epoch_1904(self) -> bool:
        return bool(self.info and self.info.epoch_1904)


def open_source(path: Path, limits: Limits = DEFAULT_LIMITS) -> Source:
    kind = sniff(path)
    if kind is FileKind.CSV:
        if path.stat().st_size > limits.max_part_bytes:
            raise ImportFileError(f"{path.name} is larger than this app can import")
        return Source(path, kind, limits=limits)
    source = Source(path, kind, check_workbook(path, limits, kind), limits=limits)
    meta_sheet = source.info.sheet(META_SHEET) if source.info else None
    if meta_sheet is not None and meta_sheet.cells <= limits.max_cells:
        rows = read_sheet(source, META_SHEET)
        source.meta = {str(r[0]): str(r[1]) for r in rows if len(r) >= 2 and r[0]}
    return source


def read_sheet(source: Source, name: str | None = None,
               progress: Progress | None = None) -> list[list[object]]:
    """Rows of one sheet (trailing empty rows and columns dropped)."""
    if source.kind is FileKind.CSV:
        return read_csv(source.path, source.limits)
    assert source.info is not None
    sheet = source.info.sheet(name) if name else None
    if sheet is None:
        raise ImportFileError(f"{source.path.name} has no sheet named '{name}'")
    if _too_big(source.limits, sheet) or not source.calamine_may_open:
        return _read_streaming(source, sheet.name, progress)
    return _read_calamine(source, sheet.name, progress)


def _too_big(limits: Limits, sheet: SheetInfo) -> bool:
    if sheet.columns > limits.max_columns and sheet.rows * min(
            sheet.columns, limits.max_columns) > limits.max_cells:
        return True
    return sheet.cells > limits.max_cells


class Prefetch:
    """Sheets read on a worker thread while the caller works on another one. calamine parses
    a sheet without holding the GIL (about 80 % of its read), so on a second core the other
    sheets of our own workbook are read while the Deals sheet is converted and planned.
    Leaving the `with` block waits for the worker: nothing reads on after the preview."""

    def __init__(self, source: Source, names: Iterable[str]) -> None:
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="sheet-read")
        self._sheets = {name: self._pool.submit(read_sheet, source, name) for name in names}

    def __enter__(self) -> Prefetch:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    def rows(self, name: str) -> list[list[object]]:
        """The sheet's rows (its ImportFileError, if reading it failed)."""
        return self._sheets[name].result()


def _read_calamine(source: Source, name: str, progress: Progress | None) -> list[list[object]]:
    try:
        workbook = _open_calamine(source)
        sheet = workbook.get_sheet_by_name(name)
    except Exception as error:  # calamine's errors are its own types; all mean "can't read"
        raise ImportFileError(f"{source.path.name} could not be read: {_first_line(error)}"
                              ) from None
    total = sheet.height
    rows: list[list[object]] = []
    for index, row in enumerate(sheet.iter_rows()):
        if len(rows) > source.limits.max_rows:
            raise _too_many_rows(source, name)
        rows.append(row)
        if progress is not None and index % 5000 == 0 and not progress(index, total):
            raise Cancelled
    workbook.close()
    return _trim(rows)


_SUFFIXES = {FileKind.XLSX: (".xlsx", ".xlsm"), FileKind.ODS: (".ods",), FileKind.XLS: (".xls",)}


def _open_calamine(source: Source):  # -> python_calamine.CalamineWorkbook
    """calamine picks its reader by the file's name; a file whose name lies (an .ods saved
    as "deals.xlsx") is handed over as bytes, which calamine tells apart by content."""
    import python_calamine

    if source.path.suffix.lower() in _SUFFIXES.get(source.kind, ()):
        return python_calamine.CalamineWorkbook.from_path(str(source.path))
    with source.path.open("rb") as handle:
        return python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(handle.read()))


def _read_streaming(source: Source, name: str, progress: Progress | None
                    ) -> list[list[object]]:
    """Rows of a sheet calamine must not load whole; stops after a run of empty rows."""
    from pipeline_desktop.services.excel.stream import iter_rows
    from pipeline_desktop.services.excel.stream_ods import iter_ods_rows

    assert source.info is not None
    sheet = source.info.sheet(name)
    assert sheet is not None
    rows: list[list[object]] = []
    last = 0  # the last row with a value
    if source.kind is FileKind.ODS:
        found = iter_ods_rows(source.path, sheet.name, max_columns=source.limits.max_columns)
    else:
        found = iter_rows(source.path, sheet.part, max_columns=source.limits.max_columns,
                          epoch_1904=source.epoch_1904)
    try:
        for index, (number, values) in enumerate(found):
            if number - last > EMPTY_RUN:
                source.warnings.append(
                    f"Sheet '{name}': stopped reading at row {last + EMPTY_RUN:,} after "
                    f"{EMPTY_RUN:,} empty rows; anything further down was ignored")
                break
            if values:
                rows.extend([] for _ in range(number - len(rows) - 1))
                rows.append(values)
                last = number
            if len(rows) > source.limits.max_rows:
                raise _too_many_rows(source, name)
            if progress is not None and index % 5000 == 0 and not progress(index, 0):
                raise Cancelled
    except (SyntaxError, ValueError) as error:  # ParseError is a SyntaxError
        raise ImportFileError(f"Sheet '{name}' of {source.path.name} is damaged: "
                              f"{_first_line(error)}") from None
    return _trim(rows)


def check_defusedxml() -> None:
    """openpyxl (the tests and anything else that opens workbooks with it) must run with
    defusedxml, which refuses entity bombs; OPENPYXL_DEFUSEDXML=1 would switch it off."""
    import openpyxl

    if openpyxl.DEFUSEDXML is not True:
        raise RuntimeError("openpyxl is not using defusedxml")


def _too_many_rows(source: Source, name: str) -> ImportFileError:
    return ImportFileError(f"Sheet '{name}' of {source.path.name} has more than "
                           f"{source.limits.max_rows:,} rows; split it into smaller files")


def _trim(rows: list[list[object]]) -> list[list[object]]:
    while rows and all(value in (None, "") for value in rows[-1]):
        rows.pop()
    return rows


def _first_line(error: BaseException) -> str:
    text = str(error).strip().splitlines()
    return text[0][:200] if text else type(error).__name__


# ---- CSV -----------------------------------------------------------------------------------

def read_csv(path: Path, limits: Limits = DEFAULT_LIMITS) -> list[list[object]]:
    """UTF-8 with or without BOM, UTF-16 with BOM, else Windows-1252; `,` `;` tab or `|`."""
    raw = path.read_bytes()
    text = _decode(raw)
    sample = text[:65536]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = max(",;\t|", key=sample.count) if sample else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[object]] = []
    try:
        for row in reader:
            rows.append(list(row))
            if len(rows) > limits.max_rows:
                raise ImportFileError(f"{path.name} has more than {limits.max_rows:,} rows; "
                                      "split it into smaller files")
    except csv.Error as error:
        raise ImportFileError(f"{path.name} is not readable CSV (line {reader.line_num}: "
                              f"{error})") from None
    if _NEUTRALISED.search(text):
        _unneutralise(rows)
    return _trim(rows)


# A text cell written as '=… '+… '-… '@…: the apostrophe only kept a spreadsheet program from
# running it as a formula (our export for a CRM writes them so); the text is what follows.
_NEUTRALISED = re.compile(r"'[=+\-@]")


def _unneutralise(rows: list[list[object]]) -> None:
    for row in rows:
        for index, cell in enumerate(row):
            if isinstance(cell, str) and cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@"):
                row[index] = cell[1:]


def _decode(raw: bytes) -> str:
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8", errors="replace")
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        return raw.decode("cp1252", errors="replace")
