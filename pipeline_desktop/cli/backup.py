"""`pipeline-desktop backup | backups | restore | check`: the safety net from the command line
(for a scheduled backup, or to bring back a file the window refuses to open)."""

from __future__ import annotations

import argparse
from pathlib import Path

from pipeline_desktop import paths
from pipeline_desktop.cli import add_db_option
from pipeline_desktop.errors import PipelineError, UsageError
from pipeline_desktop.session import open_session, resolve_url
from pipeline_desktop.storage import backup
from pipeline_desktop.storage.database import sqlite_path
from pipeline_desktop.storage.integrity import DamagedFileError, integrity_problems
from pipeline_desktop.storage.lock import WriterLock


def register(subparsers: argparse._SubParsersAction) -> None:
    make = subparsers.add_parser("backup", help="back up the pipeline now")
    add_db_option(make)
    make.add_argument("--to", type=Path, help="folder (default: the backups folder)")
    make.set_defaults(run=run_backup)
    listing = subparsers.add_parser("backups", help="list the pipeline's backups, newest first")
    add_db_option(listing)
    listing.set_defaults(run=run_list)
    restore = subparsers.add_parser(
        "restore", help="replace the pipeline by one of its backups",
        description="The pipeline as it is now is backed up first (a damaged one is kept "
                    "beside it as <name>.damaged-<date>). The window must be closed.")
    restore.add_argument("backup", help="a backup file, or 'latest' for the newest good one")
    add_db_option(restore)
    restore.set_defaults(run=run_restore)
    check = subparsers.add_parser("check", help="run SQLite's integrity check on the pipeline")
    add_db_option(check)
    check.set_defaults(run=run_check)


def _pipeline(args: argparse.Namespace) -> Path:
    url = resolve_url(getattr(args, "db", None))
    path = sqlite_path(url)
    if path is None:
        raise UsageError("backups are for pipeline files; a team server keeps its own")
    if not path.exists():
        raise PipelineError(f"No pipeline file at {path}")
    return path


def run_backup(args: argparse.Namespace) -> int:
    path = _pipeline(args)
    session = open_session(str(path), create=False)
    try:
        made = backup.make_backup(session.db, path, args.to or paths.backups_dir(), "manual")
    finally:
        session.close()
    print(made)
    return 0


def run_list(args: argparse.Namespace) -> int:
    path = _pipeline(args)
    infos = backup.list_backups(paths.backups_dir(), path)
    if not infos:
        print(f"no backups of {path.name} in {paths.backups_dir()}")
    for info in infos:
        print(f"{info.made:%Y-%m-%d %H:%M:%S}  {info.reason:<15} {info.size / 1e6:7.1f} MB  "
              f"{info.path}")
    return 0


def run_restore(args: argparse.Namespace) -> int:
    path = _pipeline(args)
    chosen = _chosen_backup(args.backup, path)
    lock = WriterLock.acquire(path)  # refuses while a window or another program writes it
    try:
        damaged = bool(integrity_problems(path))
        if not damaged:
            _backup_before_restore(path)
        backup.restore_file(chosen, path, damaged=damaged)
    finally:
        lock.release()
    backup.prune(paths.backups_dir(), path)
    print(f"{path} restored from {chosen}")
    return 0


def _chosen_backup(name: str, path: Path) -> Path:
    if name == "latest":
        found = backup.latest_good_backup(paths.backups_dir(), path)
        if found is None:
            raise PipelineError(f"There is no good backup of {path.name} to restore")
        return found
    chosen = Path(name).expanduser()
    if not chosen.is_file():
        raise UsageError(f"no backup file at {chosen}")
    return chosen


def _backup_before_restore(path: Path) -> None:
    """Keep the current state; the lock is already ours, so open the database directly."""
    from pipeline_desktop.storage.database import open_database

    db = open_database(str(path), create=False)
    try:
        backup.make_backup(db, path, paths.backups_dir(), backup.BEFORE_RESTORE,
                           prune_after=False)
    finally:
        db.close()


def run_check(args: argparse.Namespace) -> int:
    path = _pipeline(args)
    problems = integrity_problems(path)
    if problems:
        raise DamagedFileError(path, problems)
    print(f"{path.name}: ok")
    return 0
