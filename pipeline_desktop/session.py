"""The composition root's building block: one open pipeline (database + repository).

The command line and the window both open a pipeline through `open_session`, then pass the
session (or its repository) to whoever needs it; nothing reaches for a global. The opening
itself lives in storage (`storage/opening.py`), so storage never reaches up to this module."""

from __future__ import annotations

from pipeline_desktop.paths import resolve_url as resolve_url  # where the CLI finds it
from pipeline_desktop.storage.opening import (
    Session,
    current_user,
    open_for_reading,
    open_session,
    reading,
)

__all__ = ["Session", "current_user", "open_for_reading", "open_session", "reading",
           "resolve_url"]
