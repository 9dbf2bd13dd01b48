"""Run a long job (import, export, report) in a worker thread with a progress dialog and
Cancel; the GUI thread only paints.

The job is a plain function `job(progress)` where `progress(done, total)` returns False once
the user pressed Cancel; the job then raises (any exception after a cancel counts as
"cancelled"), and a job that writes does so in one transaction, so Cancel leaves the pipeline
as it was. Database work in the job uses the worker thread's own connection (peewee keeps
one per thread); `run_job` closes it when the job ends."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEventLoop, Qt, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from pipeline_desktop.errors import PipelineError

Progress = Callable[[int, int], bool]
log = logging.getLogger("pipeline_desktop")


@dataclass
class JobResult:
    value: Any = None
    cancelled: bool = False


class Worker(QThread):
    """Runs `job(self.report)` once; `error` holds what it raised (not a cancel)."""

    progressed = Signal(int, int)

    def __init__(self, job: Callable[[Progress], Any], databases: tuple[Any, ...] = (),
                 cancel_errors: tuple[type[BaseException], ...] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.job = job
        self.cancel_errors = cancel_errors
        self.databases = databases
        self.result: Any = None
        self.error: BaseException | None = None
        self.was_cancelled = False
        self._cancel = threading.Event()
        self._last_report = 0.0

    def cancel(self) -> None:
        self._cancel.set()

    def report(self, done: int, total: int) -> bool:
        """Called from the job (worker thread); the signal reaches the dialog queued, at most
        every 50 ms so a chatty job cannot flood the GUI thread's event queue."""
        now = time.monotonic()
        if now - self._last_report >= 0.05 or done >= total > 0:
            self._last_report = now
            self.progressed.emit(int(done), int(total))
        return not self._cancel.is_set()

    def run(self) -> None:  # the QThread override: runs in the worker
        try:
            self.result = self.job(self.report)
        except BaseException as error:  # handed to the GUI thread
            if self._cancel.is_set() or isinstance(error, self.cancel_errors):
                self.was_cancelled = True
            else:
                if not isinstance(error, PipelineError):
                    log.exception("background job failed")
                self.error = error
        finally:
            for db in self.databases:  # this thread's connection, not the GUI thread's
                if not db.is_closed():
                    db.close()


def run_job(parent: QWidget, label: str, job: Callable[[Progress], Any], *,
            databases: tuple[Any, ...] = (),
            cancel_errors: tuple[type[BaseException], ...] = (),
            minimum_ms: int = 400, cancellable: bool = True) -> JobResult:
    """Run `job` in a worker while a modal progress dialog (with Cancel) shows; return its
    value, or `cancelled=True`. An error the job raised is raised again here (except the
    job's own `cancel_errors`, which also mean "cancelled"). `cancellable=False`: no Cancel
    (an undo step that has left the undo stack's hands must finish)."""
    worker = Worker(job, databases, cancel_errors)
    dialog = QProgressDialog(label, parent.tr("Cancel"), 0, 0, parent)
    if not cancellable:
        dialog.setCancelButton(None)
    dialog.setObjectName("progress_dialog")
    dialog.setWindowTitle(parent.tr("Please wait"))
    dialog.setWindowModality(Qt.WindowModality.WindowModal)
    dialog.setMinimumDuration(minimum_ms)
    dialog.setAutoClose(False)
    dialog.setAutoReset(False)

    def show_progress(done: int, total: int) -> None:
        if total > 0:
            dialog.setMaximum(total)
            dialog.setValue(min(done, total))

    worker.progressed.connect(show_progress)
    if cancellable:
        dialog.canceled.connect(worker.cancel)
    loop = QEventLoop()
    worker.finished.connect(loop.quit)
    worker.start()
    if not worker.isFinished():
        loop.exec()
    worker.wait()
    dialog.close()
    dialog.deleteLater()
    if worker.error is not None:
        raise worker.error
    return JobResult(worker.result, worker.was_cancelled)
