"""The repository: reads rows as plain values and applies domain commands in transactions.

Reads use one SQL query each and return tuples (100,000 deals load in well under a second);
writes go through `apply`, which returns the inverse command and what changed."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from datetime import date, datetime
from typing import Any

import peewee as pw

from pipeline_desktop.domain import commands as cmd
from pipeline_desktop.domain.deals import normalise_fields
from pipeline_desktop.domain.model import DealRow, DealSnapshot, Outcome, Stage
from pipeline_desktop.errors import ValidationError
from pipeline_desktop.storage import concurrency, criteria, history_summary
from pipeline_desktop.storage.currency_store import read_book
from pipeline_desktop.storage.deal_rows import FitScorer, read_deal_rows
from pipeline_desktop.storage.deal_rows import iso as _iso
from pipeline_desktop.storage.tables import Tables, tables_of, utc_now
from pipeline_desktop.storage.transaction import write_transaction


def _key(name: str) -> str:
    return " ".join(name.split()).casefold()


class Repository:
    """Everything the app reads from and writes to one pipeline database."""

    def __init__(self, db: pw.Database, *, user: str = "") -> None:
        self.db = db
        self.tables: Tables = tables_of(db)  # this database's own model classes
        self.user = user
        self.fit_scorer: FitScorer | None = None
        self.versions = concurrency.VersionTracker(db)  # team mode: what this session wrote
        self._handlers: dict[type, Callable[[Any], cmd.Applied]] = {
            cmd.CreateDeal: self._create_deal,
            cmd.EditDeal: self._edit_deal,
            cmd.DeleteDeal: self._delete_deal,
            cmd.RestoreDeal: self._restore_deal,
            cmd.MoveStage: self._move_stage,
            cmd.RevertMove: self._revert_move,
            cmd.Batch: self._batch,
        }

    # ---- reading -------------------------------------------------------------------------

    def stages(self) -> list[Stage]:
        t = self.tables
        query = t.stage.select().order_by(t.stage.position)
        return [
            Stage(
                id=row.id,
                name=row.name,
                position=row.position,
                probability=row.probability,
                outcome=Outcome(row.outcome),
                exit_criteria=tuple(c for c in row.exit_criteria.splitlines() if c.strip()),
                stale_after_days=row.stale_after_days,
            )
            for row in query
        ]

    def deal_rows(self, ids: Iterable[int] | None = None, *, today: date | None = None,
                  newest: int | None = None) -> list[DealRow]:
        """Rows for the deal table: all deals, only `ids` (those that still exist), or the
        `newest` few (what the window paints first while the rest loads)."""
        return read_deal_rows(self.db.execute_sql, ids=ids, newest=newest, today=today,
                              scorer=self.fit_scorer, param=self.db.param,
                              book=read_book(self.db))

    def deal(self, deal_id: int) -> dict[str, Any]:
        """All stored fields of one deal, with company and contact names resolved."""
        t = self.tables
        row = t.deal.select().where(t.deal.id == deal_id).dicts().get_or_none()
        if row is None:
            raise ValidationError(f"Deal {deal_id} no longer exists")
        row["company_name"] = self._name_of(t.company, row["company"])
        row["contact_name"] = self._name_of(t.contact, row["contact"])
        return row

    def owners(self) -> list[str]:
        t = self.tables
        query = t.deal.select(t.deal.owner).where(t.deal.owner != "").distinct()
        return sorted(owner for (owner,) in query.tuples())

    def deal_count(self) -> int:
        t = self.tables
        return t.deal.select().count()

    def setting(self, key: str, default: Any = None) -> Any:
        t = self.tables
        row = t.setting.get_or_none(t.setting.key == key)
        return default if row is None else json.loads(row.value)

    def set_setting(self, key: str, value: Any) -> None:
        t = self.tables
        with concurrency.storage_errors(self.db), write_transaction(self.db):
            text = json.dumps(value)  # an upsert both SQLite and PostgreSQL understand
            (t.setting.insert(key=key, value=text)
             .on_conflict(conflict_target=[t.setting.key], update={t.setting.value: text})
             .execute())

    def stage_history(self, deal_id: int) -> list[tuple[str | None, str | None, datetime, str]]:
        """(from, to, when, who) for one deal, oldest first."""
        t = self.tables
        src, dst = t.stage.alias(), t.stage.alias()
        query = (t.stage_change
                 .select(src.name, dst.name, t.stage_change.changed_at,
                         t.stage_change.changed_by)
                 .join(src, pw.JOIN.LEFT_OUTER, on=(t.stage_change.from_stage == src.id))
                 .switch(t.stage_change)
                 .join(dst, pw.JOIN.LEFT_OUTER, on=(t.stage_change.to_stage == dst.id))
                 .where(t.stage_change.deal == deal_id)
                 .order_by(t.stage_change.changed_at, t.stage_change.id))
        return list(query.tuples())

    # ---- writing -------------------------------------------------------------------------

    def apply(self, command: object) -> cmd.Applied:
        """Apply one command in one transaction; return its inverse and what changed."""
        handler = self._handlers.get(type(command))
        if handler is None:
            raise TypeError(f"no handler for {type(command).__name__}")
        with concurrency.storage_errors(self.db), write_transaction(self.db):
            self.versions.check(command)  # an undo of a deal someone else changed since: no
            stage_order = history_summary.open_stage_order(self.db)
            applied = handler(command)
            self._refresh_history(applied.changes, stage_order)
            if applied.changes.stages:  # a workbook's Stages sheet writes criteria as text only
                criteria.sync_all(self.tables)
            self.versions.remember(applied.inverse,
                                   self.versions.note(applied.changes.deals))
            return applied

    def _refresh_history(self, changes: cmd.Changes, stage_order: list[int]) -> None:
        """Keep the stored history figures current (storage/history_summary.py): for the deals
        the command touched, and every deal's furthest stage when the open stages were
        reordered or one left them."""
        if changes.deals:
            history_summary.refresh(self.db, changes.deals)
        if changes.stages and not history_summary.order_kept(
                stage_order, history_summary.open_stage_order(self.db)):
            history_summary.refresh_furthest(self.db)

    def register(self, command_type: type, handler: Callable[[Any], cmd.Applied]) -> None:
        """Let a feature module add its own commands (activities, stages, imports)."""
        self._handlers[command_type] = handler

    def company_id(self, name: str | None, **details: Any) -> int | None:
        """Find a company by trimmed, case-insensitive name, or create it."""
        t = self.tables
        if not name or not name.strip():
            return None
        key = _key(name)
        found = t.company.get_or_none(t.company.name_key == key)
        if found:
            return found.id
        return t.company.insert(name=name.strip(), name_key=key, **details).execute()

    def contact_id(self, name: str | None, company_id: int | None = None, **details: Any
                   ) -> int | None:
        """Find a contact by name within the company (people share names), or create it."""
        t = self.tables
        if not name or not name.strip():
            return None
        key = _key(name)
        same_company = (t.contact.company.is_null() if company_id is None
                        else t.contact.company == company_id)
        found = t.contact.get_or_none((t.contact.name_key == key) & same_company)
        if found:
            return found.id
        return t.contact.insert(name=name.strip(), name_key=key, company=company_id,
                                   **details).execute()

    def _create_deal(self, command: cmd.CreateDeal) -> cmd.Applied:
        t = self.tables
        fields = dict(command.fields)
        stage_id = int(fields.pop("stage_id", 0) or self._first_open_stage_id())
        stage = t.stage.get_by_id(stage_id)
        values = self._storable(normalise_fields(fields))
        values.setdefault("created", date.today().isoformat())
        values.setdefault("title", "")
        if not values["title"]:
            raise ValidationError("A deal needs a title", "title")
        if stage.outcome != "open" and not values.get("closed"):
            values["closed"] = date.today().isoformat()
        values.update(stage=stage_id, status=stage.outcome, updated_at=utc_now())
        if command.deal_id is not None:
            values["id"] = command.deal_id
        deal_id = t.deal.insert(**values).execute()
        t.stage_change.insert(deal=deal_id, from_stage=None, to_stage=stage_id,
                                changed_by=self.user).execute()
        redo = cmd.CreateDeal(command.fields, deal_id, command.label)
        version = concurrency.deal_version(self.db, deal_id) or 1
        return cmd.Applied(cmd.DeleteDeal(deal_id, command.label, expected_version=version), redo,
                           cmd.Changes(frozenset({deal_id})))

    def _edit_deal(self, command: cmd.EditDeal) -> cmd.Applied:
        new = normalise_fields(command.changes)
        current = self.deal(command.deal_id)
        old = {name: self._current_value(current, name) for name in new}
        seen = self.versions.require(command.deal_id, command.expected_version, new,
                                   current["version"])
        values = self._storable(new)
        values.update(updated_at=utc_now())
        version = self.versions.update_deal(command.deal_id, values, seen, mine=new)
        inverse = cmd.EditDeal(command.deal_id, old, command.label, expected_version=version)
        return cmd.Applied(inverse, command, cmd.Changes(frozenset({command.deal_id})))

    def _delete_deal(self, command: cmd.DeleteDeal) -> cmd.Applied:
        t = self.tables
        self.versions.require(command.deal_id, command.expected_version)
        snapshot = DealSnapshot(
            deal=t.deal.select().where(t.deal.id == command.deal_id).dicts().get(),
            activities=list(t.activity.select()
                            .where(t.activity.deal == command.deal_id).dicts()),
            stage_changes=list(t.stage_change.select()
                               .where(t.stage_change.deal == command.deal_id).dicts()),
        )
        t.deal.delete().where(t.deal.id == command.deal_id).execute()
        return cmd.Applied(cmd.RestoreDeal(snapshot, command.label), command,
                           cmd.Changes(frozenset({command.deal_id}), activities=True))

    def _restore_deal(self, command: cmd.RestoreDeal) -> cmd.Applied:
        t = self.tables
        snapshot = command.snapshot
        t.deal.insert(**snapshot.deal).execute()
        if snapshot.activities:
            t.activity.insert_many(snapshot.activities).execute()
        if snapshot.stage_changes:
            t.stage_change.insert_many(snapshot.stage_changes).execute()
        deal_id = int(snapshot.deal["id"])  # type: ignore[call-overload]
        version = int(snapshot.deal.get("version") or 1)  # type: ignore[call-overload]
        return cmd.Applied(cmd.DeleteDeal(deal_id, command.label, expected_version=version),
                           command,
                           cmd.Changes(frozenset({deal_id}), activities=True))

    def _move_stage(self, command: cmd.MoveStage) -> cmd.Applied:
        t = self.tables
        deal = t.deal.get_or_none(t.deal.id == command.deal_id)
        if deal is None:
            raise concurrency.gone(command.deal_id)
        target = t.stage.get_by_id(command.to_stage_id)
        seen = self.versions.require(deal.id, command.expected_version, {"stage": target.name},
                                   deal.version)
        restore = {"stage": deal.stage_id, "status": deal.status, "closed": deal.closed,
                   "lost_reason": deal.lost_reason}
        when = command.at or utc_now()
        changes: dict[str, Any] = {"stage": target.id, "status": target.outcome,
                                   "updated_at": utc_now()}
        if target.outcome == Outcome.OPEN:
            changes.update(closed=None, lost_reason="")
        else:
            if deal.status == Outcome.OPEN or not deal.closed:
                changes["closed"] = when.date()
            changes["lost_reason"] = (command.lost_reason or "").strip() \
                if target.outcome == Outcome.LOST else ""
        version = self.versions.update_deal(deal.id, changes, seen, mine={"stage": target.name})
        change_id = t.stage_change.insert(deal=deal.id, from_stage=deal.stage_id,
                                            to_stage=target.id, changed_at=when,
                                            changed_by=self.user).execute()
        inverse = cmd.RevertMove(deal.id, restore, change_id, command.label,
                                 expected_version=version)
        return cmd.Applied(inverse, command, cmd.Changes(frozenset({deal.id})))

    def _revert_move(self, command: cmd.RevertMove) -> cmd.Applied:
        t = self.tables
        restore = dict(command.restore)
        restore.update(updated_at=utc_now())
        back = {"stage": concurrency.stage_name(self.db, restore.get("stage"))}  # type: ignore[arg-type]
        seen = self.versions.require(command.deal_id, command.expected_version, back)
        target = t.stage_change.get_by_id(command.stage_change_id)
        version = self.versions.update_deal(command.deal_id, restore, seen, mine=back)
        t.stage_change.delete().where(t.stage_change.id == command.stage_change_id).execute()
        redo = cmd.MoveStage(command.deal_id, target.to_stage_id, label=command.label,
                             expected_version=version)
        return cmd.Applied(redo, command, cmd.Changes(frozenset({command.deal_id})))

    def _batch(self, command: cmd.Batch) -> cmd.Applied:
        applied = [self._handlers[type(c)](c) for c in command.commands]
        changes = cmd.Changes()
        for one in applied:
            changes = changes | one.changes
        inverse = cmd.Batch(tuple(a.inverse for a in reversed(applied)), command.label)
        redo = cmd.Batch(tuple(a.redo for a in applied), command.label)
        return cmd.Applied(inverse, redo, changes)

    # ---- helpers -------------------------------------------------------------------------

    def _first_open_stage_id(self) -> int:
        t = self.tables
        stage = (t.stage.select().where(t.stage.outcome == "open")
                 .order_by(t.stage.position).first())
        if stage is None:
            raise ValidationError("The pipeline has no open stage to put a new deal in")
        return stage.id

    def _storable(self, fields: dict[str, Any]) -> dict[str, Any]:
        """Turn edited names (company and contact by name) into column values."""
        values = dict(fields)
        if "company" in values:
            values["company"] = self.company_id(values["company"])  # type: ignore[arg-type]
        if "contact" in values:
            values["contact"] = self.contact_id(values["contact"],  # type: ignore[arg-type]
                                                values.get("company"))
        return values

    @staticmethod
    def _current_value(current: dict[str, Any], name: str) -> Any:
        if name in ("company", "contact"):
            return current[f"{name}_name"]
        value = current[name]
        return _iso(value) if isinstance(value, date) else value

    @staticmethod
    def _name_of(table: type[pw.Model], row_id: int | None) -> str:
        if row_id is None:
            return ""
        found = table.get_or_none(table.id == row_id)
        return found.name if found else ""
