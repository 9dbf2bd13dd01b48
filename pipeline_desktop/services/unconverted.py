"""Deals whose currency has no exchange rate for their date: left out of every money figure
of the health check, so named by a finding of their own (issue 13)."""

from __future__ import annotations

from pipeline_desktop.domain.currency import unconverted_sentence
from pipeline_desktop.services.findings import Context, Finding
from pipeline_desktop.services.money_sql import MoneySql
from pipeline_desktop.storage.currency_store import read_book
from pipeline_desktop.storage.repository import Repository

_UNRATED_SQL = """
SELECT d.id, d.currency, d.value_cents FROM deal d WHERE {rated} = 0
ORDER BY d.value_cents DESC, d.id"""


def find_unconverted(repository: Repository, ctx: Context
                     ) -> tuple[dict[str, tuple[int, int]], Finding | None]:
    """Deals (open, or closed on a day) whose currency has no exchange rate: left out of every
    money figure, so named here ({currency: (deals, cents)}, and a finding)."""
    money = MoneySql(repository.db, read_book(repository.db), "d")
    rated, params = money.rated(money.closed_day())
    tally: dict[str, list[int]] = {}
    ids: list[int] = []
    for deal_id, currency, cents in repository.db.execute_sql(
            _UNRATED_SQL.format(rated=rated), tuple(params)).fetchall():
        counts = tally.setdefault(currency, [0, 0])
        counts[0] += 1
        counts[1] += int(cents or 0)
        ids.append(deal_id)
    unconverted = {code: (n, cents) for code, (n, cents) in sorted(tally.items())}
    if not unconverted:
        return {}, None
    return unconverted, Finding(
        "unconverted_deals", "warning",
        f"{unconverted_sentence(unconverted)} Add their rates with Pipeline › Currencies…",
        {code: {"deals": n, "value": cents / 100} for code, (n, cents) in unconverted.items()},
        tuple(ids))
