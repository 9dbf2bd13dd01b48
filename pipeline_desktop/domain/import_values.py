"""Reading the values other tools put in spreadsheet cells: amounts, dates, booleans, text.

Plain Python, no Qt and no database: the import pipeline (services/excel) calls these per cell
and turns a ValidationError into "Sheet 'Deals', row 12, column 'Value': 'abc' is not an
amount". A day/month order that a single value cannot tell is decided once per column."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta
from enum import StrEnum

from pipeline_desktop.domain.money import parse_money
from pipeline_desktop.errors import ValidationError

MAX_TEXT = 10_000
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_EXCEL_EPOCH = date(1899, 12, 30)  # serial 1 is 1900-01-01 thanks to the fictitious 1900-02-29
_EXCEL_EPOCH_1904 = date(1904, 1, 1)
_MONTHS = {name: i for i, names in enumerate((
    (), ("jan", "january", "janv", "januar", "enero"), ("feb", "february", "fev", "februar"),
    ("mar", "march", "mars", "märz", "marzo"), ("apr", "april", "avr", "abril"),
    ("may", "mai", "mayo"), ("jun", "june", "juin", "juni", "junio"),
    ("jul", "july", "juil", "juli", "julio"), ("aug", "august", "aout", "août", "agosto"),
    ("sep", "sept", "september", "septembre"), ("oct", "october", "octobre", "oktober"),
    ("nov", "november", "novembre"), ("dec", "december", "décembre", "dezember", "diciembre"),
)) for name in names}
_NUMERIC_DATE = re.compile(r"(\d{1,4})[./-](\d{1,2})[./-](\d{1,4})")
_WORD_DATE = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\.?\s+([A-Za-zäéû]+)\.?,?\s+(\d{4})")
_WORD_DATE_US = re.compile(r"([A-Za-zäéû]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
_TRUE = frozenset({"true", "yes", "y", "1", "x", "won", "wahr", "oui", "ja", "sí", "si"})
_FALSE = frozenset({"false", "no", "n", "0", "", "falsch", "non", "nein"})


class DayOrder(StrEnum):
    """How `03/04/2026` is read: month first (US) or day first (most of the world)."""

    MONTH_FIRST = "month-first"
    DAY_FIRST = "day-first"


# ---- text ------------------------------------------------------------------------------------

def clean_text(value: object, *, limit: int = MAX_TEXT) -> str:
    """Cell → stored text: control characters dropped, trimmed.
    Longer than `limit` is refused rather than cut (nothing is lost silently)."""
    if value.__class__ is str:  # the common case, kept short: it runs for every text cell
        if value.isprintable() and len(value) <= limit:  # no control characters to drop
            return value.strip()  # type: ignore[attr-defined]
        text: str = value  # type: ignore[assignment]
    elif value is None:
        return ""
    elif isinstance(value, float) and value.is_integer():
        text = str(int(value))
    else:
        text = str(value)
    if _CONTROL.search(text):
        text = _CONTROL.sub("", text)
    text = text.strip()
    if len(text) > limit:
        raise ValidationError(f"the text is {len(text):,} characters long (at most {limit:,})")
    return text


def decode_excel_escapes(text: str) -> str:
    """`_x000D_` → CR: openpyxl hands OOXML's escapes back literally (calamine decodes them)."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text) if "_x" in text else text


# ---- numbers and money -------------------------------------------------------------------------

def parse_amount(value: object) -> int | None:
    """Cents from `1200`, `1,200.50`, `$1,200.50`, `1.200,50 €`, `(1,200)`; None when empty."""
    if value.__class__ is float:
        cents = value * 100  # type: ignore[operator]
        if abs(cents) < 1e13 and abs(cents - round(cents)) < 1e-6:
            return round(cents)  # whole cents already (the common case): no Decimal needed
        return parse_money(value)  # type: ignore[arg-type]
    if isinstance(value, bool):
        raise ValidationError(f"'{value}' is not an amount")
    if isinstance(value, int | float):
        return parse_money(value)
    text = clean_text(value)
    if not text:
        return None
    try:
        return parse_money(text)
    except ValidationError:
        raise ValidationError(f"'{text}' is not an amount") from None


def parse_int(value: object) -> int | None:
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise ValidationError(f"'{value}' is not a whole number")
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, int):
        return value
    text = clean_text(value).replace(",", "").replace("\u00a0", "").replace(" ", "")
    if not text:
        return None
    try:
        return int(float(text)) if re.fullmatch(r"-?\d+(\.0+)?", text) else int(text)
    except ValueError:
        raise ValidationError(f"'{value}' is not a whole number") from None


def parse_percent(value: object) -> int | None:
    """0–100; `0.4` from a spreadsheet means 40 %."""
    if value is None or value == "":
        return None
    if isinstance(value, int | float) and not isinstance(value, bool):
        number = float(value)
        text_has_percent = False
    else:
        text = clean_text(value)
        if not text:
            return None
        text_has_percent = text.endswith("%")
        try:
            number = float(text.rstrip("%").strip().replace(",", "."))
        except ValueError:
            raise ValidationError(f"'{text}' is not a probability") from None
    if 0 < number < 1 and not text_has_percent:
        number *= 100
    if not 0 <= number <= 100:
        raise ValidationError(f"'{value}' is not a probability between 0 and 100 %")
    return round(number)


def parse_bool(value: object) -> bool:
    """TRUE/FALSE, 1/0, yes/no (and a few languages); empty is False."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float):
        if value in (0, 1):
            return bool(value)
        raise ValidationError(f"'{value}' is not yes or no")
    text = clean_text(value).casefold()
    if text in _TRUE:
        return True
    if text in _FALSE:
        return False
    raise ValidationError(f"'{value}' is not yes or no")


# ---- dates -------------------------------------------------------------------------------------

def excel_serial_to_date(serial: float, *, epoch_1904: bool = False) -> date:
    if epoch_1904:
        return _EXCEL_EPOCH_1904 + timedelta(days=int(serial))
    if serial < 61:  # before the fictitious 1900-02-29 Excel's count is one day ahead
        if int(serial) == 60:
            raise ValidationError("1900-02-29 does not exist")
        return _EXCEL_EPOCH + timedelta(days=int(serial) + 1)
    return _EXCEL_EPOCH + timedelta(days=int(serial))


def numeric_date_parts(text: str) -> tuple[int, int, int] | None:
    """(a, b, c) of `a/b/c`, `a.b.c`, `a-b-c`, or None."""
    match = _NUMERIC_DATE.fullmatch(text.strip())
    if not match:
        return None
    return int(match.group(1)), int(match.group(2)), int(match.group(3))


def decide_day_order(values: Iterable[object]) -> DayOrder | None:
    """Look at every value of a column: a first part over 12 means day first, a second part
    over 12 means month first. None when no value tells (the caller asks or picks)."""
    day_first = month_first = False
    for value in values:
        if not isinstance(value, str):
            continue
        parts = numeric_date_parts(value.split("T")[0].split(" ")[0])
        if parts is None or parts[0] > 31:  # ISO year first: no question
            continue
        first, second, _ = parts
        day_first |= first > 12
        month_first |= second > 12
    if day_first and not month_first:
        return DayOrder.DAY_FIRST
    if month_first and not day_first:
        return DayOrder.MONTH_FIRST
    return None


def default_day_order(values: Iterable[object]) -> DayOrder:
    """When a column cannot tell: dots mean Europe (day first), slashes the US (month first)."""
    for value in values:
        if isinstance(value, str) and "." in value and numeric_date_parts(value.split(" ")[0]):
            return DayOrder.DAY_FIRST
    return DayOrder.MONTH_FIRST


def parse_date(value: object, order: DayOrder = DayOrder.MONTH_FIRST, *,
               epoch_1904: bool = False) -> date | None:
    """A date from an Excel date, a serial number, ISO text (with time and zone), `MM/DD/YY`,
    `DD.MM.YYYY`, `4 March 2026`, `March 4, 2026`. None when empty."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, time | timedelta | bool):
        raise ValidationError(f"'{value}' is not a date")
    if isinstance(value, int | float):
        if not 1 <= value < 2_958_466:
            raise ValidationError(f"'{value}' is not a date")
        return excel_serial_to_date(value, epoch_1904=epoch_1904)
    text = clean_text(value)
    if not text:
        return None
    found = _parse_date_text(text, order)
    if found is None:
        raise ValidationError(f"'{text}' is not a date")
    return found


def _parse_date_text(text: str, order: DayOrder) -> date | None:
    try:
        if len(text) >= 10 and text[4] == "-":
            return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    head = text.split("T")[0].split(" ")[0]
    parts = numeric_date_parts(head)
    try:
        if parts is not None:
            a, b, c = parts
            if a > 31:
                return date(a, b, c)
            day, month = (a, b) if order is DayOrder.DAY_FIRST else (b, a)
            if month > 12 >= day:  # this one value tells the order itself
                day, month = month, day
            year = c + 2000 if c < 70 else c + 1900 if c < 100 else c
            return date(year, month, day)
        return _parse_word_date(text)
    except ValueError:
        return None


def _parse_word_date(text: str) -> date | None:
    match = _WORD_DATE.fullmatch(text.strip())
    if match:
        day, month_name, year = match.groups()
    else:
        match = _WORD_DATE_US.fullmatch(text.strip())
        if not match:
            return None
        month_name, day, year = match.groups()
    month = _MONTHS.get(month_name.casefold())
    return date(int(year), month, int(day)) if month else None


def parse_datetime(value: object) -> datetime | None:
    """A moment (history, activities): Excel date-time or ISO text; dates become midnight."""
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return _whole_seconds(value.replace(tzinfo=None))
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    text = clean_text(value)
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        day = parse_date(text)
        return datetime(day.year, day.month, day.day) if day else None
    return moment.replace(tzinfo=None, microsecond=0)


def _whole_seconds(moment: datetime) -> datetime:
    """Excel keeps time as a fraction of a day: 10:00:00 may come back as 09:59:59.9996."""
    rounded = moment.replace(microsecond=0)
    return rounded + timedelta(seconds=1) if moment.microsecond >= 500_000 else rounded
