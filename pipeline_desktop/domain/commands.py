"""Edits as plain data. Storage applies a command in one transaction and returns its inverse,
so undo and redo are testable without Qt (the Qt undo stack only holds the pair)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime

from pipeline_desktop.domain.model import DealSnapshot


@dataclass(frozen=True)
class CreateDeal:
    """`fields` use the editable names of `deals.EDITABLE_FIELDS` plus `stage_id`.
    `deal_id` is set on redo so a re-created deal keeps its number."""

    fields: Mapping[str, object]
    deal_id: int | None = None
    label: str = "Add deal"


@dataclass(frozen=True)
class EditDeal:
    deal_id: int
    changes: Mapping[str, object]
    label: str = "Edit deal"
    # Team mode: the deal's version this command was made from; a newer one is refused.
    expected_version: int | None = None


@dataclass(frozen=True)
class DeleteDeal:
    deal_id: int
    label: str = "Delete deal"
    # Team mode: the deal's version this command was made from; a newer one is refused.
    expected_version: int | None = None


@dataclass(frozen=True)
class RestoreDeal:
    snapshot: DealSnapshot
    label: str = "Restore deal"


@dataclass(frozen=True)
class MoveStage:
    """Move a deal to another stage; a Won or Lost stage closes it."""

    deal_id: int
    to_stage_id: int
    lost_reason: str | None = None
    at: datetime | None = None
    label: str = "Move deal"
    # Team mode: the deal's version this command was made from; a newer one is refused.
    expected_version: int | None = None


@dataclass(frozen=True)
class RevertMove:
    """The inverse of MoveStage: put the deal's stage fields back, forget the history line."""

    deal_id: int
    restore: Mapping[str, object]
    stage_change_id: int
    label: str = "Move deal back"
    # Team mode: the deal's version this command was made from; a newer one is refused.
    expected_version: int | None = None


@dataclass(frozen=True)
class Batch:
    """Several commands applied as one transaction and undone as one step."""

    commands: tuple[object, ...]
    label: str = "Edit deals"


@dataclass(frozen=True)
class Changes:
    """What a command touched, so each view refreshes only what it shows."""

    deals: frozenset[int] = field(default_factory=frozenset)
    stages: bool = False
    activities: bool = False
    everything: bool = False

    def __or__(self, other: Changes) -> Changes:
        return Changes(
            self.deals | other.deals,
            self.stages or other.stages,
            self.activities or other.activities,
            self.everything or other.everything,
        )


EVERYTHING = Changes(everything=True)


@dataclass(frozen=True)
class Applied:
    """The result of applying a command: how to undo it, how to redo it, and what changed."""

    inverse: object
    redo: object
    changes: Changes
