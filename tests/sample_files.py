"""Sample pipeline files on disk, for tests that open files the way the app does."""

from __future__ import annotations

from pathlib import Path

from pipeline_desktop.services.demo import generate
from pipeline_desktop.session import open_session


def sample_file(path: Path, deals: int, seed: int = 4) -> Path:
    """A closed sample pipeline of `deals` deals at `path`."""
    session = open_session(str(path))
    generate(session.db, session.repository.stages(), deals=deals, seed=seed)
    session.close()
    return path
