"""What an import would do, computed before anything is written: read → map → validate →
plan. The wizard shows a Preview; the command line prints it (--dry-run) or applies it."""

from __future__ import annotations

import json
import uuid
from collections.abc import Mapping
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

from pipeline_desktop.domain.import_values import DayOrder
from pipeline_desktop.services.excel import crm_sync, currency_sheet, state
from pipeline_desktop.services.excel.apply import TableEdit
from pipeline_desktop.services.excel.crm_layouts import detect_crm
from pipeline_desktop.services.excel.duplicates import (
    Duplicate,
    duplicate_lines,
    find_duplicates,
    id_like_columns,
)
from pipeline_desktop.services.excel.mapping import (
    apply_overrides,
    auto_map,
    find_header_row,
    header_key,
    score,
)
from pipeline_desktop.services.excel.ownership import (
    ids_agree,
    looks_like_our_deals,
    untrusted_warning,
)
from pipeline_desktop.services.excel.plan import Counts, DealChange, Planner, status_problem
from pipeline_desktop.services.excel.read import (
    META_SHEET,
    Prefetch,
    Progress,
    Source,
    open_source,
    paused_gc,
    read_sheet,
)
from pipeline_desktop.services.excel.safety import DEFAULT_LIMITS, Limits
from pipeline_desktop.services.excel.schema import (
    ACTIVITIES,
    COMPANIES,
    CONTACTS,
    DEALS,
    HISTORY,
    STAGES,
    TABLE_COLUMNS,
    TABLE_ORDER,
    SheetSpec,
)
from pipeline_desktop.services.excel.settings_base import SettingsDiff
from pipeline_desktop.services.excel.settings_sheets import read_settings
from pipeline_desktop.services.excel.sniff import ImportFileError
from pipeline_desktop.services.excel.validate import (
    Problem,
    Records,
    check_unique,
    convert,
    convert_own_sheet,
)
from pipeline_desktop.storage.repository import Repository

PIPELINE_ID = "pipeline_id"  # a setting: which pipeline a workbook came from
_DEAL_SHEET_HINTS = ("deal", "opportunit", "lead", "pipeline")


@dataclass
class Options:
    sheet: str | None = None
    mapping: Mapping[str, str] = field(default_factory=dict)  # header → field
    day_orders: Mapping[str, DayOrder] = field(default_factory=dict)  # header → order
    default_currency: str = "USD"
    limits: Limits = DEFAULT_LIMITS
    today: date | None = None
    stages: Mapping[str, str] = field(default_factory=dict)  # stage name → choice (new:40…)
    match_rows: Mapping[int, int] = field(default_factory=dict)  # row → deal it updates


@dataclass
class Preview:
    source: Source
    sheet: str
    own: bool  # our own workbook
    trusted: bool  # its IDs are this pipeline's IDs
    headers: list[str]
    fields: list[str]
    samples: list[list[object]]  # a few values per column, for the wizard
    counts: dict[str, Counts]
    changes: list[DealChange]
    problems: list[Problem]
    warnings: list[str]
    new_stages: list[str]
    conflicts: set[int]
    day_orders: dict[str, DayOrder]
    duplicates: list[Duplicate]  # new rows that look like deals already here
    _edit: TableEdit
    _conflict_edit: TableEdit
    # The workbook's settings against the pipeline's; `settings.accepted` decides whether
    # the import applies them (the wizard's tick box, the command line's --settings).
    settings: SettingsDiff = field(default_factory=SettingsDiff)
    crm: str | None = None  # the CRM whose export this is (crm_layouts.LAYOUTS)
    unknown_stages: list[str] = field(default_factory=list)  # stage names the pipeline lacked
    stage_choices: dict[str, str] = field(default_factory=dict)  # as given in Options
    new_stage_probability: dict[str, int] = field(default_factory=dict)
    sync_note: crm_sync.SyncRecord | None = None

    @property
    def deals(self) -> Counts:
        return self.counts.get("Deals", Counts())

    @property
    def rejected(self) -> int:
        return len({(p.sheet, p.row) for p in self.problems})

    @property
    def has_changes(self) -> bool:
        return (not self._edit.is_empty() or not self._conflict_edit.is_empty()
                or bool(self.settings))

    def edit(self, *, take_conflicts: bool = False) -> TableEdit:
        """The command to apply; conflicting deals keep the app's version unless asked, and
        the settings go along only when accepted."""
        edit = replace(self._edit, settings=self.settings.stored())
        if not take_conflicts or self._conflict_edit.is_empty():
            return edit
        return replace(edit, inserts=_merge(self._edit.inserts, self._conflict_edit.inserts),
                       updates=_merge(self._edit.updates, self._conflict_edit.updates))

    def summary(self) -> str:
        return str(self.deals)

    def lines(self) -> list[str]:
        """The preview as text (the command line's --dry-run)."""
        out = [f"{self.source.path.name}, sheet '{self.sheet}'"
               + (" (a Pipeline Desktop workbook)" if self.own else "")]
        out.append(f"Deals: {self.deals}, {self.rejected} rejected")
        out += [f"{name}: {counts}" for name, counts in self.counts.items() if name != "Deals"]
        if self.new_stages:
            out.append("New stages (before Won and Lost): " + ", ".join(
                f"{name} ({self.new_stage_probability[name]} %)"
                if name in self.new_stage_probability else name for name in self.new_stages))
        if not self.own:
            out.append("Columns: " + "; ".join(
                f"{h} → {f or 'custom field'}" for h, f in zip(self.headers, self.fields,
                                                                strict=False) if h))
        out += duplicate_lines(self.duplicates)
        out += [f"Warning: {w}" for w in self.warnings]
        out += self.settings_lines()
        out += [f"Conflict: {c}" for c in self.changes if c.conflict]
        out += [f"Change: {c}" for c in self.changes if not c.conflict]
        out += [f"Problem: {p}" for p in self.problems]
        return out

    def settings_lines(self) -> list[str]:
        """The settings that differ, and whether the import applies them."""
        if not self.settings:
            return []
        lines = self.settings.lines()
        count = f"{len(lines)} difference{'s' if len(lines) != 1 else ''}"
        if self.settings.accepted:
            why = " (this pipeline is empty)" if self.settings.restore else ""
            head = f"Settings: {count} from this pipeline's; the import applies them{why}"
        else:
            head = (f"Settings: {count} from this pipeline's; the import leaves the "
                    "pipeline's settings as they are unless you accept them")
        return [head] + [f"Setting: {line}" for line in lines]


def _merge(first: Mapping[str, tuple], second: Mapping[str, tuple]) -> dict[str, tuple]:
    merged = dict(first)
    for table, (columns, rows) in second.items():
        merged[table] = (columns, [*merged.get(table, (columns, []))[1], *rows])
    return merged


def pipeline_id(repository: Repository, *, create: bool = False) -> str | None:
    """Which pipeline this is (a random id kept in its settings). Raw SQL on this
    repository's own database: peewee's tables are bound to the last pipeline opened."""
    db = repository.db
    row = db.execute_sql(f"SELECT value FROM setting WHERE key = {db.param}",
                         (PIPELINE_ID,)).fetchone()
    if row is not None:
        return str(json.loads(row[0]))
    if not create:
        return None
    found = uuid.uuid4().hex
    set_pipeline_id(repository, found)
    return found


def set_pipeline_id(repository: Repository, value: str) -> None:
    db = repository.db
    with db.atomic():
        db.execute_sql(f"DELETE FROM setting WHERE key = {db.param}", (PIPELINE_ID,))
        db.execute_sql(f"INSERT INTO setting (key, value) VALUES ({db.param}, {db.param})",
                       (PIPELINE_ID, json.dumps(value)))


def build_preview(repository: Repository, path: Path, options: Options | None = None,
                  progress: Progress | None = None) -> Preview:
    """Read, map, validate and plan; nothing is written."""
    with paused_gc(), ExitStack() as stack:
        return _build_preview(repository, path, options or Options(), progress, stack)


def _build_preview(repository: Repository, path: Path, options: Options,
                   progress: Progress | None, stack: ExitStack) -> Preview:
    source = open_source(path, options.limits)
    marked = source.is_ours and options.sheet in (None, DEALS.name)  # by its _pipeline sheet
    sheet, rows = _deal_sheet(source, options.sheet if not marked else DEALS.name, progress)
    # Our other sheets are read on a second core while this one is converted and planned.
    sheets = stack.enter_context(Prefetch(source, _present(
        source, (STAGES, COMPANIES, CONTACTS)) if marked else ()))
    header_row = 0 if marked else find_header_row(rows)
    if not rows or len(rows) <= header_row:
        raise ImportFileError(f"Sheet '{sheet}' of {path.name} has no rows to import")
    headers = rows[header_row]
    own = marked or looks_like_our_deals(headers)  # our Deals sheet in any container
    layout = None if own else detect_crm(headers)
    fields = apply_overrides(headers, crm_sync.crm_fields(layout, headers, auto_map(
        headers, ours=own)), options.mapping)
    day_orders = {h if h == "*" else header_key(h): o for h, o in options.day_orders.items()}
    records = convert(sheet, header_row, rows, fields, epoch_1904=source.epoch_1904,
                      day_orders=day_orders)
    samples = _samples(rows, header_row, len(headers))
    pipelines = crm_sync.pipelines_of(layout, headers, rows[header_row + 1:], fields) \
        if layout else {}
    db = repository.db
    empty = all(state.count(db, t) == 0 for t in ("deal", "company", "contact"))
    id_columns = {} if empty else id_like_columns(headers, fields, rows, header_row)
    del rows  # the raw cells are no longer needed: keeps the peak memory down
    _check_deal_records(records, own)
    day_orders_used = dict(records.day_orders)
    trusted = own and (empty or _same_pipeline(repository, source, records))
    others = _other_sheets(source, (STAGES, COMPANIES, CONTACTS),
                           sheets if marked else None) if own else {}
    later = [spec for spec in (HISTORY, ACTIVITIES)
             if own and trusted and source.info and source.info.sheet(spec.name)]
    planner = Planner(db, trusted=trusted, own=own, user=repository.user, today=options.today,
                      default_currency=options.default_currency,
                      tables=_tables_needed(later), forced=options.match_rows)
    for spec, plan_sheet in ((STAGES, planner.stages), (COMPANIES, planner.companies),
                             (CONTACTS, planner.contacts)):
        if spec.name in others:
            plan_sheet(others[spec.name])
    if empty and STAGES.name in others:
        planner.drop_stages_not_in(others[STAGES.name])
    crm_sync.setup_planner(planner, options.stages, layout,
                           (pipeline_id(repository) or "")[:8])
    duplicates = find_duplicates(planner, records, id_columns)
    planner.deals(records, history_sheet=HISTORY in later)
    note = crm_sync.note_import(layout, planner, records, pipelines) if layout else None
    problems = records.problems + [p for r in others.values() for p in r.problems]
    warnings = source.warnings + records.warnings
    del records, others  # big sheets come next: one at a time, freed after planning
    for spec in later:
        sheet_records = _other_sheets(source, (spec,))[spec.name]
        (planner.history if spec is HISTORY else planner.activities)(sheet_records)
        problems += sheet_records.problems
        del sheet_records
    settings = SettingsDiff()
    if own:
        settings, settings_problems = read_settings(source, db, restore=empty)
        problems += settings_problems
    if own and not trusted:
        warnings.append(untrusted_warning(bool(source.meta.get(PIPELINE_ID))))
    plan = planner.plan
    problems += plan.problems
    rates = currency_sheet.plan(db, source, trusted) if own else None
    if rates is not None:  # our Currencies sheet: home currency and exchange rates
        plan.counts[currency_sheet.SHEET] = rates.counts
        problems += rates.problems
        warnings += rates.warnings
    return Preview(
        source=source, sheet=sheet, own=own, trusted=trusted,
        headers=[str(h or "") for h in headers], fields=fields,
        samples=samples, counts=_in_order(plan.counts),
        changes=plan.changes, problems=problems,
        warnings=warnings + plan.warnings,
        new_stages=plan.new_stages, conflicts=plan.conflicts, day_orders=day_orders_used,
        duplicates=duplicates,
        _edit=replace(_edit_of(plan.inserts, plan.updates, path.name, plan.deletes),
                      currencies=rates.command if rates else None),
        _conflict_edit=_edit_of({"stage_change": plan.conflict_history},
                                {"deal": plan.conflict_updates}, path.name),
        settings=settings,
        crm=layout.key if layout else None, unknown_stages=plan.unknown_stages,
        stage_choices=dict(options.stages), sync_note=note,
        new_stage_probability={r[1]: r[3] for r in plan.inserts["stage"] if r[4] == "open"},
    )


def _same_pipeline(repository: Repository, source: Source, records: Records) -> bool:
    """The workbook names this pipeline; with no name (a CSV of our Deals sheet, a copy of
    the sheet alone), its IDs must point at the deals its rows describe."""
    named = source.meta.get(PIPELINE_ID)
    if named:
        return named == pipeline_id(repository)
    return ids_agree(repository.db, records)


def _in_order(counts: dict[str, Counts]) -> dict[str, Counts]:
    """Counts in one order, whichever table the planning happened to touch first."""
    order = [s.name for s in (DEALS, COMPANIES, CONTACTS, STAGES, HISTORY, ACTIVITIES)]
    return dict(sorted(counts.items(), key=lambda item: (
        order.index(item[0]) if item[0] in order else len(order))))


def _edit_of(inserts: Mapping[str, list[tuple]], updates: Mapping[str, list[tuple]],
             name: str, deletes: Mapping[str, list[int]] | None = None) -> TableEdit:
    return TableEdit(
        deletes={t: list(ids) for t, ids in (deletes or {}).items() if ids},
        inserts={t: (TABLE_COLUMNS[t], list(rows)) for t, rows in inserts.items() if rows},
        updates={t: (TABLE_COLUMNS[t], list(rows)) for t, rows in updates.items() if rows},
        label=f"Import {name}",
        from_preview=True,
    )


def _deal_sheet(source: Source, wanted: str | None, progress: Progress | None
                ) -> tuple[str, list[list[object]]]:
    """The named sheet, else the visible sheet that looks most like a list of deals."""
    if wanted:
        return wanted, read_sheet(source, wanted, progress)
    names = [n for n in source.sheet_names if n != META_SHEET]
    if not names:
        raise ImportFileError(f"{source.path.name} has no visible sheet to import")
    names.sort(key=lambda n: not any(h in n.casefold() for h in _DEAL_SHEET_HINTS))
    best: tuple[int, str, list[list[object]]] | None = None
    for name in names[:5]:
        rows = read_sheet(source, name, progress)
        if not rows:
            continue
        points = score(rows[find_header_row(rows)]) if rows else 0
        if best is None or points > best[0]:
            best = (points, name, rows)
        if points >= 3:
            break
    if best is None:
        raise ImportFileError(f"{source.path.name} has no rows to import")
    return best[1], best[2]


def _check_deal_records(records: Records, own: bool) -> None:
    if own:
        check_unique(records, "id", "ID")
    check_unique(records, "external_id", "External ID")
    status_header = next((h for h, f in zip(records.headers, records.fields, strict=False)
                          if f == "status"), "Status")
    reasons: dict[object, str | None] = {}  # a status column repeats a few words
    for number, status in records.numbered_values("status"):
        if status not in reasons:
            reasons[status] = status_problem(status)
        if reasons[status]:
            records.problems.append(Problem(records.sheet, number, status_header, status,
                                            reasons[status]))  # type: ignore[arg-type]
    if not any(f == "title" for f in records.fields):
        records.problems.append(Problem(records.sheet, 0, "", None,
                                        "no column holds the deal's title; map one to 'title'"))


def _present(source: Source, specs: tuple[SheetSpec, ...]) -> list[str]:
    """The names of those of our sheets the workbook has."""
    return [spec.name for spec in specs
            if source.info is not None and source.info.sheet(spec.name) is not None]


def _other_sheets(source: Source, specs: tuple[SheetSpec, ...], sheets: Prefetch | None = None
                  ) -> dict[str, Records]:
    found: dict[str, Records] = {}
    for spec in specs:
        if spec.name not in _present(source, (spec,)):
            continue
        rows = sheets.rows(spec.name) if sheets else read_sheet(source, spec.name)
        records = convert_own_sheet(spec, rows, epoch_1904=source.epoch_1904)
        check_unique(records, "id", "ID")
        found[spec.name] = records
    return found


def _tables_needed(later: list[SheetSpec]) -> tuple[str, ...]:
    tables = ["stage", "company", "contact", "deal"]
    if HISTORY in later:
        tables.append("stage_change")
    if ACTIVITIES in later:
        tables.append("activity")
    return tuple(t for t in TABLE_ORDER if t in tables)


def _samples(rows: list[list[object]], header_row: int, width: int, count: int = 3
             ) -> list[list[object]]:
    samples: list[list[object]] = [[] for _ in range(width)]
    for row in rows[header_row + 1:header_row + 40]:
        for index in range(min(width, len(row))):
            if row[index] not in (None, "") and len(samples[index]) < count:
                samples[index].append(row[index])
    return samples


def apply_preview(repository: Repository, preview: Preview, pipeline_path: Path | None, *,
                  take_conflicts: bool = False, progress: Progress | None = None,
                  backup: bool = True) -> TableEdit:
    """Back up the pipeline, then apply the import as one transaction. Returns the command
    applied (the caller may have done it through the undo stack instead)."""
    from pipeline_desktop.services.excel.apply import backup_before_import, install

    if preview.problems:
        raise ImportFileError(f"{preview.rejected} rows have problems; nothing was imported")
    edit = preview.edit(take_conflicts=take_conflicts)
    if edit.is_empty():
        adopt_identity(repository, preview)
        return edit
    if backup:
        backup_before_import(repository, pipeline_path)
    install(repository)
    repository.apply(replace(edit, progress=progress))
    adopt_identity(repository, preview)
    return edit


def remember_crm(repository: Repository, preview: Preview) -> None:
    """After an import from a CRM's export: note its stage names and record IDs (crm_sync).
    Written after the import's own transaction; undoing the import leaves the note, which
    is harmless: a deal counts as that CRM's only while it holds the noted record ID."""
    if preview.sync_note is not None and not preview.problems:
        with paused_gc():  # 100,000 noted deals: 0.06 s, three times that with collections
            crm_sync.merge(repository.db, preview.sync_note)


def adopt_identity(repository: Repository, preview: Preview) -> None:
    """A pipeline restored from a workbook takes that workbook's identity, so importing the
    same workbook again matches by ID instead of adding everything twice."""
    remember_crm(repository, preview)
    wanted = preview.source.meta.get(PIPELINE_ID)
    if preview.own and preview.trusted and wanted and pipeline_id(repository) != wanted:
        set_pipeline_id(repository, wanted)
