"""A SQLite database that knows every thread's connection to it.

peewee gives each thread its own connection. Closing a pipeline must end all of them: SQLite
writes the WAL back into the file and deletes `-wal` and `-shm` only when the last connection to
the file closes, and a loading or checking thread may still be reading when the window closes."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time

import peewee as pw

CLOSE_WAIT_S = 0.4  # the whole close must stay under 0.5 s at 100,000 deals


class TrackedSqliteDatabase(pw.SqliteDatabase):
    def __init__(self, *args: object, **kwargs: object) -> None:
        kwargs.setdefault("check_same_thread", False)  # closed from the closing thread
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._tracked: set[sqlite3.Connection] = set()
        self._tracked_lock = threading.Lock()

    def _connect(self) -> sqlite3.Connection:
        conn = super()._connect()
        self.track(conn)
        return conn

    def _close(self, conn: sqlite3.Connection) -> None:
        self.untrack(conn)
        super()._close(conn)

    def track(self, conn: sqlite3.Connection) -> None:
        """Also for connections opened beside peewee (the background integrity check)."""
        with self._tracked_lock:
            self._tracked.add(conn)

    def untrack(self, conn: sqlite3.Connection) -> None:
        with self._tracked_lock:
            self._tracked.discard(conn)

    def stop_other_threads(self, timeout: float = CLOSE_WAIT_S) -> bool:
        """Interrupt what other threads are reading (their query fails with "interrupted") and
        wait for them to close their connections, as each does when its work ends. True when
        they all did in time. (Closing another thread's connection under it crashes Python.)"""
        own = None if self.is_closed() else self.connection()
        deadline = time.monotonic() + timeout
        while True:
            with self._tracked_lock:
                others = [conn for conn in self._tracked if conn is not own]
            if not others:
                return True
            if time.monotonic() > deadline:
                return False
            for conn in others:
                with contextlib.suppress(sqlite3.Error):
                    conn.interrupt()
            time.sleep(0.01)
