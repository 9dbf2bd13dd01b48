"""Commands of the sales process (activities, stages, exit criteria, BANT, settings) as plain
data. `storage.process_store` applies each one in a transaction and returns its inverse."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from pipeline_desktop.domain.model import Outcome


@dataclass(frozen=True)
class AddActivity:
    """`fields`: kind, subject, due, done, notes, owner. `activity_id` is set on redo/undo of a
    delete, so the activity comes back with its number."""

    deal_id: int
    fields: Mapping[str, Any]
    activity_id: int | None = None
    label: str = "Log activity"


@dataclass(frozen=True)
class EditActivity:
    activity_id: int
    changes: Mapping[str, Any]
    label: str = "Edit activity"


@dataclass(frozen=True)
class CompleteActivity:
    """Mark done on `done` (ISO date), or open again with `done=None`."""

    activity_id: int
    done: str | None
    label: str = "Complete activity"


@dataclass(frozen=True)
class DeleteActivity:
    activity_id: int
    label: str = "Delete activity"


@dataclass(frozen=True)
class StageEdit:
    """One stage as the editor leaves it; `id` None for a new stage."""

    id: int | None
    name: str
    probability: int
    outcome: Outcome = Outcome.OPEN
    exit_criteria: tuple[str, ...] = ()
    stale_after_days: int = 30


@dataclass(frozen=True)
class EditStages:
    """Replace the whole stage list (order = position). Stages missing from `stages` are deleted;
    their deals move to `reassign[deleted id]`. `restore_deals` and `restore_history` are only
    filled by the inverse of a delete: deals put back in (stage, status, closed) and the stage
    history lines whose stage references go back."""

    stages: tuple[StageEdit, ...]
    reassign: Mapping[int, int] = field(default_factory=dict)
    restore_deals: tuple[tuple[int, int, str, Any], ...] = ()
    restore_history: tuple[tuple[int, int | None, int | None], ...] = ()
    label: str = "Edit stages"


@dataclass(frozen=True)
class SetCriteria:
    """The exit criteria a deal has met (ticked), one string each."""

    deal_id: int
    criteria: tuple[str, ...]
    label: str = "Tick exit criteria"


@dataclass(frozen=True)
class EditQualification:
    """BANT fields of `qualification.FIELDS`."""

    deal_id: int
    changes: Mapping[str, Any]
    label: str = "Edit qualification"


@dataclass(frozen=True)
class SetSetting:
    """A pipeline-wide setting ("icp", "lost_reasons", "lead_sources"); None removes it."""

    key: str
    value: Any
    label: str = "Change setting"


SETTING_KEYS = ("icp", "lost_reasons", "lead_sources")
