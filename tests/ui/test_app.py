"""Starting the app: first run, opening files from the File menu, refusing what is not ours."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from pipeline_desktop.session import open_session
from pipeline_desktop.ui.dialogs.first_run import FirstRunDialog
from pipeline_desktop.ui.first_run import first_run_url
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.shell import Shell


def test_first_start_offers_the_sample_pipeline(qtbot, monkeypatch, data_dir):
    monkeypatch.setattr(FirstRunDialog, "ask", classmethod(lambda cls: "sample"))
    url = first_run_url(AppSettings(), None)
    assert url == str(data_dir / "pipeline.pipeline")
    session = open_session(url)
    assert session.repository.deal_count() == 300
    session.close()


def test_first_start_can_begin_empty_or_be_cancelled(qtbot, monkeypatch, data_dir):
    monkeypatch.setattr(FirstRunDialog, "ask", classmethod(lambda cls: None))
    assert first_run_url(AppSettings(), None) is None
    monkeypatch.setattr(FirstRunDialog, "ask", classmethod(lambda cls: "empty"))
    url = first_run_url(AppSettings(), None)
    session = open_session(url)
    assert session.repository.deal_count() == 0
    session.close()


def test_db_option_skips_the_first_run_question(qtbot, monkeypatch, tmp_path):
    monkeypatch.setattr(FirstRunDialog, "ask", classmethod(lambda cls: 1 / 0))
    assert first_run_url(AppSettings(), str(tmp_path / "x.pipeline")) == str(
        tmp_path / "x.pipeline")


def test_opening_a_file_that_is_not_a_pipeline_shows_a_message(qtbot, monkeypatch, tmp_path):
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda _p, _t, text: shown.append(text))
    bad = tmp_path / "holiday.jpg"
    bad.write_bytes(b"\xff\xd8\xff\xe0 not a database")
    shell = Shell(AppSettings())
    assert shell.open(str(bad)) is None
    assert "not a pipeline" in shown[0]
    assert bad.read_bytes() == b"\xff\xd8\xff\xe0 not a database"


def test_switching_pipelines_replaces_the_window_and_remembers_recent_files(qtbot, tmp_path):
    settings = AppSettings()
    shell = Shell(settings)
    first = shell.open(str(tmp_path / "a.pipeline"))
    qtbot.addWidget(first)
    second = first.switch_pipeline(str(tmp_path / "b.pipeline")) or shell.window
    qtbot.addWidget(second)
    assert shell.window is second and second is not first
    assert settings.get("recent_files")[:2] == [str(tmp_path / "b.pipeline"),
                                                str(tmp_path / "a.pipeline")]
    assert "b —" in second.windowTitle()


def test_menus_offer_what_a_desktop_user_expects(window):
    names = set(window.actions_by_name)
    for name in ("new_pipeline", "open_pipeline", "save_copy", "import", "export", "quit",
                 "undo", "redo", "new_deal", "edit_deal", "delete_deal", "find"):
        assert name in names
    assert window.actions_by_name["undo"].shortcut().toString() == "Ctrl+Z"
    shortcuts = [s.toString() for s in window.actions_by_name["redo"].shortcuts()]
    assert "Ctrl+Shift+Z" in shortcuts


def test_save_a_copy_writes_a_pipeline_that_opens(qtbot, monkeypatch, window, tmp_path):
    from PySide6.QtWidgets import QFileDialog

    target = tmp_path / "copy.pipeline"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    window.actions_by_name["save_copy"].trigger()
    copy = open_session(str(target))
    assert copy.repository.deal_count() == 60
    copy.close()


def test_garbage_is_collected_in_the_gui_thread_only(qapp) -> None:
    """Worker threads must never run the collector (it may destroy the GUI thread's Qt
    objects): automatic collection is off and the GUI thread's timer collects instead."""
    import gc
    import weakref

    from pipeline_desktop.ui.app import create_application
    from pipeline_desktop.ui.collector import GuiThreadCollector

    app = create_application()
    collector = app.findChild(GuiThreadCollector)
    assert collector is not None and collector.timer.isActive()
    assert create_application().findChildren(GuiThreadCollector) == [collector]  # once
    assert not gc.isenabled()

    class Node:
        pass

    gc.collect()  # a cycle made now is found only once the thresholds are crossed
    first, second = Node(), Node()
    first.other, second.other = second, first
    alive = weakref.ref(first)
    del first, second
    GuiThreadCollector.collect()
    assert alive() is not None  # below every threshold: nothing to do yet
    busy = [Node() for _ in range(gc.get_threshold()[0] + 1)]  # as a busy thread allocates
    GuiThreadCollector.collect()
    assert alive() is None
    del busy


def test_loaded_deals_are_set_aside_from_later_collections(demo_session, qtbot,
                                                          monkeypatch) -> None:
    """Once every deal is loaded, collections walk only what is new (no ~80 ms pauses at
    100,000 deals when the collector's turn comes during a sort or a keystroke)."""
    import gc

    from pipeline_desktop.ui.settings import AppSettings
    from pipeline_desktop.ui.shell import build_window
    from pipeline_desktop.ui.tabs import deals as deals_tab

    monkeypatch.setattr(deals_tab, "FIRST_PAGE", 5)  # a large pipeline, in small
    monkeypatch.setattr(deals_tab, "AFTER_PAINT_MS", 0)
    gc.unfreeze()
    window = build_window(demo_session, AppSettings())
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: window.deals_tab.model.rowCount() == 60)
    assert gc.get_freeze_count() > 0
    gc.unfreeze()
