"""A team server: its address (the password never goes into a URL that is stored anywhere: it
travels separately and is kept in the system keyring or this run's memory) and its connection."""

from __future__ import annotations

from urllib.parse import quote, unquote, urlsplit, urlunsplit

import peewee as pw
from playhouse.db_url import parse

from pipeline_desktop.errors import StorageError, UsageError
from pipeline_desktop.storage.address import is_server_url
from pipeline_desktop.storage.concurrency import TeamDatabase

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
