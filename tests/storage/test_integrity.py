"""Opening checks the file: a damaged pipeline is refused with a clear message and can be
brought back from the latest good backup; read-only files and full disks get one sentence."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from safety_helpers import damage, sqlite_session

from pipeline_desktop.domain.commands import DeleteDeal
from pipeline_desktop.errors import NotAPipelineError, StorageError
from pipeline_desktop.session import Session, open_session
from pipeline_desktop.storage import backup, migrations
from pipeline_desktop.storage.integrity import (
    DamagedFileError,
    ReadOnlyFileError,
    describe_storage_error,
    integrity_problems,
    storage_error,
)


@pytest.fixture
def session(pipeline_path: Path) -> Iterator[Session]:
    """Always a SQLite file (see safety_helpers.sqlite_session)."""
    yield from sqlite_session(pipeline_path)


def test_healthy_file_passes(demo_session: Session) -> None:
    assert integrity_problems(demo_session.path) == []


def test_damaged_file_is_refused_on_open(demo_session: Session) -> None:
    path = demo_session.path
    demo_session.close()
    damage(path)
    with pytest.raises(DamagedFileError, match="damaged") as caught:
        open_session(str(path))
    assert caught.value.path == path
    assert isinstance(caught.value, NotAPipelineError)


def test_damaged_file_comes_back_from_latest_good_backup(demo_session: Session,
                                                         tmp_path: Path) -> None:
    path = demo_session.path
    folder = tmp_path / "b"
    backup.make_backup(demo_session.db, path, folder, "daily")
    demo_session.close()
    damage(path)
    with pytest.raises(DamagedFileError):
        open_session(str(path))
    good = backup.latest_good_backup(folder, path)
    assert good is not None
    backup.restore_file(good, path, damaged=True)
    aside = [p for p in path.parent.glob(f"{path.name}.damaged-*")
             if not p.name.endswith(("-wal", "-shm"))]  # SQLite's own files go along with it
    assert len(aside) == 1  # the damaged file is kept, never deleted
    reopened = open_session(str(path))
    try:
        assert reopened.repository.deal_count() == 60
    finally:
        reopened.close()


def test_file_from_newer_version_is_refused(session: Session) -> None:
    path = session.path
    session.close()
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    conn.close()
    before = path.read_bytes()
    with pytest.raises(NotAPipelineError, match="newer Pipeline Desktop"):
        open_session(str(path))
    assert path.read_bytes() == before


def test_read_only_file_gives_a_clear_message(demo_session: Session) -> None:
    path = demo_session.path
    demo_session.close()
    path.chmod(0o444)
    try:
        with pytest.raises(ReadOnlyFileError, match="read-only"):
            open_session(str(path))
        viewer = open_session(str(path), read_only=True)  # it can still be looked at
        try:
            assert viewer.repository.deal_count() == 60
            with pytest.raises(Exception) as caught:
                viewer.repository.apply(DeleteDeal(1))
            cause = caught.value.__cause__ or caught.value  # the driver's own error
            assert "read-only" in (describe_storage_error(cause) or "")
        finally:
            viewer.close()
    finally:
        path.chmod(0o644)


def test_full_disk_gives_a_clear_message(demo_session: Session) -> None:
    """SQLite reports a full disk as SQLITE_FULL; `max_page_count` produces exactly that."""
    db = demo_session.db
    pages = db.execute_sql("PRAGMA page_count").fetchone()[0]
    db.execute_sql(f"PRAGMA max_page_count = {pages}")
    big = "x" * 200_000
    with pytest.raises(Exception) as caught, db.atomic():
        db.execute_sql("UPDATE deal SET notes = ?", (big,))
    error = storage_error(caught.value)
    assert isinstance(error, StorageError)
    assert str(error).startswith("The disk is full")
    assert demo_session.repository.deal_count() == 60  # nothing half-written


def test_full_disk_oserror_is_described() -> None:
    import errno

    assert describe_storage_error(OSError(errno.ENOSPC, "No space left")).startswith(
        "The disk is full")
    assert describe_storage_error(ValueError("bug")) is None


def test_names_with_uri_characters_open_read_only(tmp_path: Path) -> None:
    """'#', '?' and spaces in a file name must not cut the read-only URI short."""
    path = tmp_path / "Sales #1 ?final.pipeline"
    session = open_session(str(path))
    session.close()
    assert integrity_problems(path) == []
    viewer = open_session(str(path), read_only=True)
    try:
        assert viewer.repository.deal_count() == 0
    finally:
        viewer.close()


def test_a_damaged_file_is_named_in_one_line() -> None:
    """SQLite's integrity_check reports damage over several lines; the message stays one."""
    from pipeline_desktop.storage.integrity import DamagedFileError

    error = DamagedFileError(Path("shop.pipeline"), [
        "*** in database main ***\nPage 351: btreeInitPage() returns error code 11",
        "Page 352: never used"])
    assert "\n" not in str(error)
    assert str(error) == ("shop.pipeline is damaged and cannot be opened safely "
                          "(Page 351: btreeInitPage() returns error code 11).")
    assert len(error.problems) == 2
