"""Build small pipelines by hand for the metrics tests: deals created and moved through the
repository's commands, with the creation row of the history dated on the deal's created day."""

from __future__ import annotations

from datetime import date, datetime

from pipeline_desktop.domain.commands import CreateDeal, MoveStage
from pipeline_desktop.storage import history_summary
from pipeline_desktop.storage.repository import Repository

TODAY = date(2026, 6, 15)


def stage_ids(repository: Repository) -> dict[str, int]:
    return {stage.name: stage.id for stage in repository.stages()}


def add_deal(repository: Repository, created: str, stage: str = "Prospecting", *,
             value: float | None = None, moves: tuple[tuple[str, str], ...] = (),
             **fields: object) -> int:
    """Create a deal on `created` (YYYY-MM-DD) and move it through `moves` ((stage, day), …)."""
    ids = stage_ids(repository)
    values: dict[str, object] = {"title": f"Deal {created} {stage}", "created": created,
                                 "stage_id": ids[stage], **fields}
    if value is not None:
        values["value_cents"] = round(value * 100)
    deal_id = repository.apply(CreateDeal(values)).changes.deals
    (deal_id,) = tuple(deal_id)
    # The command stamps the creation row with the wall clock; date it like the deal.
    changes = repository.tables.stage_change
    changes.update(changed_at=datetime.fromisoformat(f"{created} 09:00:00")).where(
        (changes.deal == deal_id) & changes.from_stage.is_null()).execute()
    history_summary.refresh(repository.db, [deal_id])  # written behind the repository's back
    for target, day in moves:
        lost_reason = fields.get("lost_reason") if target == "Lost" else None
        repository.apply(MoveStage(deal_id, ids[target], lost_reason=lost_reason,  # type: ignore[arg-type]
                                   at=datetime.fromisoformat(f"{day} 10:00:00")))
    return deal_id


def hand_made(repository: Repository) -> dict[str, int]:
    """Five deals whose figures the tests work out by hand (see test_metrics.py)."""
    return {
        "A": add_deal(repository, "2026-01-01", value=1000, owner="Ana", source="Website",
                      moves=(("Qualifying", "2026-01-11"), ("Won", "2026-01-31"))),
        "B": add_deal(repository, "2026-02-01", value=2000, owner="Ben", source="Referral",
                      moves=(("Qualifying", "2026-02-05"), ("Proposal", "2026-02-15"),
                             ("Won", "2026-03-11"))),
        "C": add_deal(repository, "2026-03-01", value=500, owner="Ana", source="Website",
                      lost_reason="Price", moves=(("Lost", "2026-03-11"),)),
        "D": add_deal(repository, "2026-05-01", value=3000, owner="Ben", source="Website",
                      probability=50, expected_close="2026-07-10",
                      moves=(("Qualifying", "2026-05-06"),)),
        "E": add_deal(repository, "2026-06-01"),
    }
