"""Copy a whole pipeline between a file and a team server (either way), complete: stages,
companies, contacts, deals with their custom fields and versions, activities, stage history
and settings. Ids are kept, so links between rows survive, and the server's id counters are
moved past them afterwards. The copy is one transaction on the target: all of it or nothing.

Also the address helpers the window uses for a team pipeline (the password never goes into a
URL that is stored anywhere: it travels separately and is kept in the system keyring)."""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from urllib.parse import quote, unquote, urlsplit, urlunsplit

import peewee as pw

from pipeline_desktop.errors import PipelineError, StorageError, UsageError
from pipeline_desktop.storage.bulk import insert_rows, reset_sequences
from pipeline_desktop.storage.database import is_server_url
from pipeline_desktop.storage.tables import TABLES, BaseTable

Progress = Callable[[int, int], bool]  # (rows done, rows in all) -> go on?
BATCH = 5_000


LABELS = {"stage": "stages", "company": "companies", "contact": "contacts", "deal": "deals",
          "stage_change": "stage changes", "activity": "activities", "setting": "settings"}


class CopyCancelled(PipelineError):
    """The person pressed Cancel: nothing was written to the target."""


@dataclass
class CopyReport:
    target: str
    rows: dict[str, int] = field(default_factory=dict)

    @property
    def deals(self) -> int:
        return self.rows.get("deal", 0)

    def summary(self) -> str:
        parts = ", ".join(f"{count} {LABELS.get(table, table)}" for table, count in
                          self.rows.items() if count)
        return f"Copied to {display_url(self.target)}: {parts or 'an empty pipeline'}."


def copy_pipeline(source: pw.Database, target_url: str, *, replace: bool = False,
                  password: str | None = None, progress: Progress | None = None) -> CopyReport:
    """Copy the open pipeline `source` to the pipeline at `target_url` (a file or a server).

    A target that already holds deals is refused unless `replace`; its stages and settings are
    always replaced by the source's. The open tables stay bound to `source` afterwards."""
    from pipeline_desktop.session import open_session

    target = open_session(with_password(target_url, password))
    # Opening bound the tables to the target; the copy itself is plain SQL, so give them back
    # to the open pipeline at once (the window keeps painting during the copy).
    source.bind(TABLES, bind_refs=False, bind_backrefs=False)
    try:
        if target.read_only:
            raise StorageError("Your role on the team server may read this pipeline but not "
                               "write to it, so nothing was copied.")
        existing = count(target.db, "deal")
        if existing and not replace:
            raise PipelineError(f"{display_url(target_url)} already holds {existing} deals. "
                                "Replace them only if you mean to (tick Replace, or add "
                                "--replace).")
        return _copy(source, target.db, target_url, progress)
    finally:
        target.close()
        source.bind(TABLES, bind_refs=False, bind_backrefs=False)


def _copy(source: pw.Database, target: pw.Database, target_url: str,
          progress: Progress | None) -> CopyReport:
    report = CopyReport(target_url)
    total = sum(count(source, table._meta.table_name) for table in TABLES)
    done = 0
    to_sqlite = isinstance(target, pw.SqliteDatabase)
    write = insert_rows if to_sqlite else copy_rows
    with target.atomic():
        for table in reversed(TABLES):  # children first: foreign keys stay satisfied
            target.execute_sql(f"DELETE FROM {table._meta.table_name}")
        for table in TABLES:
            name, columns = table._meta.table_name, columns_of(table)
            report.rows[name] = 0
            cursor = source.execute_sql(
                f"SELECT {', '.join(columns)} FROM {name} ORDER BY {columns[0]}")
            while batch := cursor.fetchmany(BATCH):
                rows = [_plain(row) for row in batch] if to_sqlite else batch
                write(target, name, columns, rows)
                report.rows[name] += len(batch)
                done += len(batch)
                if progress is not None and not progress(done, total):
                    raise CopyCancelled("Copy cancelled: nothing was written.")
        reset_sequences(target, [t._meta.table_name for t in TABLES if "id" in columns_of(t)])
    return report


def copy_rows(db: pw.Database, table: str, columns: Sequence[str],
              rows: Sequence[Sequence[object]]) -> None:
    """PostgreSQL's COPY: several times faster than INSERTs for a whole pipeline."""
    buffer = io.StringIO()
    for row in rows:
        buffer.write("\t".join(_copy_text(value) for value in row))
        buffer.write("\n")
    buffer.seek(0)
    db.cursor().copy_expert(f"COPY {table} ({', '.join(columns)}) FROM STDIN", buffer)


_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _copy_text(value: object) -> str:
    """One value in COPY's text format (booleans stored as 0/1 read fine as PostgreSQL's)."""
    if value is None:
        return "\\N"
    if isinstance(value, bool):
        return "t" if value else "f"
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    return str(value).translate(_COPY_ESCAPES)


def columns_of(table: type[BaseTable]) -> list[str]:
    """Stored column names, the primary key first."""
    return [f.column_name for f in table._meta.sorted_fields]


def count(db: pw.Database, table: str) -> int:
    return int(db.execute_sql(f"SELECT COUNT(*) FROM {table}").fetchone()[0])


def _plain(row: Sequence[object]) -> tuple[object, ...]:
    """PostgreSQL's date objects as the ISO text a pipeline file stores."""
    return tuple(
        value.isoformat(sep=" ") if isinstance(value, datetime)
        else value.isoformat() if isinstance(value, date)
        else value
        for value in row
    )


# ---- addresses -----------------------------------------------------------------------------


def server_url(host: str, database: str, user: str, *, port: int | None = None,
               sslmode: str = "") -> str:
    """postgresql://user@host:port/database[?sslmode=...], without a password."""
    if not host.strip() or not database.strip():
        raise UsageError("A team pipeline needs a server name and a database name")
    netloc = f"{quote(user.strip(), safe='')}@" if user.strip() else ""
    netloc += host.strip() + (f":{int(port)}" if port else "")
    query = f"sslmode={sslmode}" if sslmode else ""
    return urlunsplit(("postgresql", netloc, f"/{quote(database.strip(), safe='')}", query, ""))


def with_password(url: str, password: str | None) -> str:
    """The URL to connect with (never stored): the password put into it."""
    if not password or not is_server_url(url):
        return url
    parts = urlsplit(url)
    user = parts.username or ""
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    netloc = f"{quote(unquote(user), safe='')}:{quote(password, safe='')}@{host}"
    if parts.port:
        netloc += f":{parts.port}"
    return urlunsplit((parts.scheme, netloc, parts.path, parts.query, parts.fragment))


def display_url(url: str) -> str:
    """An address safe to show and store: any password removed."""
    if not is_server_url(url):
        return url
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.rsplit("@", 1)
    userinfo = netloc[0].split(":", 1)[0]
    return urlunsplit((parts.scheme, f"{userinfo}@{netloc[1]}", parts.path, parts.query,
                       parts.fragment))


def keyring_key(url: str) -> tuple[str, str]:
    """(service, user name) under which a server's password is kept in the system keyring."""
    parts = urlsplit(display_url(url))
    return (f"pipeline-desktop:{parts.hostname}:{parts.port or 5432}{parts.path}",
            unquote(parts.username or ""))


# ---- passwords: the system keyring, or this run's memory; never settings or URLs ------------

_remembered: dict[tuple[str, str], str] = {}


class PasswordNeeded(StorageError):
    """The server wants a password this app does not have (or refused the one it had)."""


def remember_password(url: str, password: str, *, keep: bool) -> bool:
    """Use `password` for this server until the app quits; with `keep`, also put it in the
    system keyring. Returns whether the keyring took it (there may be none)."""
    key = keyring_key(url)
    _remembered[key] = password
    if not keep:
        return False
    try:
        import keyring

        keyring.set_password(key[0], key[1], password)
    except Exception:  # no keyring package or no backend: this run's memory only
        return False
    return True


def forget_password(url: str) -> None:
    key = keyring_key(url)
    _remembered.pop(key, None)
    try:
        import keyring

        keyring.delete_password(key[0], key[1])
    except Exception:  # nothing stored, or no keyring at all
        pass


def stored_password(url: str) -> str | None:
    key = keyring_key(url)
    if key in _remembered:
        return _remembered[key]
    try:
        import keyring

        return keyring.get_password(key[0], key[1])
    except Exception:  # no keyring package or no backend: libpq may still find ~/.pgpass
        return None


def connect(url: str) -> pw.PostgresqlDatabase:
    """A server database for `url` (not yet connected), with the remembered password."""
    from playhouse.db_url import parse

    from pipeline_desktop.storage.concurrency import TeamDatabase

    params = parse(url, unquote_password=True, unquote_user=True)
    if not params.get("database"):
        raise StorageError(f"{display_url(url)} has no database name: add it after the "
                           "server, as in postgresql://user@host/pipeline")
    return TeamDatabase(**{**params, **connect_params(url)})


def connect_params(url: str) -> dict[str, str]:
    """Extra connection arguments for a server URL: a connection timeout, and the remembered
    password if the URL has none (libpq's PGPASSWORD and ~/.pgpass still apply after that)."""
    parts = urlsplit(url)
    params: dict[str, str] = {}
    if "connect_timeout=" not in parts.query:
        params["connect_timeout"] = "10"  # libpq waits forever by default; the window would too
    password = stored_password(url) if parts.password is None else None
    if password:
        params["password"] = password
    return params


def connection_error(error: Exception) -> StorageError:
    """One sentence for a failed connection; PasswordNeeded when the password is the problem."""
    text = str(error).strip()
    first = text.splitlines()[-1] if text else "no answer"
    if "password authentication failed" in text or "no password supplied" in text:
        return PasswordNeeded(f"The team server needs the password of this user ({first}).")
    return StorageError(f"Cannot reach the team server: {first}")
