"""Storage of the currencies: the home currency (a setting) and the dated exchange rates
(schema v3), read as a `RateBook`, and the handler of `ChangeCurrencies`.

The home currency is chosen on first use: until a pipeline stores one, it is the currency
most of its deals use (so a pipeline's figures never change under it), or, in an empty
pipeline, the system locale's. The first change of the currencies stores it."""

from __future__ import annotations

import json
from datetime import date
from weakref import WeakKeyDictionary

import peewee as pw

from pipeline_desktop.domain.commands import EVERYTHING, Applied
from pipeline_desktop.domain.currency import (
    ChangeCurrencies,
    Rate,
    RateBook,
    check_code,
    parse_rate,
    parse_since,
    system_currency,
)
from pipeline_desktop.errors import ValidationError
from pipeline_desktop.storage.migrations import HOME_KEY

VERSION_KEY = "exchange_rates_version"  # a setting every change of the currencies bumps
_books: WeakKeyDictionary[pw.Database, tuple[tuple, RateBook]] = WeakKeyDictionary()
_RATES_SQL = "SELECT currency, since, rate FROM exchange_rate ORDER BY currency, since"
_MAIN_SQL = ("SELECT currency, COUNT(*) FROM deal WHERE currency <> '' GROUP BY currency "
             "ORDER BY 2 DESC, 1")


def _iso(value: object) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)[:10]


def stored_home(db: pw.Database) -> str | None:
    mark = db.param
    row = db.execute_sql(f"SELECT value FROM setting WHERE key = {mark}", (HOME_KEY,)).fetchone()
    return json.loads(row[0]) if row else None


def home_currency(db: pw.Database) -> str:
    """The stored home currency, else the one most deals use, else the system locale's."""
    home = stored_home(db)
    if home:
        return home
    row = db.execute_sql(_MAIN_SQL).fetchone()
    return row[0] if row else system_currency()


def read_rates(db: pw.Database) -> list[Rate]:
    return [Rate(currency, _iso(since), float(rate))
            for currency, since, rate in db.execute_sql(_RATES_SQL).fetchall()]


def read_book(db: pw.Database) -> RateBook:
    """The home currency and every rate. Kept per database while the stored home currency and
    the rates' version (bumped by every change) stay the same: a whole ECB history is
    ~200,000 rates, and the deal table reads the book after every edit."""
    mark = db.param
    stamp = tuple(sorted(db.execute_sql(
        f"SELECT key, value FROM setting WHERE key IN ({mark}, {mark})",
        (HOME_KEY, VERSION_KEY)).fetchall()))
    cached = _books.get(db)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    book = RateBook(home_currency(db), read_rates(db))
    if any(key == HOME_KEY for key, _value in stamp):  # a home from the deals may change
        _books[db] = (stamp, book)
    return book


def install(repository) -> None:
    """Teach a repository `ChangeCurrencies` (inside the transaction `apply` opens)."""
    db = repository.db
    repository.register(ChangeCurrencies, lambda command: apply_change(db, command))


def apply_change(db: pw.Database, command: ChangeCurrencies) -> Applied:
    """Apply inside a transaction; the inverse puts back exactly what was there."""
    old_home = home_currency(db)
    home = check_code(command.home) if command.home else old_home
    put = [_checked(rate) for rate in command.put]
    for rate in put:
        if rate.currency == home:
            raise ValidationError(f"{home} is the home currency: its rate is always 1",
                                  "currency")
    current = {r.key: r for r in read_rates(db)}
    removed = {tuple(key) for key in command.remove} - {r.key for r in put}
    # The inverse: put back what is removed or replaced; remove what is new.
    restore = [current[key] for key in removed if key in current]
    restore += [current[r.key] for r in put if r.key in current]
    added = [r.key for r in put if r.key not in current]
    mark = db.param
    gone = [key for key in removed if key in current]
    gone += [r.key for r in put if r.key in current]
    cursor = db.cursor()  # executemany: the ECB's whole history is ~200,000 rates
    cursor.executemany(f"DELETE FROM exchange_rate WHERE currency = {mark} AND since = {mark}",
                       gone)
    cursor.executemany(f"INSERT INTO exchange_rate (currency, since, rate) "
                       f"VALUES ({mark}, {mark}, {mark})",
                       [(r.currency, r.since, r.rate) for r in put])
    _bump_version(db)
    stored = stored_home(db)
    text = json.dumps(home)
    if stored is None:
        db.execute_sql(f"INSERT INTO setting (key, value) VALUES ({mark}, {mark})",
                       (HOME_KEY, text))
    elif stored != home:
        db.execute_sql(f"UPDATE setting SET value = {mark} WHERE key = {mark}", (text, HOME_KEY))
    inverse = ChangeCurrencies(old_home if home != old_home else None, tuple(sorted(restore)),
                               tuple(sorted(added)), command.label)
    return Applied(inverse, command, EVERYTHING)


def _bump_version(db: pw.Database) -> None:
    mark = db.param
    row = db.execute_sql(f"SELECT value FROM setting WHERE key = {mark}", (VERSION_KEY,)
                         ).fetchone()
    if row is None:
        db.execute_sql(f"INSERT INTO setting (key, value) VALUES ({mark}, '1')", (VERSION_KEY,))
    else:
        db.execute_sql(f"UPDATE setting SET value = {mark} WHERE key = {mark}",
                       (str(int(row[0]) + 1), VERSION_KEY))


def _checked(rate: Rate) -> Rate:
    code = check_code(rate.currency)
    return Rate(code, parse_since(rate.since), parse_rate(rate.rate, code))
