"""What an import plan is made of: the Plan itself, its per-sheet Counts, the DealChange lines
the preview lists, and the layout of a deal's row that every part of the planner shares."""

from __future__ import annotations

from dataclasses import dataclass, field

from pipeline_desktop.services.excel.schema import TABLE_COLUMNS, TABLE_ORDER
from pipeline_desktop.services.excel.validate import Problem

DEAL_COLS = TABLE_COLUMNS["deal"]
DEAL_INDEX = {name: i for i, name in enumerate(DEAL_COLS)}
COMPARED = tuple(i for i, c in enumerate(DEAL_COLS) if c not in ("updated_at", "version"))
TEXT_FIELDS = ("title", "owner", "source", "lost_reason", "next_step", "notes", "external_id",
               "authority_name", "need", "criteria_met")
DATE_FIELDS = ("created", "expected_close", "closed", "timeline")


def key(name: str) -> str:
    return " ".join(name.split()).casefold()


@dataclass
class Counts:
    new: int = 0
    changed: int = 0
    unchanged: int = 0
    removed: int = 0

    def __str__(self) -> str:
        text = f"{self.new} new, {self.changed} updated, {self.unchanged} unchanged"
        return text + (f", {self.removed} removed" if self.removed else "")


@dataclass
class DealChange:
    deal_id: int
    title: str
    row: int
    fields: list[tuple[str, str, str]]  # (label, old, new)
    conflict: bool = False

    def __str__(self) -> str:
        parts = "; ".join(f"{label}: {old or '—'} → {new or '—'}"
                          for label, old, new in self.fields)
        mark = " [changed in the app since the export]" if self.conflict else ""
        return f"Deal {self.deal_id} '{self.title}' (row {self.row}){mark}: {parts}"


@dataclass
class Plan:
    inserts: dict[str, list[tuple]] = field(default_factory=lambda: {t: [] for t in TABLE_ORDER})
    updates: dict[str, list[tuple]] = field(default_factory=lambda: {t: [] for t in TABLE_ORDER})
    deletes: dict[str, list[int]] = field(default_factory=dict)
    counts: dict[str, Counts] = field(default_factory=dict)
    changes: list[DealChange] = field(default_factory=list)
    conflicts: set[int] = field(default_factory=set)
    conflict_history: list[tuple] = field(default_factory=list)  # history rows of conflicts
    conflict_updates: list[tuple] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    new_stages: list[str] = field(default_factory=list)
    # Stage names the pipeline lacked (created, or mapped by a choice or memory) or chose for.
    unknown_stages: list[str] = field(default_factory=list)
