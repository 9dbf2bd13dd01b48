"""The checks of `safety` for OpenDocument spreadsheets (.ods, LibreOffice's own format).

An .ods holds every sheet in one part, `content.xml`. Cells carry no references: a row's
position is the count of rows before it, and `table:number-rows-repeated` /
`table:number-columns-repeated` stand for many rows or cells at once. LibreOffice ends every
row with thousands of repeated empty cells and every sheet with a million repeated empty
rows, which calamine skips; but a repeated run *with a value*, or a value after a long empty
run, makes calamine allocate the whole rectangle (and abort on a far corner), as in .xlsx.
So the real extent of each sheet is measured here, row by row with byte-level regular
expressions while the part inflates, before calamine may open the file. The usual block of
rows (no repeated rows, no new sheet, repeats only in LibreOffice's trailing padding cell) is
measured with C-level byte counts alone; anything else, row by row."""

from __future__ import annotations

import operator
import re
import zipfile
from html import unescape
from itertools import repeat
from pathlib import Path

from pipeline_desktop.services.excel.safety import (
    Limits,
    SheetInfo,
    WorkbookInfo,
    inflate,
)
from pipeline_desktop.services.excel.sniff import ImportFileError

CONTENT = "content.xml"
MANIFEST = "META-INF/manifest.xml"  # lists each encrypted part's key: a password was set
MAX_ROW_BYTES = 64 * 1024 * 1024  # one row's XML; a longer one is refused, not buffered
_TOKEN = re.compile(rb"<table:table-row\b([^>]*?)(?:/>|>(.*?)</table:table-row>)"
                    rb"|<table:table\s([^>]*)>", re.S)
_NAME = re.compile(rb'table:name="([^"]*)"')
_STYLE = re.compile(rb'table:style-name="([^"]*)"')
_ROWS_REPEATED = re.compile(rb'table:number-rows-repeated="(\d+)"')
_COLUMNS_REPEATED = re.compile(rb'table:number-columns-repeated="(\d+)"')
_CELL = re.compile(rb"<table:(?:covered-)?table-cell\b")
_END_ROW = b"</table:table-row>"
_HIDDEN_STYLE = re.compile(rb'<style:style style:name="([^"]+)" style:family="table"[^>]*>'
                           rb'\s*<style:table-properties[^>]*table:display="false"')


def check_ods(path: Path, archive: zipfile.ZipFile, limits: Limits) -> WorkbookInfo:
    """Sizes were checked by the caller; refuse entity declarations in every XML part and
    measure the sheets in content.xml."""
    names = set(archive.namelist())
    if CONTENT not in names:
        raise ImportFileError(f"{path.name} is damaged (its content.xml is missing)")
    if "mimetype" in names and not _head(archive, "mimetype").startswith(
            b"application/vnd.oasis.opendocument.spreadsheet"):
        raise ImportFileError(f"{path.name} is an OpenDocument file but not a spreadsheet")
    if MANIFEST in names and b"encryption-data" in _head(archive, MANIFEST, 1 << 20):
        raise ImportFileError(f"{path.name} is protected with a password; open it in "
                              "LibreOffice, remove the password and save it again")
    scanner = _Scanner(path, limits)
    for member in archive.infolist():
        if member.filename == CONTENT:
            inflate(path, archive, member, limits, scanner.feed)
        elif member.filename.endswith((".xml", ".rdf")):
            inflate(path, archive, member, limits)
    return scanner.finish()


def _head(archive: zipfile.ZipFile, name: str, size: int = 200) -> bytes:
    with archive.open(name) as stream:
        return stream.read(size)


class _Scanner:
    """Fed content.xml chunk by chunk; keeps the bytes after the last whole row."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path, self.limits = path, limits
        self.info = WorkbookInfo()
        self.hidden: set[bytes] = set()
        self.pending = b""
        self.sheet: SheetInfo | None = None
        self.row = 0  # rows seen in the current sheet, repeats counted
        self.in_body = False

    def feed(self, chunk: bytes) -> None:
        data = self.pending + chunk
        if not self.in_body:
            body = data.find(b"<office:body")
            if body < 0:
                self.hidden.update(_HIDDEN_STYLE.findall(data))
                self.pending = data[-4096:]
                return
            self.hidden.update(_HIDDEN_STYLE.findall(data, 0, body))
            self.in_body = True
            data = data[body:]
        cut = data.rfind(_END_ROW) + len(_END_ROW)
        if cut > len(_END_ROW) and self._plain_rows(data[:cut]):
            self.pending = data[cut:]
            return
        end = 0
        for found in _TOKEN.finditer(data):
            rest = data[end:found.start()]
            if b"<table:table-row" in rest:  # a row cut by the chunk's end: wait for more
                break
            end = found.end()
            if found.group(3) is not None:
                self._table(found.group(3))
            else:
                self._row(found.group(1), found.group(2))
        self.pending = data[end:]
        if len(self.pending) > MAX_ROW_BYTES:
            raise ImportFileError(f"{self.path.name} has a row too large to read safely; "
                                  "it was not opened")

    def _plain_rows(self, block: bytes) -> bool:
        """Measure a block of whole rows with C-level byte operations if it is the usual
        kind (True); False: measure it row by row. The usual kind: every piece between row
        ends starts with one row's start tag, and its only repeat is its last cell, an empty
        self-closing one (LibreOffice's padding). Each row then spans at most as many columns
        as it has `<table:` tags (its start and the padding over-count by two: harmless)."""
        if self.sheet is None:
            return False
        pieces = block.split(_END_ROW)
        pieces.pop()  # what follows the last row end: nothing (the block ends there)
        rows = len(pieces)
        if not all(map(bytes.startswith, pieces, repeat(b"<table:table-row"))) \
                or block.count(b"<table:table-row") != rows \
                or block.count(b"-repeated") != rows \
                or not all(map(bytes.endswith, pieces, repeat(b"/>"))):
            return False
        last_cells = list(map(bytes.rfind, pieces, repeat(b"<table:")))
        if not all(map(operator.lt, last_cells, map(bytes.rfind, pieces, repeat(b"-repeated")))):
            return False
        for word in (b"value-type", b"formula"):  # searched in the last cell only
            if any(map(operator.ge, map(bytes.find, pieces, repeat(word), last_cells),
                       repeat(0))):
                return False
        widths = map(bytes.count, pieces, repeat(b"<table:"))
        self.sheet.columns = max(self.sheet.columns, max(widths))
        self.row += rows
        self.sheet.rows = self.row
        return True

    def _table(self, attributes: bytes) -> None:
        name = _NAME.search(attributes)
        style = _STYLE.search(attributes)
        visible = not (style and style.group(1) in self.hidden)
        title = unescape(name.group(1).decode("utf-8", "replace")) if name else ""
        self.sheet = SheetInfo(title, CONTENT, visible)
        self.info.sheets.append(self.sheet)
        self.row = 0

    def _row(self, attributes: bytes, body: bytes | None) -> None:
        repeated = _ROWS_REPEATED.search(attributes)
        count = int(repeated.group(1)) if repeated else 1
        start = self.row
        self.row += count
        if self.sheet is None or not body:
            return
        body = _without_empty_tail(body)
        if not body:
            return
        columns = len(_CELL.findall(body))
        columns += sum(int(n) - 1 for n in _COLUMNS_REPEATED.findall(body))
        self.sheet.rows = start + count
        self.sheet.columns = max(self.sheet.columns, columns)

    def finish(self) -> WorkbookInfo:
        if not self.info.sheets:
            raise ImportFileError(f"{self.path.name} is an OpenDocument file without sheets")
        return self.info


def _without_empty_tail(body: bytes) -> bytes:
    """The row without its trailing cells that hold nothing (self-closing, no value type or
    formula): LibreOffice's padding to the sheet's last column, which is never read."""
    body = body.rstrip()
    while body.endswith(b"/>"):
        start = body.rfind(b"<table:")
        cell = body[start:]
        if start < 0 or not cell.startswith((b"<table:table-cell", b"<table:covered-table-cell")) \
                or b">" in cell[:-2] or b"value-type" in cell or b"formula" in cell:
            break
        body = body[:start].rstrip()
    return body
