"""`pipeline-desktop screenshot --db PATH --out DIR`: one PNG per main-window tab at 1280×800."""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from pipeline_desktop.cli import add_db_option
from pipeline_desktop.session import open_session, resolve_url

SIZE = (1280, 800)


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("screenshot", help="save one PNG per tab of the window")
    add_db_option(parser)
    parser.add_argument("--out", required=True, type=Path, help="folder for <tab>.png")
    parser.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if not os.environ.get("DISPLAY") and not os.environ.get("WAYLAND_DISPLAY"):
        os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QSettings

    from pipeline_desktop.ui.app import create_application
    from pipeline_desktop.ui.screenshots import save_tab_screenshots
    from pipeline_desktop.ui.settings import AppSettings
    from pipeline_desktop.ui.shell import build_window

    app = create_application()
    session = open_session(resolve_url(getattr(args, "db", None)), create=False)
    scratch = tempfile.TemporaryDirectory()
    try:
        # Fresh settings: a picture shows the app as a new user sees it, not our last layout.
        settings = AppSettings(QSettings(f"{scratch.name}/settings.ini",
                                         QSettings.Format.IniFormat))
        window = build_window(session, settings)
        window.resize(*SIZE)
        written = save_tab_screenshots(app, window, window.tabs, args.out)
        window.close()
    finally:
        session.close()
        scratch.cleanup()
    for path in written:
        print(path)
    return 0
