"""Storage on a real SQLite file: opening, refusing what is not ours, commands and inverses."""

from __future__ import annotations

import hashlib
import sqlite3
from datetime import date, datetime
from pathlib import Path

import pytest

from pipeline_desktop.domain import commands as cmd
from pipeline_desktop.errors import NotAPipelineError, ValidationError
from pipeline_desktop.services.demo import generate
from pipeline_desktop.session import Session, open_session
from pipeline_desktop.storage import migrations


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_a_new_pipeline_has_default_stages_wal_and_foreign_keys(session: Session):
    assert [s.name for s in session.repository.stages()][:2] == ["Prospecting", "Qualifying"]
    assert session.db.execute_sql("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert session.db.execute_sql("PRAGMA foreign_keys").fetchone()[0] == 1
    assert migrations.schema_version(session.db) == migrations.LATEST_VERSION
    assert session.repository.setting("lost_reasons")[0] == "Price"


@pytest.mark.parametrize("content", [b"hello, this is not a pipeline", b"PK\x03\x04zip",
                                     b"\xd0\xcf\x11\xe0old excel"])
def test_a_file_that_is_not_a_pipeline_is_refused_and_left_untouched(tmp_path, content):
    path = tmp_path / "notes.pipeline"
    path.write_bytes(content)
    before = digest(path)
    with pytest.raises(NotAPipelineError, match="not a pipeline"):
        open_session(str(path))
    assert digest(path) == before


def test_another_programs_database_is_refused_and_left_untouched(tmp_path):
    path = tmp_path / "other.db"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE t (x)")
    conn.commit()
    conn.close()
    before = digest(path)
    with pytest.raises(NotAPipelineError, match="not a pipeline"):
        open_session(str(path))
    assert digest(path) == before
    assert not (tmp_path / "other.db-wal").exists()


def test_a_file_from_a_newer_version_is_refused(tmp_path, pipeline_path):
    open_session(str(pipeline_path)).close()
    conn = sqlite3.connect(pipeline_path)
    conn.execute(f"PRAGMA user_version = {migrations.LATEST_VERSION + 1}")
    conn.close()
    before = digest(pipeline_path)
    with pytest.raises(NotAPipelineError, match="newer"):
        open_session(str(pipeline_path))
    assert digest(pipeline_path) == before


def test_creating_and_undoing_a_deal(session: Session):
    repo = session.repository
    applied = repo.apply(cmd.CreateDeal({"title": "Website redesign", "company": "Acme",
                                         "value_cents": "12,000", "owner": "Ann"}))
    (row,) = repo.deal_rows()
    assert (row.title, row.company, row.value_cents, row.stage, row.status) == (
        "Website redesign", "Acme", 1_200_000, "Prospecting", "open")
    assert row.weighted_cents == 120_000  # 10 % of 12,000
    repo.apply(applied.inverse)
    assert repo.deal_rows() == []
    repo.apply(applied.redo)
    assert repo.deal_rows()[0].id == row.id  # redo keeps the deal's number


def test_an_invalid_edit_stores_nothing(session: Session):
    repo = session.repository
    repo.apply(cmd.CreateDeal({"title": "A", "value_cents": 500}))
    deal_id = repo.deal_rows()[0].id
    for bad in ("abc", "-5"):
        with pytest.raises(ValidationError):
            repo.apply(cmd.EditDeal(deal_id, {"value_cents": bad}))
    assert repo.deal_rows()[0].value_cents == 500


def test_moving_to_won_closes_and_records_history_and_undo_restores(session: Session):
    repo = session.repository
    stages = {s.name: s for s in repo.stages()}
    repo.apply(cmd.CreateDeal({"title": "A", "value_cents": 500}))
    deal_id = repo.deal_rows()[0].id
    move = repo.apply(cmd.MoveStage(deal_id, stages["Lost"].id, "Price",
                                    at=datetime(2099, 3, 4, 10)))
    deal = repo.deal(deal_id)
    assert (deal["status"], str(deal["closed"]), deal["lost_reason"]) == ("lost", "2099-03-04",
                                                                         "Price")
    history = repo.stage_history(deal_id)
    assert [(h[0], h[1]) for h in history] == [(None, "Prospecting"), ("Prospecting", "Lost")]
    repo.apply(move.inverse)
    deal = repo.deal(deal_id)
    assert (deal["status"], deal["closed"], deal["lost_reason"]) == ("open", None, "")
    assert len(repo.stage_history(deal_id)) == 1


def test_delete_and_undo_restore_activities_and_history(demo_session: Session):
    repo = demo_session.repository
    deal_id = 5
    before = repo.deal_rows([deal_id])
    history = repo.stage_history(deal_id)
    activities = demo_session.db.execute_sql(
        "SELECT count(*) FROM activity WHERE deal_id = ?", (deal_id,)).fetchone()[0]
    applied = repo.apply(cmd.DeleteDeal(deal_id))
    assert repo.deal_rows([deal_id]) == []
    repo.apply(applied.inverse)
    assert repo.deal_rows([deal_id]) == before
    assert repo.stage_history(deal_id) == history
    assert demo_session.db.execute_sql(
        "SELECT count(*) FROM activity WHERE deal_id = ?", (deal_id,)).fetchone()[0] == activities


def test_a_batch_is_one_transaction(session: Session):
    repo = session.repository
    repo.apply(cmd.CreateDeal({"title": "A"}))
    deal_id = repo.deal_rows()[0].id
    with pytest.raises(ValidationError):
        repo.apply(cmd.Batch((cmd.EditDeal(deal_id, {"title": "B"}),
                              cmd.EditDeal(deal_id, {"value_cents": "oops"}))))
    assert repo.deal_rows()[0].title == "A"


def test_companies_and_contacts_match_by_name_without_case_or_spaces(session: Session):
    repo = session.repository
    first = repo.company_id("Acme  Ltd")
    assert repo.company_id(" acme ltd ") == first
    assert repo.contact_id("Jo Smith", first) == repo.contact_id("jo smith", first)
    assert repo.contact_id("Jo Smith", first) != repo.contact_id("Jo Smith", None)


def test_demo_is_deterministic_and_realistic(tmp_path):
    rows = []
    for name in ("a", "b"):
        session = open_session(str(tmp_path / f"{name}.pipeline"))
        generate(session.db, session.repository.stages(), deals=300, seed=4,
                 today=date(2026, 6, 1))
        rows.append(session.repository.deal_rows(today=date(2026, 6, 1)))
        session.close()
    assert rows[0] == rows[1]
    statuses = {s: sum(r.status == s for r in rows[0]) for s in ("open", "won", "lost")}
    assert all(count > 20 for count in statuses.values()), statuses
    assert len({r.owner for r in rows[0]}) == 5
    assert min(r.created for r in rows[0]) < "2025-07-01"  # about a year of history
    assert all(r.closed for r in rows[0] if r.status != "open")


def test_a_copy_is_complete_or_not_there(demo_session: Session, tmp_path):
    from pipeline_desktop.errors import StorageError
    from pipeline_desktop.storage.copy import copy_pipeline

    target = tmp_path / "copy.pipeline"
    target.write_text("an older copy")
    copy_pipeline(demo_session.db, target)
    assert target.read_bytes().startswith(b"SQLite format 3")
    folder = tmp_path / "a folder"
    folder.mkdir()
    with pytest.raises(StorageError, match="Could not write"):
        copy_pipeline(demo_session.db, folder)  # cannot replace a folder: nothing half-written
    assert folder.is_dir() and not list(tmp_path.glob(".*.partial"))
