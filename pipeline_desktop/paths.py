"""Where pipeline files, backups and logs live.

The per-user data folder comes from QStandardPaths (AppDataLocation) when Qt is available; the
environment variable PIPELINE_DESKTOP_DATA_DIR overrides it (tests and scripts set it so nothing
touches the real home folder), and `--db` overrides the pipeline file itself."""

from __future__ import annotations

import os
from pathlib import Path

from pipeline_desktop import APP_NAME, ORG_NAME

ENV_DATA_DIR = "PIPELINE_DESKTOP_DATA_DIR"
DEFAULT_FILE_NAME = "pipeline.pipeline"


def data_dir() -> Path:
    override = os.environ.get(ENV_DATA_DIR)
    if override:
        return Path(override).expanduser()
    try:
        from PySide6.QtCore import QCoreApplication, QStandardPaths
    except ImportError:  # the core runs without Qt, e.g. on a server
        return Path.home() / ".local" / "share" / APP_NAME
    if not QCoreApplication.organizationName():
        QCoreApplication.setOrganizationName(ORG_NAME)
        QCoreApplication.setApplicationName(APP_NAME)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) if location else Path.home() / ".local" / "share" / APP_NAME


def default_pipeline() -> Path:
    return data_dir() / DEFAULT_FILE_NAME


def resolve_url(db_option: str | None) -> str:
    """`--db` wins, then the per-user default file (PIPELINE_DESKTOP_DATA_DIR moves it)."""
    return db_option or str(default_pipeline())


def backups_dir() -> Path:
    return data_dir() / "backups"


def logs_dir() -> Path:
    return data_dir() / "logs"
