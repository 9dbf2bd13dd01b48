"""Stages in an import: the Stages sheet of our own workbook, and the stage each deal ends in
(matched by name, implied by a status word such as "closed won", mapped by the user's choice
or the mapping remembered from the same CRM, or created before Won and Lost when the pipeline
lacks it)."""

from __future__ import annotations

from pipeline_desktop.domain.model import Outcome
from pipeline_desktop.errors import UsageError
from pipeline_desktop.services.excel.plan_state import PlannerState
from pipeline_desktop.services.excel.plan_types import Counts, key
from pipeline_desktop.services.excel.stage_choices import StageChoice
from pipeline_desktop.services.excel.validate import Records

_STATUS_WORDS = {
    "open": Outcome.OPEN, "in progress": Outcome.OPEN, "active": Outcome.OPEN,
    "won": Outcome.WON, "closed won": Outcome.WON, "closedwon": Outcome.WON,
    "closed-won": Outcome.WON, "win": Outcome.WON,
    "lost": Outcome.LOST, "closed lost": Outcome.LOST, "closedlost": Outcome.LOST,
    "closed-lost": Outcome.LOST, "deleted": Outcome.LOST,
}


class StagePlanning(PlannerState):
    """The Planner's stage steps."""

    def stages(self, records: Records) -> None:
        counts = self.plan.counts.setdefault("Stages", Counts())
        self.reserve("stage", (r.get("id") for _n, r in records.rows) if self.trusted else ())
        for number, rec in records.rows:
            name = str(rec.get("name") or "")
            outcome = str(rec.get("outcome") or "open").casefold()
            if not name or outcome not in ("open", "won", "lost"):
                self.problem("Stages", number, "Name" if not name else "Outcome",
                             name or outcome, "a stage needs a name" if not name else
                             f"'{outcome}' is not an outcome (open, won or lost)")
                continue
            found = self._match_stage(rec.get("id"), name)
            if found is not None and not self.trusted:
                self._map("stage", rec.get("id"), found)
                continue
            stage_id = found if found is not None else (
                rec["id"] if self.trusted and isinstance(rec.get("id"), int)
                else self.allocate("stage"))
            row = (stage_id, name, rec.get("position") or 0, rec.get("probability") or 0,
                   outcome, str(rec.get("exit_criteria") or ""),
                   rec.get("stale_after_days") or 30)
            if found is None:
                self.plan.new_stages.append(name)
            old_name = self.rows["stage"].get(stage_id, (0, ""))[1]
            self.put("stage", row, counts)
            self.stage_by_key.pop(key(old_name), None)
            self.stage_by_key[key(name)] = stage_id
            self._map("stage", rec.get("id"), stage_id)

    def drop_stages_not_in(self, records: Records) -> None:
        """Restoring into an empty pipeline: its default stages that the workbook does not
        have go, so the copy has exactly the workbook's stages."""
        kept = {self.id_map["stage"].get(r.get("id"), -1) for _n, r in records.rows}  # type: ignore[arg-type]
        gone = [sid for sid in self.rows["stage"] if sid not in kept]
        if gone and records.rows:
            self.plan.deletes["stage"] = gone
            for sid in gone:
                name = self.rows["stage"].pop(sid)[1]
                if self.stage_by_key.get(key(name)) == sid:
                    del self.stage_by_key[key(name)]
            self.plan.counts.setdefault("Stages", Counts()).removed = len(gone)

    def _match_stage(self, wb_id: object, name: str) -> int | None:
        if self.trusted and isinstance(wb_id, int) and wb_id in self.rows["stage"]:
            return wb_id
        return self.stage_by_key.get(key(name))

    def stage_outcome(self, stage_id: int) -> str:
        return self.rows["stage"][stage_id][4]

    def outcome_stage(self, outcome: str) -> int:
        """The first stage (by position) with this outcome; created when there is none."""
        cached = self._outcome_stage.get(outcome)
        if cached is not None and cached in self.rows["stage"]:
            return cached
        ordered = sorted(self.rows["stage"].values(), key=lambda r: r[2])
        found = next((row[0] for row in ordered if row[4] == outcome), None)
        if found is None:
            found = self.new_stage(outcome.capitalize(), outcome)
        self._outcome_stage[outcome] = found
        return found

    def new_stage(self, name: str, outcome: str = "open", probability: int | None = None
                  ) -> int:
        """A stage the pipeline lacks. An open one goes before Won and Lost, at the
        probability given, else the file's for that stage, else the lowest of the open
        stages (an unknown stage never lifts the forecast above the earliest one)."""
        stage_id = self.allocate("stage")
        counts = self.plan.counts.setdefault("Stages", Counts())
        if outcome == "open":
            position = self._open_slot(counts)
            if probability is None:
                probability = self.probability_in_file(name)
            if probability is None:
                probability = min((r[3] for r in self.rows["stage"].values()
                                   if r[4] == "open"), default=10)
        else:
            position = max((r[2] for r in self.rows["stage"].values()), default=0) + 1
            probability = {"won": 100, "lost": 0}[outcome]
        row = (stage_id, name, position, probability, outcome, "", 30)
        self.put("stage", row, counts)
        self.stage_by_key[key(name)] = stage_id
        self.plan.new_stages.append(name)
        return stage_id

    def probability_in_file(self, name: str) -> int | None:
        """The first probability the deal sheet gives a deal in stage `name` (read once,
        when a stage is first created)."""
        if self._file_probability is None:
            found: dict[str, int] = {}
            records = self.probability_records
            if records is not None:
                pairs = zip(records.numbered_values("stage"),
                            records.numbered_values("probability"), strict=False)
                for (_n, stage), (_m, probability) in pairs:
                    if stage and probability is not None and stage not in found:
                        found[str(stage)] = int(probability)  # type: ignore[call-overload]
            self._file_probability = found
        return self._file_probability.get(name)

    def _open_slot(self, counts: Counts) -> int:
        """The position for a new open stage: where the first closed stage is, moving it
        and every stage after it one place on."""
        closed = [r[2] for r in self.rows["stage"].values() if r[4] != "open"]
        if not closed:
            return max((r[2] for r in self.rows["stage"].values()), default=0) + 1
        slot = min(closed)
        for row in sorted(self.rows["stage"].values(), key=lambda r: r[2]):
            if row[2] >= slot:
                self._move_stage((row[0], row[1], row[2] + 1, *row[3:]), counts)
        return slot

    def _move_stage(self, row: tuple, counts: Counts) -> None:
        """Plan a stage's new position; a stage this import already moves is moved again in
        place (one update, counted once)."""
        updates = self.plan.updates["stage"]
        at = next((i for i, r in enumerate(updates) if r[0] == row[0]), None)
        if at is None:
            self.put("stage", row, counts)
        else:
            updates[at] = row
            self.rows["stage"][row[0]] = row

    def _known_stage(self, stage_name: str) -> int | None:
        """The user's choice for this name, else the stage the same CRM's name went to last
        time (if it is still there), else the stage of that name."""
        name_key = key(stage_name)
        choice = self.stage_choices.get(name_key)
        if choice is not None:
            return self._chosen_stage(stage_name, choice)
        remembered = self.remembered_stages.get(name_key)
        if remembered is not None and remembered in self.rows["stage"]:
            return remembered
        return self.stage_by_key.get(name_key)

    def _unknown_stage(self, stage_name: str) -> int:
        """A stage name the pipeline lacks and the user made no choice for: a won/lost word,
        else a new stage."""
        implied = _STATUS_WORDS.get(key(stage_name))
        if implied in (Outcome.WON, Outcome.LOST):
            return self.outcome_stage(implied)  # type: ignore[arg-type]
        self.plan.unknown_stages.append(stage_name)
        return self.new_stage(stage_name)

    def _chosen_stage(self, stage_name: str, choice: StageChoice) -> int:
        if key(stage_name) not in map(key, self.plan.unknown_stages):
            self.plan.unknown_stages.append(stage_name)
        if choice.stage is None:
            existing = self.stage_by_key.get(key(stage_name))
            if existing is not None:  # "new" for a name the pipeline already has
                return existing
            return self.new_stage(stage_name, probability=choice.probability)
        found = self.stage_by_key.get(key(choice.stage))
        if found is None:
            names = ", ".join(r[1] for r in sorted(self.rows["stage"].values(),
                                                  key=lambda r: r[2]))
            raise UsageError(f"'{stage_name}={choice.stage}': the pipeline has no stage "
                             f"'{choice.stage}' ({names}; or new:NN for a new one)")
        return found

    def new_deal_stage(self, rec: dict[str, object]) -> tuple[int, bool]:
        """`choose_stage` for a new deal from its record (stage, status and won/lost fields)."""
        return self.choose_stage(str(rec.get("stage") or ""), status_of(rec), None)

    def choose_stage(self, stage_name: str, status: Outcome | None, stage_id: int | None
                     ) -> tuple[int, bool]:
        """The stage a deal ends in (its current one, or None for a new deal), from the
        sheet's stage name and status; creates a stage the pipeline lacks. True when a closed
        deal's open stage name is to be kept as the custom field "Stage at close"."""
        if stage_name:
            stage_id = self._stage_of_name.get(stage_name)
            if stage_id is None:
                stage_id = self._known_stage(stage_name)
            if stage_id is None:
                stage_id = self._unknown_stage(stage_name)
            self._stage_of_name[stage_name] = stage_id
        at_close = False
        if status in (Outcome.WON, Outcome.LOST) and (
                stage_id is None or self.stage_outcome(stage_id) == "open"):
            at_close = bool(stage_name) and not self.own
            stage_id = self.outcome_stage(status)  # type: ignore[arg-type]
        if stage_id is None:
            stage_id = self.outcome_stage("open")
        return stage_id, at_close


def status_of(rec: dict[str, object]) -> Outcome | None:
    """A deal record's outcome from its status word, else its won/closed flags and times."""
    raw = rec.get("status")
    if raw:
        return _STATUS_WORDS.get(key(str(raw)))
    if rec.get("is_won"):
        return Outcome.WON
    if rec.get("is_closed"):
        return Outcome.LOST
    if rec.get("won_time"):
        return Outcome.WON
    if rec.get("lost_time"):
        return Outcome.LOST
    return None


def status_problem(value: object) -> str | None:
    if value in (None, "") or key(str(value)) in _STATUS_WORDS:
        return None
    return f"'{value}' is not a status (open, won or lost)"
