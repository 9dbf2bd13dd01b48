"""Team mode: undoing an import writes new, higher versions. A version number is never used
twice for a deal, so a teammate still holding a copy from before the import (or from the
import itself) cannot save over the undone state unchallenged. On both engines."""

from __future__ import annotations

from pathlib import Path

import pytest
import xlsxwriter

from pipeline_desktop.domain import commands as cmd
from pipeline_desktop.services.excel.apply import install
from pipeline_desktop.services.excel.preview import build_preview
from pipeline_desktop.session import Session
from pipeline_desktop.storage.concurrency import DealConflict
from pipeline_desktop.storage.repository import Repository


def workbook(path: Path, rows: list[list[object]]) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Sheet1")
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            sheet.write(r, c, value)
    book.close()
    return path


def import_sheet(session: Session, path: Path, amount: int) -> cmd.Applied:
    rows = [["Record ID", "Deal Name", "Amount"], [9001, "Big deal", amount]]
    install(session.repository)
    return session.repository.apply(build_preview(session.repository,
                                                  workbook(path, rows)).edit())


@pytest.fixture
def imported_twice(any_session: Session, tmp_path: Path):
    """A deal brought in by one import and changed by a second; (deal id, version before the
    second import, version after it, the second import applied)."""
    import_sheet(any_session, tmp_path / "first.xlsx", 5000)
    (deal_id,) = [r.id for r in any_session.repository.deal_rows()]
    before = any_session.repository.deal(deal_id)["version"]
    second = import_sheet(any_session, tmp_path / "second.xlsx", 6000)
    after = any_session.repository.deal(deal_id)["version"]
    assert after == before + 1
    return deal_id, before, after, second


def teammate(session: Session) -> Repository:
    return Repository(session.db, user="bob")


def test_undoing_an_import_writes_a_higher_version(any_session: Session, imported_twice) -> None:
    deal_id, _before, after, second = imported_twice
    undone = any_session.repository.apply(second.inverse)
    deal = any_session.repository.deal(deal_id)
    assert deal["value_cents"] == 500_000  # the state before the second import…
    assert deal["version"] == after + 1  # …under a version nobody has seen yet
    redone = any_session.repository.apply(undone.inverse)  # redo, and undo again, still go
    assert any_session.repository.deal(deal_id)["version"] == after + 2
    any_session.repository.apply(redone.inverse)
    assert any_session.repository.deal(deal_id)["value_cents"] == 500_000


@pytest.mark.parametrize("held", ["before", "after"])
def test_a_teammate_holding_an_older_copy_cannot_save_over_the_undo(
        any_session: Session, imported_twice, held: str) -> None:
    deal_id, before, after, second = imported_twice
    any_session.repository.apply(second.inverse)
    seen = before if held == "before" else after
    with pytest.raises(DealConflict):
        teammate(any_session).apply(cmd.EditDeal(deal_id, {"title": "Bob's"},
                                                 expected_version=seen))
    assert any_session.repository.deal(deal_id)["title"] == "Big deal"
