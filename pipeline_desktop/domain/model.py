"""Plain values of a pipeline. Storage turns rows into these; nothing here knows SQL or Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

# DealRow has its own module (the first paint needs only it); the rest of the app finds it here.
from pipeline_desktop.domain.deal_row import DealRow as DealRow
from pipeline_desktop.domain.deal_row import search_text as search_text


class Outcome(StrEnum):
    """What a stage means: still open, or one of the two ends of a deal."""

    OPEN = "open"
    WON = "won"
    LOST = "lost"


# A deal's status is the outcome of its stage.
Status = Outcome


class ActivityKind(StrEnum):
    CALL = "call"
    EMAIL = "email"
    MEETING = "meeting"
    TASK = "task"
    NOTE = "note"


@dataclass(frozen=True)
class Stage:
    id: int
    name: str
    position: int
    probability: int  # percent, 0–100
    outcome: Outcome = Outcome.OPEN
    exit_criteria: tuple[str, ...] = ()
    stale_after_days: int = 30

    @property
    def is_open(self) -> bool:
        return self.outcome is Outcome.OPEN


@dataclass(frozen=True)
class StageSpec:
    """A stage before it has an id (defaults, imports, the stage editor)."""

    name: str
    probability: int
    outcome: Outcome = Outcome.OPEN
    exit_criteria: tuple[str, ...] = ()
    stale_after_days: int = 30


@dataclass
class DealSnapshot:
    """Everything that goes when a deal is deleted, so undo can put it back exactly."""

    deal: dict[str, object]
    activities: list[dict[str, object]] = field(default_factory=list)
    stage_changes: list[dict[str, object]] = field(default_factory=list)
