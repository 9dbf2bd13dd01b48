"""`pipeline-desktop health` (is my pipeline healthy?) and `pipeline-desktop report` (a PDF)."""

from __future__ import annotations

import argparse
import json
import os
import sys
from datetime import date
from pathlib import Path

from pipeline_desktop.cli import add_db_option
from pipeline_desktop.errors import UsageError
from pipeline_desktop.session import reading, resolve_url

MARKS = {"critical": "!!", "warning": "! ", "info": "i "}


def register(subparsers: argparse._SubParsersAction) -> None:
    health = subparsers.add_parser(
        "health", help="score the pipeline 0–100 and list what is wrong",
        description="Score the pipeline 0–100 with its breakdown and list the findings: "
                    "coverage of the revenue target, stale deals, deals without a next "
                    "activity, falling conversion or win rate, and more.")
    add_db_option(health)
    health.add_argument("--json", action="store_true",
                        help="print one JSON object: score, breakdown, findings with ids, "
                             "figures and deal ids")
    health.add_argument("--today", type=_day, metavar="YYYY-MM-DD",
                        help="judge the pipeline as of this day (default: today)")
    health.set_defaults(run=run_health)

    report = subparsers.add_parser(
        "report", help="write a PDF report: KPIs, funnel, forecast, findings, deals to act on",
        description="Write a PDF report of a few pages to take to a meeting.")
    add_db_option(report)
    report.add_argument("--out", required=True, type=Path, metavar="FILE.pdf",
                        help="the PDF to write")
    report.add_argument("--from", dest="start", type=_day, metavar="YYYY-MM-DD",
                        help="first day of the period (default: 90 days before --to)")
    report.add_argument("--to", dest="end", type=_day, metavar="YYYY-MM-DD",
                        help="last day of the period (default: today)")
    report.set_defaults(run=run_report)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}” is not a date (use YYYY-MM-DD)") from None


def run_health(args: argparse.Namespace) -> int:
    from pipeline_desktop.services.health import check

    with reading(resolve_url(getattr(args, "db", None))) as session:
        report = check(session.repository, args.today)
    text = json.dumps(report.to_json(), ensure_ascii=False) if args.json else format_report(report)
    try:
        print(text)
    except BrokenPipeError:  # `| head` stopped reading: not an error worth a message
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    return 0


def format_report(report) -> str:
    lines = [f"Pipeline health on {report.today.isoformat()}: {report.score}/100", ""]
    for area in report.breakdown:
        points = "  n/a" if area.points is None else f"{area.points:5.1f}"
        lines.append(f"  {area.label:<28}{points} / {area.maximum:<4g} {area.note}")
    lines.append("")
    if not report.findings:
        lines.append("Nothing to worry about.")
    for finding in report.findings:
        deals = f" [{len(finding.deal_ids):,} deals]" if finding.deal_ids else ""
        lines.append(f"{MARKS[finding.severity]} {finding.message}{deals}")
    for finding_id, why in report.skipped.items():
        lines.append(f"   (not checked: {finding_id}: {why})")
    return "\n".join(lines)


def run_report(args: argparse.Namespace) -> int:
    if args.start and args.end and args.start > args.end:
        raise UsageError("--from must not be after --to")
    if args.out.suffix.lower() != ".pdf":
        raise UsageError("--out must name a .pdf file")
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from pipeline_desktop.ui.app import create_application
    from pipeline_desktop.ui.report import write_report

    create_application()
    with reading(resolve_url(getattr(args, "db", None))) as session:
        pages = write_report(session, args.out, start=args.start, end=args.end)
    print(f"{args.out} ({pages} pages)")
    return 0
