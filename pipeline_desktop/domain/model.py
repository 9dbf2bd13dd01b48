"""Plain values of a pipeline. Storage turns rows into these; nothing here knows SQL or Qt."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import NamedTuple


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


class DealRow(NamedTuple):
    """One line of the deal table: flat, cheap (a tuple) and ready to sort.

    Dates are ISO strings (`YYYY-MM-DD`), which sort correctly as text; money is cents."""

    id: int
    title: str
    company: str
    contact: str
    stage_id: int
    stage: str
    stage_position: int
    status: str
    value_cents: int | None
    currency: str
    probability: int  # the deal's own, else its stage's
    weighted_cents: int
    owner: str
    source: str
    created: str
    expected_close: str | None
    closed: str | None
    age_days: int
    last_activity: str | None
    next_activity: str | None
    qualification: int  # BANT score 0–4
    fit: int | None  # ideal-customer fit 0–100, None when nothing is known
    version: int = 1  # the deal's version when read: an edit made from it says so (team mode)
    search: str = ""  # title, company, contact, stage, owner, source, case-folded: what a search
    #                   box looks in, kept in the row so filtering 100,000 deals is one loop

    def with_search_text(self) -> DealRow:
        return self._replace(search=search_text(self.title, self.company, self.contact,
                                                self.stage, self.owner, self.source))


def search_text(*fields: str) -> str:
    """What a search box matches: the text fields, case-folded, kept apart by a separator."""
    return "\x1f".join(fields).casefold()


@dataclass
class DealSnapshot:
    """Everything that goes when a deal is deleted, so undo can put it back exactly."""

    deal: dict[str, object]
    activities: list[dict[str, object]] = field(default_factory=list)
    stage_changes: list[dict[str, object]] = field(default_factory=list)
