"""`pipeline-desktop copy --db SOURCE TARGET [--replace]`: copy a whole pipeline between a file
and a team server, either way (what File › Copy to team server… does in the window)."""

from __future__ import annotations

import argparse
import time

from pipeline_desktop.cli import add_db_option
from pipeline_desktop.session import open_session, resolve_url
from pipeline_desktop.storage.team import copy_pipeline, display_url


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "copy", help="copy the whole pipeline to a team server or a file (either way)",
        description="Copies stages, companies, contacts, deals, activities, stage history, "
                    "custom fields and settings in one transaction on the target.")
    add_db_option(parser)
    parser.add_argument("target", help="postgresql://user@host/database or a pipeline file")
    parser.add_argument("--replace", action="store_true",
                        help="overwrite the deals the target already holds")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    source = open_session(resolve_url(getattr(args, "db", None)), create=False, read_only=True)
    try:
        started = time.perf_counter()
        report = copy_pipeline(source.db, args.target, replace=args.replace)
    finally:
        source.close()
    print(f"{report.summary()} ({time.perf_counter() - started:.1f} s)")
    print(f"Open it with: pipeline-desktop --db {display_url(args.target)}")
    return 0
