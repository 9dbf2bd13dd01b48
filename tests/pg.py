"""Fixtures that run a test on both engines: SQLite files and a PostgreSQL server.

`.ci/postgres.sh` starts a throwaway cluster and exports PIPELINE_DESKTOP_TEST_PG (an admin URL);
without it the PostgreSQL half of every parametrised test skips with the reason. Each
PostgreSQL test gets a fresh database copied from a migrated template (a fast file copy), named
after the process so parallel runs on one server never collide, and dropped afterwards.

    def test_something(any_session):          # runs twice: [sqlite] and [postgres]
    def test_other(any_demo_session):         # the 60-deal demo pipeline on both engines
    def test_server_only(pg_url):             # an empty pipeline database on the server
"""

from __future__ import annotations

import itertools
import os
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import pytest

from pipeline_desktop.session import Session, open_session

PG_ENV = "PIPELINE_DESKTOP_TEST_PG"
ENGINES = ("sqlite", pytest.param("postgres", marks=pytest.mark.postgres))
_counter = itertools.count(1)


def pg_admin_url() -> str | None:
    return os.environ.get(PG_ENV) or None


def with_database(url: str, name: str) -> str:
    """The same server URL pointing at another database (query string, e.g. sslmode, kept)."""
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def _admin_execute(admin_url: str, *statements: str) -> None:
    import psycopg2

    conn = psycopg2.connect(admin_url)
    try:
        conn.autocommit = True  # CREATE/DROP DATABASE cannot run in a transaction
        with conn.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)
    finally:
        conn.close()


class PgServer:
    """Creates and drops throwaway pipeline databases on the test server."""

    def __init__(self, admin_url: str) -> None:
        self.admin_url = admin_url
        self.prefix = f"pdt{os.getpid()}"
        self.template = f"{self.prefix}_template"
        self._made: list[str] = []
        self._template_ready = False

    def _ensure_template(self) -> None:
        if self._template_ready:
            return
        _admin_execute(self.admin_url, f"DROP DATABASE IF EXISTS {self.template} WITH (FORCE)",
                       f"CREATE DATABASE {self.template}")
        opened = open_session(with_database(self.admin_url, self.template))
        opened.close()  # migrated: the schema and default stages are in place
        self._template_ready = True

    def new_database(self, *, empty: bool = False) -> str:
        """A new database; a migrated empty pipeline unless `empty` (no tables at all)."""
        name = f"{self.prefix}_{next(_counter)}"
        if empty:
            _admin_execute(self.admin_url, f"CREATE DATABASE {name}")
        else:
            self._ensure_template()
            _admin_execute(self.admin_url,
                           f"CREATE DATABASE {name} TEMPLATE {self.template} STRATEGY FILE_COPY")
        self._made.append(name)
        return with_database(self.admin_url, name)

    def drop(self, url: str) -> None:
        name = urlsplit(url).path.lstrip("/")
        _admin_execute(self.admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        if name in self._made:
            self._made.remove(name)

    def drop_all(self) -> None:
        for name in [*self._made, self.template]:
            _admin_execute(self.admin_url, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self._made.clear()


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    admin_url = pg_admin_url()
    if admin_url is None:
        pytest.skip(f"no PostgreSQL server: {PG_ENV} is not set (bash .ci/run starts one)")
    try:
        import psycopg2  # noqa: F401
    except ImportError:
        pytest.skip("psycopg2 is not installed: pip install -e '.[team]'")
    server = PgServer(admin_url)
    yield server
    server.drop_all()


@pytest.fixture
def pg_url(pg_server: PgServer) -> Iterator[str]:
    """An empty pipeline (default stages) in a fresh database on the test server."""
    url = pg_server.new_database()
    yield url
    pg_server.drop(url)


@pytest.fixture(params=ENGINES)
def engine(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def any_url(engine: str, tmp_path: Path, request: pytest.FixtureRequest) -> str:
    """A new, empty pipeline address on the engine under test."""
    if engine == "postgres":
        return request.getfixturevalue("pg_url")
    return str(tmp_path / "test.pipeline")


@pytest.fixture
def open_any() -> Iterator[Callable[[str], Session]]:
    """Open more sessions in a test; all are closed at the end."""
    opened: list[Session] = []

    def _open(url: str) -> Session:
        session = open_session(url)
        opened.append(session)
        return session

    yield _open
    for session in reversed(opened):
        session.close()


@pytest.fixture
def any_session(any_url: str, open_any: Callable[[str], Session]) -> Session:
    """An empty pipeline on SQLite, then on PostgreSQL."""
    return open_any(any_url)


@pytest.fixture
def any_demo_session(any_session: Session) -> Session:
    """The conftest demo pipeline (60 deals, seed 7, today 2026-06-15) on both engines."""
    from pipeline_desktop.services.demo import generate

    generate(any_session.db, any_session.repository.stages(), deals=60, seed=7,
             today=date(2026, 6, 15))
    return any_session


_roles = itertools.count(1)


@pytest.fixture
def viewer_url(pg_url: str) -> Iterator[str]:
    """The pipeline at `pg_url`, with 20 demo deals, through a role granted SELECT only
    (password "secret", not in the URL)."""
    import psycopg2

    from pipeline_desktop.services.demo import generate

    session = open_session(pg_url)
    generate(session.db, session.repository.stages(), deals=20, seed=1,
             today=date(2026, 6, 15))
    session.close()
    role = f"viewer_{os.getpid()}_{next(_roles)}"
    conn = psycopg2.connect(pg_url)
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute(f"CREATE ROLE {role} LOGIN PASSWORD 'secret'")
        cursor.execute(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}")
    yield f"postgresql://{role}@{urlsplit(pg_url).netloc.rsplit('@', 1)[-1]}" \
          f"{urlsplit(pg_url).path}"
    with conn.cursor() as cursor:
        cursor.execute(f"DROP OWNED BY {role}")
        cursor.execute(f"DROP ROLE {role}")
    conn.close()


ENGINE_ENV = "PIPELINE_DESKTOP_TEST_ENGINE"


@pytest.fixture
def session_url(pipeline_path: Path, request: pytest.FixtureRequest) -> str:
    """The address of conftest's `session`: the SQLite file, or with
    PIPELINE_DESKTOP_TEST_ENGINE=postgres a fresh database on the test server, so the storage,
    metrics and import/export suites run unchanged against PostgreSQL (a second pass in
    .ci/run)."""
    if os.environ.get(ENGINE_ENV) == "postgres":
        return request.getfixturevalue("pg_url")
    return str(pipeline_path)
