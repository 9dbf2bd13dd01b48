"""The deal table's rows: one SQL text and one function that turns its records into `DealRow`s.

Plain DB-API (no peewee), so the repository and the window's first page (read with sqlite3
before peewee is even imported, see storage/first_page.py) read deals the same way."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

from pipeline_desktop.domain.deal_row import DealRow, search_text
from pipeline_desktop.domain.deals import weighted_cents

_DEAL_COLUMNS_SQL = """
SELECT d.id, d.title, COALESCE(c.name, ''), COALESCE(p.name, ''), d.stage_id, s.name,
       s.position, d.status, d.value_cents, d.currency, COALESCE(d.probability, s.probability),
       d.owner, d.source, d.created, d.expected_close, d.closed, {activity},
       d.budget_confirmed, d.authority_known, d.need <> '', d.timeline,
       COALESCE(c.industry, ''), c.employees, COALESCE(c.region, ''), COALESCE(p.job_title, ''),
       d.version
FROM deal d
JOIN stage s ON s.id = d.stage_id
LEFT JOIN company c ON c.id = d.company_id
LEFT JOIN contact p ON p.id = d.contact_id
"""
# All deals: aggregate the activity table once (about 2× faster than a lookup per deal).
_ALL_DEAL_ROWS_SQL = _DEAL_COLUMNS_SQL.format(activity="la.last_done, na.next_due") + """
LEFT JOIN (SELECT deal_id, MAX(done) AS last_done FROM activity
           WHERE done IS NOT NULL GROUP BY deal_id) la ON la.deal_id = d.id
LEFT JOIN (SELECT deal_id, MIN(due) AS next_due FROM activity
           WHERE done IS NULL AND due IS NOT NULL GROUP BY deal_id) na ON na.deal_id = d.id
"""
# A few deals: look their activities up through the index on activity.deal_id.
_SOME_DEAL_ROWS_SQL = _DEAL_COLUMNS_SQL.format(activity=(
    "(SELECT MAX(a.done) FROM activity a WHERE a.deal_id = d.id), "
    "(SELECT MIN(a.due) FROM activity a WHERE a.deal_id = d.id AND a.done IS NULL)"))

# A function that scores a deal's fit against the ideal customer profile, given
# (industry, employees, region, job_title); None when no profile is set.
FitScorer = Callable[[str, int | None, str, str], int | None]
# `execute(sql, params)` of a DB-API connection (sqlite3) or of peewee's database.
Execute = Callable[[str, tuple], Any]


def iso(value: object) -> str | None:
    """Dates come back as text from SQLite and as date objects from PostgreSQL."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, datetime):
        return value.date().isoformat()
    return value.isoformat()  # type: ignore[attr-defined]


def read_deal_rows(execute: Execute, *, ids: Iterable[int] | None = None,
                   newest: int | None = None, today: date | None = None,
                   scorer: FitScorer | None = None, param: str = "?",
                   book: Any = None) -> list[DealRow]:
    """All deals, only `ids` (those that still exist), or the `newest` few, oldest first.
    `param` is the driver's placeholder (`?` for sqlite3, `%s` for psycopg2). With `book` (a
    domain.currency.RateBook) rows carry their value in the home currency."""
    sql, params = _ALL_DEAL_ROWS_SQL, ()
    if ids is not None:
        id_list = [int(i) for i in ids]
        if not id_list:
            return []
        marks = ", ".join([param] * len(id_list))
        sql, params = f"{_SOME_DEAL_ROWS_SQL} WHERE d.id IN ({marks})", tuple(id_list)
    elif newest is not None:
        sql = (f"{_SOME_DEAL_ROWS_SQL} WHERE d.id IN "
               f"(SELECT id FROM deal ORDER BY id DESC LIMIT {int(newest)})")
    records = execute(sql + " ORDER BY d.id", params).fetchall()
    return to_rows(records, today or date.today(), scorer, book)


def to_rows(records: list[tuple], today: date, scorer: FitScorer | None,
            book: Any = None) -> list[DealRow]:
    """DealRows of the SQL's records; weighted values in the home currency with `book`."""
    today_ordinal = today.toordinal()
    fromiso = date.fromisoformat
    rows = []
    for r in records:
        created, closed = iso(r[13]), iso(r[15])
        end = fromiso(closed).toordinal() if closed else today_ordinal
        age = end - fromiso(created).toordinal() if created else 0
        qualification = int(bool(r[18])) + int(bool(r[19])) + int(bool(r[20])) + int(
            r[21] is not None)
        fit = scorer(r[22], r[23], r[24], r[25]) if scorer else None
        home_cents, home = None, ""
        if book is not None:  # a closed deal at the rate of its close date, else the latest
            home = book.home
            home_cents = r[8] if r[9] == home or not r[9] else \
                book.convert(r[8], r[9], closed if r[7] != "open" else None)
        rows.append(DealRow(
            r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10],
            weighted_cents(home_cents if book is not None else r[8], r[10]), r[11], r[12],
            created, iso(r[14]), closed, age, iso(r[16]), iso(r[17]), qualification, fit, r[26],
            search_text(r[1], r[2], r[3], r[5], r[11], r[12]), home_cents, home,
        ))
    return rows
