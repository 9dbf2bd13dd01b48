"""Team mode in the window: others' changes appear without restarting, a stale save asks whose
value to keep, a lost server keeps the edit for a retry, a read-only role disables editing.

`install(window)` is called for every window; it only acts on a team pipeline (a server URL)
or a read-only session. A QTimer polls a cheap fingerprint of the pipeline every few seconds;
when it moved, one query of (id, version) pairs says which deals others changed, and the
controller tells every tab through its usual `changed` signal."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from html import escape
from typing import Any, Protocol

import peewee as pw
from PySide6.QtCore import QCoreApplication, QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMainWindow, QMessageBox, QWidget

from pipeline_desktop.domain.commands import EVERYTHING, Applied, Changes
from pipeline_desktop.errors import PipelineError, StorageError
from pipeline_desktop.storage.concurrency import (
    DealConflict,
    ServerUnreachable,
    drop_broken_connection,
    field_label,
    show_value,
)
from pipeline_desktop.ui.controller import PipelineController

POLL_MS = 3_000
# Menu actions that change the pipeline: disabled for a read-only role or file.
EDITING_ACTIONS = ("new_deal", "edit_deal", "delete_deal", "log_activity", "import",
                   "restore_backup", "edit_stages", "edit_icp", "edit_lists", "edit_targets",
                   "edit_currencies", "undo", "redo")

_FINGERPRINT_SQL = """
SELECT (SELECT COUNT(*) FROM deal), (SELECT COALESCE(SUM(version), 0) FROM deal),
       (SELECT COUNT(*) FROM activity), (SELECT COALESCE(MAX(id), 0) FROM activity),
       (SELECT COUNT(*) FROM stage_change), (SELECT COALESCE(MAX(id), 0) FROM stage_change),
       (SELECT COUNT(*) FROM stage), (SELECT COALESCE(SUM(position * 1000 + probability), 0)
                                      FROM stage),
       (SELECT COUNT(*) FROM setting), (SELECT COALESCE(SUM(LENGTH(value)), 0) FROM setting),
       (SELECT COALESCE(MAX(CAST(value AS INTEGER)), 0) FROM setting
        WHERE key = 'exchange_rates_version')
"""


def read_fingerprint(db: pw.Database) -> tuple[int, ...]:
    """Moves whenever anyone adds, edits or deletes a deal, an activity, a stage, a setting
    or an exchange rate (every change of the rates bumps their version setting)."""
    return tuple(int(v) for v in db.execute_sql(_FINGERPRINT_SQL).fetchone())


def read_versions(db: pw.Database) -> dict[int, int]:
    return dict(db.execute_sql("SELECT id, version FROM deal").fetchall())


def changes_between(old: tuple[int, ...], new: tuple[int, ...], old_versions: dict[int, int],
                    new_versions: dict[int, int]) -> Changes:
    """What moved between two looks at the pipeline, as the tabs understand it."""
    if old[6:] != new[6:]:
        return EVERYTHING  # stages or pipeline settings: every tab redraws
    deals = {i for i, v in new_versions.items() if old_versions.get(i) != v}
    deals |= old_versions.keys() - new_versions.keys()
    return Changes(frozenset(deals), activities=old[2:6] != new[2:6])


@dataclass(frozen=True)
class Look:
    """One look at the server: the fingerprint, every deal's version when it moved since the
    last look, or what went wrong."""

    fingerprint: tuple[int, ...] | None = None
    versions: dict[int, int] | None = None
    error: str | None = None


def look(db: pw.Database, known: tuple[int, ...], lost: bool) -> Look:
    """Runs on any thread (with that thread's connection); never raises."""
    try:
        fingerprint = read_fingerprint(db)
        if fingerprint == known and not lost:
            return Look(fingerprint)
        return Look(fingerprint, read_versions(db))
    except (pw.OperationalError, pw.InterfaceError) as error:
        drop_broken_connection(db)
        return Look(error=str(error))
    except Exception as error:  # a look must always come back, or polling would stop
        return Look(error=str(error))


class TeamWatch(QObject):
    """Polls the pipeline for others' changes and keeps failed edits for a retry."""

    others_changed = Signal(object)  # Changes made by someone else
    _looked = Signal(object)  # (Look, deals to exclude, own other changes), from the thread
    connection_lost = Signal(str)
    connection_back = Signal()

    def __init__(self, controller: PipelineController, interval_ms: int = POLL_MS,
                 parent: QObject | None = None) -> None:
        super().__init__(parent or controller)
        self.controller = controller
        self.db = controller.session.db
        self.pending: list[object] = []  # edits typed while the server was away
        self.apply = controller.execute_unhooked  # a retry must not go round the hook again
        self.lost = False
        self._quiet = False
        self._own: set[int] = set()  # deals our own edits changed since the last look
        self._own_rest = Changes()  # and whether they touched stages/settings or activities
        self._fingerprint = read_fingerprint(self.db)
        self._versions = read_versions(self.db)
        controller.changed.connect(self._after_own_change)
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="team-poll")
        self._polling = False
        self._generation = 0
        self._looked.connect(self._polled, Qt.ConnectionType.QueuedConnection)
        self.timer.timeout.connect(self.poll)
        self.timer.start()

    def check(self) -> Changes | None:
        """Look once, on this thread, and tell the tabs what others changed (a conflict shows
        their change first). Returns it (None: nothing, or no server)."""
        self._generation += 1  # a look already under way would now be older than this one
        exclude, self._own = frozenset(self._own), set()
        own_rest, self._own_rest = self._own_rest, Changes()
        return self._take_in(look(self.db, self._fingerprint, self.lost), exclude, own_rest)

    def poll(self) -> None:
        """The timer's look, on the watch's own thread and connection: reading every deal's
        version when the pipeline moved takes ~90 ms at 100,000 deals."""
        if self._polling:
            return
        self._polling = True
        exclude, self._own = frozenset(self._own), set()
        own_rest, self._own_rest = self._own_rest, Changes()
        generation = self._generation
        future = self._pool.submit(look, self.db, self._fingerprint, self.lost)
        future.add_done_callback(
            lambda done: self._looked.emit((done.result(), exclude, own_rest, generation)))

    def _polled(self, result: tuple[Look, frozenset[int], Changes, int]) -> None:
        self._polling = False
        seen, exclude, own_rest, generation = result
        if generation != self._generation:  # `check` looked meanwhile: this look is stale
            self._own |= exclude
            self._own_rest = self._own_rest | own_rest
            return
        # Our own edits saved while the thread looked are in what it read, or in the next look.
        exclude |= self._own
        self._take_in(seen, exclude, own_rest | self._own_rest)

    def _take_in(self, seen: Look, exclude: frozenset[int], own_rest: Changes
                 ) -> Changes | None:
        if seen.error is not None:
            self.mark_lost(seen.error)
            return None
        if seen.versions is None:
            return None
        if self.lost:
            self.lost = False
            self.connection_back.emit()
            self.retry_pending()
        assert seen.fingerprint is not None
        changes = changes_between(self._fingerprint, seen.fingerprint, self._versions,
                                  seen.versions)
        self._fingerprint, self._versions = seen.fingerprint, seen.versions
        changes = dataclasses.replace(
            changes, deals=changes.deals - exclude,
            activities=changes.activities and not (own_rest.activities or own_rest.everything),
            everything=changes.everything and not (own_rest.everything or own_rest.stages))
        if changes == Changes():
            return None
        self._quiet = True
        try:
            self.controller.notify(changes)
        finally:
            self._quiet = False
        self.others_changed.emit(changes)
        return changes

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        """Stop polling when the window closes (its session is closed right after)."""
        if event.type() == QEvent.Type.Close:
            self.timer.stop()
            self._pool.submit(self.db.close)  # the watch thread's own connection
            self._pool.shutdown(wait=False)
        return False

    def mark_lost(self, detail: str) -> None:
        if not self.lost:
            self.lost = True
            self.connection_lost.emit(detail.strip().splitlines()[0] if detail.strip() else "")

    def _after_own_change(self, changes: Changes) -> None:
        """Our own edit moved the fingerprint: take it in soon (after the tabs have painted),
        and tell about anything else that changed meanwhile."""
        if not self._quiet:
            first = not self._own and self._own_rest == Changes()
            self._own |= changes.deals
            self._own_rest = self._own_rest | dataclasses.replace(changes, deals=frozenset())
            if first:
                QTimer.singleShot(0, self, self.poll)

    # ---- edits that could not reach the server ---------------------------------------------

    def hold(self, command: object) -> None:
        self.pending.append(command)

    def retry_pending(self) -> list[object]:
        """Apply held edits in order; those that still fail stay held. Returns what failed."""
        held, self.pending = self.pending, []
        for command in held:
            try:
                self.apply(command)
            except StorageError:
                self.pending.append(command)
            except PipelineError as error:  # a conflict or a deleted deal: tell, drop it
                self.controller.failed.emit(str(error))
        return list(self.pending)


class ConflictDialog:
    """Asks whose value to keep after a stale save (tests replace `ask`)."""

    @classmethod
    def ask(cls, parent: QWidget | None, error: DealConflict) -> bool:
        """True: save mine over theirs; False: keep theirs."""
        tr = parent.tr if parent is not None else (lambda text: text)
        rows = "".join(
            f"<tr><td><b>{_html(field_label(name))}</b></td>"
            f"<td>{_html(show_value(name, error.theirs.get(name)))}</td>"
            f"<td>{_html(show_value(name, value))}</td></tr>" for name, value in error.mine.items())
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(tr("Someone else changed this deal"))
        box.setText(tr("“%s” was changed by someone else after you opened it.") % error.title)
        box.setInformativeText(
            f"<table cellpadding='4'><tr><th></th><th>{tr('Now')}</th><th>{tr('Yours')}</th>"
            f"</tr>{rows}</table>")
        mine = box.addButton(tr("Save mine"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(tr("Keep theirs"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return box.clickedButton() is mine


def _html(value: Any) -> str:
    return escape("—" if value in (None, "") else str(value))


class TeamExecutor:
    """Wraps `controller.execute` for a team pipeline: a stale save asks whose value to keep;
    an edit the server did not take is held and retried when it answers again."""

    def __init__(self, parent: QWidget, controller: PipelineController, watch: TeamWatch
                 ) -> None:
        self.parent = parent
        self.watch = watch
        self.plain_execute: Callable[[object], Applied] = controller.execute_unhooked

    def __call__(self, plain_execute: Callable[[object], Applied], command: object) -> Applied:
        self.plain_execute = plain_execute
        try:
            return plain_execute(command)
        except DealConflict as error:
            return self._resolve(command, error)
        except ServerUnreachable as error:
            self.watch.hold(command)
            self.watch.mark_lost(str(error))  # the next poll retries when the server answers
            raise StorageError(f"{error} " + self.parent.tr(
                "It is kept and will be saved when the server answers again.")) from error

    def _resolve(self, command: object, error: DealConflict) -> Applied:
        self.watch.check()  # show their change in every tab first
        if ConflictDialog.ask(self.parent, error) and hasattr(command, "expected_version"):
            return self.plain_execute(
                dataclasses.replace(command, expected_version=error.current_version))
        raise PipelineError(self.parent.tr("Kept the change someone else made; yours was "
                                           "not saved."))


class TeamWindow(Protocol):
    """What `install` uses of the window it is given (the shell calls it for every window)."""

    controller: PipelineController
    actions_by_name: dict[str, QAction]


def install(window: TeamWindow) -> TeamWatch | None:
    """Team behaviour for this window: polling and retries for a server pipeline, editing
    actions disabled for a read-only one. Returns the watch (None for a file)."""
    assert isinstance(window, QMainWindow)
    watch = watch_team(window, window.controller, window.actions_by_name)
    if watch is not None:
        window.team_watch = watch  # type: ignore[attr-defined]
    return watch


def watch_team(window: QMainWindow, controller: PipelineController,
               actions: Mapping[str, QAction]) -> TeamWatch | None:
    session = controller.session
    if session.read_only:
        disable_editing(actions)
    if session.path is not None:
        return None
    watch = TeamWatch(controller, parent=window)
    window.installEventFilter(watch)
    controller.execute_hook = TeamExecutor(window, controller, watch)
    bar = window.statusBar()
    watch.others_changed.connect(
        lambda changes: bar.showMessage(_others_message(changes), 5000))
    watch.connection_lost.connect(lambda _detail: bar.showMessage(_tr(
        "The team server is not answering; retrying every few seconds…")))
    watch.connection_back.connect(lambda: bar.showMessage(
        _tr("Connected to the team server again."), 5000))
    return watch


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)  # where these texts were translated


def _others_message(changes: Changes) -> str:
    if changes.everything or changes.stages:
        return _tr("Someone else changed the pipeline; it is up to date again.")
    if not changes.deals:
        return _tr("Someone else logged activities.")
    if len(changes.deals) == 1:
        return _tr("A deal was changed by someone else.")
    return _tr("%d deals were changed by someone else.") % len(changes.deals)


def disable_editing(actions: Mapping[str, QAction]) -> None:
    for name in EDITING_ACTIONS:
        action = actions.get(name)
        if action is not None:
            action.setEnabled(False)
            action.setToolTip(_tr("This pipeline is open read-only"))
