"""The Currencies sheet of our own workbook: the home currency and the dated exchange rates,
written by the export and brought back by the import (issue 13).

Layout: `Home currency | EUR` in the first row, then a header row `Currency | Since | Rate`
(units of the home currency for one unit) and one row per rate. The import takes the sheet
as one `ChangeCurrencies` (added to the import's TableEdit, so it is undone with it): rates
new or changed are put, none is removed; the home currency is taken only into the workbook's
own pipeline or an empty one (elsewhere, rates against another home would be wrong)."""

from __future__ import annotations

from dataclasses import dataclass

import peewee as pw

from pipeline_desktop.domain.currency import (
    ChangeCurrencies,
    Rate,
    RateBook,
    check_code,
    parse_rate,
    parse_since,
)
from pipeline_desktop.errors import ValidationError
from pipeline_desktop.services.excel.plan_types import Counts
from pipeline_desktop.services.excel.read import Source, read_sheet
from pipeline_desktop.services.excel.validate import Problem
from pipeline_desktop.storage.currency_store import read_book, stored_home

SHEET = "Currencies"
HOME_LABEL = "Home currency"
HEADERS = ("Currency", "Since", "Rate")


def write(workbook, book: RateBook, header_format) -> None:
    """Add the sheet to an xlsxwriter workbook (rows in order: constant-memory mode)."""
    sheet = workbook.add_worksheet(SHEET)
    sheet.set_column(0, 0, 16)
    sheet.set_column(1, 2, 14)
    sheet.write_string(0, 0, HOME_LABEL, header_format)
    sheet.write_string(0, 1, book.home)
    for index, header in enumerate((*HEADERS[:2], f"Rate ({book.home} for 1)")):
        sheet.write_string(2, index, header, header_format)
    for number, rate in enumerate(sorted(book.rates), start=3):
        sheet.write_string(number, 0, rate.currency)
        sheet.write_string(number, 1, rate.since)
        sheet.write_number(number, 2, rate.rate)


@dataclass
class CurrencyPlan:
    command: ChangeCurrencies | None
    counts: Counts
    problems: list[Problem]
    warnings: list[str]


def plan(db: pw.Database, source: Source, trusted: bool) -> CurrencyPlan | None:
    """What importing the sheet changes; None when the workbook has no Currencies sheet."""
    if source.info is None or source.info.sheet(SHEET) is None:
        return None
    rows = read_sheet(source, SHEET)
    problems: list[Problem] = []
    home = _home(rows, problems)
    rates = _rates(rows, problems)
    counts = Counts()
    if problems or home is None:
        return CurrencyPlan(None, counts, problems, [])
    book = read_book(db)
    if home != book.home and not (trusted or stored_home(db) is None):
        return CurrencyPlan(None, counts, [], [
            f"Sheet '{SHEET}': its rates are against {home}, this pipeline's home currency "
            f"is {book.home}; the exchange rates were not imported"])
    current = {r.key: r.rate for r in book.rates} if home == book.home else {}
    put = []
    for rate in rates:
        if rate.key not in current:
            counts.new += 1
        elif current[rate.key] != rate.rate:
            counts.changed += 1
        else:
            counts.unchanged += 1
            continue
        put.append(rate)
    if home == book.home and not put:
        return CurrencyPlan(None, counts, [], [])
    # A new home currency: the rates against the old one go (the workbook's replace them).
    keys = {r.key for r in rates}
    remove = () if home == book.home else tuple(r.key for r in book.rates if r.key not in keys)
    return CurrencyPlan(ChangeCurrencies(home, tuple(put), remove, "Import exchange rates"),
                        counts, [], [])


def _home(rows: list[list[object]], problems: list[Problem]) -> str | None:
    first = rows[0] if rows else []
    value = first[1] if len(first) > 1 else None
    if not first or str(first[0] or "").strip() != HOME_LABEL:
        problems.append(Problem(SHEET, 1, "A", first[0] if first else None,
                                f"the first row must be “{HOME_LABEL}” and its code"))
        return None
    try:
        return check_code(value)
    except ValidationError as error:
        problems.append(Problem(SHEET, 1, "B", value, str(error)))
        return None


def _rates(rows: list[list[object]], problems: list[Problem]) -> list[Rate]:
    rates = []
    for number, row in enumerate(rows[3:], start=4):
        cells = [*row, None, None, None][:3]
        if all(c is None or str(c).strip() == "" for c in cells):
            continue
        try:
            code = check_code(cells[0])
            rates.append(Rate(code, parse_since(cells[1]), parse_rate(cells[2])))
        except ValidationError as error:
            column = {"currency": "Currency", "since": "Since"}.get(error.field or "", "Rate")
            problems.append(Problem(SHEET, number, column, cells[HEADERS.index(column)],
                                    str(error)))
    return rates
