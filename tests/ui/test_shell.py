"""The window opens pipelines in one place: `ui/shell.py`. (What the opening offers is tested in
test_backup_ui, test_open_checking and test_start.)"""

from __future__ import annotations

import ast
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox
from sample_files import sample_file
from test_open_checking import damage_pages_of

import pipeline_desktop.ui
from pipeline_desktop import paths
from pipeline_desktop.session import open_session
from pipeline_desktop.storage import backup
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.shell import Shell

UI = Path(pipeline_desktop.ui.__file__).parent
OPENERS = {"open_session", "open_for_reading", "open_database", "reading"}
ELSEWHERE = {  # the only other places in ui that open one, and why
    ("first_run.py", "create_sample"),  # first run: the sample is written before the shell opens it
    ("team_actions.py", "connect_checked"),  # a password probe, closed at once
}


def calls_that_open(path: Path) -> set[tuple[str, str]]:
    """(file, enclosing function) for every call of an opening function in a module."""
    found: set[tuple[str, str]] = set()

    def visit(node: ast.AST, function: str) -> None:
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            function = node.name
        if isinstance(node, ast.Call):
            name = getattr(node.func, "id", None) or getattr(node.func, "attr", None)
            if name in OPENERS:
                found.add((path.relative_to(UI).as_posix(), function))
        for child in ast.iter_child_nodes(node):
            visit(child, function)

    visit(ast.parse(path.read_text(encoding="utf-8")), "")
    return found


def test_only_the_shell_opens_pipelines_in_the_window() -> None:
    opened = set().union(*(calls_that_open(path) for path in UI.rglob("*.py")))
    assert {call for call in opened if call[0] != "shell.py"} == ELSEWHERE
    assert {function for name, function in opened if name == "shell.py"} == {
        "_open_session", "_open_or_warn"}


def test_the_damage_offer_reads_plainly_with_sqlites_findings_behind_details(
        qtbot, tmp_path: Path) -> None:
    """The real message box: one plain statement and the offer; what SQLite's check found
    (several lines of page numbers) only under Show Details…. Cancel opens nothing."""
    sample = sample_file(tmp_path / "shop.pipeline", deals=200)
    session = open_session(str(sample))
    made = backup.make_backup(session.db, sample, paths.backups_dir(), "manual")
    session.close()
    damage_pages_of(sample, "deal")
    digest = sample.read_bytes()
    seen: list[tuple[str, str]] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        seen.append((box.text(), box.detailedText()))
        box.button(QMessageBox.StandardButton.Cancel).click()

    QTimer.singleShot(0, answer)
    shell = Shell(AppSettings())
    assert shell.open(str(sample)) is None
    text, details = seen[0]
    when = backup.describe(made).made.strftime("%Y-%m-%d %H:%M")
    assert text == ("shop.pipeline is damaged and cannot be opened safely.\n\n"
                    f"Restore the latest good backup, from {when}? "
                    "The damaged file is kept beside it.")
    assert details.startswith("What the check found:\n") and len(details.splitlines()) > 1
    assert sample.read_bytes() == digest and shell.window is None
