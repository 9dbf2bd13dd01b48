"""Shared fixtures: a temporary data folder for every test, real pipeline files, real widgets."""

from __future__ import annotations

import gc
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pipeline_desktop.paths import ENV_DATA_DIR
from pipeline_desktop.services.demo import generate
from pipeline_desktop.session import Session, open_session
from pipeline_desktop.storage import history_summary

DEMO_TODAY = date(2026, 6, 15)


@pytest.fixture(autouse=True, scope="session")
def collect_in_main_thread() -> Iterator[None]:
    """As in the app (ui/collector.py): no garbage collection in worker threads, where it may
    destroy Qt objects of the GUI thread and crash; tests collect between tests instead."""
    gc.disable()
    yield
    gc.enable()


@pytest.fixture(autouse=True)
def collect_after_test() -> Iterator[None]:
    yield
    from pipeline_desktop.ui.collector import GuiThreadCollector

    GuiThreadCollector.collect()  # what automatic collection would have done, here


@pytest.fixture(autouse=True)
def data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Keep settings, backups and logs of every test out of the real home folder."""
    folder = tmp_path / "data"
    monkeypatch.setenv(ENV_DATA_DIR, str(folder))
    return folder


@pytest.fixture
def pipeline_path(tmp_path: Path) -> Path:
    return tmp_path / "test.pipeline"


@pytest.fixture
def session(session_url: str) -> Iterator[Session]:
    """An empty pipeline in a real SQLite file (default stages only); on the PostgreSQL test
    server instead when PIPELINE_DESKTOP_TEST_ENGINE=postgres (tests/pg.py, .ci/run)."""
    opened = open_session(session_url)
    yield opened
    assert_history_summary_current(opened)
    opened.close()


def assert_history_summary_current(session: Session) -> None:
    """Whatever a test did through the app's writers, the stored stage-history figures the
    metrics read (storage/history_summary.py) must still match the history."""
    if session.db.is_closed():
        return
    try:
        problems = history_summary.mismatches(session.db)
    except Exception:  # a test that broke its own database on purpose
        return
    assert not problems, "stored history figures out of date: " + "; ".join(problems[:5])


@pytest.fixture
def answers(monkeypatch: pytest.MonkeyPatch) -> dict[str, list]:
    """What the user is asked and warned by the file-safety dialogs; every question is
    answered with answers["yes"] ("no" unless a test says otherwise)."""
    from pipeline_desktop.ui.ask import Ask

    log: dict[str, list] = {"asked": [], "warned": [], "yes": [False]}
    monkeypatch.setattr(Ask, "question", classmethod(
        lambda _cls, _parent, text, _yes, _details="": log["asked"].append(text) or log["yes"][0]))
    monkeypatch.setattr(Ask, "warning", classmethod(
        lambda _cls, _parent, text, _details="": log["warned"].append(text)))
    return log


@pytest.fixture
def demo_session(session: Session) -> Session:
    """A small deterministic sample pipeline (60 deals, history up to DEMO_TODAY)."""
    generate(session.db, session.repository.stages(), deals=60, seed=7, today=DEMO_TODAY)
    return session


@pytest.fixture
def controller(qtbot, demo_session: Session):
    from pipeline_desktop.ui.controller import PipelineController

    return PipelineController(demo_session)


@pytest.fixture
def window(qtbot, demo_session: Session):
    from pipeline_desktop.ui.settings import AppSettings
    from pipeline_desktop.ui.shell import build_window

    main_window = build_window(demo_session, AppSettings())
    qtbot.addWidget(main_window)
    main_window.show()
    return main_window


# Both-engine fixtures (any_session, any_demo_session, pg_url): see tests/pg.py.
pytest_plugins = ["pg"]
