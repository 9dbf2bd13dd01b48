"""Money in several currencies: the home currency, dated exchange rates and the rules that
convert a deal's value into the home currency. Plain Python: no Qt, no database.

Rules (issue 13):
- a rate says how many units of the home currency one unit of a currency is worth, in force
  from its date until the next rate of that currency;
- a closed deal converts at the rate in force on its close date (the latest rate dated on or
  before it); an open deal (or a closed one without a close date) at the latest rate;
- a deal whose currency has no rate for that date is kept out of every money figure (never
  added raw), counted and named instead ("3 deals in CHF have no exchange rate");
- a converted value is whole cents: `int(cents × rate + 0.5)` in IEEE doubles, which SQLite,
  PostgreSQL and Python compute alike, so the SQL and the in-memory figures agree to the cent.
"""

from __future__ import annotations

import locale
import math
import os
from bisect import bisect_right
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date

from pipeline_desktop.domain.currency_codes import COUNTRY_CURRENCY, ISO_4217
from pipeline_desktop.errors import ValidationError

FALLBACK_CURRENCY = "USD"


@dataclass(frozen=True, order=True)
class Rate:
    """One unit of `currency` is worth `rate` units of the home currency from `since` on."""

    currency: str
    since: str  # YYYY-MM-DD
    rate: float

    @property
    def key(self) -> tuple[str, str]:
        return self.currency, self.since


def check_code(text: object, where: str = "") -> str:
    """An ISO 4217 code, upper-cased; anything else raises ValidationError naming `where`."""
    code = str(text or "").strip().upper()
    if code not in ISO_4217:
        prefix = f"{where}: " if where else ""
        shown = str(text or "").strip() or "(empty)"
        raise ValidationError(f"{prefix}“{shown}” is not a currency code (ISO 4217, e.g. EUR)",
                              "currency")
    return code


def parse_rate(text: object, where: str = "") -> float:
    """A positive, finite exchange rate (`1.08`, `1,08`); zero, negative or text raises."""
    prefix = f"{where}: " if where else ""
    raw = f"{text:g}" if isinstance(text, float) else str(text if text is not None else "").strip()
    try:
        value = float(raw.replace(",", ".")) if not isinstance(text, int | float) else float(text)
    except ValueError:
        raise ValidationError(f"{prefix}“{raw}” is not an exchange rate", "rate") from None
    if isinstance(text, bool) or not math.isfinite(value) or value <= 0:
        raise ValidationError(f"{prefix}an exchange rate must be above zero (not “{raw}”)",
                              "rate")
    return value


def parse_since(text: object, where: str = "") -> str:
    prefix = f"{where}: " if where else ""
    if isinstance(text, date):  # a datetime too (a date cell of a workbook)
        return text.isoformat()[:10]
    try:
        return date.fromisoformat(str(text or "").strip()[:10]).isoformat()
    except ValueError:
        raise ValidationError(f"{prefix}“{text}” is not a date (use YYYY-MM-DD)",
                              "since") from None


def convert_cents(cents: int, rate: float) -> int:
    """Whole cents of the home currency (half up); SQL computes the same (metrics_sql)."""
    return int(cents * rate + 0.5)


def locale_currency(name: str | None) -> str:
    """The currency of a locale name's country (`de_DE.UTF-8` → EUR); USD when unknown."""
    if not name:
        return FALLBACK_CURRENCY
    base = name.split(".")[0].split("@")[0]
    country = base.split("_")[1].upper() if "_" in base else ""
    return COUNTRY_CURRENCY.get(country, FALLBACK_CURRENCY)


def system_currency() -> str:
    """The currency of the system locale (LC_ALL, LC_MONETARY, LANG), for a new pipeline."""
    for variable in ("LC_ALL", "LC_MONETARY", "LANG"):
        if os.environ.get(variable):
            return locale_currency(os.environ[variable])
    try:
        return locale_currency(locale.getlocale()[0])
    except ValueError:
        return FALLBACK_CURRENCY


@dataclass
class RateBook:
    """The home currency and every rate, with the lookups of the rules above."""

    home: str
    rates: list[Rate] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._dates: dict[str, list[str]] = {}
        self._values: dict[str, list[float]] = {}
        for rate in sorted(self.rates):
            self._dates.setdefault(rate.currency, []).append(rate.since)
            self._values.setdefault(rate.currency, []).append(rate.rate)

    def is_home(self, currency: str) -> bool:
        return not currency or currency == self.home

    def rate(self, currency: str, day: str | None = None) -> float | None:
        """The rate in force on `day` (ISO), the latest with None; 1 for the home currency."""
        if self.is_home(currency):
            return 1.0
        dates = self._dates.get(currency)
        if not dates:
            return None
        if day is None:
            return self._values[currency][-1]
        index = bisect_right(dates, day) - 1
        return self._values[currency][index] if index >= 0 else None

    def convert(self, cents: int | None, currency: str, day: str | None = None) -> int | None:
        """`cents` in the home currency; None without a value or without a rate."""
        if cents is None:
            return None
        if self.is_home(currency):
            return cents
        rate = self.rate(currency, day)
        return None if rate is None else convert_cents(cents, rate)

    def currencies(self) -> list[str]:
        """The currencies with at least one rate."""
        return sorted(self._dates)

    def history(self, currency: str) -> list[tuple[str, float]]:
        """(since, rate) of one currency, oldest first."""
        return list(zip(self._dates.get(currency, []), self._values.get(currency, []),
                        strict=True))


def rate_day(status: str, closed: str | None) -> str | None:
    """The day whose rate a deal converts at: its close date when closed, else the latest."""
    return closed if status != "open" and closed else None


def unconverted_line(currency: str, deals: int) -> str:
    """`3 deals in CHF have no exchange rate`."""
    return (f"{deals:,} deal in {currency} has no exchange rate" if deals == 1
            else f"{deals:,} deals in {currency} have no exchange rate")


def unconverted_sentence(unconverted: Mapping[str, tuple[int, int] | list[int]]) -> str:
    """Every currency without a rate in one sentence ("" when every deal converts)."""
    parts = [unconverted_line(code, int(n)) for code, (n, _cents) in sorted(unconverted.items())
             if n]
    if not parts:
        return ""
    return "; ".join(parts) + ": they are left out of every money figure."


def rebase(rates: Iterable[Rate], old_home: str, new_home: str) -> list[Rate]:
    """The rates re-expressed against a new home currency, through the new home's own rates
    (`X→new = X→old ÷ new→old` on each date); the old home gets the inverse of the new one's.
    A rate dated before the new home's first rate cannot be re-expressed and is left out."""
    rates = list(rates)
    if new_home == old_home:
        return rates
    book = RateBook(old_home, rates)
    result = [Rate(old_home, since, 1 / value) for since, value in book.history(new_home)]
    for rate in rates:
        if rate.currency == new_home:
            continue
        through = book.rate(new_home, rate.since)
        if through is not None:
            result.append(Rate(rate.currency, rate.since, rate.rate / through))
    return sorted(result)


@dataclass(frozen=True)
class ChangeCurrencies:
    """One undoable step on the currencies: a new home currency (None: keep it), rates to add
    or replace (by currency and date) and rates to remove (currency, since). Its inverse, from
    `storage.currency_store`, is another ChangeCurrencies."""

    home: str | None = None
    put: tuple[Rate, ...] = ()
    remove: tuple[tuple[str, str], ...] = ()
    label: str = "Change exchange rates"


def change_home(book: RateBook, new_home: str) -> ChangeCurrencies:
    """Make `new_home` the home currency, its rates re-expressed against it (see `rebase`)."""
    code = check_code(new_home)
    rebased = rebase(book.rates, book.home, code)
    keys = {r.key for r in rebased}
    return ChangeCurrencies(code, tuple(rebased),
                            tuple(r.key for r in book.rates if r.key not in keys),
                            label="Change home currency")


def plan_change(book: RateBook, home: str | None = None, put: Iterable[Rate] = (),
                label: str = "Change exchange rates") -> ChangeCurrencies:
    """One step that makes `home` the home currency (its rates re-expressed, see `rebase`)
    and adds or replaces the rates `put`, which are already against the new home."""
    new_home = check_code(home) if home else book.home
    base = change_home(book, new_home) if new_home != book.home else ChangeCurrencies()
    merged = {r.key: r for r in base.put}
    for rate in put:
        if rate.currency == new_home:
            raise ValidationError(f"{new_home} is the home currency: its rate is always 1",
                                  "currency")
        merged[rate.key] = rate
    remove = tuple(key for key in base.remove if key not in merged)
    return ChangeCurrencies(new_home if home else None, tuple(sorted(merged.values())), remove,
                            label)


def parse_rate_option(text: str, today: date) -> Rate:
    """`EUR=1.08` (in force from today) or `EUR=1.08@2026-01-01`."""
    code, sep, rest = text.partition("=")
    if not sep:
        raise ValidationError(f"“{text}”: write a rate as CODE=RATE or CODE=RATE@YYYY-MM-DD")
    amount, _at, since = rest.partition("@")
    where = f"--rate {text}"
    return Rate(check_code(code, where), parse_since(since, where) if since else today.isoformat(),
                parse_rate(amount, where))
