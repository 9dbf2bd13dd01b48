"""What the pipeline remembers about each CRM it imports from, so that an export for that CRM
(crm_export.py) can give the CRM back its own records: a setting per CRM, `crm_sync.<crm>`,
holding the CRM's stage names and the stage each meant here, and, for each deal that came
from the CRM, its record ID, its version right after the import (`--changed` writes the deals
changed since), the stage name the CRM used and the CRM pipeline it was in.

A setting rather than new deal columns: the deal row, its undo snapshots and our workbook stay
as they are, and a deal belongs to a CRM only while its external ID is the one noted (a deal
re-imported from another CRM, or whose ID was edited, goes out as new)."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat

import peewee as pw

from pipeline_desktop.services.excel.crm_layouts import CrmLayout, pipeline_column
from pipeline_desktop.services.excel.mapping import CUSTOM, IGNORE
from pipeline_desktop.services.excel.plan import Planner
from pipeline_desktop.services.excel.plan_types import key
from pipeline_desktop.services.excel.stage_choices import parse_choices
from pipeline_desktop.services.excel.validate import Records


@dataclass
class SyncRecord:
    crm: str
    stages: dict[str, int] = field(default_factory=dict)  # CRM stage name → stage id
    # deal id → (record ID, version after the import, CRM stage name, CRM pipeline)
    deals: dict[int, tuple[str, int, str, str]] = field(default_factory=dict)

    def came_from(self, deal_id: int, external_id: str) -> bool:
        noted = self.deals.get(deal_id)
        return bool(external_id) and noted is not None and noted[0] == external_id

    def stage_keys(self) -> dict[str, int]:
        return {key(name): stage_id for name, stage_id in self.stages.items()}


def setting_key(crm: str) -> str:
    return f"crm_sync.{crm}"


def load(db: pw.Database, crm: str) -> SyncRecord:
    """Raw SQL on this database (peewee's tables may be bound to another pipeline)."""
    row = db.execute_sql(f"SELECT value FROM setting WHERE key = {db.param}",
                         (setting_key(crm),)).fetchone()
    if row is None:
        return SyncRecord(crm)
    data = json.loads(row[0])
    deals = data.get("deals", {})
    names, pipelines = deals.get("names", []), deals.get("pipelines", [])
    noted = zip(deals.get("external_id", []), deals.get("version", []),
                map(names.__getitem__, deals.get("stage", [])),
                map(pipelines.__getitem__, deals.get("pipeline", [])), strict=True)
    return SyncRecord(crm, dict(data.get("stages", {})),
                      dict(zip(deals.get("id", []), noted, strict=True)))


def save(db: pw.Database, record: SyncRecord) -> None:
    """Column by column, the repeated stage and pipeline names once each: 100,000 deals
    are about 2 MB of JSON, written in ~0.05 s."""
    ids = list(record.deals)
    external, version, stage, pipeline = (list(c) for c in zip(*record.deals.values(),
                                                                 strict=True)) \
        if ids else ([], [], [], [])
    names, pipelines = list(dict.fromkeys(stage)), list(dict.fromkeys(pipeline))
    at_name = {n: i for i, n in enumerate(names)}
    at_pipeline = {n: i for i, n in enumerate(pipelines)}
    text = json.dumps({"stages": record.stages, "deals": {
        "id": ids, "external_id": external, "version": version, "names": names,
        "stage": list(map(at_name.__getitem__, stage)), "pipelines": pipelines,
        "pipeline": list(map(at_pipeline.__getitem__, pipeline))}})
    with db.atomic():
        db.execute_sql(f"DELETE FROM setting WHERE key = {db.param}", (setting_key(record.crm),))
        db.execute_sql(f"INSERT INTO setting (key, value) VALUES ({db.param}, {db.param})",
                       (setting_key(record.crm), text))


def merge(db: pw.Database, note: SyncRecord) -> None:
    """Add what one import learnt to what the pipeline remembers of that CRM."""
    record = load(db, note.crm)
    record.stages.update(note.stages)
    record.deals.update(note.deals)
    save(db, record)


def crm_fields(layout: CrmLayout | None, headers: Sequence[object], fields: list[str]
               ) -> list[str]:
    """A CRM's pipeline column is its own bookkeeping: noted with the sync record (and
    written back by an export for that CRM), not kept as a custom field."""
    at = pipeline_column(layout, headers) if layout else None
    if at is not None and fields[at] == CUSTOM:
        fields = [*fields[:at], IGNORE, *fields[at + 1:]]
    return fields


def setup_planner(planner: Planner, stages: Mapping[str, str], layout: CrmLayout | None,
                  prefix: str) -> None:
    """The user's stage choices, the stage names remembered from the same CRM, and this
    pipeline's reference prefix (deals made here come back from a CRM by it)."""
    planner.stage_choices = {key(name): choice for name, choice in
                             parse_choices(stages).items()}
    if layout is not None:
        planner.remembered_stages = load(planner.db, layout.key).stage_keys()
    planner.local_prefix = prefix


def pipelines_of(layout: CrmLayout | None, headers: Sequence[object],
                 body: Sequence[Sequence[object]], fields: list[str]) -> dict[str, str]:
    """Record ID → the CRM pipeline its row names (read from the raw cells: the column is
    not imported as a custom field)."""
    if layout is None:
        return {}
    at = pipeline_column(layout, headers)
    id_index = fields.index("external_id") if "external_id" in fields else None
    if at is None or id_index is None:
        return {}
    found: dict[str, str] = {}
    for row in body:
        if len(row) > max(at, id_index) and row[id_index] not in (None, "") and row[at]:
            record_id = row[id_index]
            if isinstance(record_id, float) and record_id.is_integer():
                record_id = int(record_id)
            found[str(record_id).strip()] = str(row[at]).strip()
    return found


def note_import(layout: CrmLayout, planner: Planner, records: Records,
                pipelines: dict[str, str]) -> SyncRecord:
    """What this import teaches about the CRM: the stage each of its names went to, and each
    deal with a record ID at the version the import leaves it."""
    note = SyncRecord(layout.key, {name: stage_id for name, stage_id in
                                   planner._stage_of_name.items() if name})
    external = _column(records, "external_id")
    stages = _column(records, "stage")
    ids = list(map(planner.deal_by_ext.get, external))
    if None in ids or not all(external):  # rows without a record ID: only the others
        kept = [(i, e, s) for i, e, s in zip(ids, external, stages, strict=True)
                if i is not None and e]
        ids, external, stages = (list(c) for c in zip(*kept, strict=True)) if kept else (
            [], [], [])
    rows = planner.rows["deal"]
    versions = [rows[i][-1] for i in ids]
    names = [str(s) if s else "" for s in stages]
    pipes = list(map(pipelines.get, external, repeat(""))) if pipelines else repeat("")
    noted = zip(external, versions, names, pipes, strict=False)  # pipes may repeat
    note.deals = dict(zip(ids, noted, strict=True))
    return note


def _column(records: Records, name: str) -> list[object]:
    return [value for _n, value in records.numbered_values(name)]
