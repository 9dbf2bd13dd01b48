"""Rules of the sales process: exit criteria a move walks past, stale deals, activities due."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from pipeline_desktop.domain.model import ActivityKind, Outcome, Stage, StageSpec
from pipeline_desktop.domain.stages import stages_skipped
from pipeline_desktop.errors import ValidationError

MAX_CRITERIA = 20
MAX_STALE_DAYS = 3650


class Activity(NamedTuple):
    id: int
    deal_id: int
    kind: str
    subject: str
    due: str | None  # ISO date
    done: str | None  # ISO date; None while open
    notes: str
    owner: str

    def is_overdue(self, today: date) -> bool:
        return self.done is None and self.due is not None and self.due < today.isoformat()


class DueActivity(NamedTuple):
    """An open activity with a due date, and the deal it belongs to (the Today view)."""

    activity: Activity
    deal_title: str
    company: str


@dataclass(frozen=True)
class Unmet:
    """Exit criteria of one stage that a deal has not ticked."""

    stage: Stage
    criteria: tuple[str, ...]


def parse_criteria(text: str | None) -> tuple[str, ...]:
    """Stored one a line; blank lines and duplicates dropped."""
    seen: set[str] = set()
    kept = []
    for line in (text or "").splitlines():
        item = line.strip()
        if item and item not in seen:
            seen.add(item)
            kept.append(item)
    return tuple(kept)


def format_criteria(criteria: Iterable[str]) -> str:
    return "\n".join(parse_criteria("\n".join(criteria)))


def unmet_criteria(stages: Sequence[Stage], from_id: int, to_id: int, met: Iterable[str]
                   ) -> list[Unmet]:
    """For a move from `from_id` to `to_id`: the stages walked past and which of their exit
    criteria are not ticked. Moving back, staying, or losing a deal asks for nothing."""
    if from_id == to_id:
        return []
    ticked = {m.strip() for m in met}
    found = []
    for stage in stages_skipped(stages, from_id, to_id):
        missing = tuple(c for c in stage.exit_criteria if c not in ticked)
        if missing:
            found.append(Unmet(stage, missing))
    return found


def describe_unmet(unmet: Sequence[Unmet]) -> str:
    """A short list for a confirmation message."""
    return "\n".join(f"{u.stage.name}: " + "; ".join(u.criteria) for u in unmet)


def days_since(iso: str | None, today: date) -> int | None:
    if not iso:
        return None
    return today.toordinal() - date.fromisoformat(iso[:10]).toordinal()


def is_stale(last_touch: str | None, stale_after_days: int, today: date) -> bool:
    """An open deal nobody has moved or worked on for longer than its stage allows."""
    idle = days_since(last_touch, today)
    return idle is not None and idle > stale_after_days


def check_activity_kind(kind: str) -> str:
    try:
        return ActivityKind(kind.strip().lower()).value
    except ValueError:
        kinds = ", ".join(k.value for k in ActivityKind)
        raise ValidationError(f"An activity is one of: {kinds}", "kind") from None


def check_stage_specs(specs: Sequence[StageSpec]) -> None:
    """The stage editor's rules: names unique and set, one Won and one Lost stage, at least one
    open stage, probabilities 0–100, stale days 1–3650."""
    names: set[str] = set()
    for spec in specs:
        name = spec.name.strip()
        if not name:
            raise ValidationError("Every stage needs a name", "name")
        if name.casefold() in names:
            raise ValidationError(f"Two stages are called “{name}”", "name")
        names.add(name.casefold())
        if not 0 <= spec.probability <= 100:
            raise ValidationError(f"{name}: a probability is between 0 and 100 %", "probability")
        if not 1 <= spec.stale_after_days <= MAX_STALE_DAYS:
            raise ValidationError(f"{name}: stale after 1 to {MAX_STALE_DAYS} days",
                                  "stale_after_days")
        if len(spec.exit_criteria) > MAX_CRITERIA:
            raise ValidationError(f"{name}: at most {MAX_CRITERIA} exit criteria",
                                  "exit_criteria")
    outcomes = [spec.outcome for spec in specs]
    if outcomes.count(Outcome.WON) != 1 or outcomes.count(Outcome.LOST) != 1:
        raise ValidationError("A pipeline keeps exactly one Won and one Lost stage", "outcome")
    if Outcome.OPEN not in outcomes:
        raise ValidationError("A pipeline needs at least one open stage", "outcome")


class BoardCard(NamedTuple):
    """One open deal as a board card."""

    id: int
    title: str
    company: str
    stage_id: int
    value_cents: int | None
    currency: str
    created: str | None
    next_activity: str | None  # earliest open due date
    last_touch: str | None  # latest of: entered its stage, last activity done
    home_cents: int | None = None  # the value in the home currency (None: no rate)

    def age_days(self, today: date) -> int:
        return days_since(self.created, today) or 0
