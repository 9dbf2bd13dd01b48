"""The checks of `safety` for old Excel 97–2003 workbooks (.xls).

An .xls is a "compound file" (a little file system of 512-byte sectors) holding a `Workbook`
stream of BIFF records. calamine parses every sheet of it when it opens the file and sizes
each sheet by its furthest cell, so the cell records are walked here first: a sheet whose
rectangle is too big is refused before calamine sees the file (an .xls sheet is at most
65,536 × 256 cells, but several such sheets would still take gigabytes). Password-protected
.xls files carry a FILEPASS record; they are refused with the same words as an encrypted
.xlsx."""

from __future__ import annotations

import functools
import re
import struct
from pathlib import Path

from pipeline_desktop.services.excel.safety import Limits, SheetInfo, WorkbookInfo
from pipeline_desktop.services.excel.sniff import ImportFileError

_FREE, _END = 0xFFFFFFFF, 0xFFFFFFFE
_BOF, _EOF, _BOUNDSHEET, _FILEPASS, _DATEMODE = 0x0809, 0x000A, 0x0085, 0x002F, 0x0022
_CELLS = frozenset((0x0203, 0x0204, 0x00FD, 0x027E, 0x0205, 0x0006, 0x0201, 0x00D6))
_RUNS = frozenset((0x00BD, 0x00BE))  # MULRK, MULBLANK: row, first column … last column
_HEADER = struct.Struct("<HHHH")  # record type, length, then a cell's row and column
_LAST = struct.Struct("<H")


class _Damaged(Exception):
    """The compound file does not hold together."""


def check_xls(path: Path, limits: Limits) -> WorkbookInfo:
    if path.stat().st_size > limits.max_total_bytes:
        raise ImportFileError(f"{path.name} is larger than this app can import")
    data = path.read_bytes()
    try:
        stream = _workbook_stream(data)
        if stream is None:
            raise ImportFileError(f"{path.name} is an Office file but not an Excel workbook")
        info = _sheets(path, stream, limits)
    except (_Damaged, struct.error, IndexError, ValueError):
        raise ImportFileError(f"{path.name} is an Excel 97–2003 file but it is damaged; open "
                              "it in Excel and save it as .xlsx (Excel Workbook)") from None
    for sheet in info.sheets:
        if sheet.cells > limits.max_cells:
            raise ImportFileError(
                f"Sheet '{sheet.name}' of {path.name} reaches row {sheet.rows:,}, column "
                f"{sheet.columns:,}: too big to read safely; delete what lies far from the "
                "data, or save it as .xlsx")
    return info


# ---- the compound file ---------------------------------------------------------------------

def _workbook_stream(data: bytes) -> bytes | None:
    if len(data) < 512:
        raise _Damaged
    shift, mini_shift = struct.unpack_from("<HH", data, 0x1E)
    if shift not in (9, 12) or mini_shift != 6:
        raise _Damaged
    size = 1 << shift
    fat_count, first_dir = struct.unpack_from("<II", data, 0x2C)
    cutoff, first_mini_fat, _mini_count, first_difat, difat_count = struct.unpack_from(
        "<IIIII", data, 0x38)
    sectors = (len(data) - size) // size + 1

    def sector(number: int) -> bytes:
        if number >= sectors:
            raise _Damaged
        start = (number + 1) * size
        return data[start:start + size]

    difat = list(struct.unpack_from("<109I", data, 0x4C))
    next_difat = first_difat
    for _ in range(min(difat_count, sectors)):
        if next_difat in (_FREE, _END):
            break
        block = struct.unpack(f"<{size // 4}I", sector(next_difat))
        difat += block[:-1]
        next_difat = block[-1]
    fat: list[int] = []
    for number in difat[:fat_count]:
        fat += struct.unpack(f"<{size // 4}I", sector(number))

    def chain(first: int, table: list[int], read) -> bytes:
        parts, seen, current = [], 0, first
        while current not in (_FREE, _END):
            seen += 1
            if current >= len(table) or seen > len(table):
                raise _Damaged  # out of range, or a loop
            parts.append(read(current))
            current = table[current]
        return b"".join(parts)

    directory = chain(first_dir, fat, sector)
    entries = [directory[i:i + 128] for i in range(0, len(directory), 128)]
    root = entries[0]
    found = None
    for entry in entries:
        length = struct.unpack_from("<H", entry, 0x40)[0]
        name = entry[:max(length - 2, 0)].decode("utf-16-le", "replace")
        if entry[0x42] == 2 and name in ("Workbook", "Book"):
            found = entry
            break
    if found is None:
        return None
    start, length = struct.unpack_from("<II", found, 0x74)
    if length >= cutoff:
        return chain(start, fat, sector)[:length]
    mini_stream = chain(struct.unpack_from("<I", root, 0x74)[0], fat, sector)
    mini_fat_bytes = chain(first_mini_fat, fat, sector)
    mini_fat = list(struct.unpack(f"<{len(mini_fat_bytes) // 4}I", mini_fat_bytes))
    mini = 1 << mini_shift
    return chain(start, mini_fat, lambda n: mini_stream[n * mini:(n + 1) * mini])[:length]


# ---- BIFF records --------------------------------------------------------------------------

def _sheets(path: Path, stream: bytes, limits: Limits) -> WorkbookInfo:
    kind, _length = struct.unpack_from("<HH", stream, 0)
    if kind != _BOF:
        raise _Damaged
    biff8 = struct.unpack_from("<H", stream, 4)[0] == 0x0600
    info = WorkbookInfo()
    offsets: list[int] = []
    position = 0
    while position + 4 <= len(stream):
        kind, length = struct.unpack_from("<HH", stream, position)
        body = stream[position + 4:position + 4 + length]
        if kind == _FILEPASS:
            raise ImportFileError(f"{path.name} is protected with a password; open it in "
                                  "Excel, remove the password and save it again")
        if kind == _DATEMODE:
            info.epoch_1904 = body[:2] == b"\x01\x00"
        elif kind == _BOUNDSHEET and len(body) >= 8 and body[5] == 0:  # worksheets only
            offsets.append(struct.unpack_from("<I", body, 0)[0])
            info.sheets.append(SheetInfo(_sheet_name(body[6:], biff8), "", body[4] == 0))
        elif kind == _EOF:
            break
        position += 4 + length
    for sheet, offset in zip(info.sheets, offsets, strict=True):
        sheet.rows, sheet.columns = _extent(stream, offset, limits)
    return info


def _sheet_name(raw: bytes, biff8: bool) -> str:
    count = raw[0]
    if not biff8:
        return raw[1:1 + count].decode("cp1252", "replace")
    wide = raw[1] & 1
    text = raw[2:2 + count * (2 if wide else 1)]
    return text.decode("utf-16-le" if wide else "latin-1", "replace")


# A cell record's row is 16 bits: a sheet holds at most 65,536 rows, so only its columns can
# make its rectangle too big. Runs of the usual fixed-length records (numbers, RK numbers,
# shared text, blanks, booleans; ROW records) whose cells lie in the first columns are
# stepped over by one regular expression, in C; the rest are walked one by one.
_MAX_ROWS = 1 << 16
_FIXED = ((b"\x03\x02\x0e\x00", 10), (b"\x7e\x02\x0a\x00", 6), (b"\xfd\x00\x0a\x00", 6),
          (b"\x01\x02\x06\x00", 2), (b"\x05\x02\x08\x00", 4))  # header, bytes after the column
_ROW_RECORD = b"\x08\x02\x10\x00"


@functools.lru_cache(maxsize=8)
def _narrow_run(columns: int) -> re.Pattern[bytes] | None:
    """Consecutive fixed-length records whose cells lie in the first `columns` columns."""
    if not 1 <= columns <= 256:
        return None
    column = b"[\\x00-" + b"\\x%02x" % (columns - 1) + b"]\\x00"
    cells = [re.escape(head) + b"(?s:..)" + column + b"(?s:.{%d})" % rest
             for head, rest in _FIXED]
    row = re.escape(_ROW_RECORD) + b"(?s:.{16})"
    return re.compile(b"(?:" + b"|".join([*cells, row]) + b")+")


def _extent(stream: bytes, offset: int, limits: Limits) -> tuple[int, int]:
    """(rows, columns) up to the sheet's furthest cell record. When every cell lies in the
    first max_cells / 65,536 columns the sheet fits whatever its rows, and the answer is
    that bound (65,536 rows × those columns): stepping over runs of records in C takes
    ~0.05 s where walking them took 0.25 s (65,535 rows × 15 columns). Otherwise, or for
    the message of a sheet that is too big, every record is walked."""
    narrow = _narrow_run(limits.max_cells // _MAX_ROWS)
    if narrow is not None:
        _rows, columns = _walk(stream, offset, narrow.match)
        if columns <= limits.max_cells // _MAX_ROWS:
            return _MAX_ROWS, limits.max_cells // _MAX_ROWS
    return _walk(stream, offset, None)


def _walk(stream: bytes, offset: int, skip) -> tuple[int, int]:  # skip: Pattern.match
    """(rows, columns) of the records walked one by one: one unpack per record reads its
    header and the four bytes after it (a cell's row and column), ~0.3 µs a record. `skip`
    steps over runs of records first (their cells are not counted)."""
    rows = columns = -1
    position, end = offset, len(stream) - 8
    header = _HEADER.unpack_from
    cells, runs = _CELLS, _RUNS
    while position <= end:
        if skip is not None and (found := skip(stream, position)) is not None:
            position = found.end()
            continue
        kind, length, row, column = header(stream, position)
        if kind in cells:
            if row > rows:
                rows = row
            if column > columns:
                columns = column
        elif kind in runs and length >= 6:
            last = _LAST.unpack_from(stream, position + 2 + length)[0]
            if row > rows:
                rows = row
            if last > columns:
                columns = last
        elif kind == _EOF:
            break
        position += 4 + length
    return rows + 1, columns + 1
