"""Deal values converted into the home currency inside SQL, by the rules of
`domain/currency.py`, for every query that sums money (metrics, health, targets, fit).

`MoneySql(db, book).value(day)` is an SQL expression (with its parameters) giving a deal's
value in home-currency cents, NULL when it has no value or its currency no rate for the day:
`CAST(value_cents * rate + 0.5 AS INTEGER)` on SQLite, `TRUNC(...)` on PostgreSQL, both the
IEEE double arithmetic of `convert_cents`, so SQL and Python agree to the cent. The rate is a
CASE over the rates passed as parameters (a few hundred rates cost nothing per row); with a
larger table of rates, an indexed subquery per foreign deal instead. Deals in the home
currency are never multiplied."""

from __future__ import annotations

from typing import Any

import peewee as pw

from pipeline_desktop.domain.currency import RateBook

MAX_INLINE_RATES = 400  # more rates than this: look each foreign deal's rate up in the table
SQL = tuple[str, list[Any]]


class MoneySql:
    """SQL pieces over one table of deals (`table`: its name or alias, which the lookup of
    a large table of rates needs to tell the deal's columns from the rate's)."""

    def __init__(self, db: pw.Database, book: RateBook, table: str = "deal",
                 inline_limit: int | None = None) -> None:
        self.book = book
        self.mark = db.param
        self.postgres = isinstance(db, pw.PostgresqlDatabase)
        self.t = f"{table}." if table else ""
        limit = MAX_INLINE_RATES if inline_limit is None else inline_limit
        self.inline = len(book.rates) <= limit

    def _home(self) -> SQL:
        return f"{self.t}currency IN ({self.mark}, '')", [self.book.home]

    def _float(self) -> str:
        return f"CAST({self.mark} AS DOUBLE PRECISION)"

    def rate(self, day: str | None) -> SQL:
        """The rate of a foreign deal: on `day` (an SQL date expression; the latest where it
        is NULL), or the latest with None; NULL without one."""
        t, mark = self.t, self.mark
        if not self.inline:
            when = "" if day is None else f" AND ({day} IS NULL OR r.since <= {day})"
            return (f"(SELECT r.rate FROM exchange_rate r WHERE r.currency = {t}currency{when} "
                    f"ORDER BY r.since DESC LIMIT 1)"), []
        currencies = self.book.currencies()
        if not currencies:
            return "CAST(NULL AS DOUBLE PRECISION)", []
        parts, params = [f"CASE {t}currency"], []
        for code in currencies:
            history = self.book.history(code)
            params.append(code)
            if day is None:
                parts.append(f"WHEN {mark} THEN {self._float()}")
                params.append(history[-1][1])
                continue
            branch = [f"WHEN {mark} THEN CASE WHEN {day} IS NULL THEN {self._float()}"]
            params.append(history[-1][1])
            for since, value in reversed(history):
                branch.append(f"WHEN {day} >= {mark} THEN {self._float()}")
                params += [since, value]
            parts.append(" ".join(branch) + " END")
        return " ".join(parts) + " END", params

    def value(self, day: str | None = None, column: str = "value_cents") -> SQL:
        """A deal's value in home-currency cents (NULL: no value, or no rate)."""
        home, home_params = self._home()
        rate, rate_params = self.rate(day)
        product = f"{self.t}{column} * ({rate}) + 0.5"
        whole = f"CAST(TRUNC({product}) AS BIGINT)" if self.postgres \
            else f"CAST({product} AS INTEGER)"
        return (f"CASE WHEN {home} THEN {self.t}{column} ELSE {whole} END",
                home_params + rate_params)

    def rated(self, day: str | None = None) -> SQL:
        """1 when a deal converts (home currency, or a rate for its day), else 0."""
        home, home_params = self._home()
        rate, rate_params = self.rate(day)
        return (f"CASE WHEN {home} OR ({rate}) IS NOT NULL THEN 1 ELSE 0 END",
                home_params + rate_params)

    def closed_day(self) -> str:
        """The day a deal converts at (domain.currency.rate_day): its close date if closed."""
        return f"CASE WHEN {self.t}status = 'open' THEN NULL ELSE {self.t}closed END"
