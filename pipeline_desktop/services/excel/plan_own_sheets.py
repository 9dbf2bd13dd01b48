"""The Stage history and Activities sheets, which only our own workbook has: their rows keep
their ids (trusted) and must name a deal the workbook or the pipeline holds."""

from __future__ import annotations

from pipeline_desktop.domain.model import ActivityKind
from pipeline_desktop.services.excel.plan_stages import StagePlanning
from pipeline_desktop.services.excel.plan_types import Counts, key
from pipeline_desktop.services.excel.validate import Records

_KINDS = {k.value for k in ActivityKind}


class OwnSheetPlanning(StagePlanning):
    """The Planner's stage history and activity steps."""

    def history(self, records: Records) -> None:
        counts = self.plan.counts.setdefault("Stage history", Counts())
        for number, rec in records.rows:
            deal_id = self._deal_ref(records.sheet, number, rec)
            change_id = rec.get("id")
            if deal_id is None or not isinstance(change_id, int):
                continue
            stages = []
            for column, label in (("from_stage", "From stage"), ("to_stage", "To stage")):
                name = str(rec.get(column) or "")
                stage_id = self.stage_by_key.get(key(name)) if name else None
                if name and stage_id is None:
                    stage_id = self.new_stage(name)
                stages.append(stage_id)
                del label
            row = (change_id, deal_id, stages[0], stages[1],
                   rec.get("changed_at") or self.now, str(rec.get("changed_by") or ""))
            self.put("stage_change", row, counts)

    def activities(self, records: Records) -> None:
        counts = self.plan.counts.setdefault("Activities", Counts())
        for number, rec in records.rows:
            deal_id = self._deal_ref(records.sheet, number, rec)
            activity_id = rec.get("id")
            kind = str(rec.get("kind") or "").casefold()
            if kind not in _KINDS:
                self.problem(records.sheet, number, "Kind", rec.get("kind"),
                             f"'{rec.get('kind')}' is not one of {', '.join(sorted(_KINDS))}")
                continue
            if deal_id is None or not isinstance(activity_id, int):
                continue
            row = (activity_id, deal_id, kind, str(rec.get("subject") or ""), rec.get("due"),
                   rec.get("done"), str(rec.get("notes") or ""), str(rec.get("owner") or ""),
                   rec.get("created_at") or self.now)
            self.put("activity", row, counts)

    def _deal_ref(self, sheet: str, number: int, rec: dict[str, object]) -> int | None:
        deal_id = rec.get("deal_id")
        if not isinstance(deal_id, int) or deal_id not in self.rows["deal"]:
            self.problem(sheet, number, "Deal ID", deal_id,
                         f"deal {deal_id} is neither in the workbook nor in the pipeline")
            return None
        return deal_id
