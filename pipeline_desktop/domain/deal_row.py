"""One line of the deal table. Its own module, so the window's first page (storage/first_page.py)
needs none of the rest of the domain model (its enums and dataclasses cost ~1.5 ms to set up)."""

from __future__ import annotations

from typing import NamedTuple


class DealRow(NamedTuple):
    """One line of the deal table: flat, cheap (a tuple) and ready to sort.

    Dates are ISO strings (`YYYY-MM-DD`), which sort correctly as text; money is cents."""

    id: int
    title: str
    company: str
    contact: str
    stage_id: int
    stage: str
    stage_position: int
    status: str
    value_cents: int | None
    currency: str
    probability: int  # the deal's own, else its stage's
    weighted_cents: int
    owner: str
    source: str
    created: str
    expected_close: str | None
    closed: str | None
    age_days: int
    last_activity: str | None
    next_activity: str | None
    qualification: int  # BANT score 0–4
    fit: int | None  # ideal-customer fit 0–100, None when nothing is known
    version: int = 1  # the deal's version when read: an edit made from it says so (team mode)
    search: str = ""  # title, company, contact, stage, owner, source, case-folded: what a search
    #                   box looks in, kept in the row so filtering 100,000 deals is one loop
    # The value in the home currency (domain/currency.py): None without a value or without an
    # exchange rate; `home` names that currency ("" in the first page, read before the rates).
    # `weighted_cents` is in the home currency too once it is known.
    home_cents: int | None = None
    home: str = ""

    def with_search_text(self) -> DealRow:
        return self._replace(search=search_text(self.title, self.company, self.contact,
                                                self.stage, self.owner, self.source))


def search_text(*fields: str) -> str:
    """What a search box matches: the text fields, case-folded, kept apart by a separator."""
    return "\x1f".join(fields).casefold()
