"""`pipeline-desktop backup | backups | restore | check` from the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from safety_helpers import damage, deal_count

from pipeline_desktop import paths
from pipeline_desktop.cli import main
from pipeline_desktop.session import open_session
from pipeline_desktop.storage import backup


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    path = tmp_path / "shop.pipeline"
    assert main(["demo", "--db", str(path), "--deals", "30"]) == 0
    return path


def test_backup_then_list(shop: Path, capsys) -> None:
    assert main(["backup", "--db", str(shop)]) == 0
    made = Path(capsys.readouterr().out.strip())
    assert made.parent == paths.backups_dir() and deal_count(made) == 30
    assert main(["backups", "--db", str(shop)]) == 0
    assert "manual" in capsys.readouterr().out


def test_restore_keeps_the_state_before(shop: Path, capsys) -> None:
    main(["backup", "--db", str(shop)])
    assert main(["demo", "--db", str(shop), "--deals", "5", "--force"]) == 0
    assert main(["restore", "latest", "--db", str(shop)]) == 0
    assert deal_count(shop) == 30
    reasons = [i.reason for i in backup.list_backups(paths.backups_dir(), shop)]
    assert backup.BEFORE_RESTORE in reasons


def test_check_and_restore_a_damaged_file(shop: Path, capsys) -> None:
    main(["backup", "--db", str(shop)])
    assert main(["check", "--db", str(shop)]) == 0
    damage(shop)
    assert main(["check", "--db", str(shop)]) == 1
    assert "damaged" in capsys.readouterr().err
    assert main(["backup", "--db", str(shop)]) == 1
    said = capsys.readouterr().err.strip().splitlines()
    assert len(said) == 1 and "damaged" in said[0]  # one line, never SQLite's page list
    assert main(["restore", "latest", "--db", str(shop)]) == 0
    assert main(["check", "--db", str(shop)]) == 0
    assert list(shop.parent.glob("shop.pipeline.damaged-*"))


def test_restore_refuses_while_the_window_has_it_open(shop: Path, capsys) -> None:
    main(["backup", "--db", str(shop)])
    session = open_session(str(shop))
    try:
        assert main(["restore", "latest", "--db", str(shop)]) == 1
        assert "already open" in capsys.readouterr().err
    finally:
        session.close()


def test_restore_without_backups_says_so(shop: Path, capsys) -> None:
    assert main(["restore", "latest", "--db", str(shop)]) == 1
    assert "no good backup" in capsys.readouterr().err
