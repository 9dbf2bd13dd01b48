"""Applying an import: one undoable command that inserts and updates plain rows.

`TableEdit` is data (rows as tuples in `schema.TABLE_COLUMNS` order); its handler runs inside
the repository's transaction with `executemany` (peewee's insert_many is ~6× slower) and
returns an inverse that restores exactly the state before: the old values of every updated
row, and deletion of every inserted one. Undoing that inverse inserts the same rows again."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from operator import itemgetter
from pathlib import Path

import peewee as pw

from pipeline_desktop import paths
from pipeline_desktop.domain.commands import Applied, Changes
from pipeline_desktop.domain.icp import IdealCustomerProfile, make_scorer
from pipeline_desktop.errors import ConflictError
from pipeline_desktop.services.excel.read import Cancelled, paused_gc
from pipeline_desktop.services.excel.schema import TABLE_COLUMNS, TABLE_ORDER
from pipeline_desktop.services.excel.settings_base import stored_settings, write_settings
from pipeline_desktop.storage import currency_store, history_summary
from pipeline_desktop.storage.backup import make_backup
from pipeline_desktop.storage.bulk import (
    execute_many,
    indexes_set_aside,
    insert_rows,
    reset_sequences,
)
from pipeline_desktop.storage.concurrency import VersionTracker
from pipeline_desktop.storage.repository import Repository

Rows = tuple[tuple[str, ...], list[tuple]]  # (columns, rows); updates: columns[0] == "id"
CHUNK = 5_000
IMPORT_CHANGES = Changes(stages=True, activities=True, everything=True)


@dataclass(frozen=True)
class TableEdit:
    """Rows to insert, update (by id) and delete, per table. Applied as one transaction."""

    inserts: Mapping[str, Rows] = field(default_factory=dict)
    updates: Mapping[str, Rows] = field(default_factory=dict)
    deletes: Mapping[str, Sequence[int]] = field(default_factory=dict)
    label: str = "Import"
    # (done, total) → False cancels; the transaction then rolls back. Not part of equality.
    progress: Callable[[int, int], bool] | None = field(default=None, compare=False,
                                                        repr=False)
    # Planned from a preview: each updated deal row carries the version it was read at + 1,
    # and a deal changed since (by someone else, or in this window) refuses the whole edit.
    from_preview: bool = False
    # Undo of an import: the version each deal it brought in or changed had right after it.
    # A deal someone else changed since refuses the undo (it would overwrite their change).
    expected_versions: Mapping[int, int] = field(default_factory=dict, compare=False,
                                                 repr=False)
    # Pipeline settings the import changes: key → JSON text, None removes it (the inverse
    # holds the texts they replaced, so undo puts the old settings back).
    settings: Mapping[str, str | None] = field(default_factory=dict)
    # Our workbook's Currencies sheet (services/excel/currency_sheet.py): a ChangeCurrencies
    # applied in the same transaction, undone with the rows.
    currencies: object | None = None

    @property
    def size(self) -> int:
        return (sum(len(rows) for _cols, rows in self.inserts.values())
                + sum(len(rows) for _cols, rows in self.updates.values())
                + sum(len(ids) for ids in self.deletes.values()) + len(self.settings))

    def is_empty(self) -> bool:
        return self.size == 0 and self.currencies is None


def install(repository: Repository) -> None:
    """Teach a repository to apply TableEdit (idempotent)."""

    def handle(edit: TableEdit) -> Applied:
        applied = apply_edit(repository.db, edit, repository.versions)
        if "icp" in edit.settings:  # the fit column scores against the profile now stored
            profile = stored_settings(repository.db).get("icp")
            repository.fit_scorer = make_scorer(IdealCustomerProfile.from_json(profile))
        return applied

    repository.register(TableEdit, handle)


def apply_edit(db: pw.Database, edit: TableEdit,
               versions: VersionTracker | None = None) -> Applied:
    """Call inside a transaction (Repository.apply opens one). `versions`: what this session
    itself wrote, which an undo may step over (only others' changes refuse it)."""
    with paused_gc():
        if edit.expected_versions:
            _refuse_undo_over_others(db, edit, versions or VersionTracker(db))
        return _apply_edit(db, edit)


def _apply_edit(db: pw.Database, edit: TableEdit) -> Applied:
    ticker = _Ticker(edit.progress, max(edit.size, 1))
    old_rows = {table: (cols, _fetch(db, table, cols, [r[0] for r in rows]))
                for table, (cols, rows) in edit.updates.items() if rows}
    deleted = {table: (TABLE_COLUMNS[table], _fetch(db, table, TABLE_COLUMNS[table], ids))
               for table, ids in edit.deletes.items() if ids}
    if edit.from_preview:
        _refuse_deals_changed_since(edit, old_rows)
    _park_stage_names(db, edit)
    inserts, figured = _with_history_figures(db, edit.inserts)
    for table in TABLE_ORDER:
        if table in inserts and inserts[table][1]:
            columns, rows = inserts[table]
            with indexes_set_aside(db, table, len(rows)):
                for start in range(0, len(rows), CHUNK):
                    insert_rows(db, table, columns, rows[start:start + CHUNK])
                    ticker.tick(len(rows[start:start + CHUNK]))
    for table in TABLE_ORDER:
        if table in edit.updates and edit.updates[table][1]:
            _update(db, table, *edit.updates[table], ticker)
    for table in reversed(TABLE_ORDER):
        ids = list(edit.deletes.get(table, ()))
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ", ".join([db.param] * len(chunk))
            db.execute_sql(f"DELETE FROM {table} WHERE id IN ({marks})", chunk)
            ticker.tick(len(chunk))
    reset_sequences(db, [t for t in TABLE_ORDER if t in edit.inserts or t in deleted])
    history_summary.refresh(db, _history_deals(db, edit, deleted, old_rows) - figured)
    old_settings = write_settings(db, edit.settings)
    currencies = currency_store.apply_change(db, edit.currencies).inverse \
        if edit.currencies is not None else None
    inverse = TableEdit(
        inserts=deleted,
        updates=old_rows,
        deletes={table: [r[0] for r in rows] for table, (_c, rows) in edit.inserts.items()},
        label=edit.label,
        expected_versions=_deal_versions(edit, old_rows),
        settings=old_settings,
        currencies=currencies,
    )
    redo = replace(edit, progress=None)
    return Applied(inverse, redo, IMPORT_CHANGES)


def _deal_versions(edit: TableEdit, old_rows: Mapping[str, Rows]) -> dict[int, int]:
    """The version of every deal this edit inserts or updates, as it leaves them."""
    versions: dict[int, int] = {}
    columns, rows = edit.inserts.get("deal", ((), []))
    if "version" in columns:
        at = columns.index("version")
        versions.update((row[0], row[at]) for row in rows)
    columns, rows = edit.updates.get("deal", ((), []))
    if "version" in columns:
        at = columns.index("version")
        stored = {row[0]: row[at] for row in old_rows.get("deal", ((), []))[1]}
        versions.update((row[0], _new_version(stored.get(row[0]), row[at])) for row in rows)
    return versions


def _refuse_undo_over_others(db: pw.Database, edit: TableEdit,
                             versions: VersionTracker) -> None:
    """Undoing an import deletes the deals it brought in and puts back the ones it changed:
    refused, with nothing written, when someone else changed one of them since."""
    expected = edit.expected_versions
    current = dict(_fetch(db, "deal", ("id", "version"), list(expected)))
    changed = [deal_id for deal_id, version in expected.items()
               if current.get(deal_id) != version and not (
                   deal_id in current and versions.all_mine(deal_id, version,
                                                            current[deal_id]))]
    if changed:
        raise ConflictError(
            f"{len(changed)} deal{'s' if len(changed) > 1 else ''} this import brought in or "
            "changed were changed by someone else since; undoing the import would overwrite "
            "their changes, so it was not undone.")


def _refuse_deals_changed_since(edit: TableEdit, old_rows: dict[str, Rows]) -> None:
    """Between the preview and Apply someone may have changed a deal the import updates:
    applying would overwrite their change unseen. Nothing is written; the user previews
    again and sees it (a conflict if the workbook is ours)."""
    columns, rows = edit.updates.get("deal", ((), []))
    if not rows or "version" not in columns:
        return
    at = columns.index("version")
    now = {row[0]: row[at] for row in old_rows["deal"][1]}
    changed = [row for row in rows if now.get(row[0]) != row[at] - 1]
    if changed:
        title = changed[0][columns.index("title")] if "title" in columns else changed[0][0]
        raise ConflictError(
            f"{len(changed)} deal{'s' if len(changed) > 1 else ''} this import updates "
            f"(such as “{title}”) changed after the preview, here or by someone else; "
            "nothing was imported. Preview the import again to see the changes.")


def _with_history_figures(db: pw.Database, inserts: Mapping[str, Rows]
                          ) -> tuple[Mapping[str, Rows], set[int]]:
    """The inserts, with the stored history figures (storage/history_summary.py) of new deals
    whose history is one line written in the deals' rows, and those deals' ids. The usual
    import of another CRM's deals is exactly that: recomputing 100,000 of them in SQL
    afterwards would cost half a second. A deal with a longer history is left to SQL."""
    deal_columns, deal_rows = inserts.get("deal", ((), []))
    history_columns, history_rows = inserts.get("stage_change", ((), []))
    if not deal_rows or not history_rows or "furthest_stage_id" in deal_columns:
        return inserts, set()
    at_deal, at_stage = history_columns.index("deal_id"), history_columns.index("to_stage_id")
    at_when = history_columns.index("changed_at")
    lines = Counter(map(itemgetter(at_deal), history_rows))
    deal_ids = list(map(itemgetter(0), deal_rows))
    new_deals = set(deal_ids) - _deals_of(inserts, "activity")
    if len(lines) == len(history_rows):  # the usual import: one line per deal
        single = new_deals.intersection(lines)
    else:
        single = {deal for deal, count in lines.items() if count == 1 and deal in new_deals}
    open_stages = _open_stage_ids(db, inserts)
    furthest, touched = {}, {}
    for row in history_rows:
        if row[at_deal] in single:
            touched[row[at_deal]] = str(row[at_when])[:10]  # DATE() of its only line
            if row[at_stage] in open_stages:
                furthest[row[at_deal]] = row[at_stage]
    figures = zip(map(furthest.get, deal_ids), map(touched.get, deal_ids), strict=True)
    with_figures = dict(inserts)
    with_figures["deal"] = ((*deal_columns, "furthest_stage_id", "last_touch"),
                            list(map(tuple.__add__, map(tuple, deal_rows), figures)))
    return with_figures, single  # stay_days: NULL, right for a deal's only (latest) line


def _deals_of(rows_of: Mapping[str, Rows], table: str) -> set[int]:
    """The deal ids of these rows of `table` (stage changes, activities)."""
    columns, rows = rows_of.get(table, ((), []))
    if "deal_id" not in columns:
        return set()
    at = columns.index("deal_id")
    return {row[at] for row in rows}


def _open_stage_ids(db: pw.Database, inserts: Mapping[str, Rows]) -> set[int]:
    """Open stages once this edit's new stages are in. (An update that changes an outcome
    changes the open stages' order, and Repository.apply then recomputes every deal.)"""
    found = {row[0] for row in db.execute_sql(
        "SELECT id FROM stage WHERE outcome = 'open'").fetchall()}
    columns, rows = inserts.get("stage", ((), []))
    if rows:
        at_outcome = columns.index("outcome")
        found.update(row[0] for row in rows if row[at_outcome] == "open")
    return found


def _history_deals(db: pw.Database, edit: TableEdit, deleted: dict[str, Rows],
                   old_rows: dict[str, Rows]) -> set[int]:
    """Deals whose stage history or activities this edit inserted, changed or deleted."""
    deals: set[int] = set()
    for table in ("stage_change", "activity"):
        for rows_of in (edit.inserts, deleted, old_rows, edit.updates):
            deals |= _deals_of(rows_of, table)
        updated = [row[0] for row in edit.updates.get(table, ((), []))[1]]
        deals.update(row[0] for row in _fetch(db, table, ("deal_id",), updated))
    return deals


def _update(db: pw.Database, table: str, columns: tuple[str, ...], rows: list[tuple],
            ticker: _Ticker) -> None:
    names = columns[1:]
    order = [i for i, name in enumerate(names) if not _rising(table, name)]
    assignments = [f"{names[i]} = {db.param}" for i in order]
    if len(order) < len(names):  # a deal's version never goes back (see _new_version)
        assignments.append(f"version = CASE WHEN version + 1 >= {db.param} THEN version + 1 "
                           f"ELSE {db.param} END")
        order += [names.index("version")] * 2
    sql = f"UPDATE {table} SET {', '.join(assignments)} WHERE id = {db.param}"
    bound = (*(names[i] for i in order), "id")
    for start in range(0, len(rows), CHUNK):
        chunk = rows[start:start + CHUNK]
        execute_many(db, table, sql, bound, [(*(row[1 + i] for i in order), row[0])
                                             for row in chunk])
        ticker.tick(len(chunk))


def _rising(table: str, column: str) -> bool:
    return table == "deal" and column == "version"


def _new_version(stored: int | None, row: int) -> int:
    """The version an update leaves: the row's, or one above the stored one when that is
    higher. Undoing an import writes new versions, never the old ones again, so a teammate
    still holding a copy from before the import (or from the import) cannot save over the
    undone state unchallenged."""
    return max(row, (stored or 0) + 1)


def _park_stage_names(db: pw.Database, edit: TableEdit) -> None:
    """Stage names are unique. Rename the stages this edit updates or deletes to placeholders
    first, so swapped names, or a stage re-inserted under the name of one going away, cannot
    collide half-way through."""
    ids = [row[0] for row in edit.updates.get("stage", ((), []))[1]]
    ids += list(edit.deletes.get("stage", ()))
    if ids:  # \x01, not NUL: PostgreSQL text refuses NUL
        db.cursor().executemany(f"UPDATE stage SET name = {db.param} WHERE id = {db.param}",
                                [(f"\x01import {sid}", sid) for sid in ids])


def _fetch(db: pw.Database, table: str, columns: Sequence[str], ids: Sequence[int]
           ) -> list[tuple]:
    """Rows by id, columns in the given order (the undo snapshot)."""
    found: list[tuple] = []
    names = ", ".join(columns)
    for start in range(0, len(ids), 500):
        chunk = list(ids[start:start + 500])
        marks = ", ".join([db.param] * len(chunk))
        cursor = db.execute_sql(f"SELECT {names} FROM {table} WHERE id IN ({marks})", chunk)
        found.extend(tuple(row) for row in cursor.fetchall())
    return found


class _Ticker:
    def __init__(self, progress: Callable[[int, int], bool] | None, total: int) -> None:
        self.progress, self.total, self.done = progress, total, 0

    def tick(self, count: int) -> None:
        self.done += count
        if self.progress is not None and not self.progress(self.done, self.total):
            raise Cancelled


def backup_before_import(repository: Repository, pipeline_path: Path | None) -> Path | None:
    """A copy of the pipeline file in the backups folder (None for a team server)."""
    if pipeline_path is None:
        return None
    return make_backup(repository.db, pipeline_path, paths.backups_dir(), reason="before-import")
