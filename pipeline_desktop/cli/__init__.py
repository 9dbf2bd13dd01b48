"""`pipeline-desktop` and `python -m pipeline_desktop`: one entry point, subcommands in modules.

This is the only place that turns errors into exit codes: a PipelineError prints one line and
exits with its code (1, or 2 for wrong usage); anything else is logged and reported in one line."""

from __future__ import annotations

import argparse
import importlib
import logging
import os
import sys
from collections.abc import Sequence

from pipeline_desktop.errors import PipelineError

# Each module has `register(subparsers)`, adding its parsers with `set_defaults(run=...)`.
# The command a module registers, so that `main` imports only the module a command line names
# (importing all of them, and what they import, cost ~0.1 s of every `metrics --json`);
# in the order `--help` lists them. tests/cli/test_metrics_command.py checks it against the modules.
COMMANDS = {"demo": "demo", "screenshot": "screenshot", "metrics": "metrics",
            "export": "excel", "import": "excel", "health": "health", "report": "health",
            "copy": "team", "backup": "backup", "backups": "backup", "restore": "backup",
            "check": "backup", "currencies": "currencies"}
SUBCOMMAND_MODULES = tuple(dict.fromkeys(COMMANDS.values()))


class _VersionAction(argparse.Action):
    """Reads the package metadata only when asked (importing it costs ~20 ms of start-up)."""

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from pipeline_desktop import __version__

        print(f"{parser.prog} {__version__}")
        parser.exit()


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The whole command line, or (`only`, a module of SUBCOMMAND_MODULES) the window's
    command and that module's commands: enough to parse a line that names one of them."""
    parser = argparse.ArgumentParser(
        prog="pipeline-desktop",
        description="Keep your sales pipeline, see where it is healthy or stuck, "
                    "and round-trip it through Excel.",
    )
    parser.add_argument("--version", action=_VersionAction, nargs=0,
                        help="show the version and exit")
    parser.add_argument("--db", metavar="PATH_OR_URL",
                        help="pipeline file or postgresql:// URL (default: your data folder)")
    subparsers = parser.add_subparsers(title="commands", metavar="COMMAND")
    open_parser = subparsers.add_parser("open", help="open the window (the default)")
    add_db_option(open_parser)
    open_parser.set_defaults(run=_run_window)
    for name in SUBCOMMAND_MODULES if only is None else (only,):
        module = importlib.import_module(f"pipeline_desktop.cli.{name}")
        module.register(subparsers)
    parser.set_defaults(run=_run_window)
    return parser


def add_db_option(parser: argparse.ArgumentParser, *, required: bool = False) -> None:
    """Every subcommand takes --db too (argparse.SUPPRESS keeps a value given before it)."""
    parser.add_argument("--db", metavar="PATH_OR_URL", required=required,
                        default=None if required else argparse.SUPPRESS,
                        help="pipeline file or postgresql:// URL")


def _run_window(args: argparse.Namespace) -> int:
    from pipeline_desktop.ui.app import run_app

    return run_app(args.db)


def named_module(argv: Sequence[str]) -> str | None:
    """The module whose command `argv` names, or None when the whole parser is needed (no
    command, an unknown one, or an option other than --db before it, such as --help)."""
    tokens = iter(argv)
    for token in tokens:
        if token == "--db":
            next(tokens, None)
        elif not token.startswith("--db="):
            return COMMANDS.get(token)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(named_module(argv))
    args = parser.parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except PipelineError as error:
        print(f"error: {error}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:  # `pipeline-desktop metrics | head`: the reader has had enough
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except Exception as error:  # the environment (a full disk…) in one line, or our bug
        from pipeline_desktop.storage.integrity import describe_storage_error

        message = describe_storage_error(error)
        if message is not None:
            print(f"error: {message}", file=sys.stderr)
            return 1
        logging.getLogger("pipeline_desktop").exception("unexpected error")
        print(f"error: unexpected {type(error).__name__}: {error}", file=sys.stderr)
        return 1
