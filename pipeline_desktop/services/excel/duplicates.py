"""The duplicate guard: rows an import would add as new deals that look like deals the
pipeline already holds (same title and company, or an ID-like column whose value is one of
our deal IDs or another CRM's ID we keep). The preview counts them; the wizard offers to
update those deals instead, add them anyway or cancel; the command line refuses them unless
told (`--allow-duplicates`, `--update-duplicates`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from pipeline_desktop.services.excel.mapping import header_key
from pipeline_desktop.services.excel.plan_types import DEAL_INDEX, key
from pipeline_desktop.services.excel.validate import Records

if TYPE_CHECKING:
    from pipeline_desktop.services.excel.plan import Planner
    from pipeline_desktop.services.excel.preview import Options, Preview

IdColumns = dict[str, list[tuple[int, object]]]  # header → (row number, raw value)
_ID_WORDS = ("recordid", "opportunityid", "dealid", "objectid")
_NOT_DEAL_IDS = ("company_id", "contact_id")
_TITLE, _COMPANY, _EXTERNAL = (DEAL_INDEX[n] for n in ("title", "company_id", "external_id"))


@dataclass(frozen=True)
class Duplicate:
    row: int  # the file's row number
    deal_id: int  # the deal it looks like
    reason: str  # what matched, in words


def id_like_columns(headers: Sequence[object], fields: Sequence[str],
                    rows: Sequence[Sequence[object]], header_row: int) -> IdColumns:
    """The raw values of the columns whose header says "ID" (whatever they were mapped to,
    ignored columns too), by the row number the records use."""
    found: IdColumns = {}
    for index, header in enumerate(headers):
        name = header_key(header)
        field = fields[index] if index < len(fields) else ""
        if field in _NOT_DEAL_IDS or not (name == "id" or name.endswith((" id", "-id", ".id"))
                                          or name in _ID_WORDS):
            continue
        found[str(header)] = [(number, row[index] if index < len(row) else None)
                              for number, row in enumerate(rows[header_row + 1:],
                                                           start=header_row + 2)]
    return found


def find_duplicates(planner: Planner, records: Records, id_columns: IdColumns
                    ) -> list[Duplicate]:
    """Call before planning (which adds the new deals to the planner's rows)."""
    existing = planner.rows["deal"]
    if not existing:
        return []
    companies = {cid: key(str(r[1])) for cid, r in planner.rows["company"].items()}
    by_pair: dict[tuple[str, str], list[int]] = {}
    by_external: dict[str, int] = {}
    for deal_id, row in sorted(existing.items()):
        by_pair.setdefault((key(str(row[_TITLE])), companies.get(row[_COMPANY], "")),
                           []).append(deal_id)
        if row[_EXTERNAL]:
            by_external.setdefault(_id_text(row[_EXTERNAL]), deal_id)
    titles = dict(records.numbered_values("title"))
    has_company = "company" in records.fields
    company_of = dict(records.numbered_values("company")) if has_company else {}
    skipped = records.rejected_rows | _updates(planner, records)
    found: dict[int, Duplicate] = {}
    taken: set[int] = set()  # each deal is looked like once: updating it twice would clash
    for number, title in titles.items():
        if number in skipped or not title:
            continue
        pair = (key(str(title)), key(str(company_of.get(number) or "")))
        deal_id = next((d for d in by_pair.get(pair, ()) if d not in taken), None)
        if deal_id is not None:
            taken.add(deal_id)
            found[number] = Duplicate(number, deal_id, "same title and company")
    for header, cells in id_columns.items():
        for number, value in cells:
            if number in skipped or number in found or value in (None, ""):
                continue
            text = _id_text(value)
            deal_id = by_external.get(text)
            if deal_id is not None and deal_id not in taken:
                taken.add(deal_id)
                found[number] = Duplicate(number, deal_id, f"{header} is its external ID")
                continue
            ours = int(text) if text.isdigit() else None
            row = existing.get(ours) if ours is not None else None
            if row is not None and ours not in taken and _describes(
                    row, companies, titles.get(number), company_of.get(number)):
                taken.add(ours)  # type: ignore[arg-type]
                found[number] = Duplicate(number, ours, f"{header} is its ID")  # type: ignore
    return [found[n] for n in sorted(found)]


def _updates(planner: Planner, records: Records) -> set[int]:
    """Rows the planner will match to a deal anyway (our ID when trusted, an external ID, or
    the "Pipeline Desktop ID" a CRM kept for a deal made here)."""
    rows: set[int] = set()
    if planner.trusted:
        rows.update(n for n, i in records.numbered_values("id")
                    if isinstance(i, int) and i in planner.rows["deal"])
    rows.update(n for n, e in records.numbered_values("external_id")
                if e and e in planner.deal_by_ext)
    if "local_ref" in records.fields:  # a deal made here, back from a CRM (crm_export.py)
        externals = dict(records.numbered_values("external_id")) if (
            "external_id" in records.fields) else {}
        rows.update(n for n, ref in records.numbered_values("local_ref")
                    if ref and planner.local_deal(ref, externals.get(n)) is not None)
    rows.update(planner.forced)
    return rows


def _describes(row: tuple, companies: dict[int, str], title: object, company: object) -> bool:
    """An ID alone is a small number any other list may hold: the deal must agree too."""
    return key(str(title or "")) == key(str(row[_TITLE])) or (
        bool(company) and key(str(company)) == companies.get(row[_COMPANY], ""))


def _id_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def duplicate_lines(duplicates: list[Duplicate], shown: int = 20) -> list[str]:
    """The duplicate guard's part of the text preview."""
    if not duplicates:
        return []
    rows = "1 row" if len(duplicates) == 1 else f"{len(duplicates)} rows"
    out = [f"Look like deals already here: {rows} (update them with "
           "--update-duplicates, or add them as new with --allow-duplicates)"]
    out += [f"Duplicate: row {d.row} looks like deal {d.deal_id} ({d.reason})"
            for d in duplicates[:shown]]
    if len(duplicates) > shown:
        out.append(f"Duplicate: … and {len(duplicates) - shown} more")
    return out


def with_duplicates_updated(options: Options, preview: Preview) -> Options:
    """The options that make each duplicate row update the deal it looks like."""
    rows = {**options.match_rows, **{d.row: d.deal_id for d in preview.duplicates}}
    return replace(options, match_rows=rows)
