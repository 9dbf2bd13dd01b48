"""Checks made before any parser sees a workbook: sizes, compression ratios, entity
declarations, and the real extent of each sheet.

Why: openpyxl inflates zip bombs without a limit (3 MB → 1.2 GB took 74 s and 1.7 GB here),
and python-calamine allocates the full rectangle of a sheet, so one stray cell at XFD1048576
aborts the whole process (a Rust abort that Python cannot catch). So every part is inflated
here once, as a stream, counting bytes, and each worksheet's largest row and column are found
with a few byte-level regular expressions (about 0.4 s for 100,000 rows × 30 columns)."""

from __future__ import annotations

import functools
import re
import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

import defusedxml.ElementTree as SafeET

from pipeline_desktop.services.excel.sniff import FileKind, ImportFileError

CHUNK = 1 << 20
# Patterns start with a literal so the regex engine can skip ahead quickly (a leading \s made
# them 4× slower).
_ROW = re.compile(rb"<row[^>]*? r=\"(\d+)\"")
_WIDE = re.compile(rb"r=\"([A-Z]{2,3})\d")  # cells in column AA or beyond
_DEEP = re.compile(rb"r=\"[A-Z]{1,3}(\d{7,})\"")  # cells in rows ≥ 1,000,000
_DIMENSION = re.compile(rb"<dimension\s+ref=\"([A-Z0-9:$]+)\"")
_DECLARATIONS = (b"<!DOCTYPE", b"<!ENTITY", b"<!doctype", b"<!entity")
_STRICT = b"purl.oclc.org/ooxml/spreadsheetml"
NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
NS_PKG = "{http://schemas.openxmlformats.org/package/2006/relationships}"


@dataclass(frozen=True)
class Limits:
    """What a workbook may hold before it is refused. Tests lower them to build small bombs."""

    max_part_bytes: int = 900_000_000  # one inflated XML part
    max_total_bytes: int = 1_500_000_000  # all parts together
    max_ratio: float = 200.0  # inflated / compressed, for parts over `ratio_floor` bytes
    ratio_floor: int = 2_000_000
    max_cells: int = 8_000_000  # rows × columns calamine may allocate for one sheet
    max_rows: int = 1_048_576  # a sheet cannot hold more; memory is bounded by max_cells
    max_columns: int = 1_000


DEFAULT_LIMITS = Limits()


@dataclass
class SheetInfo:
    name: str
    part: str
    visible: bool
    rows: int = 0  # largest row number seen
    columns: int = 0  # largest column number seen
    dimension: str = ""

    @property
    def cells(self) -> int:
        return self.rows * self.columns


@dataclass
class WorkbookInfo:
    sheets: list[SheetInfo] = field(default_factory=list)
    epoch_1904: bool = False

    def sheet(self, name: str) -> SheetInfo | None:
        folded = name.casefold()
        return next((s for s in self.sheets if s.name.casefold() == folded), None)


def check_workbook(path: Path, limits: Limits = DEFAULT_LIMITS,
                   kind: FileKind = FileKind.XLSX) -> WorkbookInfo:
    """Refuse bombs and traps; return the sheets with their real extents."""
    if kind is FileKind.XLS:
        from pipeline_desktop.services.excel.safety_xls import check_xls

        return check_xls(path, limits)
    try:
        archive = zipfile.ZipFile(path)
    except zipfile.BadZipFile:
        raise ImportFileError(f"{path.name} is damaged or incomplete "
                              "(it is not a complete zip archive)") from None
    with archive:
        check_sizes(path, archive, limits)
        names = set(archive.namelist())
        if kind is FileKind.ODS or ("xl/workbook.xml" not in names and "content.xml" in names):
            from pipeline_desktop.services.excel.safety_ods import check_ods

            return check_ods(path, archive, limits)
        if "xl/workbook.xml" not in names:
            raise ImportFileError(f"{path.name} is a zip archive but not an Excel workbook")
        info = _read_workbook_part(path, archive)
        for member in archive.infolist():
            if member.filename.endswith((".xml", ".rels", ".vml")):
                _scan_part(path, archive, member, info, limits)
    return info


def check_sizes(path: Path, archive: zipfile.ZipFile, limits: Limits) -> None:
    total = 0
    for member in archive.infolist():
        if member.flag_bits & 0x1:
            raise ImportFileError(f"{path.name} is protected with a password")
        size = member.file_size
        total += size
        ratio = size / max(member.compress_size, 1)
        if size > limits.max_part_bytes or (size > limits.ratio_floor and
                                            ratio > limits.max_ratio):
            raise ImportFileError(bomb_message(path, size, member.compress_size))
        if total > limits.max_total_bytes:
            raise ImportFileError(bomb_message(path, total, path.stat().st_size))


def bomb_message(path: Path, inflated: int, compressed: int) -> str:
    return (f"{path.name} would inflate from {compressed / 1e6:,.1f} MB to "
            f"{inflated / 1e6:,.0f} MB; it looks like a zip bomb and was not opened")


def _read_workbook_part(path: Path, archive: zipfile.ZipFile) -> WorkbookInfo:
    raw = archive.read("xl/workbook.xml")
    refuse_declarations(path, raw[:4096])
    if _STRICT in raw[:4096]:
        raise ImportFileError(f"{path.name} is saved as Strict Open XML; open it in Excel and "
                              "save it as an ordinary Excel Workbook (.xlsx)")
    try:
        root = SafeET.fromstring(raw)
        rels_raw = archive.read("xl/_rels/workbook.xml.rels")
        refuse_declarations(path, rels_raw[:4096])
        rels = SafeET.fromstring(rels_raw)
    except KeyError:
        raise ImportFileError(f"{path.name} is damaged (its sheet list is missing)") from None
    except Exception as error:  # defusedxml raises its own types for forbidden content
        raise ImportFileError(f"{path.name} is damaged or unsafe ({type(error).__name__})"
                              ) from None
    targets = {rel.get("Id"): rel.get("Target", "") for rel in rels.iter(f"{NS_PKG}Relationship")}
    info = WorkbookInfo()
    props = root.find(f"{NS_MAIN}workbookPr")
    info.epoch_1904 = props is not None and props.get("date1904") in ("1", "true")
    for sheet in root.iter(f"{NS_MAIN}sheet"):
        target = targets.get(sheet.get(f"{NS_REL}id"), "")
        part = target.lstrip("/") if target.startswith("/") else str(
            PurePosixPath("xl") / target)
        info.sheets.append(SheetInfo(sheet.get("name", ""), _normalise(part),
                                     sheet.get("state", "visible") == "visible"))
    return info


def _normalise(part: str) -> str:
    pieces: list[str] = []
    for piece in part.split("/"):
        if piece == "..":
            if pieces:
                pieces.pop()
        elif piece and piece != ".":
            pieces.append(piece)
    return "/".join(pieces)


def refuse_declarations(path: Path, head: bytes) -> None:
    if any(marker in head for marker in _DECLARATIONS):
        raise ImportFileError(f"{path.name} contains XML entity declarations, which a workbook "
                              "never needs (a possible attack); it was not opened")


def _scan_part(path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo,
               info: WorkbookInfo, limits: Limits) -> None:
    """Inflate one part as a stream (see `inflate`) and measure it if it is a worksheet."""
    sheet = next((s for s in info.sheets if s.part == member.filename), None)
    if sheet is None:
        inflate(path, archive, member, limits)
        return
    state = {"first": True, "tail": b""}

    def consume(chunk: bytes) -> None:
        if state["first"]:
            found = _DIMENSION.search(chunk[:4096])
            sheet.dimension = found.group(1).decode() if found else ""
            state["first"] = False
        _measure(sheet, state["tail"] + chunk)
        state["tail"] = chunk[-64:]

    inflate(path, archive, member, limits, consume)


def inflate(path: Path, archive: zipfile.ZipFile, member: zipfile.ZipInfo, limits: Limits,
            consume: Callable[[bytes], None] | None = None) -> None:
    """Inflate one part as a stream: count real bytes (the directory can lie), refuse entity
    declarations anywhere in it (a long comment can push them past the first kilobytes), and
    hand each chunk to `consume`. (Inflating on a second thread while this one measures was
    tried: no faster, zipfile's own Python work between chunks needs the GIL.)"""
    seen = 0
    tail = b""
    try:
        with archive.open(member) as stream:
            while chunk := stream.read(CHUNK):
                seen += len(chunk)
                if seen > limits.max_part_bytes or seen > member.file_size:
                    raise ImportFileError(bomb_message(path, seen, member.compress_size))
                if b"!" in chunk:  # every declaration has one; a byte search is quick
                    refuse_declarations(path, tail + chunk)
                tail = chunk[-16:]
                if consume is not None:
                    consume(chunk)
    except zipfile.BadZipFile as error:
        raise ImportFileError(f"{path.name} is damaged ({error})") from None
    except (EOFError, OSError, ValueError, zlib.error) as error:
        raise ImportFileError(f"{path.name} is damaged or incomplete ({error})") from None


def _measure(sheet: SheetInfo, data: bytes) -> None:
    rows = _ROW.findall(data)
    if rows:
        sheet.rows = max(sheet.rows, max(map(int, rows)))
    if sheet.columns > _FEW_COLUMNS:
        _measure_wide(sheet, data)
        return
    # One pass finds only what can change the answer: a cell right of the widest column seen
    # so far, or in a row past 999,999 (a pass per question cost ~4× as much).
    position = 0
    pattern = _cells_beyond(sheet.columns)
    while (found := pattern.search(data, position)) is not None:
        letters, row, deep_row = found.groups()
        if letters:
            sheet.columns = max(sheet.columns, column_number(letters.decode()))
            if sheet.columns > _FEW_COLUMNS:
                _measure_wide(sheet, data[found.end():])
                return
            pattern = _cells_beyond(sheet.columns)
        sheet.rows = max(sheet.rows, int(row or deep_row))
        position = found.end()


_FEW_COLUMNS = 64  # beyond this a sheet is measured with the two plain patterns


@functools.lru_cache(maxsize=_FEW_COLUMNS + 1)
def _cells_beyond(columns: int) -> re.Pattern[bytes]:
    """Cell references in a column after the `columns`-th (group 1: letters, 2: row), or in a
    row of seven or more digits (group 3)."""
    return re.compile(rb'r="(?:(' + _labels_after(column_letters(columns)).encode()
                      + rb')(\d+)|[A-Z]{1,3}(\d{7,}))"')


def _labels_after(label: str) -> str:
    """A regular expression for the column labels that come after `label` ("" for none)."""
    longer = f"[A-Z]{{{len(label) + 1},3}}" if len(label) < 3 else ""
    same = [label[:i] + f"[{chr(ord(letter) + 1)}-Z]" + "[A-Z]" * (len(label) - i - 1)
            for i, letter in enumerate(label) if letter != "Z"]
    return "|".join([*same, longer] if longer else same) or "(?!)"


def column_letters(number: int) -> str:
    """1 → A, 27 → AA; 0 → "" (no column yet)."""
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _measure_wide(sheet: SheetInfo, data: bytes) -> None:
    deep = _DEEP.findall(data)
    if deep:
        sheet.rows = max(sheet.rows, *(int(r) for r in deep))
    wide = set(_WIDE.findall(data))
    if wide:
        sheet.columns = max(sheet.columns, *(column_number(c.decode()) for c in wide))


def column_number(letters: str) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + ord(letter) - 64
    return number
