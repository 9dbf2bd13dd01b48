"""`later(module, name)`: a callable that imports `module` the first time it is called, then
calls `name` from it. The one place that defers an import for the first paint: menu entries
whose modules bring the Excel readers, pyqtgraph or peewee (tests/ui/test_start.py lists what
must stay out), and the tabs the window does not show first."""

from __future__ import annotations

import importlib
from collections.abc import Callable
from typing import Any


def later(module: str, name: str) -> Callable[..., Any]:
    """`module.name`, imported on the first call; the arguments go through unchanged."""

    def call(*args: Any, **kwargs: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **kwargs)

    call.__qualname__ = call.__name__ = f"later({module}:{name})"
    return call
