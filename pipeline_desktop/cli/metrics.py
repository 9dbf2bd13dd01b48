"""`pipeline-desktop metrics --db PATH [--json] [--from YYYY-MM-DD] [--to YYYY-MM-DD]`.

Scripts run it: registering the command imports nothing but argparse, and running it imports
only what reading the figures needs (benchmarks/bench_metrics_command.py times it)."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from pipeline_desktop.cli import add_db_option

if TYPE_CHECKING:
    from pipeline_desktop.services.periods import Period
    from pipeline_desktop.storage.repository import Repository


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "metrics", help="win rate, deal size, velocity, funnel and forecast",
        description="Pipeline metrics. The period (--from/--to) selects won and lost deals by "
                    "their closed date; open-pipeline figures are always as of today.")
    add_db_option(parser)
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--from", dest="start", metavar="YYYY-MM-DD",
                        help="first closed date of the period (default: all time)")
    parser.add_argument("--to", dest="end", metavar="YYYY-MM-DD",
                        help="last closed date of the period (default: all time)")
    parser.add_argument("--today", metavar="YYYY-MM-DD", help=argparse.SUPPRESS)
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    import gc

    # A short command whose objects all live until it ends: the cyclic collector's passes
    # over the modules it imports and the rows it reads free next to nothing (~1,300 objects
    # in 27 passes, ~6 ms of CPU at 100,000 deals).
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _run(args)
    finally:
        if collecting:
            gc.enable()


def _run(args: argparse.Namespace) -> int:
    from pipeline_desktop.paths import resolve_url

    url = resolve_url(getattr(args, "db", None))

    import json
    from concurrent.futures import ThreadPoolExecutor
    from datetime import date

    from pipeline_desktop.services.metrics import to_json
    from pipeline_desktop.services.metrics_sql import metrics_from_sql
    from pipeline_desktop.services.periods import parse_day, parse_period
    from pipeline_desktop.session import reading

    period = parse_period(args.start, args.end)
    today = parse_day(args.today, "--today") or date.today()
    with reading(url) as session, \
            ThreadPoolExecutor(max_workers=1, thread_name_prefix="fit") as pool:
        # The fit figures' joins (most of their time is inside SQLite or PostgreSQL, without
        # the GIL) run on a connection of their own while this one reads the metrics.
        fits = pool.submit(_fit_json, session.repository, period)
        data = to_json(metrics_from_sql(session.repository, period, today))
        data["by_fit"] = fits.result()
    if args.json:
        print(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        print(render_text(data))
    return 0


def _fit_json(repository: Repository, period: Period) -> list[dict[str, Any]]:
    """`fit_figures` on this thread's own connection, closed when done."""
    from pipeline_desktop.services.fit_metrics import fit_figures

    try:
        return [f.to_json() for f in fit_figures(repository, period)]
    finally:
        repository.db.close()  # this thread's connection only


def _money(value: float | None, currency: str) -> str:
    from pipeline_desktop.domain.money import format_money

    return "—" if value is None else format_money(round(value * 100), currency, whole=True)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f} %"


def _days(value: float | None) -> str:
    return "—" if value is None else f"{value:.1f} days"


def _table(headers: list[str], rows: list[list[str]]) -> list[str]:
    widths = [max(len(str(x)) for x in column) for column in zip(headers, *rows, strict=False)]
    lines = ["  ".join(h.ljust(w) if i == 0 else h.rjust(w)
                       for i, (h, w) in enumerate(zip(headers, widths, strict=True)))]
    lines.append("  ".join("-" * w for w in widths))
    for row in rows:
        lines.append("  ".join(c.ljust(w) if i == 0 else c.rjust(w)
                               for i, (c, w) in enumerate(zip(row, widths, strict=True))))
    return lines


def _left_out(unconverted: dict[str, dict[str, Any]]) -> str:
    from pipeline_desktop.domain.currency import unconverted_sentence

    return unconverted_sentence({code: (u["deals"], 0) for code, u in unconverted.items()})


def render_text(m: dict[str, Any]) -> str:
    """The JSON figures as readable tables."""
    cur = m["currency"]
    period = m["period"]
    when = "all time" if not period["from"] and not period["to"] else \
        f"{period['from'] or '…'} to {period['to'] or '…'}"
    deals = m["deals"]
    lines = [
        f"Pipeline metrics — closed deals: {when}; open pipeline as of {m['today']}",
        "",
        f"Deals              {deals['total']} ({deals['open']} open, {deals['won']} won, "
        f"{deals['lost']} lost)",
        f"Win rate           {_percent(m['win_rate'])}",
        f"Average deal size  {_money(m['average_deal_size'], cur)}",
        f"Days to close      median {_days(m['median_days_to_close'])}, "
        f"mean {_days(m['mean_days_to_close'])}",
        f"Open value         {_money(m['open_value'], cur)}",
        f"Weighted value     {_money(m['weighted_value'], cur)}",
        f"Velocity           {_money(m['velocity_per_day'], cur)}"
        f"{'' if m['velocity_per_day'] is None else ' a day'}",
        f"Stale deals        {m['stale']['count']}",
        "",
    ]
    if m.get("unconverted"):  # money is in the home currency; these deals could not be
        lines[-1:-1] = [f"Left out           {_left_out(m['unconverted'])}"]
    lines += _table(["Stage", "Deals", "Value", "Weighted", "Conversion", "Median days"], [
        [s["name"], str(s["count"]), _money(s["value"], cur), _money(s["weighted_value"], cur),
         _percent(s["conversion_to_next"]),
         "—" if s["median_days_in_stage"] is None else f"{s['median_days_in_stage']:.1f}"]
        for s in m["stages"]])
    bottlenecks = m.get("bottlenecks", {})
    if bottlenecks.get("lowest_conversion"):
        lines.append(f"Bottlenecks: lowest conversion at {bottlenecks['lowest_conversion']}, "
                     f"longest wait at {bottlenecks['longest_wait']}.")
    lines.append("")
    lines += _table(["Month", "Weighted forecast", "Won"], [
        [f["month"], _money(f["weighted_value"], cur), _money(f["won_value"], cur)]
        for f in m["forecast"]])
    if m.get("by_fit"):
        lines.append("")
        lines += _table(["Ideal-customer fit", "Won", "Lost", "Win rate", "Average deal"], [
            [f["fit"], str(f["won"]), str(f["lost"]), _percent(f["win_rate"]),
             _money(f["average_deal_size"], cur)] for f in m["by_fit"]])
    for key, title in (("by_owner", "Owner"), ("by_source", "Lead source")):
        lines.append("")
        lines += _table([title, "Open", "Won", "Lost", "Won value", "Win rate"], [
            [g[key[3:]], str(g["open"]), str(g["won"]), str(g["lost"]),
             _money(g["won_value"], cur), _percent(g["win_rate"])] for g in m[key]])
    return "\n".join(lines)
