"""Storage of the stage editor's command (`EditStages`): stages renamed, reordered, added and
deleted with their deals reassigned, and the inverse that puts everything back (deals, their
history lines, deleted stages under their old ids). A renamed exit criterion keeps its ticks
(storage/criteria.py). Runs inside the transaction `Repository.apply` opens."""

from __future__ import annotations

from datetime import date
from typing import Any

import peewee as pw

from pipeline_desktop.domain import process_commands as pc
from pipeline_desktop.domain.commands import Applied, Changes
from pipeline_desktop.domain.model import Outcome, StageSpec
from pipeline_desktop.domain.process import check_stage_specs, parse_criteria
from pipeline_desktop.errors import ValidationError
from pipeline_desktop.storage import criteria
from pipeline_desktop.storage.bulk import reset_sequences
from pipeline_desktop.storage.deal_rows import iso
from pipeline_desktop.storage.repository import Repository
from pipeline_desktop.storage.tables import Tables, utc_now


def _iso_if_date(value: Any) -> Any:
    return iso(value) if isinstance(value, date) else value


class StageHandlers:
    """The `EditStages` handler of one repository (registered by `process_store.install`)."""

    def __init__(self, repository: Repository) -> None:
        self.repository = repository

    def edit_stages(self, command: pc.EditStages) -> Applied:
        t = self.repository.tables
        specs = [StageSpec(e.name.strip(), int(e.probability), Outcome(e.outcome),
                           parse_criteria("\n".join(e.exit_criteria)), int(e.stale_after_days))
                 for e in command.stages]
        check_stage_specs(specs)
        before = self.repository.stages()
        for stage in before:  # the criteria's ids as the stages stand (after any import)
            criteria.sync_stage(t, stage.id, stage.exit_criteria)
        by_id = {s.id: s for s in before}
        kept = {e.id for e in command.stages if e.id is not None}
        for edit in command.stages:
            if edit.id in by_id and by_id[edit.id].outcome is not Outcome(edit.outcome):
                raise ValidationError(f"{edit.name}: a stage's outcome cannot change")
        # Park every name first: "A"→"B" and "B"→"A" in one edit must not trip UNIQUE.
        for stage in before:
            t.stage.update(name=f"\x01{stage.id}").where(t.stage.id == stage.id).execute()
        new_ids = self._write_stages(command.stages, specs, by_id)
        renames = [rename for stage_id, spec in zip(new_ids, specs, strict=True)
                   for rename in criteria.sync_stage(t, stage_id, spec.exit_criteria)]
        # Undoing a delete puts deals back; redoing it must send them where they were.
        back = self._restore(command)
        moved, history = self._delete_stages([s for s in before if s.id not in kept],
                                             command.reassign)
        inverse = pc.EditStages(
            tuple(pc.StageEdit(s.id, s.name, s.probability, s.outcome, s.exit_criteria,
                               s.stale_after_days) for s in before),
            reassign=back, restore_deals=moved, restore_history=history, label=command.label)
        redo = pc.EditStages(
            tuple(pc.StageEdit(i, s.name, s.probability, s.outcome, s.exit_criteria,
                               s.stale_after_days) for i, s in zip(new_ids, specs, strict=True)),
            reassign=command.reassign, label=command.label)
        touched = ({deal_id for deal_id, *_ in moved} | {d for d, *_ in command.restore_deals}
                   | _deals_of_history(t, [change_id for change_id, *_ in command.restore_history])
                   | criteria.carry_ticks(t, renames))  # a renamed criterion keeps its ticks
        return Applied(inverse, redo, Changes(frozenset(touched), stages=True,
                                              everything=bool(touched)))

    def _write_stages(self, edits: tuple[pc.StageEdit, ...], specs: list[StageSpec],
                      existing: dict[int, Any]) -> list[int]:
        t = self.repository.tables
        ids, explicit = [], False
        for position, (edit, spec) in enumerate(zip(edits, specs, strict=True)):
            values = {"name": spec.name, "position": position, "probability": spec.probability,
                      "outcome": spec.outcome.value,
                      "exit_criteria": "\n".join(spec.exit_criteria),
                      "stale_after_days": spec.stale_after_days}
            if edit.id in existing:
                t.stage.update(**values).where(t.stage.id == edit.id).execute()
                ids.append(edit.id)
                continue
            if edit.id is not None:  # a deleted stage coming back (undo, redo)
                values["id"], explicit = edit.id, True
            ids.append(t.stage.insert(**values).execute())
        if explicit:
            reset_sequences(self.repository.db, ("stage",))
        return ids

    def _restore(self, command: pc.EditStages) -> dict[int, int]:
        """Put deals and history lines back; return {restored stage: stage the deals left}."""
        t = self.repository.tables
        back: dict[int, int] = {}
        for deal_id, stage_id, status, closed in command.restore_deals:
            left = t.deal.get_or_none(t.deal.id == deal_id)
            if left is not None:
                back[stage_id] = left.stage_id
            t.deal.update(stage=stage_id, status=status, closed=closed,
                             updated_at=utc_now(), version=t.deal.version + 1
                             ).where(t.deal.id == deal_id).execute()
        for change_id, from_id, to_id in command.restore_history:
            t.stage_change.update(from_stage=from_id, to_stage=to_id).where(
                t.stage_change.id == change_id).execute()
        return back

    def _delete_stages(self, deleted: list[Any], reassign: dict[int, int] | Any
                       ) -> tuple[tuple, tuple]:
        """Move the deals of deleted stages to their chosen stage, then delete the stages.
        Return what undo needs: the deals' old (stage, status, closed) and the history lines
        that pointed at a deleted stage."""
        t = self.repository.tables
        moved: list[tuple] = []
        history: list[tuple] = []
        today = date.today()
        for stage in deleted:
            deals = list(t.deal.select(t.deal.id, t.deal.status, t.deal.closed)
                         .where(t.deal.stage == stage.id).tuples())
            target_id = reassign.get(stage.id)
            if deals and target_id is None:
                raise ValidationError(f"Choose a stage for the deals in “{stage.name}”")
            if deals:
                target = t.stage.get_or_none(t.stage.id == target_id)
                if target is None or target_id in {s.id for s in deleted}:
                    raise ValidationError(f"Deals in “{stage.name}” need a stage that stays")
                moved += [(d, stage.id, status, _iso_if_date(closed))
                          for d, status, closed in deals]
                self._move_all(t, [d for d, *_ in deals], target, today)
            refs = (t.stage_change.from_stage == stage.id) | (
                t.stage_change.to_stage == stage.id)
            history += list(t.stage_change.select(t.stage_change.id,
                                                    t.stage_change.from_stage,
                                                    t.stage_change.to_stage)
                            .where(refs).tuples())
            t.stage_change.update(from_stage=None).where(
                t.stage_change.from_stage == stage.id).execute()
            t.stage_change.update(to_stage=None).where(
                t.stage_change.to_stage == stage.id).execute()
            t.stage.delete().where(t.stage.id == stage.id).execute()
        return tuple(moved), tuple(history)

    @staticmethod
    def _move_all(t: Tables, deal_ids: list[int], target: Any, today: date) -> None:
        for start in range(0, len(deal_ids), 500):  # stay under SQLite's parameter limit
            chunk = deal_ids[start:start + 500]
            values: dict[str, Any] = {"stage": target.id, "status": target.outcome,
                                      "updated_at": utc_now(), "version": t.deal.version + 1}
            if target.outcome == Outcome.OPEN.value:
                values["closed"] = None
            else:
                values["closed"] = pw.fn.COALESCE(t.deal.closed, today)
            t.deal.update(**values).where(t.deal.id.in_(chunk)).execute()


def _deals_of_history(t: Tables, change_ids: list[int]) -> set[int]:
    """The deals whose stage history these lines belong to (their stored figures follow)."""
    deals: set[int] = set()
    for start in range(0, len(change_ids), 500):  # stay under SQLite's parameter limit
        chunk = change_ids[start:start + 500]
        deals.update(t.stage_change.select(t.stage_change.deal)
                     .where(t.stage_change.id.in_(chunk)).scalars())
    return deals
