"""The streaming reader of `stream` for OpenDocument sheets calamine must not load whole (a
value far below or right of the data, a repeated run of a million rows): defusedxml's
iterparse over content.xml, one row at a time, so the caller can stop after a run of empty
rows. Slow (~10× calamine) but only hostile or broken files come here."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path

from defusedxml.ElementTree import iterparse

TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_CELLS = (f"{TABLE}table-cell", f"{TABLE}covered-table-cell")


def iter_ods_rows(path: Path, sheet: str, *, max_columns: int
                  ) -> Iterator[tuple[int, list[object]]]:
    """(row number, values) for each row of `sheet`, repeats counted; [] for empty rows. A
    repeated run of empty rows is told only when something follows it: LibreOffice ends
    every sheet with one, a million rows long."""
    with zipfile.ZipFile(path) as archive, archive.open("content.xml") as stream:
        inside = False
        number = 0
        waiting = 0  # empty rows of a repeated run, told when a row with values follows
        for event, element in iterparse(stream, events=("start", "end")):
            tag = element.tag
            if tag == f"{TABLE}table":
                if event == "start":
                    inside = element.get(f"{TABLE}name") == sheet
                elif inside:
                    return
                continue
            if event != "end" or tag != f"{TABLE}table-row":
                continue
            if not inside:
                element.clear()  # rows of other sheets: freed as they pass
                continue
            values = _row_values(element, max_columns)
            repeat = int(element.get(f"{TABLE}number-rows-repeated", "1"))
            element.clear()
            if not values:
                number += repeat
                if repeat == 1:
                    yield number, []
                else:
                    waiting = number
                continue
            if waiting:
                yield waiting, []
                waiting = 0
            for _ in range(repeat):
                number += 1
                yield number, values


def _row_values(row, max_columns: int) -> list[object]:
    values: list[object] = []
    for cell in row:
        if cell.tag not in _CELLS:
            continue
        repeat = int(cell.get(f"{TABLE}number-columns-repeated", "1"))
        value = _value(cell)
        if value is None or value == "":
            if len(values) + repeat >= max_columns:
                break
            values.extend([None] * repeat)
            continue
        values.extend([value] * min(repeat, max_columns - len(values)))
        if len(values) >= max_columns:
            break
    while values and values[-1] is None:
        values.pop()
    return values


def _value(cell) -> object:
    kind = cell.get(f"{OFFICE}value-type")
    if kind in ("float", "percentage", "currency"):
        number = float(cell.get(f"{OFFICE}value", "0"))
        return int(number) if number.is_integer() and abs(number) < 2**53 else number
    if kind == "boolean":
        return cell.get(f"{OFFICE}boolean-value") == "true"
    if kind == "date":
        return _date(cell.get(f"{OFFICE}date-value", ""))
    if kind == "time":
        return cell.get(f"{OFFICE}time-value", "")
    if kind is None:
        return None
    text = cell.get(f"{OFFICE}string-value")
    if text is not None:
        return text
    return "\n".join("".join(p.itertext()) for p in cell.iter(f"{TEXT}p"))


def _date(text: str) -> object:
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        return text
    if len(text) <= 10 or moment.time() == datetime.min.time():
        return moment.date()
    return moment.replace(microsecond=0)

