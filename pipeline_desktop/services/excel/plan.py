"""Turn typed records into a TableEdit by comparing them with what the pipeline holds.

Deals match by our ID (when the workbook is ours and comes back to its own pipeline, or into
an empty one), else by external ID, else they are new. Companies and contacts match by
trimmed, case-insensitive name (contacts also by email); stages by name.

`Planner` is the entry point; its steps live next to it, one module a seam:
plan_types (Plan, Counts, DealChange, the deal row's layout), plan_state (the rows and id
maps, `put`), plan_stages, plan_parties (companies and contacts), plan_deals (row by row),
plan_columns (a sheet of new deals in whole columns) and plan_own_sheets (stage history and
activities)."""

from __future__ import annotations

import operator
from collections.abc import Iterable, Mapping
from datetime import date, datetime

import peewee as pw

from pipeline_desktop.services.excel import state
from pipeline_desktop.services.excel.plan_columns import plan_new_deals
from pipeline_desktop.services.excel.plan_deals import DealPlanning
from pipeline_desktop.services.excel.plan_own_sheets import OwnSheetPlanning
from pipeline_desktop.services.excel.plan_parties import COMPANY_DETAILS
from pipeline_desktop.services.excel.plan_stages import status_problem
from pipeline_desktop.services.excel.plan_types import (
    COMPARED,
    DATE_FIELDS,
    DEAL_COLS,
    DEAL_INDEX,
    TEXT_FIELDS,
    Counts,
    DealChange,
    Plan,
    key,
)
from pipeline_desktop.services.excel.schema import TABLE_ORDER
from pipeline_desktop.services.excel.validate import Records

__all__ = ["COMPARED", "DATE_FIELDS", "DEAL_COLS", "DEAL_INDEX", "TEXT_FIELDS", "Counts",
           "DealChange", "Plan", "Planner", "key", "status_problem"]


class Planner(DealPlanning, OwnSheetPlanning):
    """Holds the pipeline's current rows and the id maps while one import is planned."""

    def __init__(self, db: pw.Database, *, trusted: bool, own: bool, user: str = "",
                 today: date | None = None, default_currency: str = "USD",
                 tables: Iterable[str] = TABLE_ORDER,
                 forced: Mapping[int, int] | None = None) -> None:
        self.db, self.trusted, self.own, self.user = db, trusted, own, user
        self.forced = dict(forced or {})  # row number → the deal it updates (duplicates)
        self.today = (today or date.today()).isoformat()
        self.now = datetime.now().replace(microsecond=0).isoformat(sep=" ")
        self.currency = default_currency
        wanted = set(tables)
        self.rows = {t: state.fetch_table(db, t) if t in wanted else {} for t in TABLE_ORDER}
        self.next_id = {t: max(self.rows[t], default=state.max_id(db, t)) + 1
                        for t in TABLE_ORDER}
        if not self.rows["deal"]:
            self.next_id["deal"] = state.max_id(db, "deal") + 1
        self.plan = Plan()
        self.id_map = {t: {} for t in TABLE_ORDER}
        self.stage_by_key = {key(r[1]): sid for sid, r in self.rows["stage"].items()}
        self.company_by_key = {r[2]: cid for cid, r in self.rows["company"].items()}
        self.contact_by_key = {r[2]: cid for cid, r in self.rows["contact"].items()}
        self.contact_by_email = {r[4].casefold(): cid for cid, r in self.rows["contact"].items()
                                 if r[4]}
        self.deal_by_ext = {r[17]: did for did, r in self.rows["deal"].items() if r[17]}
        self.stage_choices, self.remembered_stages = {}, {}
        self.probability_records, self._file_probability = None, None
        self.local_prefix = ""
        self.new_ids = {t: set() for t in TABLE_ORDER}
        # Where `put` appended each new row, so a later row for it replaces it in place (a
        # rewrite of the whole insert list per contact detail grew with the square of rows).
        self._inserted_at = {t: {} for t in TABLE_ORDER}
        self.sheet = "Deals"
        self.header_of = {}
        self.copies = []  # (record field, deal column) copied as is
        self.copy_to = []
        self.copy_from = None
        self.detail_fields = COMPANY_DETAILS  # those the deal sheet has
        self._outcome_stage = {}
        self._company_of_name = {}  # (fields, (name, *details)) seen here
        self._stage_of_name = {}
        self._custom_text = {}  # custom fields → their JSON (they repeat)
        self.defaults = dict(zip(DEAL_COLS, (
            0, "", None, None, None, self.currency, None, "open", None, "", "",
            self.today, None, None, "", "", "", "", "", None, 0, 0, "", "", None, "",
            self.now, 1), strict=True))

    def deals(self, records: Records, *, history_sheet: bool) -> None:
        counts = self.plan.counts.setdefault("Deals", Counts())
        self.sheet = records.sheet
        self.header_of = {f: h for h, f in zip(records.headers, records.fields, strict=False)}
        copies = [(f, f) for f in (*TEXT_FIELDS, "expected_close", "closed", "timeline",
                                   "probability", "budget_confirmed", "authority_known")]
        copies += [("value", "value_cents"), ("budget", "budget_cents")]
        present = [(source, target) for source, target in copies if source in self.header_of]
        self.copies = present
        self.copy_to = [target for _source, target in present]
        self.detail_fields = tuple(f for f in COMPANY_DETAILS if f in self.header_of)
        getter = operator.itemgetter(*[source for source, _target in present]) if present \
            else None
        self.copy_from = (lambda rec: (getter(rec),)) if len(present) == 1 else getter
        if self.trusted:
            self.reserve("deal", (value for _n, value in records.numbered_values("id")))
        self.probability_records = records if (
            "probability" in self.header_of and "stage" in self.header_of) else None
        try:
            if not self.forced and plan_new_deals(self, records, counts,
                                                  history_sheet=history_sheet):
                return  # the usual case, planned in whole columns
            rejected = records.rejected_rows
            for number, rec in records.rows:
                if number in rejected:
                    continue
                self._deal(number, rec, counts, history_sheet)
        finally:
            self.probability_records = None  # the sheet may be freed (preview.py)
