"""Closing the app leaves the day's work in the pipeline file itself: no -wal or -shm beside
it, no lock, whichever way the app ends (close button, File › Quit, the desktop logging out)."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from pipeline_desktop.domain.commands import EditDeal
from pipeline_desktop.services.demo import generate
from pipeline_desktop.session import open_session
from pipeline_desktop.storage.lock import lock_path
from pipeline_desktop.ui import boot
from pipeline_desktop.ui.settings import AppSettings


def _demo_file(folder: Path) -> Path:
    path = folder / "work.pipeline"
    session = open_session(str(path))
    generate(session.db, session.repository.stages(), deals=40, seed=3)
    session.close()
    return path


def _leftovers(path: Path) -> list[str]:
    names = [f"{path.name}-wal", f"{path.name}-shm", lock_path(path).name]
    return [name for name in names if (path.parent / name).exists()]


def _title_in_copy(path: Path, deal_id: int, tmp_path: Path) -> str:
    """What someone who copies only the .pipeline file gets."""
    copy = tmp_path / "copied" / path.name
    copy.parent.mkdir()
    shutil.copy2(path, copy)
    session = open_session(str(copy), create=False)
    try:
        return str(session.repository.deal(deal_id)["title"])
    finally:
        session.close()


def _open_and_edit(qtbot, path: Path):
    window = boot.start(str(path), AppSettings())
    qtbot.addWidget(window)
    qtbot.waitUntil(lambda: window.controller.is_open)
    qtbot.waitUntil(lambda: not window.session.checking)
    deal = window.session.repository.deal_rows()[0]
    window.controller.execute(EditDeal(deal.id, {"title": "Renamed today"}))
    assert _leftovers(path)  # while open: the WAL and the lock are there
    return window, deal.id


@pytest.mark.usefixtures("data_dir")
def test_ctrl_q_writes_the_days_work_into_the_file(qtbot, tmp_path):
    path = _demo_file(tmp_path)
    window, deal_id = _open_and_edit(qtbot, path)
    window.activateWindow()
    qtbot.waitExposed(window)
    qtbot.keyClick(window, Qt.Key.Key_Q, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: not window.isVisible())
    assert _leftovers(path) == []
    assert _title_in_copy(path, deal_id, tmp_path) == "Renamed today"


@pytest.mark.usefixtures("data_dir")
def test_the_close_button_writes_the_days_work_into_the_file(qtbot, tmp_path):
    path = _demo_file(tmp_path)
    window, deal_id = _open_and_edit(qtbot, path)
    window.close()  # what the title bar's close button does
    assert _leftovers(path) == []
    assert _title_in_copy(path, deal_id, tmp_path) == "Renamed today"


def test_logging_out_closes_the_pipeline_of_the_running_app(tmp_path):
    """The desktop session ends the app with SIGTERM (or Qt's aboutToQuit): a real process."""
    path = _demo_file(tmp_path)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen",
               PIPELINE_DESKTOP_DATA_DIR=str(tmp_path / "data"))
    app = subprocess.Popen([sys.executable, "-m", "pipeline_desktop", "--db", str(path)],
                           env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while not lock_path(path).exists():  # the session opens just after the first paint
            assert app.poll() is None, app.communicate()
            assert time.monotonic() < deadline, "the app never opened its pipeline"
            time.sleep(0.05)
        time.sleep(0.5)
        app.send_signal(signal.SIGTERM)
        _out, err = app.communicate(timeout=20)
    finally:
        if app.poll() is None:
            app.kill()
    assert app.returncode == 0, err.decode()
    assert b"Traceback" not in err
    assert _leftovers(path) == []
