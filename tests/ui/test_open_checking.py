"""The window opens a pipeline before its integrity check has finished: until the check
passes nothing may be written, and damage met by a read meanwhile leads to the same restore
offer as damage the check finds, never to a traceback."""

from __future__ import annotations

import hashlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox
from safety_helpers import PAGE
from sample_files import sample_file

from pipeline_desktop.ui.models.deal_table import COLUMNS
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.shell import BackgroundCheck, Shell
from pipeline_desktop.ui.tabs import deals as deals_tab

VALUE = [c.key for c in COLUMNS].index("value_cents")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return sample_file(tmp_path / "shop.pipeline", deals=200)


REAL_START = BackgroundCheck.start


@pytest.fixture
def held_check(monkeypatch: pytest.MonkeyPatch) -> list[BackgroundCheck]:
    """The background check does not start by itself: the test starts it (or never does)."""
    held: list[BackgroundCheck] = []
    monkeypatch.setattr(BackgroundCheck, "start", lambda check: held.append(check))
    return held


@pytest.fixture
def shell(qtbot) -> Iterator[Shell]:
    opened = Shell(AppSettings())
    yield opened
    if opened.window is not None:
        opened.window.close()
        opened.window.session.close()


def damage_pages_of(path: Path, table: str, *, leftmost_leaf: bool = False) -> None:
    """Scribble over a table's pages (only its first leaf: the oldest rows, if asked)."""
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute("SELECT pageno FROM dbstat WHERE name = ? AND pagetype = 'leaf' "
                            "ORDER BY path", (table,)).fetchall()
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        conn.close()
    pages = [rows[0][0]] if leftmost_leaf else [row[0] for row in rows]
    with path.open("r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * PAGE)
            handle.write(b"\xff" * PAGE)


def test_edits_wait_until_the_check_passes(shell: Shell, sample: Path, held_check: list,
                                           monkeypatch: pytest.MonkeyPatch, qtbot) -> None:
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",  # the deals tab imports it when first needed
                        lambda _parent, _title, text: warnings.append(text))
    window = shell.open(str(sample))
    assert window is not None and window.session.checking
    model = window.deals_tab.model
    before = model.row(0)
    assert not model.setData(model.index(0, VALUE), "123.00")
    assert "still being checked" in warnings[0]
    with pytest.raises(sqlite3.OperationalError, match="readonly"):  # SQLite refuses too
        window.session.db.connection().execute("DELETE FROM activity")
    qtbot.waitUntil(lambda: bool(held_check))
    assert window.session.checking  # still: the check has not run
    with qtbot.waitSignal(held_check[0].done, timeout=10_000):
        REAL_START(held_check[0])
    assert not window.session.checking
    row = next(i for i in range(model.rowCount()) if model.row(i).id == before.id)
    assert model.setData(model.index(row, VALUE), "123.00")  # (the rest may have loaded)
    assert window.session.repository.deal(before.id)["value_cents"] == 12_300
    assert len(warnings) == 1


def test_a_file_not_yet_in_wal_mode_is_checked_before_anything_is_written(
        shell: Shell, sample: Path, answers: dict) -> None:
    conn = sqlite3.connect(sample)
    conn.execute("PRAGMA journal_mode=delete")  # as a copied-in file may be
    conn.close()
    damage_pages_of(sample, "deal", leftmost_leaf=True)
    digest = hashlib.sha256(sample.read_bytes()).hexdigest()
    assert shell.open(str(sample)) is None
    assert "damaged" in (answers["warned"] + answers["asked"])[0]
    assert hashlib.sha256(sample.read_bytes()).hexdigest() == digest  # not a byte written


def test_damage_met_while_the_window_is_built_offers_restore(
        shell: Shell, sample: Path, answers: dict, held_check: list) -> None:
    damage_pages_of(sample, "activity")  # read by the deal panel, in a slot
    assert shell.open(str(sample)) is None
    assert "damaged" in answers["warned"][0] and "no backup" in answers["warned"][0]
    assert shell.window is None


def test_damage_met_by_the_loading_thread_offers_restore(
        shell: Shell, sample: Path, answers: dict, held_check: list,
        monkeypatch: pytest.MonkeyPatch, qtbot) -> None:
    monkeypatch.setattr(deals_tab, "FIRST_PAGE", 5)
    monkeypatch.setattr(deals_tab, "AFTER_PAINT_MS", 0)
    damage_pages_of(sample, "deal", leftmost_leaf=True)  # the oldest deals: not on page one
    window = shell.open(str(sample))
    assert window is not None and window.deals_tab.model.rowCount() == 5
    qtbot.waitUntil(lambda: bool(answers["warned"]), timeout=10_000)
    assert "damaged" in answers["warned"][0] and "no backup" in answers["warned"][0]
    assert shell.window is None and not window.isVisible()


def test_deal_panel_follows_the_first_paint_with_the_selected_deal(
        shell: Shell, sample: Path, qtbot) -> None:
    window = shell.open(str(sample))
    assert window is not None
    tab = window.deals_tab
    qtbot.waitUntil(lambda: tab.panel is not None)  # built once the rows are painted
    assert tab.panel.isVisible()
    assert tab.panel.deal_id == tab.model.row(0).id
    assert tab.panel.fields.edits["title"].text() == tab.model.row(0).title
