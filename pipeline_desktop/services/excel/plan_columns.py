"""The usual import planned in whole columns: a sheet whose deals are all new.

Row by row (`Planner._deal`) a deal costs ~8 µs of Python: a dict per row, a dozen method
calls. When no row can update a deal (no row's ID or external ID matches one the pipeline
holds) and no row has a problem, every row takes the same path, so this module takes it once
per column instead: each distinct stage and status, company and set of custom fields is
decided once by the Planner's own methods, in the order the rows first show it (so new stages,
companies and contacts get the ids row by row would give them), and the rows are assembled
with `zip`. Anything else (updates, problems, dangling IDs) returns False and the caller plans
row by row. tests/services/test_import_columns.py proves both give the same plan."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from itertools import repeat
from typing import TYPE_CHECKING

from pipeline_desktop.domain.currency_codes import ISO_4217
from pipeline_desktop.services.excel.schema import TABLE_COLUMNS
from pipeline_desktop.services.excel.validate import Columns, Records, custom_fields

if TYPE_CHECKING:
    from pipeline_desktop.services.excel.plan import Counts, Planner

Column = Sequence[object] | repeat  # one value per row, or one value for every row
_STATUS_FIELDS = ("stage", "status", "is_won", "is_closed", "won_time", "lost_time")
_CONTACT_FIELDS = ("contact", "email", "phone", "job_title")


def plan_new_deals(planner: Planner, records: Records, counts: Counts, *,
                   history_sheet: bool) -> bool:
    """Plan every row of `records` as a new deal; False (nothing planned) when the sheet
    needs the row-by-row path."""
    columns = records.columns
    if columns is None or records.problems or not columns.numbers:
        return False
    if _matches_a_deal(planner, columns) or not _all_usable(planner, columns):
        return False
    deal = _NewDeals(planner, columns)
    rows = deal.rows()
    planner.plan.inserts["deal"].extend(rows)
    planner.rows["deal"].update(zip(deal.ids, rows, strict=True))
    planner.new_ids["deal"].update(deal.ids)
    counts.new += len(rows)
    if not history_sheet:
        planner.plan.inserts["stage_change"].extend(deal.history())
    external = columns.values("external_id")
    if external is not None:
        planner.deal_by_ext.update((e, d) for e, d in zip(external, deal.ids, strict=True) if e)
    return True


def _matches_a_deal(planner: Planner, columns: Columns) -> bool:
    """Would some row update a deal: one the pipeline holds, or one an earlier row makes (by
    our ID, else external ID)? The preview rejects repeated IDs, but this path must not
    depend on it."""
    existing, by_external = planner.rows["deal"], planner.deal_by_ext
    ids = columns.values("id") if planner.trusted else None
    external = columns.values("external_id")
    own_id = [isinstance(i, int) for i in ids] if ids is not None else repeat(False)
    if ids is not None:
        mine = [i for i, is_mine in zip(ids, own_id, strict=False) if is_mine]
        if len(set(mine)) < len(mine) or any(i in existing for i in mine):
            return True
    refs = columns.values("local_ref")
    if refs is not None and any(planner.local_deal(r, None) for r in set(refs) if r):
        return True
    if external is None:
        return False
    given = [e for e in external if e]
    theirs = (e for e, is_mine in zip(external, own_id, strict=False) if e and not is_mine)
    return len(set(given)) < len(given) or any(e in by_external for e in theirs)


def _all_usable(planner: Planner, columns: Columns) -> bool:
    """No row `Planner._fill` would refuse (bad currency, negative value, no title); no
    company or contact ID that only some rows could resolve (row by row, an ID the workbook
    does not define starts to resolve once a row creates it); no custom column mixing
    booleans with numbers (True and 1 are one dict key, but different JSON)."""
    values = columns.values
    if not all(values("title") or ()):
        return False
    currencies = {c for c in values("currency") or () if c}
    if any(str(c).strip().upper() not in ISO_4217 for c in currencies):
        return False
    if any(v is not None and v < 0 for v in values("value") or ()):  # type: ignore[operator]
        return False
    for table in ("company", "contact"):
        ids = values(f"{table}_id")
        resolves = _resolves(planner, table)
        if ids is not None and not all(resolves(i) for i in set(ids) if isinstance(i, int)):
            return False
    return not any(_mixes_booleans(cells) for cells in columns.custom.values())


def _mixes_booleans(cells: Sequence[object]) -> bool:
    types = set(map(type, cells))
    return bool in types and (int in types or float in types)


def _resolves(planner: Planner, table: str) -> Callable[[object], bool]:
    """Does a workbook's company (contact) ID stand for a known one, as `_fill_parties` asks."""
    known = planner.id_map[table]
    stored = planner.rows[table] if planner.trusted else {}
    return lambda i: isinstance(i, int) and (i in known or i in stored)


class _NewDeals:
    """The columns of the new deals' rows, built from the sheet's columns."""

    def __init__(self, planner: Planner, columns: Columns) -> None:
        self.planner, self.columns = planner, columns
        self.count = len(columns.numbers)
        self.ids = self._ids()
        stages = self._per_distinct(_STATUS_FIELDS, planner.new_deal_stage)
        self.stage_ids = [stage for stage, _at_close in stages]
        self.stage_at_close = [at_close for _stage, at_close in stages]
        self.created = self._or_default("created", planner.today)

    def rows(self) -> list[tuple]:
        """The deal rows, columns in TABLE_COLUMNS["deal"] order."""
        planner, values = self.planner, self.columns.values
        out: dict[str, Column] = {name: repeat(value)
                                  for name, value in planner.defaults.items()}
        out["id"] = self.ids
        for source, target in planner.copies:
            out[target] = values(source)  # type: ignore[assignment]
        if values("currency") is not None:
            out["currency"] = self._per_distinct(("currency",), lambda rec: str(
                rec["currency"]).strip().upper() if rec["currency"] else planner.currency)
        out["created"] = self.created
        out["company_id"] = company_ids = self._company_ids()
        out["contact_id"] = self._contact_ids(company_ids)
        self._fill_outcome(out)
        out["custom"] = self._custom()
        if planner.trusted:
            out["updated_at"] = self._or_default("updated_at", planner.now)
            version = values("version")
            if version is not None:
                out["version"] = [v if isinstance(v, int) else 1 for v in version]
        return list(zip(*(out[name] for name in TABLE_COLUMNS["deal"]), strict=False))

    def history(self) -> list[tuple]:
        """Each new deal's first line of stage history (as `Planner._history_row`)."""
        planner = self.planner
        first = planner.next_id["stage_change"]
        planner.next_id["stage_change"] += self.count
        changed = map(str.__add__, self.created, repeat(" 00:00:00"))
        return list(zip(range(first, first + self.count), self.ids, repeat(None),
                        self.stage_ids, changed, repeat(planner.user)))

    # ---- pieces -------------------------------------------------------------------------

    def _ids(self) -> list[int]:
        planner = self.planner
        ids = self.columns.values("id") if planner.trusted else None
        if ids is None:
            first = planner.next_id["deal"]
            planner.next_id["deal"] += self.count
            return list(range(first, first + self.count))
        return [i if isinstance(i, int) else planner.allocate("deal") for i in ids]

    def _per_distinct(self, fields: Iterable[str],
                      decide: Callable[[dict[str, object]], object]) -> list:
        """`decide(record)` of each row's record of `fields` (those the sheet has), called
        once per distinct record, in the order the rows first show it (the order in which
        row by row creates stages)."""
        present, keys = self._keys(fields)
        if len(present) == 1:
            decided = {k: decide({present[0]: k}) for k in dict.fromkeys(keys)}
        else:
            decided = {k: decide(dict(zip(present, k, strict=True)))
                       for k in dict.fromkeys(keys)}
        return list(map(decided.__getitem__, keys))

    def _keys(self, fields: Iterable[str]) -> tuple[list[str], list]:
        """The fields the sheet has, and each row's value of the one (or tuple of values)."""
        present = [f for f in fields if self.columns.values(f) is not None]
        columns = [self.columns.values(f) for f in present]
        if len(columns) == 1:
            return present, columns[0]  # type: ignore[return-value]
        if not columns:
            return present, [()] * self.count
        return present, list(zip(*columns, strict=True))  # type: ignore[call-overload]

    def _or_default(self, name: str, default: object) -> Column:
        values = self.columns.values(name)
        return repeat(default) if values is None else [v or default for v in values]

    def _company_ids(self) -> Column:
        """As `_fill_parties`: a company ID the workbook defines, else the company named."""
        planner, values = self.planner, self.columns.values
        by_id, by_name = values("company_id") is not None, values("company") is not None
        if not by_id and not by_name:
            return repeat(None)
        details = planner.detail_fields
        fields, keys = self._keys(("company_id", "company", *details) if by_id else
                                  ("company", *details))
        if len(fields) == 1:
            keys = list(zip(keys))
        distinct: dict[tuple, int | None] = dict.fromkeys(keys)
        if by_id:
            resolves = _resolves(planner, "company")
            for k in distinct:
                if resolves(k[0]):
                    distinct[k] = planner.company_ref(k[0], "")  # type: ignore[arg-type]
        if by_name:
            pending = [k for k, found in distinct.items() if found is None]
            signatures = [(str(k[1] or ""), *k[2:]) for k in pending] if by_id else pending
            found = planner.companies_for(details, signatures)
            distinct.update(zip(pending, map(found.__getitem__, signatures), strict=True))
        return list(map(distinct.__getitem__, keys))

    def _contact_ids(self, company_ids: Column) -> Column:
        planner, values = self.planner, self.columns.values
        by_fields = values("contact") is not None or values("email") is not None
        if values("contact_id") is None and not by_fields:
            return repeat(None)
        resolves = _resolves(planner, "contact")
        mapped = planner.id_map["contact"]
        found: list[object] = []
        cells = zip(values("contact_id") or repeat(None),
                    *(values(f) or repeat(None) for f in _CONTACT_FIELDS), company_ids,
                    strict=False)
        for contact_id, name, email, phone, job, company_id in cells:
            if resolves(contact_id):
                found.append(mapped.get(contact_id, contact_id))  # type: ignore[call-overload]
            elif by_fields and (name or email):  # row by row it may create or merge one
                found.append(planner.contact_for({"contact": name, "email": email,
                                                  "phone": phone, "job_title": job},
                                                 company_id))  # type: ignore[arg-type]
            else:
                found.append(None)
        return found

    def _fill_outcome(self, out: dict[str, Column]) -> None:
        """Status, lost reason and closed date from each row's stage (as `_fill_stage`)."""
        planner = self.planner
        outcome_of = {stage: planner.stage_outcome(stage) for stage in set(self.stage_ids)}
        statuses = list(map(outcome_of.__getitem__, self.stage_ids))
        out["stage_id"], out["status"] = self.stage_ids, statuses
        if "won" in outcome_of.values():  # a new deal that is won loses its lost reason
            out["lost_reason"] = [("" if s == "won" else r) for s, r in
                                  zip(statuses, out["lost_reason"], strict=False)]
        if set(outcome_of.values()) != {"open"}:  # closed deals need a closed date
            values = self.columns.values
            out["closed"] = [c if s == "open" or c else (w or lt or e or planner.today)
                             for s, c, w, lt, e in zip(
                                 statuses, out["closed"], values("won_time") or repeat(None),
                                 values("lost_time") or repeat(None), out["expected_close"],
                                 strict=False)]

    def _custom(self) -> Column:
        """Each row's custom fields as JSON (as `_fill_custom`, after `_fill_stage` added
        "Stage at close")."""
        custom = self.columns.custom
        if not custom and not any(self.stage_at_close):
            return repeat("")
        names = list(custom)
        rows_of_cells = list(zip(*custom.values(), strict=True)) if custom else [()] * self.count
        if not any(self.stage_at_close):
            decided = {cells: self._custom_json(names, cells, None)
                       for cells in dict.fromkeys(rows_of_cells)}
            return list(map(decided.__getitem__, rows_of_cells))
        stage_names = self.columns.values("stage") or repeat(None)
        closing = [str(name or "") if at_close else None
                   for name, at_close in zip(stage_names, self.stage_at_close, strict=False)]
        keys = list(zip(rows_of_cells, closing, strict=True))
        decided = {key: self._custom_json(names, *key) for key in dict.fromkeys(keys)}
        return list(map(decided.__getitem__, keys))

    def _custom_json(self, names: list[str], cells: tuple[object, ...],
                     stage_at_close: str | None) -> str:
        fields = custom_fields(names, cells) if names else {}
        if stage_at_close is not None:
            fields.setdefault("Stage at close", stage_at_close)
        return self.planner.custom_json(fields) if fields else ""
