"""Each session owns its database: with several pipelines open in one process (two files, a file
and a team server, a window and a password check), every write lands in its own pipeline."""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from pipeline_desktop.domain import commands as cmd
from pipeline_desktop.domain import process_commands as pc
from pipeline_desktop.session import Session, open_session
from pipeline_desktop.storage import process_store


@pytest.fixture
def two_files(tmp_path: Path) -> Iterator[tuple[Session, Session]]:
    a = open_session(str(tmp_path / "a.pipeline"))
    b = open_session(str(tmp_path / "b.pipeline"))
    yield a, b
    b.close()
    a.close()


def titles_in_file(path: Path) -> list[str]:
    """What another program reading the file sees (after the sessions committed)."""
    conn = sqlite3.connect(path)
    try:
        return [t for (t,) in conn.execute("SELECT title FROM deal ORDER BY id")]
    finally:
        conn.close()


def create(session: Session, title: str) -> int:
    return session.repository.apply(cmd.CreateDeal({"title": title})).redo.deal_id


def interleave(a: Session, b: Session) -> None:
    """Writes of every kind through both, in turn: ORM inserts, updates, settings, stages."""
    first_a = create(a, "A1")
    first_b = create(b, "B1")
    a.repository.apply(cmd.EditDeal(first_a, {"title": "A1 edited"}))
    create(a, "A2")
    b.repository.apply(cmd.EditDeal(first_b, {"title": "B1 edited"}))
    a.repository.apply(pc.AddActivity(first_a, {"kind": "call", "subject": "Call A"}))
    b.repository.apply(pc.SetSetting("lost_reasons", ["Only in B"]))
    a.repository.apply(cmd.MoveStage(first_a, a.repository.stages()[1].id))


def assert_apart(a: Session, b: Session) -> None:
    assert [r.title for r in a.repository.deal_rows()] == ["A1 edited", "A2"]
    assert [r.title for r in b.repository.deal_rows()] == ["B1 edited"]
    assert [x.subject for x in process_store.activities(a.repository, 1)] == ["Call A"]
    assert process_store.activities(b.repository, 1) == []
    assert process_store.text_list(b.repository, "lost_reasons") == ["Only in B"]
    assert process_store.text_list(a.repository, "lost_reasons") != ["Only in B"]
    assert len(a.repository.stage_history(1)) == 2 and len(b.repository.stage_history(1)) == 1


def test_writes_through_two_open_files_land_in_their_own(two_files) -> None:
    a, b = two_files
    interleave(a, b)
    assert_apart(a, b)
    assert titles_in_file(a.path) == ["A1 edited", "A2"]
    assert titles_in_file(b.path) == ["B1 edited"]


@pytest.mark.postgres
def test_a_file_and_a_server_open_together_keep_their_own_writes(tmp_path: Path,
                                                                 pg_url: str) -> None:
    a = open_session(str(tmp_path / "a.pipeline"))
    b = open_session(pg_url)
    try:
        interleave(a, b)
        assert_apart(a, b)
        assert titles_in_file(a.path) == ["A1 edited", "A2"]
        assert b.db.execute_sql("SELECT title FROM deal").fetchall() == [("B1 edited",)]
        # and the other way round: the server's session opened first
        interleave(b, a)
        assert [r.title for r in b.repository.deal_rows()][-2:] == ["A1 edited", "A2"]
    finally:
        b.close()
        a.close()


def test_opening_and_closing_a_second_session_leaves_the_first_working(tmp_path: Path) -> None:
    """As the window does when it checks a team password, opens a backup or copies."""
    window = open_session(str(tmp_path / "open.pipeline"))
    try:
        create(window, "Before")
        open_session(str(tmp_path / "checked.pipeline")).close()
        create(window, "After")
        window.repository.apply(cmd.EditDeal(1, {"title": "Before, edited"}))
        assert [r.title for r in window.repository.deal_rows()] == ["Before, edited", "After"]
        assert titles_in_file(tmp_path / "checked.pipeline") == []
    finally:
        window.close()


@pytest.mark.postgres
def test_a_password_check_on_a_server_leaves_the_window_on_its_file(tmp_path: Path,
                                                                    pg_url: str) -> None:
    window = open_session(str(tmp_path / "open.pipeline"))
    try:
        open_session(pg_url).close()  # ui/team_actions.connect_checked
        create(window, "Mine")
        assert titles_in_file(window.path) == ["Mine"]
        checked = open_session(pg_url)
        try:
            assert checked.repository.deal_count() == 0
        finally:
            checked.close()
    finally:
        window.close()


def test_worker_threads_of_two_sessions_write_to_their_own(two_files) -> None:
    """Each thread writes through its session while the other session writes too: no
    process-wide binding (peewee's bind_ctx included) can send one's rows to the other."""
    a, b = two_files
    start = threading.Barrier(2)

    def work(session: Session, prefix: str) -> None:
        start.wait()
        try:
            for n in range(25):
                create(session, f"{prefix}{n}")
        finally:
            session.db.close()  # this thread's connection

    with ThreadPoolExecutor(2) as pool:
        for done in [pool.submit(work, a, "a"), pool.submit(work, b, "b")]:
            done.result()
    assert titles_in_file(a.path) == [f"a{n}" for n in range(25)]
    assert titles_in_file(b.path) == [f"b{n}" for n in range(25)]


def test_copying_to_another_file_keeps_the_open_pipeline_writable(two_files, tmp_path: Path
                                                                  ) -> None:
    from pipeline_desktop.storage import team

    a, _b = two_files
    create(a, "Original")
    seen: list[int] = []
    progress: Callable[[int, int], bool] = \
        lambda _done, _total: seen.append(a.repository.deal_count()) or True  # noqa: E731
    team.copy_pipeline(a.db, str(tmp_path / "copy.pipeline"), progress=progress)
    create(a, "After the copy")
    assert seen and set(seen) == {1}
    assert titles_in_file(a.path) == ["Original", "After the copy"]
    assert titles_in_file(tmp_path / "copy.pipeline") == ["Original"]
