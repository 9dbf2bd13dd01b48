"""What the person has selected, as a value handlers can be given (or a callable returning it)
instead of the window they would otherwise search."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Selection:
    deal_id: int | None = None


CurrentSelection = Callable[[], Selection]
