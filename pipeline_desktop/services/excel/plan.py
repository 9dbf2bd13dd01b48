"""Turn typed records into a TableEdit by comparing them with what the pipeline holds.

Deals match by our ID (when the workbook is ours and comes back to its own pipeline, or into
an empty one), else by external ID, else they are new. Companies and contacts match by
trimmed, case-insensitive name (contacts also by email); stages by name."""

from __future__ import annotations

import json
import operator
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date, datetime

import peewee as pw

from pipeline_desktop.domain.model import ActivityKind, Outcome
from pipeline_desktop.domain.money import format_money
from pipeline_desktop.services.excel import state
from pipeline_desktop.services.excel.plan_columns import plan_new_deals
from pipeline_desktop.services.excel.schema import DEALS, TABLE_COLUMNS, TABLE_ORDER
from pipeline_desktop.services.excel.validate import Problem, Records

DEAL_COLS = TABLE_COLUMNS["deal"]
DEAL_INDEX = {name: i for i, name in enumerate(DEAL_COLS)}
COMPARED = tuple(i for i, c in enumerate(DEAL_COLS) if c not in ("updated_at", "version"))
_LABELS = {c.field: c.header for c in DEALS.columns}
_LABELS.update(value_cents="Value", budget_cents="Budget", company_id="Company",
               contact_id="Contact", stage_id="Stage", custom="Custom fields")
_STATUS_WORDS = {
    "open": Outcome.OPEN, "in progress": Outcome.OPEN, "active": Outcome.OPEN,
    "won": Outcome.WON, "closed won": Outcome.WON, "closedwon": Outcome.WON,
    "closed-won": Outcome.WON, "win": Outcome.WON,
    "lost": Outcome.LOST, "closed lost": Outcome.LOST, "closedlost": Outcome.LOST,
    "closed-lost": Outcome.LOST, "deleted": Outcome.LOST,
}
_KINDS = {k.value for k in ActivityKind}
TEXT_FIELDS = ("title", "owner", "source", "lost_reason", "next_step", "notes", "external_id",
               "authority_name", "need", "criteria_met")
DATE_FIELDS = ("created", "expected_close", "closed", "timeline")
_COMPANY_DETAILS = ("industry", "employees", "region", "website")


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


class Planner:
    """Holds the pipeline's current rows and the id maps while one import is planned."""

    def __init__(self, db: pw.Database, *, trusted: bool, own: bool, user: str = "",
                 today: date | None = None, default_currency: str = "USD",
                 tables: Iterable[str] = TABLE_ORDER) -> None:
        self.db, self.trusted, self.own, self.user = db, trusted, own, user
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
        self.id_map: dict[str, dict[int, int]] = {t: {} for t in TABLE_ORDER}
        self.stage_by_key = {key(r[1]): sid for sid, r in self.rows["stage"].items()}
        self.company_by_key = {r[2]: cid for cid, r in self.rows["company"].items()}
        self.contact_by_key = {r[2]: cid for cid, r in self.rows["contact"].items()}
        self.contact_by_email = {r[4].casefold(): cid for cid, r in self.rows["contact"].items()
                                 if r[4]}
        self.deal_by_ext = {r[17]: did for did, r in self.rows["deal"].items() if r[17]}
        self.new_ids: dict[str, set[int]] = {t: set() for t in TABLE_ORDER}
        # Where `put` appended each new row, so a later row for it replaces it in place (a
        # rewrite of the whole insert list per contact detail grew with the square of rows).
        self._inserted_at: dict[str, dict[int, int]] = {t: {} for t in TABLE_ORDER}
        self.sheet = "Deals"
        self.header_of: dict[str, str] = {}
        self.copies: list[tuple[str, str]] = []  # (record field, deal column) copied as is
        self.copy_to: list[str] = []
        self.copy_from: Callable[[dict[str, object]], tuple] | None = None
        self.detail_fields: tuple[str, ...] = _COMPANY_DETAILS  # those the deal sheet has
        self._outcome_stage: dict[str, int] = {}
        self._company_of_name: dict[tuple, int] = {}  # (fields, (name, *details)) seen here
        self._stage_of_name: dict[str, int] = {}
        self._custom_text: dict[tuple, str] = {}  # custom fields → their JSON (they repeat)
        self.defaults = dict(zip(DEAL_COLS, (
            0, "", None, None, None, self.currency, None, "open", None, "", "",
            self.today, None, None, "", "", "", "", "", None, 0, 0, "", "", None, "",
            self.now, 1), strict=True))

    # ---- generic ------------------------------------------------------------------------

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

    def problem(self, sheet: str, row: int, column: str, value: object, reason: str) -> None:
        self.plan.problems.append(Problem(sheet, row, column, value, reason))

    # ---- stages -------------------------------------------------------------------------

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

    def _map(self, table: str, wb_id: object, target: int) -> None:
        if isinstance(wb_id, int):
            self.id_map[table][wb_id] = target

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

    def new_stage(self, name: str, outcome: str = "open") -> int:
        stage_id = self.allocate("stage")
        position = max((r[2] for r in self.rows["stage"].values()), default=0) + 1
        probability = {"won": 100, "lost": 0}.get(outcome, 50)
        row = (stage_id, name, position, probability, outcome, "", 30)
        self.put("stage", row, self.plan.counts.setdefault("Stages", Counts()))
        self.stage_by_key[key(name)] = stage_id
        self.plan.new_stages.append(name)
        return stage_id

    # ---- companies and contacts ---------------------------------------------------------

    def companies(self, records: Records) -> None:
        counts = self.plan.counts.setdefault("Companies", Counts())
        self.reserve("company", (r.get("id") for _n, r in records.rows) if self.trusted else ())
        for number, rec in records.rows:
            name = str(rec.get("name") or "")
            if not name:
                self.problem("Companies", number, "Name", "", "a company needs a name")
                continue
            wb_id = rec.get("id")
            company_id = wb_id if self.trusted and isinstance(wb_id, int) else \
                self.company_by_key.get(key(name)) or self.allocate("company")
            row = (company_id, name, key(name), str(rec.get("industry") or ""),
                   rec.get("employees"), str(rec.get("region") or ""),
                   str(rec.get("website") or ""))
            old = self.rows["company"].get(company_id)
            self.put("company", row, counts)
            if old is not None and old[2] != row[2]:
                self.company_by_key.pop(old[2], None)
            self.company_by_key[row[2]] = company_id
            self._map("company", wb_id, company_id)

    def company_for(self, name: str, details: dict[str, object]) -> int | None:
        """Find a company by name (creating it); fill in details it does not have yet."""
        signature = (name, *details.values())
        return self.companies_for(tuple(details), [signature])[signature]

    def companies_for(self, fields: tuple[str, ...], signatures: Iterable[tuple]
                      ) -> dict[tuple, int | None]:
        """`company_for` of many (name, *values of `fields`) signatures, taken in order: the
        same companies, ids and rows. A company this call creates takes later details into
        its one inserted row (not a rewrite of the insert list per detail)."""
        found: dict[tuple, int | None] = {}
        name_keys: dict[str, str] = {}
        created: dict[int, tuple] = {}  # company id → its row so far
        filled: set[int] = set()  # companies created here that hold every detail of `fields`
        counts = None
        for signature in signatures:
            name = signature[0]
            remembered = (fields, signature)  # the same values under other fields differ
            known = self._company_of_name.get(remembered) if name else None
            if known is not None or not name:
                found[signature] = known  # the same name and details again, or no name
                continue
            counts = counts or self.plan.counts.setdefault("Companies", Counts())
            name_key = name_keys.get(name) or name_keys.setdefault(name, key(name))
            company_id = self.company_by_key.get(name_key)
            if company_id is None:
                company_id = self.allocate("company")
                self.company_by_key[name_key] = company_id
                created[company_id] = _company_row(company_id, name, name_key,
                                                   dict(zip(fields, signature[1:], strict=True)))
                self.put("company", created[company_id], counts)
            elif company_id in filled:
                pass  # later details cannot change it
            elif company_id in created:
                created[company_id] = _merged_company(
                    created[company_id], dict(zip(fields, signature[1:], strict=True)))
            else:
                old = self.rows["company"][company_id]
                merged = _merged_company(old, dict(zip(fields, signature[1:], strict=True)))
                if merged != old:
                    self.put("company", merged, counts)
            if company_id in created and _has_details(created[company_id], fields):
                filled.add(company_id)
            self._company_of_name[remembered] = found[signature] = company_id
        self._settle_created("company", created)
        return found

    def _settle_created(self, table: str, rows: dict[int, tuple]) -> None:
        """Rows this import inserts whose values grew after their insert: one pass."""
        changed = {i: row for i, row in rows.items() if self.rows[table][i] != row}
        if changed:
            self.plan.inserts[table] = [changed.get(r[0], r) for r in self.plan.inserts[table]]
            self.rows[table].update(changed)

    def contacts(self, records: Records) -> None:
        counts = self.plan.counts.setdefault("Contacts", Counts())
        self.reserve("contact", (r.get("id") for _n, r in records.rows) if self.trusted else ())
        for number, rec in records.rows:
            name = str(rec.get("name") or "")
            if not name:
                self.problem("Contacts", number, "Name", "", "a contact needs a name")
                continue
            wb_id = rec.get("id")
            email = str(rec.get("email") or "")
            contact_id = wb_id if self.trusted and isinstance(wb_id, int) else (
                self.contact_by_key.get(key(name))
                or (self.contact_by_email.get(email.casefold()) if email else None)
                or self.allocate("contact"))
            company_id = self.company_ref(rec.get("company_id"), str(rec.get("company") or ""))
            row = (contact_id, name, key(name), str(rec.get("job_title") or ""), email,
                   str(rec.get("phone") or ""), company_id)
            self.put("contact", row, counts)
            self.contact_by_key[key(name)] = contact_id
            if email:
                self.contact_by_email[email.casefold()] = contact_id
            self._map("contact", wb_id, contact_id)

    def company_ref(self, wb_id: object, name: str) -> int | None:
        if isinstance(wb_id, int):
            mapped = self.id_map["company"].get(wb_id)
            if mapped is None and self.trusted and wb_id in self.rows["company"]:
                mapped = wb_id
            if mapped is not None:
                return mapped
        return self.company_for(name, {}) if name else None

    def contact_for(self, rec: dict[str, object], company_id: int | None) -> int | None:
        name = str(rec.get("contact") or "")
        email = str(rec.get("email") or "")
        if not name and not email:
            return None
        counts = self.plan.counts.setdefault("Contacts", Counts())
        contact_id = (self.contact_by_key.get(key(name)) if name else None) or (
            self.contact_by_email.get(email.casefold()) if email else None)
        phone, job = str(rec.get("phone") or ""), str(rec.get("job_title") or "")
        if contact_id is None:
            contact_id = self.allocate("contact")
            name = name or email
            self.put("contact", (contact_id, name, key(name), job, email, phone, company_id),
                     counts)
        else:
            old = self.rows["contact"][contact_id]
            merged = (*old[:3], old[3] or job, old[4] or email, old[5] or phone,
                      old[6] if old[6] is not None else company_id)
            if merged != old:
                self.put("contact", merged, counts)
        if name:
            self.contact_by_key[key(name)] = contact_id
        if email:
            self.contact_by_email[email.casefold()] = contact_id
        return contact_id

    # ---- deals --------------------------------------------------------------------------

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
        self.detail_fields = tuple(f for f in _COMPANY_DETAILS if f in self.header_of)
        getter = operator.itemgetter(*[source for source, _target in present]) if present \
            else None
        self.copy_from = (lambda rec: (getter(rec),)) if len(present) == 1 else getter
        if self.trusted:
            self.reserve("deal", (value for _n, value in records.numbered_values("id")))
        if plan_new_deals(self, records, counts, history_sheet=history_sheet):
            return  # the usual case, planned in whole columns
        rejected = records.rejected_rows
        for number, rec in records.rows:
            if number in rejected:
                continue
            self._deal(number, rec, counts, history_sheet)

    def _deal(self, number: int, rec: dict[str, object], counts: Counts,
              history_sheet: bool) -> None:
        wb_id = rec.get("id")
        deal_id: int | None = None
        if self.trusted and isinstance(wb_id, int):
            deal_id = wb_id
        elif rec.get("external_id") and rec["external_id"] in self.deal_by_ext:
            deal_id = self.deal_by_ext[rec["external_id"]]  # type: ignore[index]
        old = self.rows["deal"].get(deal_id) if deal_id is not None else None
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
            currency = str(rec["currency"]).upper()
            if len(currency) != 3 or not currency.isalpha():
                self.problem(self.sheet, number, self.header_of.get("currency", "Currency"),
                             rec["currency"],
                             f"'{rec['currency']}' is not a three-letter currency code")
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
        elif "contact" in rec or "email" in rec:
            values["contact_id"] = self.contact_for(rec, values["company_id"])  # type: ignore

    def _fill_stage(self, rec: dict[str, object], values: dict[str, object]) -> None:
        status = _status_of(rec)
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

    def new_deal_stage(self, rec: dict[str, object]) -> tuple[int, bool]:
        """`choose_stage` for a new deal from its record (stage, status and won/lost fields)."""
        return self.choose_stage(str(rec.get("stage") or ""), _status_of(rec), None)

    def choose_stage(self, stage_name: str, status: Outcome | None, stage_id: int | None
                     ) -> tuple[int, bool]:
        """The stage a deal ends in (its current one, or None for a new deal), from the
        sheet's stage name and status; creates a stage the pipeline lacks. True when a closed
        deal's open stage name is to be kept as the custom field "Stage at close"."""
        if stage_name:
            stage_id = self._stage_of_name.get(stage_name) or self.stage_by_key.get(
                key(stage_name))
            if stage_id is None:
                implied = _STATUS_WORDS.get(key(stage_name))
                stage_id = self.outcome_stage(implied) if implied in (
                    Outcome.WON, Outcome.LOST) else self.new_stage(stage_name)
            self._stage_of_name[stage_name] = stage_id
        at_close = False
        if status in (Outcome.WON, Outcome.LOST) and (
                stage_id is None or self.stage_outcome(stage_id) == "open"):
            at_close = bool(stage_name) and not self.own
            stage_id = self.outcome_stage(status)  # type: ignore[arg-type]
        if stage_id is None:
            stage_id = self.outcome_stage("open")
        return stage_id, at_close

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

    # ---- history and activities (our own workbook, trusted ids) ---------------------------

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


def _company_row(company_id: int, name: str, name_key: str, details: dict[str, object]
                 ) -> tuple:
    return (company_id, name, name_key, details.get("industry") or "",
            details.get("employees"), details.get("region") or "", details.get("website") or "")


_DETAIL_AT = {"industry": 3, "employees": 4, "region": 5, "website": 6}


def _has_details(row: tuple, fields: tuple[str, ...]) -> bool:
    """Does a company's row already hold every one of these details?"""
    return all(row[_DETAIL_AT[f]] not in (None, "") for f in fields)


def _merged_company(old: tuple, details: dict[str, object]) -> tuple:
    """A company's row with the details it lacked filled in (what it has stays)."""
    return (old[0], old[1], old[2], old[3] or details.get("industry") or "",
            old[4] if old[4] is not None else details.get("employees"),
            old[5] or details.get("region") or "", old[6] or details.get("website") or "")


_as_row = operator.itemgetter(*DEAL_COLS)  # dict → tuple in column order, at C speed


def _status_of(rec: dict[str, object]) -> Outcome | None:
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


def _load_custom(text: str) -> dict[str, object]:
    if not text:
        return {}
    try:
        loaded = json.loads(text)
    except ValueError:
        return {"custom": text}
    return loaded if isinstance(loaded, dict) else {"custom": loaded}
