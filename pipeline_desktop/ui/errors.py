"""Unexpected errors: logged with their traceback in a rotating file in the data folder, and
shown in a dialog that says what happened and where the log is. The app keeps running.

`install()` is called once by `run_app`; it replaces sys.excepthook (exceptions raised in Qt
slots land there) and threading.excepthook (worker threads)."""

from __future__ import annotations

import logging
import platform
import sys
import threading
import traceback
from logging.handlers import RotatingFileHandler
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QObject, Qt, QtMsgType, QUrl, Signal, qInstallMessageHandler, qVersion
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

import pipeline_desktop
from pipeline_desktop import APP_NAME, paths
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.storage.integrity import describe_storage_error

LOG_NAME = "pipeline-desktop.log"
LOG_BYTES = 1_000_000
LOG_COUNT = 5  # pipeline-desktop.log plus .1 … .5: at most ~6 MB
LOGGER = logging.getLogger("pipeline_desktop")
ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def setup_logging(folder: Path | None = None) -> Path:
    """Log to `<data>/logs/pipeline-desktop.log`, rotated at 1 MB; return the file's path."""
    folder = folder or paths.logs_dir()
    log_file = folder / LOG_NAME
    for handler in LOGGER.handlers:
        if isinstance(handler, RotatingFileHandler) and Path(handler.baseFilename) == log_file:
            return log_file
    try:
        folder.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(log_file, maxBytes=LOG_BYTES, backupCount=LOG_COUNT,
                                      encoding="utf-8", delay=True)
    except OSError:  # a read-only home folder must not stop the app from starting
        return log_file
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    LOGGER.addHandler(handler)
    LOGGER.setLevel(logging.INFO)
    return log_file


def user_message(error: BaseException) -> str | None:
    """The one sentence for an error the user can act on; None when it is our bug."""
    if isinstance(error, PipelineError):
        return str(error)
    return describe_storage_error(error)


def is_interruption(error: BaseException) -> bool:
    """SQLite's answer to a query that closing the pipeline stopped (Session.close)."""
    # by name: sqlite3's and peewee's OperationalError alike (peewee is not imported yet here)
    return type(error).__name__ == "OperationalError" and str(error) == "interrupted"


class ErrorReporter(QObject):
    """Receives every uncaught exception; shows at most one dialog at a time."""

    _from_thread = Signal(object)

    def __init__(self, log_file: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_file = log_file
        self.reported: list[BaseException] = []
        self._showing = False
        self._previous_hook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        self._from_thread.connect(self._report, Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook

    def uninstall(self) -> None:
        sys.excepthook = self._previous_hook
        threading.excepthook = self._previous_thread_hook

    def excepthook(self, kind: type[BaseException], error: BaseException,
                   tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            self._previous_hook(kind, error, tb)
            return
        self._report((kind, error, tb))

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None:
            return
        info = (args.exc_type, args.exc_value, args.exc_traceback)
        self._from_thread.emit(info)  # dialogs only on the GUI thread

    def _report(self, info: ExcInfo) -> None:
        kind, error, tb = info
        if is_interruption(error):  # a thread whose pipeline closed under it: nothing to say
            LOGGER.info("stopped by closing the pipeline: %s", error)
            return
        message = user_message(error)
        if message is None:
            LOGGER.error("unexpected error", exc_info=info)
        else:
            LOGGER.warning("%s", message)
        self.reported.append(error)
        if self._showing:  # an error while the dialog is up: logged, not stacked
            return
        self._showing = True
        try:
            details = "".join(traceback.format_exception(kind, error, tb))
            ErrorDialog.show_error(self.describe(error, message), details, self.log_file,
                                   bug=message is None)
        finally:
            self._showing = False

    def describe(self, error: BaseException, message: str | None) -> str:
        if message is not None:
            return message
        return QApplication.translate("errors",
                  "Something went wrong: {kind}: {error}\n\nPipeline Desktop keeps running, "
                  "and your saved work is safe. If something looks wrong, restart the app.\n\n"
                  "The details are in the log file:\n{log}").format(
            kind=type(error).__name__, error=error, log=self.log_file)


class ErrorDialog:
    """The dialog, behind a classmethod so tests can replace it."""

    @classmethod
    def show_error(cls, text: str, details: str, log_file: Path, *, bug: bool = True) -> None:
        """`bug`: our mistake (critical, with the traceback); else the user's environment."""
        parent: QWidget | None = QApplication.activeWindow()
        box = QMessageBox(parent)
        box.setIcon(QMessageBox.Icon.Critical if bug else QMessageBox.Icon.Warning)
        box.setWindowTitle(APP_NAME)
        box.setText(text)
        if bug:
            box.setDetailedText(details)
        box.setObjectName("error_dialog")
        open_folder = box.addButton(QApplication.translate("errors", "Open log folder"),
                                    QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Close)
        box.exec()
        if box.clickedButton() is open_folder:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(log_file.parent)))


QT_LEVELS = {QtMsgType.QtDebugMsg: logging.DEBUG, QtMsgType.QtInfoMsg: logging.INFO,
             QtMsgType.QtWarningMsg: logging.WARNING, QtMsgType.QtCriticalMsg: logging.ERROR,
             QtMsgType.QtFatalMsg: logging.CRITICAL}


def _qt_message(kind: QtMsgType, _context: object, message: str) -> None:
    """Qt's own warnings (a missing plugin, a bad stylesheet) go to the log too."""
    LOGGER.log(QT_LEVELS.get(kind, logging.WARNING), "Qt: %s", message)


def install(app: QApplication) -> ErrorReporter:
    """Set up the log file and the hooks; the reporter lives as long as the application."""
    log_file = setup_logging()
    reporter = ErrorReporter(log_file, app)
    reporter.install()
    qInstallMessageHandler(_qt_message)
    LOGGER.info("started %s %s (Python %s, Qt %s, %s), data in %s", APP_NAME,
                pipeline_desktop.__version__, platform.python_version(), qVersion(),
                platform.platform(), paths.data_dir())
    return reporter
