"""The writer lock's system branches, each run on Linux: flock (Linux, macOS) directly, and
Windows' msvcrt by simulation: a stand-in with msvcrt's `locking` contract (a non-blocking
lock of the byte at the current position, OSError when another handle holds it)."""

from __future__ import annotations

import errno
import sys
from pathlib import Path

import pytest

from pipeline_desktop.storage.lock import FileInUseError, WriterLock, holder_of, os_locking

# On Windows itself the real msvcrt branch runs in test_lock.py; the simulation needs flock.
fcntl = pytest.importorskip("fcntl")


class SimulatedMsvcrt:
    """Windows' msvcrt.locking over flock: one lock per open handle, as on Windows."""

    LK_UNLCK, LK_NBLCK = 0, 2

    def __init__(self) -> None:
        self.calls: list[tuple[int, int]] = []

    def locking(self, fd: int, mode: int, nbytes: int) -> None:
        self.calls.append((mode, nbytes))
        if mode == self.LK_NBLCK:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                raise PermissionError(errno.EACCES, "Permission denied") from None  # as msvcrt
        elif mode == self.LK_UNLCK:
            fcntl.flock(fd, fcntl.LOCK_UN)
        else:
            raise ValueError(mode)


@pytest.mark.parametrize("platform", ["win32", "darwin", "linux"])
def test_one_writer_at_a_time_on_every_system(tmp_path: Path, platform: str) -> None:
    msvcrt = SimulatedMsvcrt() if platform == "win32" else None
    locking = os_locking(platform, msvcrt)
    pipeline = tmp_path / "Sales.pipeline"
    first = WriterLock.acquire(pipeline, locking)
    with pytest.raises(FileInUseError, match="already open"):
        WriterLock.acquire(pipeline, locking)  # a second window, even in this process
    assert holder_of(pipeline, locking) is not None
    first.release()
    assert holder_of(pipeline, locking) is None
    again = WriterLock.acquire(pipeline, locking)
    again.release()
    if msvcrt is not None:  # the first byte, locked and unlocked as Windows expects
        assert set(msvcrt.calls) == {(SimulatedMsvcrt.LK_NBLCK, 1), (SimulatedMsvcrt.LK_UNLCK, 1)}


def test_this_system_uses_its_own_branch() -> None:
    lock, _unlock = os_locking()
    assert lock.__name__ == ("lock" if sys.platform == "win32" else "flock")
