"""Where pipeline files, backups and logs live.

The per-user data folder is the one Qt's QStandardPaths (AppDataLocation) names on each system,
worked out here without Qt so the core runs (and is tested) without a screen:
`%APPDATA%\\PipelineDesktop\\Pipeline Desktop` on Windows,
`~/Library/Application Support/PipelineDesktop/Pipeline Desktop` on macOS and
`$XDG_DATA_HOME/PipelineDesktop/Pipeline Desktop` (`~/.local/share/…`) elsewhere. The environment
variable PIPELINE_DESKTOP_DATA_DIR overrides it (tests and scripts set it so nothing touches the
real home folder), and `--db` overrides the pipeline file itself."""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath

from pipeline_desktop import APP_NAME, ORG_NAME

ENV_DATA_DIR = "PIPELINE_DESKTOP_DATA_DIR"
DEFAULT_FILE_NAME = "pipeline.pipeline"


def data_dir() -> Path:
    return Path(data_dir_for(sys.platform, os.environ, str(Path.home())))


def data_dir_for(platform: str, environ: Mapping[str, str], home: str) -> PurePath:
    """The data folder on `platform` (a `sys.platform` value) for a user whose home folder and
    environment are given: a pure function, so each system's branch is tested anywhere."""
    override = environ.get(ENV_DATA_DIR)
    if override:
        return _expand(platform, override, home)
    if platform == "win32":
        base = environ.get("APPDATA") or str(PureWindowsPath(home, "AppData", "Roaming"))
        return PureWindowsPath(base, ORG_NAME, APP_NAME)
    if platform == "darwin":
        return PurePosixPath(home, "Library", "Application Support", ORG_NAME, APP_NAME)
    base = environ.get("XDG_DATA_HOME", "")
    if not base or not base.startswith("/"):  # XDG: a relative value is to be ignored
        base = str(PurePosixPath(home, ".local", "share"))
    return PurePosixPath(base, ORG_NAME, APP_NAME)


def _expand(platform: str, folder: str, home: str) -> PurePath:
    kind = PureWindowsPath if platform == "win32" else PurePosixPath
    if folder == "~" or folder.startswith(("~/", "~\\")):
        return kind(home, folder[2:]) if len(folder) > 1 else kind(home)
    return kind(folder)


def default_pipeline() -> Path:
    return data_dir() / DEFAULT_FILE_NAME


def resolve_url(db_option: str | None) -> str:
    """`--db` wins, then the per-user default file (PIPELINE_DESKTOP_DATA_DIR moves it)."""
    return db_option or str(default_pipeline())


def backups_dir() -> Path:
    return data_dir() / "backups"


def logs_dir() -> Path:
    return data_dir() / "logs"
