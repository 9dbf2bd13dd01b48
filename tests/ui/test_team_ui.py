"""Team mode in the window: others' changes appear, stale saves ask, a lost server keeps the
edit, read-only roles cannot edit, and the two File menu entries open and copy pipelines."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from pg import PgServer
from test_team_server import terminate_connections

from pipeline_desktop.domain import commands as cmd
from pipeline_desktop.errors import PipelineError, StorageError
from pipeline_desktop.services.demo import generate
from pipeline_desktop.session import Session, open_session
from pipeline_desktop.storage import team
from pipeline_desktop.storage.repository import Repository
from pipeline_desktop.ui import team_actions, team_watch
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.shell import Shell, build_window

pytestmark = pytest.mark.postgres
TODAY = date(2026, 6, 15)


@pytest.fixture
def team_session(pg_url: str) -> Iterator[Session]:
    session = open_session(pg_url)
    generate(session.db, session.repository.stages(), deals=40, seed=3, today=TODAY)
    yield session
    session.close()


@pytest.fixture
def team_window(qtbot, team_session: Session):
    window = build_window(team_session, AppSettings())
    qtbot.addWidget(window)
    window.team_watch.timer.stop()  # the tests call check() themselves
    return window


def as_other_person(session: Session, work: Callable[[Repository], Any]) -> Any:
    def run() -> Any:
        try:
            return work(Repository(session.db, user="bob"))
        finally:
            session.db.close()

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(run).result()


def test_others_changes_reach_the_tabs(team_window, team_session: Session, qtbot) -> None:
    watch = team_window.team_watch
    assert watch.check() is None
    as_other_person(team_session, lambda r: r.apply(cmd.EditDeal(4, {"title": "Bob's"})))
    with qtbot.waitSignal(team_window.controller.changed) as blocker:
        changes = watch.check()
    assert changes.deals == {4} and blocker.args[0].deals == {4}
    assert "changed by someone else" in team_window.statusBar().currentMessage()
    as_other_person(team_session, lambda r: r.apply(cmd.DeleteDeal(5)))
    assert watch.check().deals == {5}


def test_the_timer_looks_for_others_changes_off_the_gui_thread(team_window, team_session,
                                                              qtbot) -> None:
    """Reading every deal's version (~90 ms at 100,000 deals) must not freeze the window."""
    watch = team_window.team_watch
    as_other_person(team_session, lambda r: r.apply(cmd.EditDeal(7, {"title": "Bob's"})))
    with qtbot.waitSignal(watch.others_changed) as blocker:
        watch.poll()
        assert watch._polling  # returned at once; the look runs on the watch's thread
    assert blocker.args[0].deals == {7}
    assert team_window.controller.repository.deal(7)["title"] == "Bob's"


def test_polling_runs_until_the_window_closes(qtbot, team_session: Session) -> None:
    window = build_window(team_session, AppSettings())
    qtbot.addWidget(window)
    window.show()
    assert window.team_watch.timer.isActive()
    window.close()
    assert not window.team_watch.timer.isActive()


def test_own_edits_are_not_reported_as_others(team_window, qtbot) -> None:
    watch = team_window.team_watch
    with qtbot.assertNotEmitted(watch.others_changed):
        team_window.controller.execute(cmd.EditDeal(6, {"title": "Mine"}))
        assert watch.check() is None
        team_window.controller.execute(cmd.EditDeal(6, {"title": "Mine again"}))
        qtbot.wait(20)  # the deferred look runs
        team_window.session.repository.set_setting("targets", {"2026-06": 1})
        team_window.controller.notify()  # what a settings dialog does after saving
        assert watch.check() is None


def test_a_stale_save_asks_whose_value_to_keep(team_window, team_session: Session,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    seen = team_session.repository.deal(7)["version"]
    as_other_person(team_session, lambda r: r.apply(cmd.EditDeal(7, {"title": "Bob's"})))
    asked: list[team_watch.DealConflict] = []

    def keep_mine(_parent, error):
        asked.append(error)
        return True

    monkeypatch.setattr(team_watch.ConflictDialog, "ask", classmethod(
        lambda cls, parent, error: keep_mine(parent, error)))
    team_window.controller.execute(cmd.EditDeal(7, {"title": "Ana's"}, expected_version=seen))
    assert asked[0].theirs == {"title": "Bob's"} and asked[0].mine == {"title": "Ana's"}
    assert team_session.repository.deal(7)["title"] == "Ana's"

    seen = team_session.repository.deal(7)["version"]
    as_other_person(team_session, lambda r: r.apply(cmd.EditDeal(7, {"title": "Bob again"})))
    monkeypatch.setattr(team_watch.ConflictDialog, "ask",
                        classmethod(lambda cls, parent, error: False))
    with pytest.raises(PipelineError, match="Kept the change someone else made"):
        team_window.controller.execute(cmd.EditDeal(7, {"title": "x"}, expected_version=seen))
    assert team_session.repository.deal(7)["title"] == "Bob again"


def test_a_stale_undo_is_refused_with_a_message(team_window, team_session: Session,
                                                qtbot) -> None:
    controller = team_window.controller
    controller.execute(cmd.EditDeal(8, {"title": "Ana's"}))
    as_other_person(team_session, lambda r: r.apply(cmd.EditDeal(8, {"title": "Bob's"})))
    team_window.show_error = lambda message: None  # no modal box in tests
    with qtbot.waitSignal(controller.failed) as blocker:
        controller.undo_stack.undo()
    assert "Someone else changed" in blocker.args[0]
    assert team_session.repository.deal(8)["title"] == "Bob's"
    assert not controller.undo_stack.canUndo()  # the refused step left the stack


def test_an_edit_made_while_the_server_is_gone_is_kept_and_saved_later(
        team_window, team_session: Session, pg_server: PgServer, qtbot) -> None:
    watch = team_window.team_watch
    terminate_connections(pg_server.admin_url, team_session.url)
    edit = cmd.EditDeal(9, {"title": "Typed offline"})
    with pytest.raises(StorageError, match="kept and will be saved"):
        team_window.controller.execute(edit)
    assert watch.pending == [edit] and watch.lost
    assert "not answering" in team_window.statusBar().currentMessage()
    with qtbot.waitSignal(watch.connection_back):
        watch.check()
    assert watch.pending == []
    assert team_session.repository.deal(9)["title"] == "Typed offline"


def test_a_read_only_role_gets_no_editing_actions(qtbot, viewer_url: str) -> None:
    session = open_session(team.with_password(viewer_url, "secret"))
    try:
        window = build_window(session, AppSettings())
        qtbot.addWidget(window)
        window.team_watch.timer.stop()
        assert session.read_only
        for name in ("new_deal", "delete_deal", "import", "edit_stages"):
            assert not window.actions_by_name[name].isEnabled(), name
        assert window.actions_by_name["find"].isEnabled()
    finally:
        session.close()


@pytest.fixture
def shell_window(qtbot, tmp_path: Path):
    """A window on a demo file, inside a Shell so File › Open can replace it."""
    path = tmp_path / "local.pipeline"
    session = open_session(str(path))
    generate(session.db, session.repository.stages(), deals=30, seed=2, today=TODAY)
    session.close()
    shell = Shell(AppSettings())
    window = shell.open(str(path))
    qtbot.addWidget(window)
    yield shell
    if shell.window is not None:
        shell.window.close()
        shell.window.session.close()


def answer_for(url: str, **extra: Any) -> team_actions.ServerAnswer:
    answer = team_actions.answer_from_url(url)
    for key, value in extra.items():
        setattr(answer, key, value)
    return answer


def test_copy_to_server_then_open_it(shell_window: Shell, pg_url: str, qtbot, tmp_path: Path,
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = shell_window.window
    monkeypatch.setattr(team_actions.TeamServerDialog, "ask",
                        classmethod(lambda cls, *a, **k: answer_for(pg_url)))
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: QMessageBox.StandardButton.Yes)
    team_actions.copy_to_server(window, window.controller, window.settings, window.switch_pipeline)
    opened = shell_window.window
    assert opened is not window and opened.session.url == pg_url
    qtbot.addWidget(opened)
    assert opened.session.repository.deal_count() == 30
    assert pg_url in opened.settings.get("recent_files")
    assert hasattr(opened, "team_watch")

    # …and back into a file.
    back = tmp_path / "back.pipeline"
    monkeypatch.setattr(team_actions.QFileDialog, "getSaveFileName",
                        lambda *a, **k: (str(back), ""))
    team_actions.copy_to_server(opened, opened.controller, opened.settings, opened.switch_pipeline)
    assert back.exists()
    copy = open_session(str(back))
    try:
        assert copy.repository.deal_count() == 30
    finally:
        copy.close()


def test_open_team_pipeline_asks_again_for_a_refused_password(
        shell_window: Shell, viewer_url: str, qtbot, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(team_actions.TeamServerDialog, "ask",
                        classmethod(lambda cls, *a, **k: answer_for(viewer_url,
                                                                    password="wrong")))
    asked: list[str] = []
    monkeypatch.setattr(team_actions, "ask_password",
                        lambda parent, url, message: asked.append(message) or "secret")
    try:
        opened = shell_window.window
        team_actions.open_team_pipeline(opened, opened.controller, opened.settings,
                                        opened.switch_pipeline)
        window = shell_window.window
        qtbot.addWidget(window)
        assert asked and "password" in asked[0]
        assert window.session.read_only and "secret" not in window.session.url
        assert not any("secret" in url for url in window.settings.get("recent_files"))
        window.team_watch.timer.stop()
    finally:
        team.forget_password(viewer_url)
        shell_window.window.session.close()


def test_the_server_dialog_builds_the_address(qtbot) -> None:
    answer = team_actions.answer_from_url(
        "postgresql://ana@db.example.com:5433/sales?sslmode=require")
    dialog = team_actions.TeamServerDialog(None, answer, title="Open", offer_replace=True)
    qtbot.addWidget(dialog)
    assert dialog.host.text() == "db.example.com" and dialog.port.value() == 5433
    dialog.password.setText("pw")
    result = dialog.answer()
    assert result.url == "postgresql://ana@db.example.com:5433/sales?sslmode=require"
    assert result.password == "pw"
