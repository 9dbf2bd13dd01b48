"""An unexpected error shows a dialog with what happened and where the log is, writes its
traceback to the rotating log in the data folder, and the app keeps running."""

from __future__ import annotations

import errno
import logging
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer

from pipeline_desktop import paths
from pipeline_desktop.errors import StorageError
from pipeline_desktop.ui import errors
from pipeline_desktop.ui.errors import LOGGER, ErrorDialog, ErrorReporter, setup_logging


@pytest.fixture
def shown(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, Path]]:
    calls: list[tuple[str, str, Path]] = []
    monkeypatch.setattr(ErrorDialog, "show_error", classmethod(
        lambda _cls, text, details, log, bug=True: calls.append((text, details, log))))
    return calls


@pytest.fixture
def reporter(qtbot, shown) -> ErrorReporter:
    log_file = setup_logging()
    made = ErrorReporter(log_file)
    made.install()
    yield made
    made.uninstall()
    for handler in list(LOGGER.handlers):
        if isinstance(handler, logging.handlers.RotatingFileHandler):
            LOGGER.removeHandler(handler)
            handler.close()


def raise_and_report(reporter: ErrorReporter, error: BaseException) -> None:
    try:
        raise error
    except BaseException:
        reporter.excepthook(*sys.exc_info())


def test_bug_shows_dialog_and_logs_traceback(reporter: ErrorReporter, shown) -> None:
    raise_and_report(reporter, ZeroDivisionError("division by zero"))
    text, details, log_file = shown[0]
    assert "ZeroDivisionError" in text and str(log_file) in text
    assert log_file == paths.logs_dir() / errors.LOG_NAME
    assert "Traceback" in details
    for handler in LOGGER.handlers:
        handler.flush()
    logged = log_file.read_text()
    assert "ZeroDivisionError" in logged and "raise_and_report" in logged


def test_user_problems_get_their_own_sentence(reporter: ErrorReporter, shown) -> None:
    raise_and_report(reporter, StorageError("The disk is full."))
    raise_and_report(reporter, OSError(errno.ENOSPC, "No space left on device"))
    assert shown[0][0] == "The disk is full."
    assert shown[1][0].startswith("The disk is full")


@pytest.mark.qt_no_exception_capture
def test_error_in_a_slot_reaches_the_dialog_and_the_app_goes_on(reporter: ErrorReporter,
                                                                shown, qtbot) -> None:
    def broken() -> None:
        raise RuntimeError("slot broke")

    QTimer.singleShot(0, broken)
    qtbot.waitUntil(lambda: bool(shown), timeout=2000)
    ran_after: list[bool] = []
    QTimer.singleShot(0, lambda: ran_after.append(True))
    qtbot.waitUntil(lambda: bool(ran_after), timeout=2000)
    assert "slot broke" in shown[0][0]


def test_error_in_a_worker_thread_is_shown_on_the_gui_thread(reporter: ErrorReporter, shown,
                                                              qtbot) -> None:
    import threading

    worker = threading.Thread(target=lambda: 1 / 0)
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: bool(shown), timeout=2000)
    assert "ZeroDivisionError" in shown[0][0]


def test_log_rotates(tmp_path: Path) -> None:
    log_file = setup_logging(tmp_path / "logs")
    try:
        for _ in range(70):  # 7 MB: more than the six files hold
            LOGGER.info("x" * 100_000)
    finally:
        for handler in list(LOGGER.handlers):
            if isinstance(handler, logging.handlers.RotatingFileHandler):
                LOGGER.removeHandler(handler)
                handler.close()
    files = sorted(log_file.parent.iterdir())
    assert len(files) == errors.LOG_COUNT + 1
    assert all(f.stat().st_size <= errors.LOG_BYTES + 101_000 for f in files)


def test_the_started_app_logs_and_backs_up(tmp_path: Path) -> None:
    """The real start-up path (`pipeline-desktop open`) in a child process: it installs the
    log, makes the day's backup, shows its window (then quits: the packaging smoke-test mode)."""
    import os
    import subprocess

    from pipeline_desktop.cli import main

    data = tmp_path / "data"
    db = tmp_path / "shop.pipeline"
    assert main(["demo", "--db", str(db), "--deals", "20"]) == 0
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PIPELINE_DESKTOP_DATA_DIR": str(data),
           "PIPELINE_DESKTOP_SMOKE_TEST": "1"}
    done = subprocess.run([sys.executable, "-m", "pipeline_desktop", "open", "--db", str(db)],
                          env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert "window shown: shop" in done.stdout
    log = (data / "logs" / errors.LOG_NAME).read_text()
    assert "started Pipeline Desktop" in log
    assert len(list((data / "backups").glob("shop~*-daily.pipeline"))) == 1


def test_the_dialog_itself_shows_and_closes(qtbot, monkeypatch, tmp_path: Path) -> None:
    """The real dialog: text, traceback under "Show Details", a button to the log folder."""
    from PySide6.QtWidgets import QApplication, QMessageBox

    seen: list[QMessageBox] = []

    def close_when_shown() -> None:
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            seen.append(box)
            box.done(0)
        else:
            QTimer.singleShot(10, close_when_shown)

    QTimer.singleShot(10, close_when_shown)
    ErrorDialog.show_error("Something went wrong", "Traceback ...", tmp_path / "x.log")
    assert seen and seen[0].objectName() == "error_dialog"
    assert seen[0].detailedText() == "Traceback ..."
    assert any(b.text() == "Open log folder" for b in seen[0].buttons())
