"""One write transaction whose environmental failures come out as one sentence.

`db.atomic()` alone hides the cause of a full disk: SQLite rolls the transaction back itself
when COMMIT fails, peewee's `atomic()` then tries ROLLBACK and raises "cannot rollback - no
transaction is active". Here the first error is kept and told (`integrity.write_fault`), and
nothing of the transaction is stored either way."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from pipeline_desktop.storage.integrity import NOT_SAVED, write_fault


@contextmanager
def write_transaction(db: Any, outcome: str = NOT_SAVED) -> Iterator[None]:
    """`db.atomic()`; a write the environment refused (full disk, read-only folder, the file
    gone) raises WriteFault naming its cause and `outcome` ("nothing was imported")."""
    first: BaseException | None = None
    try:
        with db.atomic():
            try:
                yield
            except BaseException as error:
                first = error  # what the rollback may hide
                raise
    except BaseException as error:
        origin = first if first is not None else error
        fault = write_fault(origin, outcome, database_file(db))
        if fault is not None and fault is not origin:
            raise fault from fault.__cause__
        if origin is error:
            raise
        raise origin from None  # the body's own error, not the failed rollback after it


def database_file(db: Any) -> Path | None:
    """The file a SQLite database writes (None for a server or an in-memory database)."""
    name = getattr(db, "database", None)
    if not isinstance(name, str) or name in ("", ":memory:"):
        return None
    if name.startswith("file:"):  # a viewer's read-only URI (file:///C:/… on Windows)
        return Path(url2pathname(urlsplit(name).path))
    return None if "://" in name else Path(name)
