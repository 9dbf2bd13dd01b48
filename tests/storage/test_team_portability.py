"""Every feature works the same on a PostgreSQL server as in a SQLite file.

Each test runs on both engines through the `any_session` family of fixtures (tests/pg.py); the
comparisons at the end put one pipeline on each engine side by side."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from pipeline_desktop.cli import main
from pipeline_desktop.domain import commands as cmd
from pipeline_desktop.services.demo import generate
from pipeline_desktop.session import Session, open_session
from pipeline_desktop.storage import migrations
from pipeline_desktop.storage.bulk import clear_pipeline

TODAY = date(2026, 6, 15)


def run_cli(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    capsys.readouterr()
    code = main(list(argv))
    out, err = capsys.readouterr()
    assert code == 0, err
    return out


def demo_pipeline(url: str, deals: int = 400) -> None:
    session = open_session(url)
    try:
        generate(session.db, session.repository.stages(), deals=deals, seed=11, today=TODAY)
    finally:
        session.close()


def test_the_schema_is_migrated_and_versioned(any_session: Session) -> None:
    assert migrations.schema_version(any_session.db) == migrations.LATEST_VERSION
    assert [s.name for s in any_session.repository.stages()][:2] == ["Prospecting",
                                                                       "Qualifying"]
    reopened = open_session(any_session.url, create=False) if any_session.path is None else None
    if reopened is not None:  # a second connection finds it migrated, nothing runs twice
        assert migrations.migrate(reopened.db) == migrations.LATEST_VERSION
        reopened.close()


def test_commands_undo_and_redo(any_demo_session: Session) -> None:
    repo = any_demo_session.repository
    stages = repo.stages()
    created = repo.apply(cmd.CreateDeal({"title": "Team deal", "company": "Acme GmbH",
                                         "value_cents": 123_45, "expected_close": "2026-07-01",
                                         "stage_id": stages[1].id}))
    deal_id = created.inverse.deal_id  # type: ignore[attr-defined]
    assert deal_id == 61  # the sequence continued after the demo's explicit ids
    moved = repo.apply(cmd.MoveStage(deal_id, stages[-1].id, lost_reason="Price"))
    row = repo.deal(deal_id)
    assert (row["status"], row["lost_reason"], row["company_name"]) == ("lost", "Price",
                                                                         "Acme GmbH")
    repo.apply(moved.inverse)
    assert repo.deal(deal_id)["status"] == "open"
    deleted = repo.apply(cmd.DeleteDeal(deal_id))
    repo.apply(deleted.inverse)
    assert repo.deal(deal_id)["title"] == "Team deal"
    assert [h[1] for h in repo.stage_history(deal_id)] == [stages[1].name]


def test_settings_and_custom_fields_round_trip(any_demo_session: Session) -> None:
    repo = any_demo_session.repository
    repo.set_setting("targets", {"2026-06": 50_000})
    repo.set_setting("targets", {"2026-06": 60_000})
    assert repo.setting("targets") == {"2026-06": 60_000}
    assert json.loads(repo.deal(1)["custom"])["Segment"] in ("SMB", "Enterprise")


def test_demo_replaced_with_force_keeps_sequences_right(any_url: str,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    run_cli(capsys, "demo", "--db", any_url, "--deals", "50", "--seed", "2")
    run_cli(capsys, "demo", "--db", any_url, "--deals", "30", "--seed", "3", "--force")
    session = open_session(any_url)
    try:
        assert session.repository.deal_count() == 30
        created = session.repository.apply(cmd.CreateDeal({"title": "After the demo"}))
        assert created.inverse.deal_id == 31  # type: ignore[attr-defined]
    finally:
        session.close()


def test_every_subcommand_takes_the_url(any_url: str, tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    demo_pipeline(any_url, 120)
    metrics = json.loads(run_cli(capsys, "metrics", "--db", any_url, "--json"))
    assert metrics["deals"]["total"] == 120
    workbook = tmp_path / "out.xlsx"
    assert "120 deals" in run_cli(capsys, "export", "--db", any_url, str(workbook))
    assert "120 unchanged" in run_cli(capsys, "import", "--db", any_url, str(workbook))
    assert "/100" in run_cli(capsys, "health", "--db", any_url)


# ---- one pipeline on each engine, side by side -------------------------------------------


@pytest.fixture
def twin_urls(pg_url: str, tmp_path: Path) -> tuple[str, str]:
    """The same demo pipeline in a SQLite file and on the server."""
    sqlite_url = str(tmp_path / "twin.pipeline")
    for url in (sqlite_url, pg_url):
        demo_pipeline(url)
    return sqlite_url, pg_url


@pytest.mark.postgres
def test_same_seed_gives_the_same_metrics_json(twin_urls: tuple[str, str],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    outputs = [run_cli(capsys, "metrics", "--db", url, "--json") for url in twin_urls]
    assert outputs[0] == outputs[1]
    periods = [run_cli(capsys, "metrics", "--db", url, "--json", "--from", "2026-01-01",
                       "--to", "2026-03-31") for url in twin_urls]
    assert periods[0] == periods[1]
    assert json.loads(outputs[0])["deals"]["total"] == 400


@pytest.mark.postgres
def test_same_deal_table_and_health_on_both_engines(twin_urls: tuple[str, str],
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    rows, health = [], []
    for url in twin_urls:
        session = open_session(url)
        try:
            rows.append(session.repository.deal_rows(today=TODAY))
            rows.append(session.repository.deal_rows([3, 5, 400], today=TODAY))
            rows.append(session.repository.stage_history(5))
        finally:
            session.close()
        health.append(run_cli(capsys, "health", "--db", url, "--json"))
    assert rows[0] == rows[3] and rows[1] == rows[4] and rows[2] == rows[5]
    assert health[0] == health[1]


@pytest.mark.postgres
def test_a_workbook_from_sqlite_imports_identically_on_the_server(
        twin_urls: tuple[str, str], pg_server, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    sqlite_url, _ = twin_urls
    workbook = tmp_path / "from-sqlite.xlsx"
    run_cli(capsys, "export", "--db", sqlite_url, str(workbook))
    target = pg_server.new_database()
    try:
        assert "400 new" in run_cli(capsys, "import", "--db", target, str(workbook))
        metrics = [run_cli(capsys, "metrics", "--db", url, "--json")
                   for url in (sqlite_url, target)]
        assert metrics[0] == metrics[1]
        again = tmp_path / "from-server.xlsx"
        run_cli(capsys, "export", "--db", target, str(again))
        back = str(tmp_path / "back.pipeline")
        run_cli(capsys, "import", "--db", back, str(again))
        assert run_cli(capsys, "metrics", "--db", back, "--json") == metrics[0]
    finally:
        pg_server.drop(target)


def test_clear_pipeline_on_both_engines(any_demo_session: Session) -> None:
    with any_demo_session.db.atomic():
        clear_pipeline(any_demo_session.db)
    assert any_demo_session.repository.deal_count() == 0


def test_copy_command_moves_a_pipeline_both_ways(any_url: str, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    source = str(tmp_path / "source.pipeline")
    demo_pipeline(source, 80)
    out = run_cli(capsys, "copy", "--db", source, any_url)
    assert "80 deals" in out and "--db" in out
    assert main(["copy", "--db", source, any_url]) == 1  # already holds deals
    run_cli(capsys, "copy", "--db", source, any_url, "--replace")
    back = str(tmp_path / "back.pipeline")
    run_cli(capsys, "copy", "--db", any_url, back)
    assert run_cli(capsys, "metrics", "--db", back, "--json") == \
        run_cli(capsys, "metrics", "--db", source, "--json")
