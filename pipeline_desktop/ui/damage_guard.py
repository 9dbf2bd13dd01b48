"""A read that meets a damaged page raises in whatever Qt slot made it (the deal panel, a tab,
the loading thread's hand-over), usually before the background check has said anything. Such
errors reach `sys.excepthook`; `DamageGuard` sends them to the damaged-file flow (the restore
offer) instead of an error dialog with a traceback, and passes every other error on."""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import TracebackType

from pipeline_desktop.storage.integrity import is_damage

Hook = Callable[[type[BaseException], BaseException, TracebackType | None], object]


class DamageGuard:
    """Wraps whatever `sys.excepthook` is (the error reporter, or a test's) when installed."""

    def __init__(self, on_damage: Callable[[BaseException], None]) -> None:
        self._on_damage = on_damage
        self._previous: Hook = sys.excepthook

    def install(self) -> None:
        """Idempotent; re-wraps when someone replaced the hook since (pytest-qt per test)."""
        if sys.excepthook != self._hook:
            self._previous = sys.excepthook
            sys.excepthook = self._hook

    def _hook(self, kind: type[BaseException], error: BaseException,
              tb: TracebackType | None) -> None:
        if is_damage(error):
            self._on_damage(error)
        else:
            self._previous(kind, error, tb)
