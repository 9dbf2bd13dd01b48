"""One writer at a time: a second window or process gets "in use" (or a read-only view), and a
crashed writer never leaves a lock behind."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from safety_helpers import sqlite_session

from pipeline_desktop.session import Session, open_session
from pipeline_desktop.storage.lock import FileInUseError, holder_of, lock_path

HOLD = """
import sys, time
from pipeline_desktop.session import open_session
session = open_session(sys.argv[1])
print("open", flush=True)
time.sleep(60)
"""


@pytest.fixture
def session(pipeline_path: Path) -> Iterator[Session]:
    """Always a SQLite file (see safety_helpers.sqlite_session)."""
    yield from sqlite_session(pipeline_path)


def test_second_session_in_same_process_is_refused(session: Session) -> None:
    with pytest.raises(FileInUseError, match="already open") as caught:
        open_session(str(session.path))
    assert f"process {os.getpid()}" in caught.value.holder


def test_second_session_may_view_read_only(demo_session: Session) -> None:
    viewer = open_session(str(demo_session.path), read_only=True)
    try:
        assert viewer.read_only and viewer.lock is None
        assert viewer.repository.deal_count() == 60
    finally:
        viewer.close()
    assert holder_of(demo_session.path) is not None  # the writer still holds it


def test_closing_frees_the_file(session: Session) -> None:
    path = session.path
    session.close()
    assert holder_of(path) is None
    assert not lock_path(path).exists()
    again = open_session(str(path))
    again.close()


def hold_in_child(path: Path) -> subprocess.Popen[str]:
    child = subprocess.Popen([sys.executable, "-c", HOLD, str(path)], stdout=subprocess.PIPE,
                             text=True)
    assert child.stdout is not None and child.stdout.readline().strip() == "open"
    return child


def stop(child: subprocess.Popen[str]) -> None:
    child.kill()
    child.wait()
    assert child.stdout is not None
    child.stdout.close()


def test_other_process_holding_the_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "shared.pipeline"
    child = hold_in_child(path)
    try:
        with pytest.raises(FileInUseError) as caught:
            open_session(str(path))
        assert f"process {child.pid}" in str(caught.value)
    finally:
        stop(child)


def test_killed_writer_leaves_no_stale_lock(tmp_path: Path) -> None:
    path = tmp_path / "crash.pipeline"
    child = hold_in_child(path)
    os.kill(child.pid, signal.SIGKILL)
    stop(child)
    assert lock_path(path).exists()  # the file stays behind, but the OS lock died with it
    reopened = open_session(str(path))
    reopened.close()


def test_command_line_on_a_file_in_use_says_so(session: Session) -> None:
    from pipeline_desktop.cli import main

    assert main(["demo", "--db", str(session.path), "--deals", "5"]) == 1


def test_a_lock_file_we_cannot_write_still_locks(session: Session) -> None:
    """Another user's lock file left behind by a crash (here: made immutable, which refuses
    writing even to root) neither blocks opening nor lets two writers in."""
    path = session.path
    session.close()
    leftover = lock_path(path)
    leftover.write_text("process 1 of someone on elsewhere")
    if subprocess.run(["chattr", "+i", str(leftover)], capture_output=True).returncode != 0:
        pytest.skip("chattr +i is not available here")
    try:
        first = open_session(str(path))
        try:
            with pytest.raises(FileInUseError):
                open_session(str(path))
        finally:
            first.close()
        open_session(str(path)).close()
    finally:
        subprocess.run(["chattr", "-i", str(leftover)], check=True)
