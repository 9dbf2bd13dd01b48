"""Files of every earlier schema version (frozen in tests/fixtures/schema_v*/) open, upgrade in
one transaction and keep their data; a file from a newer version is refused untouched."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import peewee as pw
import pytest

from pipeline_desktop.errors import NotAPipelineError
from pipeline_desktop.session import open_session
from pipeline_desktop.storage import migrations
from pipeline_desktop.storage.integrity import integrity_problems

FIXTURES = Path(__file__).parents[1] / "fixtures"
VERSIONS = sorted(int(p.name.removeprefix("schema_v")) for p in FIXTURES.glob("schema_v*"))


def fixture_copy(version: int, tmp_path: Path) -> Path:
    target = tmp_path / f"v{version}.pipeline"
    shutil.copyfile(FIXTURES / f"schema_v{version}" / "sample.pipeline", target)
    return target


def counts(path: Path) -> dict[str, int]:
    conn = sqlite3.connect(path)
    try:
        found = {table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
                 for table in ("deal", "stage", "company", "contact", "activity",
                               "stage_change")}
        found["value_cents"] = conn.execute("SELECT sum(value_cents) FROM deal").fetchone()[0]
        found["user_version"] = conn.execute("PRAGMA user_version").fetchone()[0]
        return found
    finally:
        conn.close()


NOT_YET_FROZEN: set[int] = set()  # a version whose fixture is still to be made


def test_every_released_version_has_a_fixture() -> None:
    missing = set(range(1, migrations.LATEST_VERSION + 1)) - set(VERSIONS) - NOT_YET_FROZEN
    assert not missing, (f"no fixture for schema version(s) {sorted(missing)}: run "
                         "tests/fixtures/make_fixtures.py and commit the new folder")


@pytest.mark.parametrize("version", VERSIONS)
def test_fixture_is_the_version_it_claims(version: int) -> None:
    path = FIXTURES / f"schema_v{version}" / "sample.pipeline"
    assert counts(path)["user_version"] == version


@pytest.mark.parametrize("version", VERSIONS)
def test_old_file_upgrades_and_keeps_its_data(version: int, tmp_path: Path) -> None:
    path = fixture_copy(version, tmp_path)
    expected = json.loads((FIXTURES / f"schema_v{version}" / "expected.json").read_text())
    session = open_session(str(path))
    try:
        assert migrations.schema_version(session.db) == migrations.LATEST_VERSION
        rows = session.repository.deal_rows()
        assert len(rows) == expected["deal"]
        assert session.repository.setting("fixture_note") == f"made at schema v{version}"
    finally:
        session.close()
    after = counts(path)
    for key, value in expected.items():
        if key != "user_version":
            assert after[key] == value, key
    assert after["user_version"] == migrations.LATEST_VERSION
    assert integrity_problems(path) == []


def test_a_failing_step_leaves_the_file_at_its_old_version(tmp_path: Path,
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    path = fixture_copy(VERSIONS[-1], tmp_path)

    def half_done(db: pw.Database) -> None:
        db.execute_sql("ALTER TABLE deal ADD COLUMN region TEXT DEFAULT ''")
        db.execute_sql("UPDATE deal SET value_cents = 0")
        raise pw.OperationalError("step failed halfway")

    session = open_session(str(path))  # at the latest version now
    before = counts(path)
    try:
        monkeypatch.setattr(migrations, "STEPS", (*migrations.STEPS, half_done))
        with pytest.raises(pw.OperationalError):
            migrations.migrate(session.db, target=migrations.LATEST_VERSION + 1)
        columns = [c.name for c in session.db.get_columns("deal")]
    finally:
        session.close()
    assert "region" not in columns
    assert counts(path) == before


def test_a_new_step_upgrades_in_one_go_and_old_apps_then_refuse(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The path a real v2 will take: add a column, bump the version, in one transaction."""
    path = fixture_copy(VERSIONS[0], tmp_path)

    def add_region(db: pw.Database) -> None:
        db.execute_sql("ALTER TABLE deal ADD COLUMN region TEXT DEFAULT ''")

    newer = migrations.LATEST_VERSION + 1
    monkeypatch.setattr(migrations, "STEPS", (*migrations.STEPS, add_region))
    session = open_session(str(path))
    try:
        migrations.migrate(session.db, target=newer)
        assert migrations.schema_version(session.db) == newer
    finally:
        session.close()
    monkeypatch.undo()  # back to this version of the app
    before = path.read_bytes()
    with pytest.raises(NotAPipelineError, match="newer Pipeline Desktop"):
        open_session(str(path))
    assert path.read_bytes() == before  # refused without writing a byte


@pytest.mark.parametrize("version", [v for v in VERSIONS if v < 5])
def test_an_older_file_gets_the_fit_figures_index(version: int, tmp_path: Path) -> None:
    """v5: the fit figures read the covering index tables.FIT_INDEX, never the deal rows."""
    path = fixture_copy(version, tmp_path)
    open_session(str(path)).close()
    conn = sqlite3.connect(path)
    try:
        (columns,) = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?",
                                  ("deal_fit_groups",)).fetchone()
    finally:
        conn.close()
    assert columns.endswith("(company_id, contact_id, status, closed, currency, value_cents)")
