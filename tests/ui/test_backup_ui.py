"""The window side of safety: daily backup on open, File › Restore backup…, and what opening
does with a damaged, in-use or read-only file."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from safety_helpers import damage, sqlite_session
from sample_files import sample_file

from pipeline_desktop import paths
from pipeline_desktop.domain.commands import DeleteDeal
from pipeline_desktop.session import Session, open_session
from pipeline_desktop.storage import backup
from pipeline_desktop.ui import backup_actions
from pipeline_desktop.ui.backup_actions import RestoreDialog
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.shell import Shell


@pytest.fixture
def session(pipeline_path: Path) -> Iterator[Session]:
    """Always a SQLite file (see safety_helpers.sqlite_session)."""
    yield from sqlite_session(pipeline_path)


@pytest.fixture
def answers(answers: dict[str, list]) -> dict[str, list]:
    """conftest's record of questions and warnings; here every question is answered "yes"."""
    answers["yes"][0] = True
    return answers


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return sample_file(tmp_path / "shop.pipeline", deals=40)


@pytest.fixture
def shell(qtbot) -> Shell:
    opened = Shell(AppSettings())
    yield opened
    if opened.window is not None:
        opened.window.close()
        opened.window.session.close()


def wait_for_daily_backup(qtbot, sample: Path) -> None:
    """The window checks the file and makes the day's backup in the background."""
    qtbot.waitUntil(lambda: bool(backup.backups_of(paths.backups_dir(), sample)))


def test_opening_makes_the_days_backup_once(shell: Shell, sample: Path, qtbot) -> None:
    window = shell.open(str(sample))
    assert window is not None
    wait_for_daily_backup(qtbot, sample)
    made = backup.backups_of(paths.backups_dir(), sample)
    assert len(made) == 1 and backup.describe(made[0]).reason == backup.DAILY
    window.session.close()
    shell.window = None
    second = shell.open(str(sample))
    qtbot.waitSignal(second.background_check.done, timeout=5000, raising=False)
    assert len(backup.backups_of(paths.backups_dir(), sample)) == 1


def test_restore_backup_from_the_menu(shell: Shell, sample: Path, qtbot,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    window = shell.open(str(sample))
    wait_for_daily_backup(qtbot, sample)
    qtbot.waitUntil(lambda: not window.session.checking)  # the check's verdict has arrived
    daily = backup.backups_of(paths.backups_dir(), sample)[0]
    window.controller.execute(DeleteDeal(1))
    assert window.session.repository.deal_count() == 39
    monkeypatch.setattr(RestoreDialog, "ask", classmethod(lambda _cls, _parent, infos: daily))
    backup_actions.restore_backup(window, window.controller, window.reopen)
    restored = shell.window
    assert restored is not None and restored is not window
    assert restored.session.repository.deal_count() == 40
    reasons = [i.reason for i in backup.list_backups(paths.backups_dir(), sample)]
    assert backup.BEFORE_RESTORE in reasons  # the state before the restore is kept too


def test_restore_dialog_lists_backups_newest_first(qtbot, session) -> None:
    folder = paths.backups_dir()
    for reason in ("daily", "before-import", "manual"):
        backup.make_backup(session.db, session.path, folder, reason)
    dialog = RestoreDialog(None, backup.list_backups(folder, session.path))
    qtbot.addWidget(dialog)
    assert dialog.list.count() == 3
    assert "saved by hand" in dialog.list.item(0).text()
    assert "   0 deals   " in dialog.list.item(0).text()
    assert dialog.chosen() == backup.backups_of(folder, session.path)[0]


def test_damaged_file_offers_the_latest_good_backup(shell: Shell, sample: Path,
                                                    answers: dict, qtbot) -> None:
    first = shell.open(str(sample))
    wait_for_daily_backup(qtbot, sample)
    first.session.close()
    shell.window = None
    damage(sample)
    shell.open(str(sample))  # opens at once; the check in the background finds the damage
    qtbot.waitUntil(lambda: bool(answers["asked"] or answers["warned"]))
    assert "damaged" in answers["asked"][0], answers["warned"]
    window = shell.window
    assert window is not None
    assert window.session.repository.deal_count() == 40
    assert list(sample.parent.glob("shop.pipeline.damaged-*"))


def test_damaged_file_without_backup_says_so(shell: Shell, sample: Path, answers: dict,
                                            qtbot) -> None:
    damage(sample)
    shell.open(str(sample))
    qtbot.waitUntil(lambda: bool(answers["warned"]))
    assert "no backup" in answers["warned"][0]
    assert shell.window is None


def test_file_in_use_offers_a_read_only_view(shell: Shell, sample: Path, answers: dict) -> None:
    other = open_session(str(sample))  # another window or process is the writer
    try:
        window = shell.open(str(sample))
        assert "already open" in answers["asked"][0]
        assert window is not None and window.session.read_only
        assert "(read-only)" in window.windowTitle()
        for name in ("new_deal", "delete_deal", "import", "restore_backup"):
            assert not window.actions_by_name[name].isEnabled(), name
    finally:
        other.close()


def test_file_in_use_declined_opens_nothing(shell: Shell, sample: Path, answers: dict) -> None:
    answers["yes"][0] = False
    other = open_session(str(sample))
    try:
        assert shell.open(str(sample)) is None
    finally:
        other.close()


def test_reopening_the_open_file_keeps_the_window(shell: Shell, sample: Path,
                                                  answers: dict) -> None:
    window = shell.open(str(sample))
    assert shell.open(str(sample)) is window
    assert not answers["asked"]


def test_new_pipeline_over_the_open_file_starts_afresh(shell: Shell, sample: Path,
                                                       answers: dict) -> None:
    window = shell.open(str(sample))
    sample.unlink()  # what File › New does after the save dialog asked to replace the file
    fresh = shell.open(str(sample))
    assert fresh is not None and fresh is not window
    assert fresh.session.repository.deal_count() == 0
    assert not answers["asked"] and not answers["warned"]
