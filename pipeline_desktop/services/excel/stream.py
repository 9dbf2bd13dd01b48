"""A small streaming sheet reader for sheets too sparse or too big for calamine's rectangle.

Why not openpyxl's read-only mode: it trusts `<dimension>` (an under-stated one hides cells)
and, when the tag is missing, scans the whole sheet before the first row (16 s for a million
empty rows). This reader walks the XML once with defusedxml's iterparse, frees each row as it
goes, and lets the caller stop after a run of empty rows."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

from defusedxml.ElementTree import iterparse

from pipeline_desktop.domain.import_values import decode_excel_escapes

NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_REF = re.compile(r"([A-Z]{1,3})(\d+)")
_DATE_IDS = set(range(14, 23)) | {45, 46, 47}
_QUOTED = re.compile(r'"[^"]*"|\[[^\]]*\]|\\.')
_EPOCH = datetime(1899, 12, 30)
_EPOCH_1904 = datetime(1904, 1, 1)


def shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings: list[str] = []
    with archive.open("xl/sharedStrings.xml") as stream:
        for _event, element in iterparse(stream, events=("end",)):
            if element.tag == f"{NS}si":
                strings.append(_text_of(element))
                element.clear()
    return strings


def _text_of(element) -> str:
    """The text of an `<si>` or `<is>`: its `<t>`, or its rich-text runs (not phonetics)."""
    parts = [t.text or "" for t in element.iter(f"{NS}t")]
    phonetic = [t.text or "" for p in element.iter(f"{NS}rPh") for t in p.iter(f"{NS}t")]
    for text in phonetic:
        parts.remove(text)
    return decode_excel_escapes("".join(parts))


def date_styles(archive: zipfile.ZipFile) -> set[int]:
    """Indexes of cell formats that show numbers as dates."""
    if "xl/styles.xml" not in archive.namelist():
        return set()
    formats: dict[int, str] = {}
    dates: set[int] = set()
    with archive.open("xl/styles.xml") as stream:
        in_xfs = False
        index = 0
        for event, element in iterparse(stream, events=("start", "end")):
            if element.tag == f"{NS}numFmt" and event == "end":
                formats[int(element.get("numFmtId", "0"))] = element.get("formatCode", "")
            elif element.tag == f"{NS}cellXfs":
                in_xfs = event == "start"
            elif element.tag == f"{NS}xf" and in_xfs and event == "end":
                fmt = int(element.get("numFmtId", "0"))
                if fmt in _DATE_IDS or _is_date_code(formats.get(fmt, "")):
                    dates.add(index)
                index += 1
    return dates


def _is_date_code(code: str) -> bool:
    bare = _QUOTED.sub("", code).casefold()
    return any(letter in bare for letter in "dmyh") and "general" not in bare


def iter_rows(path: Path, part: str, *, max_columns: int, epoch_1904: bool = False
              ) -> Iterator[tuple[int, list[object]]]:
    """(row number, values) for each `<row>` in file order; values [] when it has none
    (so a caller can stop after a run of empty rows without walking a million of them)."""
    with zipfile.ZipFile(path) as archive:
        strings = shared_strings(archive)
        dates = date_styles(archive)
        epoch = _EPOCH_1904 if epoch_1904 else _EPOCH
        with archive.open(part) as stream:
            row: dict[int, object] = {}
            position = 0
            row_number = 0
            for _event, element in iterparse(stream, events=("end",)):
                tag = element.tag
                if tag == f"{NS}c":
                    column, number = _where(element.get("r"), position)
                    position = column + 1
                    if number:
                        row_number = number
                    if column < max_columns:
                        value = _value(element, strings, dates, epoch)
                        if value is not None and value != "":
                            row[column] = value
                    element.clear()
                elif tag == f"{NS}row":
                    row_number = int(element.get("r") or row_number + 1)
                    width = max(row) + 1 if row else 0
                    yield row_number, [row.get(i) for i in range(width)]  # empty rows too
                    row, position = {}, 0
                    element.clear()


def _where(ref: str | None, position: int) -> tuple[int, int]:
    if not ref:
        return position, 0
    match = _REF.fullmatch(ref)
    if not match:
        return position, 0
    column = 0
    for letter in match.group(1):
        column = column * 26 + ord(letter) - 64
    return column - 1, int(match.group(2))


def _value(cell, strings: list[str], dates: set[int], epoch: datetime) -> object:
    kind = cell.get("t", "n")
    if kind == "inlineStr":
        inline = cell.find(f"{NS}is")
        return _text_of(inline) if inline is not None else ""
    raw = cell.findtext(f"{NS}v")
    if raw is None:
        return None
    if kind == "s":
        index = int(raw)
        return strings[index] if 0 <= index < len(strings) else ""
    if kind == "b":
        return raw.strip() == "1"
    if kind in ("str", "e", "d"):
        return decode_excel_escapes(raw)
    try:
        number = float(raw)
    except ValueError:
        return raw
    if int(cell.get("s", "0")) in dates and 0 < number < 2_958_466:
        moment = epoch + timedelta(days=number if number >= 61 or epoch is not _EPOCH
                                   else number + 1)
        moment = moment.replace(microsecond=0)
        return moment.date() if moment.time() == datetime.min.time() else moment
    return int(number) if number.is_integer() and abs(number) < 2**53 else number
