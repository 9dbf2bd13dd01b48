"""The default sales process and the rules of moving between stages."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline_desktop.domain.model import Outcome, Stage, StageSpec

DEFAULT_STAGES: tuple[StageSpec, ...] = (
    StageSpec("Prospecting", 10, exit_criteria=(
        "Company fits the ideal customer profile",
        "Contact person identified",
        "First conversation booked",
    )),
    StageSpec("Qualifying", 20, exit_criteria=(
        "Need confirmed",
        "Budget range discussed",
        "Decision maker identified",
    )),
    StageSpec("Needs analysis", 35, exit_criteria=(
        "Requirements written down",
        "Success criteria agreed",
        "Timeline agreed",
    )),
    StageSpec("Proposal", 50, exit_criteria=(
        "Proposal sent",
        "Proposal walked through with the decision maker",
    )),
    StageSpec("Negotiation", 70, exit_criteria=(
        "Terms agreed",
        "Budget confirmed",
        "Legal and procurement engaged",
    )),
    StageSpec("Closing", 90, exit_criteria=(
        "Contract sent for signature",
        "Start date agreed",
    )),
    StageSpec("Won", 100, Outcome.WON),
    StageSpec("Lost", 0, Outcome.LOST),
)

DEFAULT_LOST_REASONS: tuple[str, ...] = (
    "Price",
    "Chose a competitor",
    "No budget",
    "No decision",
    "Bad timing",
    "Product gap",
    "Went silent",
)

DEFAULT_LEAD_SOURCES: tuple[str, ...] = (
    "Website",
    "Referral",
    "Cold outreach",
    "Event",
    "Partner",
    "Advertising",
    "Inbound call",
)


def open_stages(stages: Sequence[Stage]) -> list[Stage]:
    """Open stages in process order."""
    return sorted((s for s in stages if s.is_open), key=lambda s: s.position)


def outcome_stage(stages: Sequence[Stage], outcome: Outcome) -> Stage:
    """The (first) stage that closes a deal as won or lost."""
    for stage in sorted(stages, key=lambda s: s.position):
        if stage.outcome is outcome:
            return stage
    raise LookupError(f"the pipeline has no {outcome.value} stage")


def stages_skipped(stages: Sequence[Stage], from_id: int, to_id: int) -> list[Stage]:
    """Open stages whose exit criteria a move from `from_id` to `to_id` walks past:
    the current stage and every open stage between it and the target (nothing when moving back)."""
    by_id = {s.id: s for s in stages}
    current, target = by_id[from_id], by_id[to_id]
    if not current.is_open:
        return []
    ordered = open_stages(stages)
    target_rank = len(ordered) if not target.is_open else ordered.index(target)
    if target.outcome is Outcome.LOST:
        return []
    start = ordered.index(current)
    return ordered[start:target_rank]
