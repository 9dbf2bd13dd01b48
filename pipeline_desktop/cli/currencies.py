"""`pipeline-desktop currencies --db PATH [--home CODE] [--rate CODE=RATE[@YYYY-MM-DD]]…
[--rates-file FILE.csv]`: set what is given, then print the home currency and the rates."""

from __future__ import annotations

import argparse
from datetime import date
from pathlib import Path

from pipeline_desktop.cli import add_db_option
from pipeline_desktop.domain.currency import (
    Rate,
    RateBook,
    check_code,
    parse_rate_option,
    plan_change,
)
from pipeline_desktop.errors import ValidationError
from pipeline_desktop.session import open_session, resolve_url


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "currencies", help="home currency and exchange rates: set them, list them",
        description="Set the home currency and add exchange rates (one unit of CODE is worth "
                    "RATE of the home currency, from the date on; from today without one), "
                    "or load them from the ECB's reference-rates CSV or a Date,Currency,Rate "
                    "CSV. Then print the table. Nothing is written if any input is wrong.")
    add_db_option(parser)
    parser.add_argument("--home", metavar="CODE", help="the home currency (ISO 4217, e.g. EUR)")
    parser.add_argument("--rate", action="append", default=[], metavar="CODE=RATE[@YYYY-MM-DD]",
                        help="one exchange rate; repeat for more")
    parser.add_argument("--rates-file", type=Path, metavar="FILE.csv",
                        help="the ECB's reference rates or a Date,Currency,Rate CSV")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from pipeline_desktop.services.rates_file import read_rates_file
    from pipeline_desktop.storage.currency_store import read_book

    today = date.fromisoformat(args.today) if args.today else date.today()
    session = open_session(resolve_url(getattr(args, "db", None)), create=False)
    try:
        book = read_book(session.db)
        home = check_code(args.home, "--home") if args.home else None
        if home or args.rate or args.rates_file:
            put = [parse_rate_option(text, today) for text in args.rate]
            if args.rates_file:
                put = read_rates_file(args.rates_file, home or book.home) + put
            _refuse_duplicates(put)
            session.repository.apply(plan_change(book, home, put))
            book = read_book(session.db)
    finally:
        session.close()
    print(render(book))
    return 0


def _refuse_duplicates(put: list[Rate]) -> None:
    """The same currency and date given twice with two rates: which one is meant?"""
    seen: dict[tuple[str, str], float] = {}
    for rate in put:
        if seen.setdefault(rate.key, rate.rate) != rate.rate:
            raise ValidationError(f"two different rates of {rate.currency} on {rate.since}")


def render(book: RateBook) -> str:
    lines = [f"Home currency: {book.home}"]
    if not book.rates:
        return "\n".join([*lines, "No exchange rates yet (add one with --rate CODE=RATE)."])
    lines += ["", f"{'Currency':<9} {'Since':<10}  Rate ({book.home} for 1)"]
    for rate in sorted(book.rates):
        lines.append(f"{rate.currency:<9} {rate.since:<10}  {rate.rate:.10g}")
    return "\n".join(lines)
