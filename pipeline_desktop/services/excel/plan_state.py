"""What a Planner holds while one import is planned, and the generic steps every sheet's
planning uses: reserve and allocate ids, put a row into the plan, record a problem.

`Planner.__init__` (plan.py) fills these attributes; the sheet mixins (plan_stages,
plan_parties, plan_deals, plan_own_sheets) read and extend them."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import peewee as pw

from pipeline_desktop.services.excel.plan_types import Counts, Plan
from pipeline_desktop.services.excel.stage_choices import StageChoice
from pipeline_desktop.services.excel.validate import Problem, Records


class PlannerState:
    """The pipeline's current rows, the id maps and the plan being built."""

    db: pw.Database
    trusted: bool  # the workbook's ids are ours to restore
    own: bool  # the workbook is our own export
    user: str
    today: str  # ISO dates and times, as stored
    now: str
    currency: str
    rows: dict[str, dict[int, tuple]]  # table → id → row, the plan's changes included
    next_id: dict[str, int]
    plan: Plan
    id_map: dict[str, dict[int, int]]  # table → workbook id → pipeline id
    new_ids: dict[str, set[int]]  # rows this import inserts
    _inserted_at: dict[str, dict[int, int]]  # table → id → its index in plan.inserts
    stage_by_key: dict[str, int]
    company_by_key: dict[str, int]
    contact_by_key: dict[str, int]
    contact_by_email: dict[str, int]
    deal_by_ext: dict[object, int]
    # Stage names the pipeline lacks (plan_stages): the user's choices and the mapping
    # remembered from the same CRM (by `key` of the name), the deal sheet when it has a
    # probability column (read only if a stage is created), each name's first probability.
    stage_choices: dict[str, StageChoice]
    remembered_stages: dict[str, int]
    probability_records: Records | None
    _file_probability: dict[str, int] | None
    local_prefix: str  # this pipeline's reference prefix (crm_export.deal_ref)
    # The deal sheet being planned (set by `Planner.deals`).
    sheet: str
    header_of: dict[str, str]
    copies: list[tuple[str, str]]
    copy_to: list[str]
    copy_from: Callable[[dict[str, object]], tuple] | None
    detail_fields: tuple[str, ...]
    defaults: dict[str, object]
    # Decisions that repeat from row to row, remembered.
    _outcome_stage: dict[str, int]
    _company_of_name: dict[tuple, int]
    _stage_of_name: dict[str, int]
    _custom_text: dict[tuple, str]

    def local_deal(self, ref: object, external_id: object) -> int | None:
        """The deal a "Pipeline Desktop ID" names ("<pipeline>-<deal id>"), when it is this
        pipeline's and the deal has no record ID of another CRM."""
        prefix, _sep, number = str(ref or "").rpartition("-")
        if not self.local_prefix or prefix != self.local_prefix or not number.isdigit():
            return None
        row = self.rows["deal"].get(int(number))
        if row is None or (row[17] and row[17] != (external_id or row[17])):
            return None
        return int(number)

    def reserve(self, table: str, ids: Iterable[object]) -> None:
        """Ids a trusted workbook restores must not be handed to new rows."""
        top = max((i for i in ids if isinstance(i, int)), default=0)
        self.next_id[table] = max(self.next_id[table], top + 1)

    def allocate(self, table: str) -> int:
        new_id = self.next_id[table]
        self.next_id[table] += 1
        return new_id

    def put(self, table: str, row: tuple, counts: Counts, compared: Iterable[int] | None = None
            ) -> bool:
        """Insert or update `row` (id first); True when it differs from the stored one."""
        old = self.rows[table].get(row[0])
        if old is None:
            self._inserted_at[table][row[0]] = len(self.plan.inserts[table])
            self.plan.inserts[table].append(row)
            self.rows[table][row[0]] = row
            self.new_ids[table].add(row[0])
            counts.new += 1
            return True
        indexes = range(len(row)) if compared is None else compared
        if all(row[i] == old[i] for i in indexes):
            counts.unchanged += 1
            return False
        if row[0] in self.new_ids[table]:  # a second row for something this import creates
            self._replace_insert(table, row)
        else:
            self.plan.updates[table].append(row)
            counts.changed += 1
        self.rows[table][row[0]] = row
        return True

    def _replace_insert(self, table: str, row: tuple) -> None:
        rows = self.plan.inserts[table]
        at = self._inserted_at[table].get(row[0])
        if at is not None and at < len(rows) and rows[at][0] == row[0]:
            rows[at] = row
        else:  # appended elsewhere (the column-wise planner): find it
            self.plan.inserts[table] = [row if r[0] == row[0] else r for r in rows]

    def _settle_created(self, table: str, rows: dict[int, tuple]) -> None:
        """Rows this import inserts whose values grew after their insert: one pass."""
        changed = {i: row for i, row in rows.items() if self.rows[table][i] != row}
        if changed:
            self.plan.inserts[table] = [changed.get(r[0], r) for r in self.plan.inserts[table]]
            self.rows[table].update(changed)

    def problem(self, sheet: str, row: int, column: str, value: object, reason: str) -> None:
        self.plan.problems.append(Problem(sheet, row, column, value, reason))

    def _map(self, table: str, wb_id: object, target: int) -> None:
        if isinstance(wb_id, int):
            self.id_map[table][wb_id] = target
