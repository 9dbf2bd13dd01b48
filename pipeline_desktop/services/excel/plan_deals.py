"""Deals in an import, row by row: match a record to a deal (our ID, else external ID, else
new), fill its fields, parties, stage and custom fields, and plan its insert or update with
the line of stage history it brings and the before/after values the preview shows.

`Planner.deals` (plan.py) prepares the sheet and tries the column-wise path first
(plan_columns.py); the rows that path cannot take come here."""

from __future__ import annotations

import json
import operator

from pipeline_desktop.domain.currency_codes import ISO_4217
from pipeline_desktop.domain.model import Outcome
from pipeline_desktop.domain.money import format_money
from pipeline_desktop.services.excel.plan_parties import PartyPlanning
from pipeline_desktop.services.excel.plan_stages import StagePlanning, status_of
from pipeline_desktop.services.excel.plan_types import (
    COMPARED,
    DEAL_COLS,
    DEAL_INDEX,
    Counts,
    DealChange,
    key,
)
from pipeline_desktop.services.excel.schema import DEALS

_LABELS = {c.field: c.header for c in DEALS.columns}
_LABELS.update(value_cents="Value", budget_cents="Budget", company_id="Company",
               contact_id="Contact", stage_id="Stage", custom="Custom fields")
_as_row = operator.itemgetter(*DEAL_COLS)  # dict → tuple in column order, at C speed


class DealPlanning(StagePlanning, PartyPlanning):
    """The Planner's row-by-row deal steps."""

    def _deal(self, number: int, rec: dict[str, object], counts: Counts,
              history_sheet: bool) -> None:
        wb_id = rec.get("id")
        deal_id: int | None = self.forced.get(number)
        if deal_id is not None:
            pass  # the person chose to update the deal this row looks like
        elif self.trusted and isinstance(wb_id, int):
            deal_id = wb_id
        elif rec.get("external_id") and rec["external_id"] in self.deal_by_ext:
            deal_id = self.deal_by_ext[rec["external_id"]]  # type: ignore[index]
        elif rec.get("local_ref"):
            deal_id = self.local_deal(rec["local_ref"], rec.get("external_id"))
            if deal_id is not None and not rec.get("external_id"):  # keep its other CRM's ID
                rec["external_id"] = self.rows["deal"][deal_id][DEAL_INDEX["external_id"]]
        old = self.rows["deal"].get(deal_id) if deal_id is not None else None
        if old is not None and number in self.forced and str(rec.get("external_id")) == str(
                deal_id):  # our own ID read as another CRM's: not an external ID to keep
            rec = {**rec, "external_id": old[DEAL_INDEX["external_id"]]}
        if deal_id is None or (old is None and not self.trusted):
            deal_id = self.allocate("deal")
        values = dict(zip(DEAL_COLS, old, strict=True)) if old else self._new_deal(deal_id)
        if not self._fill(number, rec, values, old is None):
            return
        row = _as_row(values)
        if old is not None and all(row[i] == old[i] for i in COMPARED):
            counts.unchanged += 1
            return
        history = self._history_row(deal_id, old, values, history_sheet)
        if old is None:
            if not (self.trusted and rec.get("updated_at")):
                row = (*row[:-2], self.now, row[-1])
            self.put("deal", row, counts)
            if history:
                self.plan.inserts["stage_change"].append(history)
        else:
            row = (*row[:-2], self.now, old[-1] + 1)
            change = DealChange(deal_id, str(values["title"]), number,
                                self._differences(old, row))
            version = rec.get("version")
            if self.trusted and isinstance(version, int) and version < old[-1]:
                change.conflict = True
                self.plan.conflicts.add(deal_id)
                self.plan.conflict_updates.append(row)
                if history:
                    self.plan.conflict_history.append(history)
            else:
                self.plan.updates["deal"].append(row)
                if history:
                    self.plan.inserts["stage_change"].append(history)
            counts.changed += 1
            self.plan.changes.append(change)
            self.rows["deal"][deal_id] = row
        if values["external_id"]:
            self.deal_by_ext[values["external_id"]] = deal_id  # type: ignore[index]

    def _new_deal(self, deal_id: int) -> dict[str, object]:
        values = self.defaults.copy()
        values["id"] = deal_id
        return values

    def _fill(self, number: int, rec: dict[str, object], values: dict[str, object],
              is_new: bool) -> bool:
        """Copy the record's fields over `values`; False (with a problem) when unusable."""
        if self.copy_to:  # plain fields: one C-level update instead of a loop per field
            values.update(zip(self.copy_to, self.copy_from(rec), strict=True))
        if rec.get("currency"):
            currency = str(rec["currency"]).strip().upper()
            if currency not in ISO_4217:
                self.problem(self.sheet, number, self.header_of.get("currency", "Currency"),
                             rec["currency"],
                             f"'{rec['currency']}' is not a currency code (ISO 4217)")
                return False
            values["currency"] = currency
        if rec.get("created"):
            values["created"] = rec["created"]
        cents = values["value_cents"]
        if cents is not None and cents < 0:  # type: ignore[operator]
            self.problem(self.sheet, number, self.header_of.get("value", "Value"),
                         cents / 100, "a deal's value cannot be negative")  # type: ignore
            return False
        if not values["title"]:
            self.problem(self.sheet, number, self.header_of.get("title", "Title"), "",
                         "a deal needs a title")
            return False
        if self.trusted and is_new:
            if rec.get("updated_at"):
                values["updated_at"] = rec["updated_at"]
            if isinstance(rec.get("version"), int):
                values["version"] = rec["version"]
        self._fill_parties(rec, values)
        self._fill_stage(rec, values)
        self._fill_custom(rec, values)
        return True

    def _fill_parties(self, rec: dict[str, object], values: dict[str, object]) -> None:
        details = {k: rec.get(k) for k in self.detail_fields}  # usually none: a cheap {}
        if isinstance(rec.get("company_id"), int) and (
                rec["company_id"] in self.id_map["company"] or (
                    self.trusted and rec["company_id"] in self.rows["company"])):
            values["company_id"] = self.company_ref(rec["company_id"], "")
        elif "company" in rec:
            values["company_id"] = self.company_for(str(rec["company"] or ""), details)
        wb_contact = rec.get("contact_id")
        if isinstance(wb_contact, int) and (wb_contact in self.id_map["contact"] or (
                self.trusted and wb_contact in self.rows["contact"])):
            values["contact_id"] = self.id_map["contact"].get(wb_contact, wb_contact)
        elif ("contact" in rec or "email" in rec) and not self._own_contact(rec, values):
            values["contact_id"] = self.contact_for(rec, values["company_id"])  # type: ignore

    def _own_contact(self, rec: dict[str, object], values: dict[str, object]) -> bool:
        """The deal's own contact named again, nothing more: kept, though another contact
        may share the name (a CRM's deal file names the contact person only)."""
        current = self.rows["contact"].get(values["contact_id"])  # type: ignore[arg-type]
        return current is not None and bool(rec.get("contact")) and not any(
            rec.get(f) for f in ("email", "phone", "job_title")) and key(
            str(rec["contact"])) == current[2]

    def _fill_stage(self, rec: dict[str, object], values: dict[str, object]) -> None:
        status = status_of(rec)
        stage_name = str(rec.get("stage") or "")
        stage_id = values["stage_id"]
        if self.own and stage_id is not None and status is not None:
            # Our workbook has both columns: whichever the person edited wins.
            current = self.rows["stage"].get(stage_id)  # type: ignore[arg-type]
            stage_edited = current is not None and key(stage_name) != key(current[1])
            if stage_edited:
                status = None
            elif status.value != values["status"]:
                stage_name = "" if status is Outcome.OPEN else stage_name
                if status is Outcome.OPEN:
                    stage_id = None  # reopened: back to the first open stage
        stage_id, at_close = self.choose_stage(stage_name, status, stage_id)  # type: ignore
        if at_close:
            custom = rec.setdefault("custom", {})
            custom.setdefault("Stage at close", stage_name)  # type: ignore[union-attr]
        was = values["status"]
        values["stage_id"] = stage_id
        values["status"] = self.stage_outcome(stage_id)  # type: ignore[arg-type]
        if values["status"] != was and values["status"] != "lost":  # as MoveStage does
            values["lost_reason"] = ""
            if values["status"] == "open":
                values["closed"] = None
        if values["status"] != "open" and not values["closed"]:
            values["closed"] = (rec.get("won_time") or rec.get("lost_time")
                                or values["expected_close"] or self.today)

    def _fill_custom(self, rec: dict[str, object], values: dict[str, object]) -> None:
        if "custom" not in rec:
            return
        new = rec["custom"]
        assert isinstance(new, dict)
        if not new and not values["custom"]:
            return
        if not values["custom"] and new:  # a new deal, or one without custom fields yet
            values["custom"] = self.custom_json(new)
            return
        current = _load_custom(str(values["custom"] or ""))
        wanted = dict(new) if self.own else {**current, **new}
        if wanted != current:
            values["custom"] = json.dumps(wanted) if wanted else ""

    def custom_json(self, custom: dict[str, object]) -> str:
        """A new deal's custom fields as stored (JSON); sheets repeat a few combinations. The
        signature holds each value's type: True == 1 == 1.0 as keys, but they store as true,
        1 and 1.0."""
        signature = tuple((name, type(value), value) for name, value in custom.items())
        text = self._custom_text.get(signature)
        if text is None:
            text = self._custom_text[signature] = json.dumps(custom)
        return text

    def _history_row(self, deal_id: int, old: tuple | None, values: dict[str, object],
                     history_sheet: bool) -> tuple | None:
        if old is None:
            if history_sheet:
                return None
            return (self.allocate("stage_change"), deal_id, None, values["stage_id"],
                    f"{values['created']} 00:00:00", self.user)
        if old[DEAL_INDEX["stage_id"]] == values["stage_id"]:
            return None
        return (self.allocate("stage_change"), deal_id, old[DEAL_INDEX["stage_id"]],
                values["stage_id"], self.now, self.user)

    def _differences(self, old: tuple, new: tuple) -> list[tuple[str, str, str]]:
        return [(_LABELS.get(DEAL_COLS[i], DEAL_COLS[i]), self._show(i, old[i]),
                 self._show(i, new[i])) for i in COMPARED if old[i] != new[i]]

    def _show(self, index: int, value: object) -> str:
        name = DEAL_COLS[index]
        if value is None:
            return ""
        if name in ("value_cents", "budget_cents"):
            return format_money(value)  # type: ignore[arg-type]
        table = {"company_id": "company", "contact_id": "contact", "stage_id": "stage"}.get(name)
        if table:
            return str(self.rows[table].get(value, (0, value))[1])
        return str(value)


def _load_custom(text: str) -> dict[str, object]:
    if not text:
        return {}
    try:
        loaded = json.loads(text)
    except ValueError:
        return {"custom": text}
    return loaded if isinstance(loaded, dict) else {"custom": loaded}
