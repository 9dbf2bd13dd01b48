"""`metrics --json` and `health --json` as scripts run them: the command line imports only the
command it names, a current file is read without the lock, a check or a migration, damage met
while reading ends in one line, and an older file is still upgraded first."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from safety_helpers import PAGE

from pipeline_desktop.cli import COMMANDS, SUBCOMMAND_MODULES, build_parser, main, named_module
from pipeline_desktop.storage.file_format import LATEST_VERSION
from pipeline_desktop.storage.lock import WriterLock, lock_path

FIXTURES = Path(__file__).parents[1] / "fixtures"
# What a script's `metrics --json` must never load: the GUI and the Excel libraries.
HEAVY = ("PySide6", "shiboken6", "pyqtgraph", "openpyxl", "python_calamine", "xlsxwriter",
         "pipeline_desktop.ui")


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """A demo pipeline file (with the sample ideal customer profile: fit figures are read)."""
    path = tmp_path / "sample.pipeline"
    assert main(["demo", "--db", str(path), "--deals", "150"]) == 0
    return path


def run_command(*args: str, tmp_path: Path,
                watch: tuple[str, ...] = HEAVY) -> subprocess.CompletedProcess[str]:
    """The command in a new process, as a script starts it; stderr ends with the modules it
    loaded that `watch` names."""
    report = ("import runpy, sys\n"
              "try:\n"
              "    runpy.run_module('pipeline_desktop', run_name='__main__')\n"
              "except SystemExit as stop:\n"
              "    code = stop.code\n"
              f"heavy = sorted(m for m in sys.modules if m.startswith({watch!r}))\n"
              "print('loaded:', ','.join(heavy), file=sys.stderr)\n"
              "raise SystemExit(code)\n")
    env = dict(os.environ, PIPELINE_DESKTOP_DATA_DIR=str(tmp_path / "data"))
    return subprocess.run([sys.executable, "-c", report, *args], capture_output=True,
                          text=True, env=env, check=False, timeout=120)


def problems_and_loaded(stderr: str) -> tuple[list[str], str]:
    *lines, loaded = stderr.strip().splitlines()
    return lines, loaded.removeprefix("loaded:").strip()


# ---- the command line builds the parser of the command it names ----------------------------

def test_each_command_is_registered_by_the_module_named_for_it() -> None:
    def commands(parser) -> set[str]:
        (subparsers,) = [a for a in parser._actions if a.dest == "==SUPPRESS==" and a.choices]
        return set(subparsers.choices)

    assert commands(build_parser()) == set(COMMANDS) | {"open"}
    for module in SUBCOMMAND_MODULES:
        named = {name for name, owner in COMMANDS.items() if owner == module}
        assert commands(build_parser(module)) == named | {"open"}


@pytest.mark.parametrize(("argv", "module"), [
    (["metrics", "--json"], "metrics"),
    (["--db", "x.pipeline", "report", "--out", "r.pdf"], "health"),
    (["--db=metrics", "import", "f.xlsx"], "excel"),
    (["--db", "health"], None),  # no command: the window
    (["--help", "metrics"], None),  # the whole help
    (["--version"], None),
    (["no-such-command"], None),
    ([], None),
])
def test_the_module_a_command_line_names(argv: list[str], module: str | None) -> None:
    assert named_module(argv) == module


def test_help_still_lists_every_command(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    text = capsys.readouterr().out
    assert all(name in text for name in COMMANDS)


# ---- metrics and health read the file the cheapest safe way --------------------------------

def test_metrics_json_loads_no_gui_or_excel_library(sample: Path, tmp_path: Path) -> None:
    for command in ("metrics", "health"):
        result = run_command(command, "--db", str(sample), "--json", tmp_path=tmp_path)
        assert result.returncode == 0, result.stderr
        problems, loaded = problems_and_loaded(result.stderr)
        assert (command, problems, loaded) == (command, [], "")
        assert json.loads(result.stdout)


def test_metrics_of_a_server_pipeline_still_reads_it(pg_url: str, tmp_path: Path) -> None:
    result = run_command("metrics", "--db", pg_url, "--json", tmp_path=tmp_path,
                         watch=("psycopg2",))
    problems, loaded = problems_and_loaded(result.stderr)
    assert (result.returncode, problems) == (0, [])
    assert "psycopg2" in loaded.split(",")
    assert json.loads(result.stdout)["deals"]["total"] == 0


def test_a_current_file_is_read_without_writing_or_locking_it(sample: Path,
                                                              capsys) -> None:
    before = sample.read_bytes()
    assert main(["metrics", "--db", str(sample), "--json", "--today", "2026-06-15"]) == 0
    assert json.loads(capsys.readouterr().out)["deals"]["total"] == 150
    assert main(["health", "--db", str(sample), "--json", "--today", "2026-06-15"]) == 0
    assert sample.read_bytes() == before
    assert not lock_path(sample).exists()


def test_a_backup_is_read_without_being_switched_to_wal(sample: Path, tmp_path: Path,
                                                      capsys) -> None:
    """Backups are single files in rollback mode: reading one changes nothing in it."""
    copy = tmp_path / "copy.pipeline"
    conn = sqlite3.connect(sample)
    try:
        conn.execute("VACUUM INTO ?", (str(copy),))
    finally:
        conn.close()
    conn = sqlite3.connect(copy)
    conn.execute("PRAGMA journal_mode=delete")
    conn.close()
    before = copy.read_bytes()
    assert main(["metrics", "--db", str(copy), "--json", "--today", "2026-06-15"]) == 0
    assert json.loads(capsys.readouterr().out)["deals"]["total"] == 150
    assert copy.read_bytes() == before
    assert sorted(p.name for p in tmp_path.glob("copy.pipeline*")) == ["copy.pipeline"]


def older_file(tmp_path: Path) -> Path:
    oldest = min(int(p.name.removeprefix("schema_v")) for p in FIXTURES.glob("schema_v*"))
    assert oldest < LATEST_VERSION
    path = tmp_path / "old.pipeline"
    shutil.copyfile(FIXTURES / f"schema_v{oldest}" / "sample.pipeline", path)
    return path


def test_an_older_file_in_use_is_refused_with_a_message(tmp_path: Path, capsys) -> None:
    path = older_file(tmp_path)
    before = path.read_bytes()
    lock = WriterLock.acquire(path)  # a window of an older version has it open
    try:
        assert main(["metrics", "--db", str(path), "--json"]) == 1
    finally:
        lock.release()
    assert "must be upgraded" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_an_older_file_is_still_upgraded_before_it_is_read(tmp_path: Path, capsys) -> None:
    path = older_file(tmp_path)
    assert main(["metrics", "--db", str(path), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["deals"]["total"] > 0
    conn = sqlite3.connect(path)
    try:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == LATEST_VERSION
    finally:
        conn.close()


# ---- damage met while reading -------------------------------------------------------------

def scribble_over(path: Path, name: str) -> None:
    """Overwrite the first page of one table or index, as a failing disk would."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        (root,) = conn.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                               (name,)).fetchone()
    finally:
        conn.close()
    with path.open("r+b") as handle:
        handle.seek((root - 1) * PAGE)
        handle.write(b"\xa5" * PAGE)


BOTH = ("metrics", "health")


# `metrics` reads covering indexes only, never the deal rows (tables.FIGURES_INDEX, FIT_INDEX).
@pytest.mark.parametrize(("name", "commands"), [
    ("stage", BOTH), ("setting", BOTH), ("deal", ("health",)), ("deal_status_figures", BOTH),
    ("deal_fit_groups", ("metrics",)), ("company", BOTH),
    ("stage_change_to_stage_id_stay_days", ("metrics",)),
])
def test_damage_met_while_reading_is_one_line(sample: Path, tmp_path: Path, name: str,
                                              commands: tuple[str, ...]) -> None:
    scribble_over(sample, name)
    for command in commands:
        result = run_command(command, "--db", str(sample), "--json", tmp_path=tmp_path)
        problems, _ = problems_and_loaded(result.stderr)
        assert (command, result.returncode, result.stdout) == (command, 1, "")
        assert len(problems) == 1, result.stderr
        assert problems[0].startswith(f"error: {sample.name} is damaged"), problems[0]
