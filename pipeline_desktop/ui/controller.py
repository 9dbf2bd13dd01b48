"""Carries edits from the views to storage and tells every view what changed.

Views turn gestures into domain commands and call `execute`; the controller applies the command
(one transaction), puts the (command, inverse) pair on the QUndoStack, and emits `changed` with a
`Changes` value. Every tab refreshes from that one signal."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from pipeline_desktop.errors import PipelineError

if TYPE_CHECKING:  # annotations only; none is needed for the first paint:
    from pipeline_desktop.domain.commands import Applied, Changes  # commands and model, ~7 ms
    from pipeline_desktop.session import Session  # the session and peewee, ~160 ms
    from pipeline_desktop.storage.repository import Repository  # peewee, ~30 ms


LONG_STEP_ROWS = 2_000  # an undo/redo step touching this many rows runs in a worker
LongRunner = Callable[[str, Callable[[Callable[[int, int], bool]], Any]], Any]


class _UndoAdapter(QUndoCommand):
    """Holds a command that was already applied once, and its inverse."""

    def __init__(self, controller: PipelineController, applied: Applied, label: str) -> None:
        super().__init__(label)
        self._controller = controller
        self._applied = applied
        self._first_redo = True

    def redo(self) -> None:
        if self._first_redo:  # `execute` applied it already, before pushing
            self._first_redo = False
            return
        # After an undo, `_applied` is the undo step's result: its inverse redoes the edit.
        self._step()

    def undo(self) -> None:
        self._step()

    def _step(self) -> None:
        try:
            self._applied = self._controller.apply_quietly(self._applied.inverse)
        except PipelineError:
            # Refused (e.g. someone else changed the deal since, in team mode): `failed` has
            # told the user; the step leaves the stack instead of raising into Qt.
            self.setObsolete(True)


class PipelineController(QObject):
    """At start-up the window is painted before its session opens (`opener` opens it just
    after the first paint, see ui/boot.py); `session` opens it at once if asked sooner."""

    changed = Signal(object)  # Changes
    failed = Signal(str)  # a message for the user (undo/redo could not be applied)
    show_deals = Signal(object)  # a filter request from another tab: {"stage_id": 3} or ids
    opened = Signal()  # the session is here (only for a controller made without one)

    def __init__(self, session: Session | None, parent: QObject | None = None, *,
                 url: str = "") -> None:
        super().__init__(parent)
        self._session = session
        self.url = session.url if session is not None else url
        self.opener: Callable[[], None] | None = None  # calls `attach`, or fails and says why
        self.undo_stack = QUndoStack(self)
        # (plain execute, command) → Applied: wraps every edit, e.g. TeamExecutor
        self.execute_hook: Callable[[Callable[[object], Applied], object], Applied] | None = None
        # Runs a long undo or redo step in a worker while the window keeps painting (the
        # window provides it: a progress dialog needs a parent).
        self.run_long: LongRunner | None = None

    @property
    def is_open(self) -> bool:
        return self._session is not None

    @property
    def session(self) -> Session:
        if not self.ensure_open():
            raise PipelineError(self.tr("The pipeline could not be opened."))
        assert self._session is not None
        return self._session

    @property
    def repository(self) -> Repository:
        return self.session.repository

    def ensure_open(self) -> bool:
        """Open the session now if it is still to come; False when opening failed."""
        if self._session is None and self.opener is not None:
            opener, self.opener = self.opener, None
            opener()
        return self._session is not None

    def close_session(self) -> None:
        """The window is going: its pipeline is written back into its file and let go."""
        if self._session is not None:
            self._session.close()

    def attach(self, session: Session) -> None:
        self._session = session
        self.url = session.url
        self.opened.emit()

    def execute(self, command: object) -> Applied:
        """Apply a command and make it undoable. Raises PipelineError (nothing stored).
        Team mode puts a hook around this (conflicts, retries while the server is away)."""
        if self.execute_hook is not None:
            return self.execute_hook(self.execute_unhooked, command)
        return self.execute_unhooked(command)

    def execute_unhooked(self, command: object) -> Applied:
        """`execute` without the hook: what the hook itself (or a retry) calls."""
        if self.session.checking:  # SQLite would refuse it too (query_only), less clearly
            raise PipelineError(self.tr(
                "The pipeline file is still being checked, so nothing was changed. Try again "
                "in a moment."))
        applied = self.repository.apply(command)
        self.push_applied(applied, getattr(command, "label", "Edit"), notify=False)
        self.changed.emit(applied.changes)
        return applied

    def push_applied(self, applied: Applied, label: str, *, notify: bool = True) -> None:
        """Make undoable a command a worker thread already applied (a long import)."""
        self.undo_stack.push(_UndoAdapter(self, applied, label))
        if notify:
            self.changed.emit(applied.changes)

    def apply_quietly(self, command: object) -> Applied:
        """Apply an undo or redo step; report a failure instead of raising into Qt."""
        try:
            applied = self._apply_step(command)
        except PipelineError as error:
            self.failed.emit(str(error))
            raise
        self.changed.emit(applied.changes)
        return applied

    def _apply_step(self, command: object) -> Applied:
        """A step as large as an import (e.g. taking 100,000 deals out again) runs off the GUI
        thread, in one transaction as always."""
        repository = self.repository
        if self.run_long is None or getattr(command, "size", 0) < LONG_STEP_ROWS:
            return repository.apply(command)

        def step(progress: Callable[[int, int], bool]) -> Applied:
            with_progress = (dataclasses.replace(command, progress=progress)  # type: ignore[type-var]
                             if hasattr(command, "progress") else command)
            return repository.apply(with_progress)

        return self.run_long(self.tr("Undoing or redoing %s…") % getattr(command, "label", ""),
                             step)

    def notify(self, changes: Changes | None = None) -> None:
        """Something changed outside the undo stack (settings, stages, a reload); by default,
        everything."""
        if changes is None:
            from pipeline_desktop.domain.commands import EVERYTHING  # ~7 ms, not for the paint

            changes = EVERYTHING
        self.changed.emit(changes)
