"""Exchange rates from a CSV file: the European Central Bank's reference rates
(`Date,USD,JPY,…`, each the amount of that currency for 1 EUR, `N/A` where none) or a plain
`Date,Currency,Rate` file (rates to the home currency). No Qt.

ECB rates are brought to the home currency H through the euro: one unit of X is worth
rate(H) ÷ rate(X) units of H (rate(EUR) = 1). A problem anywhere refuses the whole file with
one message per broken row (`rates.csv row 4: …`); nothing is taken from it."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from pipeline_desktop.domain.currency import Rate, check_code, parse_rate, parse_since
from pipeline_desktop.domain.currency_codes import ISO_4217
from pipeline_desktop.errors import PipelineError, ValidationError

MAX_BYTES = 20_000_000  # the ECB's whole history since 1999 is about 2 MB
MISSING = {"", "N/A", "NA", "-"}


class RatesFileError(PipelineError):
    """Rows of a rates file that cannot be read; `problems` has one line each."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def read_rates_file(path: Path, home: str) -> list[Rate]:
    """Every rate of the file, to the home currency `home`; RatesFileError when any row is
    broken."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise RatesFileError([f"{path.name}: too large for a file of exchange rates"])
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError:
        raise RatesFileError([f"{path.name}: not a text (CSV) file"]) from None
    except OSError as error:
        raise RatesFileError([f"{path.name}: cannot be read ({error.strerror})"]) from None
    return parse_rates(text, home, path.name)


def parse_rates(text: str, home: str, name: str = "rates.csv") -> list[Rate]:
    rows = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]
    rows = [row for row in rows if any(row)]
    if not rows:
        raise RatesFileError([f"{name}: the file is empty"])
    header = [cell.casefold() for cell in rows[0]]
    if header[:3] == ["date", "currency", "rate"]:
        return _plain(rows[1:], home, name)
    if header[:1] == ["date"] and len(header) > 1:
        return _ecb(rows, home, name)
    raise RatesFileError([f"{name} row 1: expected the ECB's “Date,USD,JPY,…” or "
                          "“Date,Currency,Rate” as the first row"])


def _plain(rows: list[list[str]], home: str, name: str) -> list[Rate]:
    rates, problems = {}, []
    for number, row in enumerate(rows, start=2):
        where = f"{name} row {number}"
        try:
            if len(row) < 3:
                raise ValidationError(f"{where}: needs a date, a currency and a rate")
            since = parse_since(row[0], where)
            code = check_code(row[1], where)
            if code == home:
                raise ValidationError(f"{where}: {home} is the home currency (always 1)")
            rates[code, since] = Rate(code, since, parse_rate(row[2], where))
        except ValidationError as error:
            problems.append(str(error))
    if problems:
        raise RatesFileError(problems)
    return sorted(rates.values())


def _ecb(rows: list[list[str]], home: str, name: str) -> list[Rate]:
    header, problems = rows[0], []
    columns = _ecb_columns(header, rows[1:], name, problems)
    rates: dict[tuple[str, str], Rate] = {}
    for number, row in enumerate(rows[1:], start=2):
        where = f"{name} row {number}"
        try:
            since = parse_since(row[0], where)
            per_euro = {"EUR": 1.0}
            for index, code in columns:
                cell = row[index] if index < len(row) else ""
                if cell.upper() not in MISSING:
                    per_euro[code] = parse_rate(cell, f"{where}, column {code}")
        except ValidationError as error:
            problems.append(str(error))
            continue
        home_per_euro = per_euro.get(home)
        if home_per_euro is None:  # no rate of the home currency that day: nothing to take
            continue
        for code, amount in per_euro.items():
            if code != home:
                rates[code, since] = Rate(code, since, home_per_euro / amount)
    if problems:
        raise RatesFileError(problems)
    if not rates:
        raise RatesFileError([f"{name}: no rates of the home currency {home} in this file"])
    return sorted(rates.values())


def _ecb_columns(header: list[str], rows: list[list[str]], name: str, problems: list[str]
                 ) -> list[tuple[int, str]]:
    """(index, code) of the currency columns. The ECB's history keeps currencies since
    retired (CYP, LTL, …): a code that is no longer in ISO 4217 is passed over, as no deal
    can be in it; a header that is no code at all is refused."""
    columns = []
    for index, cell in enumerate(header[1:], start=1):
        if not cell:
            continue  # the ECB's rows end with a comma
        if cell.upper() in ISO_4217:
            columns.append((index, cell.upper()))
        elif not (len(cell) == 3 and cell.isalpha()) and any(
                index < len(r) and r[index].upper() not in MISSING for r in rows):
            problems.append(f"{name} row 1: “{cell}” is not a currency code (ISO 4217)")
    return columns
