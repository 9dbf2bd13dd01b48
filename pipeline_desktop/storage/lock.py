"""One writer at a time: an exclusive lock on `.<name>.lock` beside the pipeline file.

The lock is an OS file lock (flock on Linux/macOS, msvcrt on Windows), so it vanishes with the
process that held it, even after a crash or SIGKILL: no stale lock ever blocks the next start.
It is taken per open file handle, so a second window in the same process is refused too. The
file also records who holds it, for the "in use" message."""

from __future__ import annotations

import contextlib
import getpass
import importlib
import os
import socket
import sys
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from pipeline_desktop.errors import StorageError

Locking = tuple[Callable[[IO[str]], None], Callable[[IO[str]], None]]  # (lock, unlock)


class FileInUseError(StorageError):
    """Another window or process has the pipeline open for writing."""

    def __init__(self, path: Path, holder: str) -> None:
        who = f" ({holder})" if holder else ""
        super().__init__(
            f"{path.name} is already open in another Pipeline Desktop window or program{who}. "
            f"Close it there, or open it read-only."
        )
        self.path = path
        self.holder = holder


def lock_path(path: Path) -> Path:
    return path.with_name(f".{path.name}.lock")


class WriterLock:
    """Held while a pipeline is open for writing; `release()` (or closing the session) frees it."""

    def __init__(self, path: Path, handle: IO[str], locking: Locking | None = None) -> None:
        self.path = path
        self._handle: IO[str] | None = handle
        self._locking = locking or _OS_LOCKING

    @classmethod
    def acquire(cls, pipeline: Path, locking: Locking | None = None) -> WriterLock:
        """Take the lock or raise FileInUseError; OSError when the folder cannot be written.
        `locking`: the system's (lock, unlock) pair (`os_locking`); this system's by default."""
        lock, unlock = locking or _OS_LOCKING
        path = lock_path(pipeline)
        while True:
            handle = _open(path)
            try:
                lock(handle)
            except OSError:
                holder = _read_holder(handle)
                handle.close()
                raise FileInUseError(pipeline, holder) from None
            if _same_file(handle, path):
                break
            # The previous holder deleted this lock file as we took it: lock the new one.
            unlock(handle)
            handle.close()
        with contextlib.suppress(OSError):  # who holds it, for the "in use" message
            handle.seek(0)
            handle.truncate()
            handle.write(_who())
            handle.flush()
        return cls(path, handle, (lock, unlock))

    @property
    def held(self) -> bool:
        return self._handle is not None

    def release(self) -> None:
        if self._handle is None:
            return
        handle, self._handle = self._handle, None
        with contextlib.suppress(OSError):
            handle.seek(0)
            handle.truncate()
        # Remove the file while still holding the lock, so nobody else's fresh lock is deleted.
        with contextlib.suppress(OSError):
            self.path.unlink()
        with contextlib.suppress(OSError):
            self._locking[1](handle)
        handle.close()

    def __del__(self) -> None:  # a forgotten lock must not outlive its owner object
        self.release()


def holder_of(pipeline: Path, locking: Locking | None = None) -> str | None:
    """Who holds the lock now, or None when the file is free."""
    try:
        lock = WriterLock.acquire(pipeline, locking)
    except FileInUseError as error:
        return error.holder or "unknown"
    except OSError:
        return None
    lock.release()
    return None


def _open(path: Path) -> IO[str]:
    try:
        return open(path, "a+", encoding="utf-8")
    except PermissionError:
        if not path.exists():
            raise
        # Another user's lock file left by a crash: locking it read-only works just as well.
        return open(path, encoding="utf-8")


def _read_holder(handle: IO[str]) -> str:
    try:
        handle.seek(0)
        return handle.read(200).strip()
    except OSError:  # Windows refuses to read a locked region
        return ""


def _same_file(handle: IO[str], path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(handle.fileno()), os.stat(path))
    except OSError:
        return False


def _who() -> str:
    try:
        user = getpass.getuser()
    except (KeyError, OSError):
        user = "?"
    return f"process {os.getpid()} of {user} on {socket.gethostname()}"


def os_locking(platform: str = sys.platform, msvcrt: Any = None) -> Locking:
    """The (lock, unlock) pair for `platform`: msvcrt's byte-range lock on Windows, flock
    elsewhere (Linux, macOS). Either raises OSError when another handle holds the lock.
    `msvcrt` stands in for Windows' module (tests simulate it on Linux)."""
    if platform == "win32":
        module = msvcrt if msvcrt is not None else importlib.import_module("msvcrt")

        def lock(handle: IO[str]) -> None:
            handle.seek(0)  # msvcrt locks bytes from the current position: the first one
            module.locking(handle.fileno(), module.LK_NBLCK, 1)

        def unlock(handle: IO[str]) -> None:
            handle.seek(0)
            module.locking(handle.fileno(), module.LK_UNLCK, 1)

        return lock, unlock
    import fcntl  # Unix only: Windows has no fcntl

    def flock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    def unflock(handle: IO[str]) -> None:
        fcntl.flock(handle.fileno(), fcntl.LOCK_UN)

    return flock, unflock


_OS_LOCKING = os_locking()
