"""`pipeline-desktop demo --db PATH [--deals N] [--seed S] [--force]`."""

from __future__ import annotations

import argparse
import time

from pipeline_desktop.cli import add_db_option
from pipeline_desktop.errors import PipelineError, UsageError
from pipeline_desktop.services.demo import generate
from pipeline_desktop.session import open_session, resolve_url
from pipeline_desktop.storage.bulk import clear_pipeline


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("demo", help="create a sample pipeline")
    add_db_option(parser)
    parser.add_argument("--deals", type=int, default=300, help="how many deals (default 300)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (same seed, same data)")
    parser.add_argument("--force", action="store_true",
                        help="replace the deals of a pipeline that already has some")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if args.deals < 0:
        raise UsageError("--deals must be 0 or more")
    session = open_session(resolve_url(getattr(args, "db", None)))
    try:
        existing = session.repository.deal_count()
        if existing and not args.force:
            raise PipelineError(f"{session.url} already holds {existing} deals; "
                                "use --force to replace them")
        started = time.perf_counter()
        with session.db.atomic():
            clear_pipeline(session.db)
            generate(session.db, session.repository.stages(), deals=args.deals, seed=args.seed,
                     sample_settings=True)
        print(f"{args.deals} sample deals written to {session.url} "
              f"in {time.perf_counter() - started:.1f} s")
    finally:
        session.close()
    return 0
