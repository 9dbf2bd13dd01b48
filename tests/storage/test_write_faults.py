"""Faults during a write: a full disk, a read-only folder, a drive that goes away. Each is told
in one sentence naming the cause (exit 1 on the command line, a message in the window),
nothing is half-written and the pipeline stays whole.

SQLite's full-disk error is forced with `PRAGMA max_page_count`; the real ones come from a
small tmpfs, a read-only bind mount and an ext4 image shut down as a pulled USB stick would
be (root only: each skips with the reason elsewhere)."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import struct
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from sample_files import sample_file

from pipeline_desktop.cli import main
from pipeline_desktop.domain import commands as cmd
from pipeline_desktop.session import Session, open_session
from pipeline_desktop.storage import database
from pipeline_desktop.storage.integrity import WriteFault, integrity_problems, write_fault

FULL_IMPORT = "error: The disk is full: nothing was imported.\n"


def deals_in(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("SELECT COUNT(*) FROM deal").fetchone()[0]
    finally:
        conn.close()


def page_count(path: Path) -> int:
    conn = sqlite3.connect(path)
    try:
        return conn.execute("PRAGMA page_count").fetchone()[0]
    finally:
        conn.close()


def big_sheet(path: Path, rows: int = 2_000) -> Path:
    lines = ["Title,Value,Stage,Notes"]
    lines += [f"Deal {i},{1000 + i},Qualified,{'call notes ' * 60}" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n")
    return path


# ---- SQLite's own full-disk error ----------------------------------------------------------

def test_a_full_disk_during_an_import_is_one_line_and_exit_1(tmp_path: Path, capsys,
                                                              monkeypatch) -> None:
    path = sample_file(tmp_path / "shop.pipeline", deals=20)
    sheet = big_sheet(tmp_path / "crm.csv")
    # every connection the command opens may grow the file by a few pages only
    monkeypatch.setitem(database.SQLITE_PRAGMAS, "max_page_count", page_count(path) + 8)
    capsys.readouterr()
    assert main(["import", str(sheet), "--db", str(path)]) == 1
    out, err = capsys.readouterr()
    assert err == FULL_IMPORT
    assert "Traceback" not in out + err and "rollback" not in out + err
    assert integrity_problems(path) == [] and deals_in(path) == 20


def test_a_full_disk_during_an_edit_keeps_the_pipeline(demo_session: Session) -> None:
    db, repo = demo_session.db, demo_session.repository
    before = repo.deal(1)
    db.execute_sql(f"PRAGMA max_page_count = {db.execute_sql('PRAGMA page_count').fetchone()[0]}")
    notes = "a long note" * 800  # 8,800 characters: new pages
    with pytest.raises(WriteFault) as caught:
        repo.apply(cmd.Batch((cmd.EditDeal(1, {"title": "Renamed"}),
                              cmd.EditDeal(2, {"notes": notes}))))
    assert str(caught.value) == "The disk is full: the last change was not saved."
    assert "disk is full" in str(caught.value.__cause__)  # the first error, not the rollback's
    assert repo.deal(1) == before  # nothing half-written
    db.execute_sql("PRAGMA max_page_count = 1073741823")  # space freed: the same edit saves
    repo.apply(cmd.EditDeal(2, {"notes": notes}))
    assert repo.deal(2)["notes"] == notes


def test_the_window_shows_a_full_disk_as_a_message(window, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    from pipeline_desktop.ui.models.deal_table import COLUMNS

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    tab = window.deals_tab
    db = window.session.db
    db.execute_sql(f"PRAGMA max_page_count = {db.execute_sql('PRAGMA page_count').fetchone()[0]}")
    column = [c.key for c in COLUMNS].index("title")
    before = tab.model.row(0).title
    assert not tab.model.setData(tab.model.index(0, column), "A very long title " * 500)
    assert shown == ["The disk is full: the last change was not saved."]
    assert tab.model.row(0).title == before
    assert window.controller.undo_stack.count() == 0


def test_the_first_error_is_told_not_the_failed_rollback() -> None:
    try:
        try:
            raise sqlite3.OperationalError("database or disk is full")
        except sqlite3.OperationalError:
            raise sqlite3.OperationalError("cannot rollback - no transaction is active")  # noqa: B904
    except sqlite3.OperationalError as error:
        fault = write_fault(error, "nothing was imported")
    assert str(fault) == "The disk is full: nothing was imported."


def test_a_vanished_file_is_named() -> None:
    fault = write_fault(sqlite3.OperationalError("disk I/O error"),
                        path=Path("/media/stick/Sales.pipeline"))
    assert str(fault) == ("The pipeline file is no longer at /media/stick/Sales.pipeline "
                          "(was its drive removed?): the last change was not saved.")


def test_the_file_behind_a_writer_or_a_viewer_is_known(tmp_path: Path) -> None:
    from pipeline_desktop.storage.transaction import database_file

    path = sample_file(tmp_path / "a b#1.pipeline", deals=1)
    for read_only in (False, True):
        session = open_session(str(path), read_only=read_only)
        try:
            assert database_file(session.db) == path
        finally:
            session.close()


# ---- real file systems (root) --------------------------------------------------------------

def _mount(*args: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a small file system needs root")
    done = subprocess.run(["mount", *args], capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"cannot mount here: {done.stderr.strip() or done.returncode}")


@contextlib.contextmanager
def mounted(*args: str, at: Path) -> Iterator[Path]:
    at.mkdir(parents=True, exist_ok=True)
    _mount(*args, str(at))
    try:
        yield at
    finally:
        subprocess.run(["umount", "-l", str(at)], check=False)


def test_an_import_that_does_not_fit_a_real_small_disk(tmp_path: Path, capsys) -> None:
    """On a 1 MB tmpfs the write-ahead log fills the disk at COMMIT: SQLite rolls back by
    itself, and the user still hears the cause, not peewee's failed rollback."""
    sheet = big_sheet(tmp_path / "crm.csv", rows=3_000)
    with mounted("-t", "tmpfs", "-o", "size=1m", "tmpfs", at=tmp_path / "stick") as stick:
        path = sample_file(stick / "shop.pipeline", deals=30)
        capsys.readouterr()
        assert main(["import", str(sheet), "--db", str(path)]) == 1
        out, err = capsys.readouterr()
        assert err == FULL_IMPORT, out + err
        assert integrity_problems(path) == [] and deals_in(path) == 30
        again = open_session(str(path))  # and it opens and saves as before
        try:
            again.repository.apply(cmd.CreateDeal({"title": "Small one"}))
        finally:
            again.close()
        assert deals_in(path) == 31


def test_the_window_says_an_import_did_not_fit(qtbot, tmp_path: Path, monkeypatch) -> None:
    """File › Import… on a pipeline kept on a small disk: one message, nothing imported."""
    from PySide6.QtWidgets import QMessageBox

    from pipeline_desktop.ui import excel_actions
    from pipeline_desktop.ui.settings import AppSettings
    from pipeline_desktop.ui.shell import build_window

    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    monkeypatch.setattr(excel_actions, "ask_wizard", lambda _w, _c, preview: (preview, False))
    sheet = big_sheet(tmp_path / "crm.csv", rows=3_000)
    with mounted("-t", "tmpfs", "-o", "size=1m", "tmpfs", at=tmp_path / "stick") as stick:
        path = sample_file(stick / "shop.pipeline", deals=30)
        window = build_window(open_session(str(path)), AppSettings())
        qtbot.addWidget(window)
        window.show()
        try:
            window.run_guarded(lambda: excel_actions.import_workbook(
                window, window.controller, window.settings, sheet))
            assert shown == ["The disk is full: nothing was imported."]
            assert window.controller.undo_stack.count() == 0
            assert window.controller.repository.deal_count() == 30
        finally:
            window.session.close()
        assert integrity_problems(path) == [] and deals_in(path) == 30


def test_a_pipeline_in_a_read_only_folder(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    sample_file(folder / "shop.pipeline", deals=5)
    sheet = big_sheet(tmp_path / "crm.csv", rows=3)
    with mounted("--bind", "-o", "ro", str(folder), at=tmp_path / "read-only") as view:
        capsys.readouterr()
        assert main(["import", str(sheet), "--db", str(view / "shop.pipeline")]) == 1
        _out, err = capsys.readouterr()
        assert err.count("\n") == 1 and "read-only" in err
    assert deals_in(folder / "shop.pipeline") == 5


EXT4_IOC_SHUTDOWN = 0x8004587D  # _IOR('X', 125, __u32): the drive is gone, all I/O fails
NO_LOG_FLUSH = 2


def test_a_drive_pulled_out_mid_session(tmp_path: Path) -> None:
    image = tmp_path / "stick.img"
    with image.open("wb") as handle:
        handle.truncate(8 * 1024 * 1024)
    made = subprocess.run(["mkfs.ext4", "-q", "-F", str(image)], capture_output=True)
    if made.returncode != 0:
        pytest.skip("mkfs.ext4 is not available")
    stick = tmp_path / "stick"
    with mounted("-o", "loop", str(image), at=stick):
        sample_file(stick / "shop.pipeline", deals=5)
        os.sync()
        session = open_session(str(stick / "shop.pipeline"))
        session.repository.apply(cmd.CreateDeal({"title": "Saved, not yet synced"}))
        import fcntl  # Linux only, as is the ioctl

        handle = os.open(stick, os.O_RDONLY)
        try:
            fcntl.ioctl(handle, EXT4_IOC_SHUTDOWN, struct.pack("I", NO_LOG_FLUSH))
        except OSError as error:
            pytest.skip(f"cannot simulate a pulled drive here: {error}")
        finally:
            os.close(handle)
        with pytest.raises(WriteFault, match=r"^The disk holding the pipeline could not be "
                                             r"written .*removed\?\): the last change was not "
                                             r"saved\.$"):
            session.repository.apply(cmd.CreateDeal({"title": "Lost"}))
        with contextlib.suppress(Exception):
            session.close()
    with mounted("-o", "loop", str(image), at=stick):  # plugged in again
        assert integrity_problems(stick / "shop.pipeline") == []
        # WAL with synchronous=NORMAL: the last commit may be lost with the drive, never half
        assert deals_in(stick / "shop.pipeline") in (5, 6)
