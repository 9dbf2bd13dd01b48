"""Backups: made with VACUUM INTO, daily on open, before import, the newest 10 kept, restorable."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import pytest
from safety_helpers import deal_count, sqlite_session

from pipeline_desktop.domain.commands import DeleteDeal
from pipeline_desktop.errors import StorageError
from pipeline_desktop.session import Session, open_session
from pipeline_desktop.storage import backup
from pipeline_desktop.storage.integrity import integrity_problems


@pytest.fixture
def session(pipeline_path: Path) -> Iterator[Session]:
    """Always a SQLite file (see safety_helpers.sqlite_session)."""
    yield from sqlite_session(pipeline_path)


def test_backup_is_a_complete_healthy_copy(demo_session: Session, tmp_path: Path) -> None:
    path = demo_session.path
    assert path is not None
    made = backup.make_backup(demo_session.db, path, tmp_path / "b", "manual")
    assert made is not None and made.parent == tmp_path / "b"
    assert integrity_problems(made) == []
    assert deal_count(made) == 60
    assert not list((tmp_path / "b").glob(".*partial"))


def test_keeps_the_newest_ten(session: Session, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    made = [backup.make_backup(session.db, session.path, folder, f"r{i}") for i in range(13)]
    kept = backup.backups_of(folder, session.path)
    assert len(kept) == backup.KEEP
    assert kept == list(reversed(made[3:]))  # newest first, the three oldest pruned


def test_backups_of_one_pipeline_ignore_similar_names(session: Session, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    a, a_b = tmp_path / "a.pipeline", tmp_path / "a-b.pipeline"
    backup.make_backup(session.db, a, folder, "x")
    backup.make_backup(session.db, a_b, folder, "x")
    assert len(backup.backups_of(folder, a)) == 1
    assert len(backup.backups_of(folder, a_b)) == 1
    (folder / f"{backup.backup_key(a)}-junk.pipeline").write_text("not a backup")
    assert len(backup.backups_of(folder, a)) == 1


def test_same_name_in_two_folders_keeps_separate_backups(session: Session,
                                                          tmp_path: Path) -> None:
    folder = tmp_path / "b"
    home, office = tmp_path / "home" / "Sales.pipeline", tmp_path / "office" / "Sales.pipeline"
    for _ in range(backup.KEEP):
        backup.make_backup(session.db, home, folder, "daily")
    backup.make_backup(session.db, office, folder, "daily")
    assert len(backup.backups_of(folder, home)) == backup.KEEP  # not pruned by the other
    assert len(backup.backups_of(folder, office)) == 1
    assert backup.backup_key(home).startswith("Sales~")


def test_daily_backup_once_per_day(session: Session, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    first = backup.daily_backup(session.db, session.path, folder)
    assert first is not None and backup.describe(first).reason == backup.DAILY
    assert backup.daily_backup(session.db, session.path, folder) is None
    tomorrow = date.today() + timedelta(days=1)
    assert backup.daily_backup(session.db, session.path, folder, today=tomorrow) is not None


def test_restore_brings_back_the_old_state(demo_session: Session, tmp_path: Path) -> None:
    path = demo_session.path
    folder = tmp_path / "b"
    saved = backup.make_backup(demo_session.db, path, folder, "manual")
    demo_session.repository.apply(DeleteDeal(1))
    assert demo_session.repository.deal_count() == 59
    demo_session.close()
    backup.restore_file(saved, path)
    assert not path.with_name(path.name + "-wal").exists()
    reopened = open_session(str(path))
    try:
        assert reopened.repository.deal_count() == 60
    finally:
        reopened.close()


def test_restore_refuses_a_damaged_backup(session: Session, tmp_path: Path) -> None:
    path = session.path
    bad = tmp_path / "b" / f"{backup.backup_key(path)}-20260101-000000-000000-manual.pipeline"
    bad.parent.mkdir()
    bad.write_bytes(b"SQLite format 3\x00" + b"\x00" * 200)
    session.close()
    before = path.read_bytes()
    with pytest.raises(StorageError, match="damaged"):
        backup.restore_file(bad, path)
    assert path.read_bytes() == before


def test_latest_good_backup_skips_damaged_ones(session: Session, tmp_path: Path) -> None:
    folder = tmp_path / "b"
    good = backup.make_backup(session.db, session.path, folder, "manual")
    newer = folder / f"{backup.backup_key(session.path)}-29990101-000000-000000-manual.pipeline"
    newer.write_bytes(b"garbage")
    assert backup.backups_of(folder, session.path)[0] == newer
    assert backup.latest_good_backup(folder, session.path) == good


def test_backup_into_an_unwritable_place_is_a_clear_error(session: Session,
                                                          tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(StorageError, match="backups folder"):
        backup.make_backup(session.db, session.path, blocker / "b", "manual")


def test_import_backs_up_first(tmp_path: Path) -> None:
    """The state before an import is kept as a backup (whatever the import then does)."""
    from pipeline_desktop import paths
    from pipeline_desktop.cli import main

    path = tmp_path / "shop.pipeline"
    assert main(["demo", "--db", str(path), "--deals", "5"]) == 0
    sheet = tmp_path / "deals.csv"
    sheet.write_text("Title,Value,Stage\nBig boat,1000,Qualified\nSmall boat,200,Lead\n")
    assert main(["import", str(sheet), "--db", str(path)]) == 0
    made = backup.list_backups(paths.backups_dir(), path)
    assert [info.reason for info in made] == ["before-import"]
    assert deal_count(made[0].path) == 5
    assert deal_count(path) == 7


def test_backup_speed_at_scale_is_recorded(session: Session, tmp_path: Path) -> None:
    """A backup copies pages, not rows: 10k deals take well under a second here (100k: ~0.35 s)."""
    import time

    from pipeline_desktop.services.demo import generate

    generate(session.db, session.repository.stages(), deals=10_000, seed=1)
    started = time.perf_counter()
    made = backup.make_backup(session.db, session.path, tmp_path / "b", "manual")
    assert time.perf_counter() - started < 2.0
    assert deal_count(made) == 10_000


def test_restore_refuses_a_database_that_is_not_a_pipeline(session: Session,
                                                           tmp_path: Path) -> None:
    import sqlite3

    from pipeline_desktop.errors import NotAPipelineError

    other = tmp_path / "other.sqlite"
    conn = sqlite3.connect(other)
    conn.execute("CREATE TABLE t (x)")
    conn.close()
    path = session.path
    session.close()
    before = path.read_bytes()
    with pytest.raises(NotAPipelineError):
        backup.restore_file(other, path)
    assert path.read_bytes() == before
