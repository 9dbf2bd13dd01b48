"""Random small pipelines for the metrics' property tests (hypothesis): deals with values,
probabilities, owners, sources, lost reasons, expected dates, moves (some dated before the
move they follow, as a late entry is) and done activities, in a temporary pipeline file."""

from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, timedelta
from pathlib import Path

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from metrics_helpers import add_deal

from pipeline_desktop.domain.currency import ChangeCurrencies, Rate
from pipeline_desktop.domain.process_commands import AddActivity
from pipeline_desktop.services.periods import Period
from pipeline_desktop.session import Session, open_session
from pipeline_desktop.storage.repository import Repository

STAGES = ("Prospecting", "Qualifying", "Needs analysis", "Proposal", "Negotiation", "Closing",
          "Won", "Lost")
START = date(2026, 1, 1)

deal_strategy = st.fixed_dictionaries({
    "created": st.integers(0, 120),
    "value": st.one_of(st.none(), st.integers(0, 50_000)),
    "probability": st.one_of(st.none(), st.integers(0, 100)),
    "owner": st.sampled_from(["", "Ana", "Ben"]),
    "source": st.sampled_from(["", "Web", "Referral"]),
    "reason": st.sampled_from(["", "Price", "Timing"]),
    "expected": st.one_of(st.none(), st.integers(0, 400)),
    # A negative gap dates a move before the one it follows (a move recorded late).
    "moves": st.lists(st.tuples(st.sampled_from(STAGES), st.integers(-20, 40)), max_size=4),
    "done": st.one_of(st.none(), st.integers(0, 160)),
    # Mostly the home currency (USD); CHF never has a rate, EUR and JPY have random ones.
    "currency": st.sampled_from(["USD", "USD", "EUR", "JPY", "CHF"]),
})
pipelines = st.lists(deal_strategy, min_size=1, max_size=8)
_days = st.integers(0, 170)
periods = st.one_of(
    st.just(Period()),
    st.tuples(_days, st.integers(0, 60)).map(
        lambda p: Period(START + timedelta(days=p[0]), START + timedelta(days=p[0] + p[1]))),
    _days.map(lambda d: Period(START + timedelta(days=d), None)),
    _days.map(lambda d: Period(None, START + timedelta(days=d))))
# Dated rates of EUR and JPY: halves and tenths (where rounding to the cent is decided) and any
# positive float, in force from before the first deal to after the last close.
rates = st.lists(st.tuples(
    st.sampled_from(["EUR", "JPY"]), st.integers(-30, 200),
    st.one_of(st.sampled_from([0.5, 1.5, 0.1, 1.1, 0.0065, 162.5]),
              st.floats(0.001, 500, allow_nan=False, allow_infinity=False))),
    max_size=5, unique_by=lambda r: r[:2])
SETTINGS = settings(max_examples=40, deadline=None,
                    suppress_health_check=[HealthCheck.function_scoped_fixture])


@contextmanager
def pipeline(deals: list[dict], rates: list[tuple[str, int, float]] = ()
             ) -> Iterator[tuple[Session, list[int]]]:
    """A temporary pipeline file holding these deals (home currency USD) and exchange rates
    ((currency, days after START, rate), …); yields the session and the deal ids."""
    with tempfile.TemporaryDirectory() as folder:
        session = open_session(str(Path(folder) / "p.pipeline"))
        try:
            set_rates(session.repository, rates)
            yield session, [make_deal(session.repository, deal) for deal in deals]
        finally:
            session.close()


def set_rates(repository: Repository, rates: list[tuple[str, int, float]] | tuple = ()) -> None:
    put = tuple(Rate(code, (START + timedelta(days=day)).isoformat(), rate)
                for code, day, rate in rates)
    repository.apply(ChangeCurrencies("USD", put))


def make_deal(repository: Repository, deal: dict) -> int:
    created = START + timedelta(days=deal["created"])
    moves, day = [], created
    for stage, gap in deal["moves"]:
        day += timedelta(days=gap)
        moves.append((stage, day.isoformat()))
        if stage in ("Won", "Lost"):
            break
    extra: dict[str, object] = {"owner": deal["owner"], "source": deal["source"],
                                "currency": deal.get("currency", "USD")}
    if deal["expected"] is not None:
        extra["expected_close"] = (START + timedelta(days=deal["expected"])).isoformat()
    if deal["probability"] is not None:
        extra["probability"] = deal["probability"]
    if deal["reason"]:
        extra["lost_reason"] = deal["reason"]
    deal_id = add_deal(repository, created.isoformat(), value=deal["value"],
                       moves=tuple(moves), **extra)
    if deal["done"] is not None:
        done = (START + timedelta(days=deal["done"])).isoformat()
        repository.apply(AddActivity(deal_id, {"kind": "call", "subject": "Call",
                                               "done": done}))
    return deal_id
