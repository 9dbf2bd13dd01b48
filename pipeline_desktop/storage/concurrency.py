"""Team mode: several people write the same pipeline, none silently overwrites another.

Optimistic locking: every deal carries `version`, bumped on every write. A command made from a
copy of the deal at version v carries `expected_version=v`; storage writes with
`UPDATE … WHERE id = ? AND version = v` and, when no row changed, refuses with a `DealConflict`
that holds both values (theirs now, yours) so the window can show them and let the person
choose. The inverse of every applied command carries the version that command produced, and
each Repository's `VersionTracker` knows which versions it wrote itself: an undo goes through
when every write since was this session's own (undoing several edits in turn), and is refused
when anyone else wrote the deal in between, whatever the command type.

Also here: `TeamDatabase`, which turns a dropped server connection into a `StorageError` a
person can act on (and reconnects on the next try), and the read-only check for roles."""

from __future__ import annotations

import weakref
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import peewee as pw

from pipeline_desktop.domain.money import format_money
from pipeline_desktop.errors import ConflictError, StorageError, ValidationError
from pipeline_desktop.storage.tables import tables_of


class DealConflict(ConflictError):
    """A save or undo refused because the deal changed since the copy it was made from.

    `theirs` holds the stored values now and `mine` the values the refused command wanted, by
    the same field names; to keep mine anyway, re-issue the command with
    `expected_version=current_version`."""

    def __init__(self, deal_id: int, title: str, expected_version: int, current_version: int,
                 mine: Mapping[str, Any], theirs: Mapping[str, Any], *,
                 undo: bool = False) -> None:
        self.deal_id = deal_id
        self.undo = undo
        self.title = title
        self.expected_version = expected_version
        self.current_version = current_version
        self.mine = dict(mine)
        self.theirs = dict(theirs)
        super().__init__(self._message())

    def _message(self) -> str:
        if self.undo:
            return (f"Someone else changed the deal “{self.title}” since; undoing would "
                    f"overwrite their change, so it was not undone.")
        differing = [name for name in self.mine if self.theirs.get(name) != self.mine[name]]
        detail = "; ".join(
            f"{field_label(name)}: now {_show(show_value(name, self.theirs.get(name)))}, "
            f"yours {_show(show_value(name, self.mine[name]))}"
            for name in differing[:3]
        )
        return (f"Someone else changed the deal “{self.title}” after you opened it, so your "
                f"change was not saved" + (f" ({detail})" if detail else "") + ".")


def field_label(name: str) -> str:
    """"value_cents" → "Value", "expected_close" → "Expected close"."""
    return name.removesuffix("_cents").replace("_", " ").capitalize()


def show_value(name: str, value: object) -> object:
    """Money in cents as money; everything else as it is."""
    if name.endswith("_cents") and isinstance(value, int) and not isinstance(value, bool):
        return format_money(value)
    return value


def _show(value: object) -> str:
    if value is None or value == "":
        return "(empty)"
    text = str(value)
    return f"“{text[:40]}…”" if len(text) > 40 else f"“{text}”"


def deal_version(db: pw.Database, deal_id: int) -> int | None:
    """The stored version of a deal, None when it no longer exists."""
    deal = tables_of(db).deal
    row = deal.select(deal.version).where(deal.id == deal_id).tuples().first()
    return None if row is None else int(row[0])


def update_deal(db: pw.Database, deal_id: int, values: Mapping[str, Any], expected: int, *,
                mine: Mapping[str, Any] | None = None) -> int:
    """Write `values` only if the deal is still at `expected`; return the new version."""
    deal = tables_of(db).deal
    query = (deal.update(**{**values, "version": deal.version + 1})
             .where((deal.id == deal_id) & (deal.version == expected)))
    if query.execute() == 0:
        raise conflict(db, deal_id, expected, mine or {})
    return expected + 1


def require(db: pw.Database, deal_id: int, expected: int | None,
            mine: Mapping[str, Any] | None = None, current: int | None = None) -> int:
    """Refuse before anything is written when the deal is no longer at `expected`; return the
    version the write must still find. Without `expected` (a command from a single-user path)
    that is `current`, the version of the row the command just read, so a write racing ours
    between that read and our write is still caught."""
    if current is None:
        current = deal_version(db, deal_id)
    if current is None:
        raise gone(deal_id)
    if expected is not None and current != expected:
        raise conflict(db, deal_id, expected, mine or {})
    return current


class VersionTracker:
    """The versions this session itself wrote to `db`, deal by deal (one per Repository).

    A command made from version `expected` may still be applied at a later version when every
    version since was written here: undoing one's own edits in turn bumps the version each
    time, and that is nobody else's change. A version written by anyone else in between makes
    the command stale, and it is refused."""

    NOTE_LIMIT = 2_000  # bigger changes (imports) are not tracked deal by deal

    def __init__(self, db: pw.Database) -> None:
        self.db = db
        self.written: dict[int, set[int]] = {}
        self._made_at: dict[int, dict[int, int]] = {}

    def require(self, deal_id: int, expected: int | None,
                mine: Mapping[str, Any] | None = None, current: int | None = None) -> int:
        """Like `require`, letting through versions written by this session since."""
        if current is None:
            current = deal_version(self.db, deal_id)
        if current is None:
            raise gone(deal_id)
        if expected is not None and current != expected and not self.all_mine(
                deal_id, expected, current):
            raise conflict(self.db, deal_id, expected, mine or {})
        return current

    def update_deal(self, deal_id: int, values: Mapping[str, Any], expected: int, *,
                    mine: Mapping[str, Any] | None = None) -> int:
        version = update_deal(self.db, deal_id, values, expected, mine=mine)
        self.written.setdefault(deal_id, set()).add(version)
        return version

    def note(self, deal_ids: frozenset[int]) -> dict[int, int]:
        """After a command, in its transaction: remember the versions it wrote, so commands
        stored elsewhere (qualification, criteria…) count as ours too. On PostgreSQL only rows
        this transaction wrote count (`xmin`); a SQLite file has one writer at a time."""
        if not deal_ids or len(deal_ids) > self.NOTE_LIMIT:
            return {}
        deal = tables_of(self.db).deal
        query = deal.select(deal.id, deal.version).where(deal.id.in_(sorted(deal_ids)))
        if isinstance(self.db, pw.PostgresqlDatabase):
            query = query.where(pw.SQL("xmin::text = mod(txid_current(), 4294967296)::text"))
        found = {int(deal_id): int(version) for deal_id, version in query.tuples()}
        for deal_id, version in found.items():
            self.written.setdefault(deal_id, set()).add(version)
        return found

    def remember(self, inverse: object, versions: dict[int, int]) -> None:
        """The versions an inverse (an undo or redo step) was made at, for `check`."""
        if not versions:
            return
        key = id(inverse)
        try:
            weakref.finalize(inverse, self._made_at.pop, key, None)
        except TypeError:  # a command type without weak references: not guarded
            return
        self._made_at[key] = versions

    def check(self, command: object) -> None:
        """Refuse an undo or redo step when someone else wrote one of its deals since it was
        made (whatever the command type: qualification, criteria…). Commands that carry
        their own `expected_version` are checked by their handler, which can say more."""
        if getattr(command, "expected_version", None) is not None:
            return
        for deal_id, version in self._made_at.get(id(command), {}).items():
            current = deal_version(self.db, deal_id)
            if current is not None and current != version and not self.all_mine(
                    deal_id, version, current):
                raise conflict(self.db, deal_id, version, {}, undo=True)

    def all_mine(self, deal_id: int, expected: int, current: int) -> bool:
        """Was every version of the deal after `expected`, up to `current`, written here?"""
        mine = self.written.get(deal_id, set())
        return current > expected and all(v in mine for v in range(expected + 1, current + 1))


def conflict(db: pw.Database, deal_id: int, expected: int, mine: Mapping[str, Any], *,
             undo: bool = False) -> DealConflict | ValidationError:
    """The error for a write that found the deal changed (or deleted) since `expected`, with
    the stored values of the fields the write wanted to change."""
    deal = tables_of(db).deal
    row = deal.select().where(deal.id == deal_id).dicts().first()
    if row is None:
        return gone(deal_id)
    theirs = {name: _stored(db, row, name) for name in mine}
    return DealConflict(deal_id, row["title"], expected, int(row["version"]), mine, theirs,
                        undo=undo)


def gone(deal_id: int) -> ValidationError:
    return ValidationError(f"Deal {deal_id} was deleted by someone else, so it cannot be changed")


def _stored(db: pw.Database, row: Mapping[str, Any], name: str) -> Any:
    """A stored value under the name a command uses (stage names for stage ids)."""
    if name in ("company", "contact"):
        tables = tables_of(db)
        table = tables.company if name == "company" else tables.contact
        found = table.get_or_none(table.id == row[name]) if row[name] is not None else None
        return found.name if found else ""
    if name == "stage":
        return stage_name(db, row["stage"])
    value = row.get(name)
    return value.isoformat() if hasattr(value, "isoformat") else value


def stage_name(db: pw.Database, stage_id: int | None) -> str:
    stage = tables_of(db).stage
    found = stage.get_or_none(stage.id == stage_id) if stage_id is not None else None
    return found.name if found else ""


# ---- the environment getting in the way ----------------------------------------------------

LOST_SERVER = ("The team server cannot be reached ({detail}). Nothing was lost: your change was "
               "not saved and can be tried again when the server is back.")

READ_ONLY_ROLE = ("Your role on the team server may read this pipeline but not change it; ask "
                  "the server's administrator for write access.")


class ServerUnreachable(StorageError, pw.OperationalError):
    """The team server stopped answering a query. Both a StorageError (the window shows its
    sentence instead of a crash report) and an OperationalError (code that catches driver
    errors still does)."""


class TeamDatabase(pw.PostgresqlDatabase):
    """A PostgreSQL database whose queries, reads included, turn a dropped connection into
    ServerUnreachable and forget it, so the next query connects afresh."""

    def _execute_cursor(self, sql: str, params: Any, **cursor_options: Any) -> Any:
        try:
            return super()._execute_cursor(sql, params, **cursor_options)
        except (pw.OperationalError, pw.InterfaceError) as error:
            if isinstance(error, StorageError) or not self._broken():
                raise
            detail = str(error).strip().splitlines()[0] if str(error).strip() else "no answer"
            drop_broken_connection(self)
            raise ServerUnreachable(LOST_SERVER.format(detail=detail)) from error

    def _connect(self) -> Any:
        conn = super()._connect()
        _dates_as_text(conn)
        return conn

    def _broken(self) -> bool:
        conn = self._state.conn
        return conn is None or bool(getattr(conn, "closed", 0))


def _dates_as_text(conn: Any) -> None:
    """Dates and timestamps come back as the ISO text a pipeline file holds, as on SQLite:
    the same values from both engines, and no date objects made only to be turned back into
    text (the deal table reads 100,000 rows of them)."""
    try:
        from psycopg2 import extensions
    except ImportError:  # another driver: its own date objects, which the code also accepts
        return
    if not isinstance(conn, extensions.connection):
        return
    for oid, name in ((1082, "PIPELINE_DATE"), (1114, "PIPELINE_TIMESTAMP")):
        extensions.register_type(extensions.new_type((oid,), name, _as_is), conn)
    with conn.cursor() as cursor:
        cursor.execute("SET DateStyle = 'ISO, YMD'")


def _as_is(value: str | None, _cursor: Any) -> str | None:
    return value


@contextmanager
def storage_errors(db: pw.Database) -> Iterator[None]:
    """Turn a dropped server connection into a StorageError with a clear sentence, and close
    it so the next attempt connects afresh. SQLite errors pass through unchanged."""
    try:
        yield
    except StorageError:
        raise
    except pw.ProgrammingError as error:
        if "permission denied" not in str(error):
            raise
        raise StorageError(READ_ONLY_ROLE) from error
    except (pw.OperationalError, pw.InterfaceError, *_driver_connection_errors()) as error:
        if isinstance(db, pw.SqliteDatabase):
            raise  # a file's troubles are described by storage.integrity
        detail = str(error).strip().splitlines()[0] if str(error).strip() else "no answer"
        drop_broken_connection(db)
        raise ServerUnreachable(LOST_SERVER.format(detail=detail)) from error


def _driver_connection_errors() -> tuple[type[Exception], ...]:
    """psycopg2's own errors, raised by bulk writes on the raw cursor (peewee wraps the rest)."""
    try:
        import psycopg2
    except ImportError:
        return ()
    return (psycopg2.OperationalError, psycopg2.InterfaceError)


def drop_broken_connection(db: pw.Database) -> None:
    """Forget a connection the server closed, so peewee opens a new one on the next query."""
    try:
        if db.in_transaction():
            return
        conn = db.connection() if not db.is_closed() else None
        if conn is not None and getattr(conn, "closed", 0):
            db.close()
    except (pw.PeeweeException, pw.OperationalError, pw.InterfaceError):
        _forget(db)


def _forget(db: pw.Database) -> None:
    try:
        db.close()
    except Exception:  # a dead connection may fail to close; forget it anyway
        db._state.reset()


def is_alive(db: pw.Database) -> bool:
    """A cheap round trip; False when the server is gone (and the connection is reset)."""
    try:
        db.execute_sql("SELECT 1").fetchone()
    except (pw.OperationalError, pw.InterfaceError):
        drop_broken_connection(db)
        return False
    return True


def is_read_only(db: pw.Database) -> bool:
    """True when the PostgreSQL role may read deals but not change them (GRANT SELECT only).
    A SQLite file is never read-only here: the file checks happen when it is opened."""
    if not isinstance(db, pw.PostgresqlDatabase):
        return False
    row = db.execute_sql(
        "SELECT has_table_privilege(current_user, 'deal', 'UPDATE') "
        "AND has_table_privilege(current_user, 'deal', 'INSERT')").fetchone()
    return not row[0]
