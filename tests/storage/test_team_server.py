"""A pipeline on a team server: copied there and back complete, read-only roles, a server that
goes away mid-session. Needs the test server (PIPELINE_DESKTOP_TEST_PG); skips without it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from pg import PgServer, with_database

from pipeline_desktop.domain import commands as cmd
from pipeline_desktop.errors import PipelineError, StorageError
from pipeline_desktop.services.demo import generate
from pipeline_desktop.session import Session, open_session
from pipeline_desktop.storage import concurrency, team
from pipeline_desktop.storage.tables import SCHEMA

psycopg2 = pytest.importorskip("psycopg2")
pytestmark = pytest.mark.postgres
TODAY = date(2026, 6, 15)


def table_contents(db) -> dict[str, list[tuple]]:
    """Every row of every table, as plain values, in id order."""
    contents = {}
    for table in SCHEMA.all:
        columns = team.columns_of(table)
        cursor = db.execute_sql(f"SELECT {', '.join(columns)} FROM {table._meta.table_name} "
                                f"ORDER BY {columns[0]}")
        contents[table._meta.table_name] = [team._plain(row) for row in cursor.fetchall()]
    return contents


def normalise(contents: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """SQLite keeps booleans as 0/1 and PostgreSQL as True/False: compare them as ints."""
    return {name: [tuple(int(v) if isinstance(v, bool) else v for v in row) for row in rows]
            for name, rows in contents.items()}


@pytest.fixture
def local(tmp_path: Path) -> Iterator[Session]:
    """A demo pipeline file with settings, custom fields and a deal edited twice."""
    session = open_session(str(tmp_path / "local.pipeline"))
    generate(session.db, session.repository.stages(), deals=250, seed=5, today=TODAY)
    session.repository.set_setting("targets", {"2026-06": 40_000})
    session.repository.apply(cmd.EditDeal(3, {"title": "Edited once"}))
    session.repository.apply(cmd.EditDeal(3, {"notes": "and twice"}))
    yield session
    session.close()


@pytest.fixture
def empty_server_db(pg_server: PgServer) -> Iterator[str]:
    """A database with no tables at all: the first open creates the schema."""
    url = pg_server.new_database(empty=True)
    yield url
    pg_server.drop(url)


def test_copy_to_server_and_back_is_complete(local: Session, empty_server_db: str,
                                             tmp_path: Path) -> None:
    before = table_contents(local.db)
    report = team.copy_pipeline(local.db, empty_server_db)
    assert report.deals == 250 and report.rows["setting"] >= 3
    assert "250 deals" in report.summary()
    assert local.repository.deal_count() == 250  # the open file is still the one bound

    server = open_session(empty_server_db)
    try:
        assert normalise(table_contents(server.db)) == normalise(before)
        assert server.repository.setting("targets") == {"2026-06": 40_000}
        assert server.repository.deal(3)["version"] == 3
        created = server.repository.apply(cmd.CreateDeal({"title": "On the server"}))
        assert created.inverse.deal_id == 251  # type: ignore[attr-defined]
        server.repository.apply(created.inverse)
        back = tmp_path / "back.pipeline"
        team.copy_pipeline(server.db, str(back))
        assert server.repository.deal_count() == 250  # still bound to the server
    finally:
        server.close()
    local.close()
    copy = open_session(str(back))
    try:
        assert table_contents(copy.db) == before
    finally:
        copy.close()


def test_a_server_with_deals_is_only_replaced_when_asked(local: Session, pg_url: str) -> None:
    server = open_session(pg_url)
    generate(server.db, server.repository.stages(), deals=10, seed=1, today=TODAY)
    server.close()
    with pytest.raises(PipelineError, match="already holds 10 deals"):
        team.copy_pipeline(local.db, pg_url)
    assert team.copy_pipeline(local.db, pg_url, replace=True).deals == 250


def test_cancelling_a_copy_writes_nothing(local: Session, pg_url: str) -> None:
    bound = []

    def progress(done: int, total: int) -> bool:
        # the window may repaint meanwhile: its reads still go to its own file
        bound.append(local.repository.deal_count() == 250)
        return done < 300

    with pytest.raises(team.CopyCancelled):
        team.copy_pipeline(local.db, pg_url, progress=progress)
    assert bound and all(bound)
    server = open_session(pg_url)
    try:
        assert server.repository.deal_count() == 0
        assert len(server.repository.stages()) == len(local.repository.stages())
    finally:
        server.close()


def test_a_read_only_role_opens_read_only(viewer_url: str, pg_url: str, local: Session
                                          ) -> None:
    viewer = open_session(team.with_password(viewer_url, "secret"))
    try:
        assert viewer.read_only
        assert viewer.repository.deal_count() == 20
        with pytest.raises(StorageError, match="may read this pipeline but not change it"):
            viewer.repository.apply(cmd.EditDeal(1, {"title": "not allowed"}))
    finally:
        viewer.close()
    writer = open_session(pg_url)
    try:
        assert not writer.read_only
    finally:
        writer.close()
    with pytest.raises(StorageError, match="read this pipeline but not write"):
        team.copy_pipeline(local.db, viewer_url, replace=True, password="secret")


def terminate_connections(admin_url: str, database_url: str) -> None:
    """What a server restart does to every open connection to one database."""
    name = database_url.rsplit("/", 1)[1].split("?")[0]
    conn = psycopg2.connect(admin_url)
    conn.autocommit = True
    with conn.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                       "WHERE datname = %s AND pid <> pg_backend_pid()", (name,))
    conn.close()


def test_a_lost_server_gives_a_clear_message_and_the_retry_works(pg_server: PgServer,
                                                                  pg_url: str) -> None:
    session = open_session(pg_url)
    try:
        generate(session.db, session.repository.stages(), deals=5, seed=1, today=TODAY)
        edit = cmd.EditDeal(1, {"title": "Typed while the server restarted"})
        terminate_connections(pg_server.admin_url, pg_url)
        with pytest.raises(StorageError, match=r"cannot be reached.*Nothing was lost"):
            session.repository.apply(edit)
        assert session.repository.apply(edit).changes.deals == {1}  # the same command again
        assert session.repository.deal(1)["title"] == "Typed while the server restarted"
        terminate_connections(pg_server.admin_url, pg_url)
        assert not concurrency.is_alive(session.db)
        assert concurrency.is_alive(session.db)  # reconnected
        terminate_connections(pg_server.admin_url, pg_url)
        with pytest.raises(StorageError, match="cannot be reached"):  # reads too: no crash
            session.repository.deal_rows()
        assert len(session.repository.deal_rows()) == 5
    finally:
        session.close()


def test_tls_parameters_pass_through(pg_url: str) -> None:
    session = open_session(f"{pg_url}?sslmode=disable&connect_timeout=5")
    try:
        assert session.repository.deal_count() == 0
    finally:
        session.close()


def test_versions_bump_on_the_server_from_two_processes(pg_url: str, tmp_path: Path) -> None:
    """Another process (a second app) edits; this one's stale save is refused."""
    import subprocess
    import sys

    session = open_session(pg_url)
    try:
        generate(session.db, session.repository.stages(), deals=3, seed=1, today=TODAY)
        seen = session.repository.deal(2)["version"]
        script = ("import sys; from pipeline_desktop.session import open_session; "
                  "from pipeline_desktop.domain.commands import EditDeal; "
                  "s = open_session(sys.argv[1]); "
                  "s.repository.apply(EditDeal(2, {'title': 'Other process'})); s.close()")
        subprocess.run([sys.executable, "-c", script, pg_url], check=True, timeout=60)
        with pytest.raises(concurrency.DealConflict) as caught:
            session.repository.apply(cmd.EditDeal(2, {"title": "Mine"}, expected_version=seen))
        assert caught.value.theirs == {"title": "Other process"}
        assert session.repository.deal(2)["title"] == "Other process"
    finally:
        session.close()


# ---- addresses (no server needed, but they belong with the rest) ---------------------------


def test_addresses_keep_passwords_out_of_what_is_stored() -> None:
    url = team.server_url("db.example.com", "pipeline", "ana", port=5433, sslmode="require")
    assert url == "postgresql://ana@db.example.com:5433/pipeline?sslmode=require"
    secret = team.with_password(url, "p@ss:word/1")
    assert secret.startswith("postgresql://ana:p%40ss%3Aword%2F1@db.example.com:5433/")
    assert team.display_url(secret) == url
    assert team.keyring_key(secret) == ("pipeline-desktop:db.example.com:5433/pipeline", "ana")
    assert with_database(url, "other").endswith("/other?sslmode=require")
    with pytest.raises(PipelineError):
        team.server_url("", "pipeline", "ana")


def test_passwords_are_asked_for_and_remembered_for_the_run(viewer_url: str) -> None:
    with pytest.raises(team.PasswordNeeded, match="needs the password"):
        open_session(viewer_url)
    with pytest.raises(team.PasswordNeeded):
        open_session(team.with_password(viewer_url, "wrong"))
    assert not team.remember_password(viewer_url, "secret", keep=False)
    try:
        session = open_session(viewer_url)  # the URL itself stays without the password
        assert session.read_only
        session.close()
    finally:
        team.forget_password(viewer_url)
    with pytest.raises(team.PasswordNeeded):
        open_session(viewer_url)


def test_a_missing_database_name_is_a_clear_error(pg_server: PgServer) -> None:
    with pytest.raises(StorageError, match="no database name"):
        open_session(pg_server.admin_url.rsplit("/", 1)[0])


def test_awkward_text_survives_the_copy(local: Session, pg_url: str, tmp_path: Path) -> None:
    awkward = "tab\there\nnew line\\N back\\slash \r\n“quotes” 'single' ünïcødé 🙂 \\."
    local.repository.apply(cmd.EditDeal(1, {"title": awkward, "notes": "\\N"}))
    local.repository.apply(cmd.EditDeal(2, {"notes": ""}))
    team.copy_pipeline(local.db, pg_url, replace=True)
    back = tmp_path / "back.pipeline"
    server = open_session(pg_url)
    try:
        row = server.repository.deal(1)
        assert (row["title"], row["notes"]) == (awkward, "\\N")
        assert server.repository.deal(2)["notes"] == ""
        team.copy_pipeline(server.db, str(back))
    finally:
        server.close()
    before = table_contents(local.db)
    local.close()
    copy = open_session(str(back))
    try:
        assert table_contents(copy.db) == before
    finally:
        copy.close()
