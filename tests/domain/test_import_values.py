"""Values other tools put in cells: amounts, dates (day/month order per column), booleans."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from pipeline_desktop.domain import import_values as iv
from pipeline_desktop.errors import ValidationError


@pytest.mark.parametrize(("text", "cents"), [
    ("1200", 120000), ("1,200.50", 120050), ("$1,200.50", 120050), ("1.200,50 €", 120050),
    ("(1,200)", -120000), (1200, 120000), (1200.5, 120050), ("", None), (None, None),
    ("€ 99", 9900), ("1 200,5", 120050), ("USD 15", 1500),
])
def test_amounts(text: object, cents: int | None) -> None:
    assert iv.parse_amount(text) == cents


@pytest.mark.parametrize("text", ["abc", "12a", True, "1.2.3,4,5x"])
def test_not_amounts(text: object) -> None:
    with pytest.raises(ValidationError, match="is not an amount"):
        iv.parse_amount(text)


@pytest.mark.parametrize(("value", "expected"), [
    (date(2026, 3, 4), date(2026, 3, 4)),
    (datetime(2026, 3, 4, 10, 5), date(2026, 3, 4)),
    (46085, date(2026, 3, 4)),
    (46085.75, date(2026, 3, 4)),
    ("2026-03-04", date(2026, 3, 4)),
    ("2026-03-04T23:30:00+02:00", date(2026, 3, 4)),
    ("2026-03-04T10:00:00Z", date(2026, 3, 4)),
    ("4 March 2026", date(2026, 3, 4)),
    ("March 4, 2026", date(2026, 3, 4)),
    ("4. März 2026", date(2026, 3, 4)),
    ("04.03.2026", date(2026, 4, 3)),  # a lone value: read as the column says (month first)
    ("13/03/26", date(2026, 3, 13)),  # 13 cannot be a month
    ("", None),
])
def test_dates(value: object, expected: date | None) -> None:
    assert iv.parse_date(value) == expected


def test_excel_serials_around_the_fake_leap_day() -> None:
    assert iv.parse_date(59) == date(1900, 2, 28)
    assert iv.parse_date(61) == date(1900, 3, 1)
    with pytest.raises(ValidationError):
        iv.parse_date(60)
    assert iv.excel_serial_to_date(1, epoch_1904=True) == date(1904, 1, 2)


def test_day_order_decided_per_column() -> None:
    assert iv.decide_day_order(["03/04/2026", "25/12/2026"]) is iv.DayOrder.DAY_FIRST
    assert iv.decide_day_order(["03/04/2026", "12/25/2026"]) is iv.DayOrder.MONTH_FIRST
    assert iv.decide_day_order(["03/04/2026", "04/05/2026"]) is None
    assert iv.decide_day_order(["2026-03-04"]) is None
    assert iv.default_day_order(["03.04.2026"]) is iv.DayOrder.DAY_FIRST
    assert iv.default_day_order(["03/04/2026"]) is iv.DayOrder.MONTH_FIRST
    assert iv.parse_date("03/04/2026", iv.DayOrder.DAY_FIRST) == date(2026, 4, 3)
    assert iv.parse_date("03/04/2026", iv.DayOrder.MONTH_FIRST) == date(2026, 3, 4)


@pytest.mark.parametrize("text", ["31/31/2026", "tomorrow", "2026-13-45", True])
def test_not_dates(text: object) -> None:
    with pytest.raises(ValidationError, match="is not a date"):
        iv.parse_date(text)


@pytest.mark.parametrize(("value", "expected"), [
    ("TRUE", True), ("false", False), (1, True), (0, False), ("yes", True), ("No", False),
    ("", False), (True, True), ("x", True),
])
def test_booleans(value: object, expected: bool) -> None:
    assert iv.parse_bool(value) is expected


def test_not_boolean() -> None:
    with pytest.raises(ValidationError, match="not yes or no"):
        iv.parse_bool("maybe")


def test_probability_and_text() -> None:
    assert iv.parse_percent("40%") == 40
    assert iv.parse_percent(0.4) == 40
    assert iv.parse_percent(100) == 100
    with pytest.raises(ValidationError):
        iv.parse_percent("140")
    assert iv.clean_text("  a\x00b\x1f ") == "ab"
    assert iv.clean_text(12.0) == "12"
    assert iv.decode_excel_escapes("a_x000D_b_x005F_x000D_") == "a\rb_x000D_"
    with pytest.raises(ValidationError, match="100,000 characters"):
        iv.clean_text("x" * 100_000)


def test_datetimes_round_to_whole_seconds() -> None:
    assert iv.parse_datetime(datetime(2026, 1, 1, 9, 59, 59, 999_600)) == datetime(
        2026, 1, 1, 10, 0, 0)
    assert iv.parse_datetime("2026-01-01T10:00:00+01:00") == datetime(2026, 1, 1, 10, 0)
