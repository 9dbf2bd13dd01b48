"""The PDF report: written with Qt's own PDF writer, from the command line and the core."""

from __future__ import annotations

import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest

from pipeline_desktop.cli import main
from pipeline_desktop.domain.targets import Target
from pipeline_desktop.errors import StorageError
from pipeline_desktop.services import health

TODAY = date(2026, 6, 15)


@pytest.fixture
def app(qapp):
    return qapp


def _text(pdf: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    return subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout.replace("\ufb01", "fi")


def test_report_has_numbered_pages_with_every_section(app, demo_session, tmp_path):
    from pipeline_desktop.ui.report import write_report

    health.save_targets(demo_session.repository, [Target("2026-06", 80_000_00),
                                                  Target("2026-Q2", 30_000_00, "Ana Ruiz")])
    out = tmp_path / "report.pdf"
    pages = write_report(demo_session, out, today=TODAY)
    assert pages >= 2
    assert out.read_bytes().startswith(b"%PDF")
    text = _text(out)
    for heading in ("Pipeline report", "Health", "Target", "Key figures", "Funnel",
                    "Forecast", "Findings", "Deals to act on", "June 2026 target"):
        assert heading in text
    assert f"Page 1 of {pages}" in text and f"Page {pages} of {pages}" in text
    assert "test · Pipeline report · 2026-06-15" in text
    assert "vs previous" in text
    assert "Ana Ruiz: Q2 2026 target $30,000" in text


def test_report_of_an_empty_pipeline(app, session, tmp_path):
    from pipeline_desktop.ui.report import write_report

    out = tmp_path / "empty.pdf"
    assert write_report(session, out, today=TODAY) >= 1
    assert "No revenue target is set" in _text(out)


def test_report_refuses_a_missing_folder(app, demo_session, tmp_path):
    from pipeline_desktop.ui.report import write_report

    with pytest.raises(StorageError):
        write_report(demo_session, tmp_path / "nowhere" / "r.pdf", today=TODAY)


def test_report_command(app, demo_session, tmp_path, capsys):
    demo_session.close()
    out = tmp_path / "cli.pdf"
    code = main(["report", "--db", demo_session.url, "--out", str(out),
                 "--from", "2026-04-01", "--to", "2026-06-15"])
    assert code == 0
    assert out.exists() and str(out) in capsys.readouterr().out
    assert "2026-04-01 to 2026-06-15 (76 days)" in _text(out).replace("\n", " ")


def test_report_command_refuses_wrong_usage(demo_session, tmp_path, capsys):
    demo_session.close()
    assert main(["report", "--db", demo_session.url, "--out", str(tmp_path / "r.pdf"),
                 "--from", "2026-06-15", "--to", "2026-04-01"]) == 2
    assert main(["report", "--db", demo_session.url, "--out", str(tmp_path / "r.txt")]) == 2
    assert "error:" in capsys.readouterr().err


def test_export_report_from_the_menu(window, tmp_path, monkeypatch):
    from pipeline_desktop.ui import report_actions

    out = tmp_path / "menu report"
    monkeypatch.setattr(report_actions, "ask_path", lambda _w, _c, _s: out.with_suffix(".pdf"))
    action = window.actions_by_name["export_report"]
    assert action.isEnabled()
    action.trigger()
    assert out.with_suffix(".pdf").read_bytes().startswith(b"%PDF")
    assert "Report written to" in window.statusBar().currentMessage()


def test_export_report_cancelled_writes_nothing(window, monkeypatch):
    from pipeline_desktop.ui import report_actions

    monkeypatch.setattr(report_actions, "ask_path", lambda _w, _settings, _s: None)
    assert report_actions.export_report(window, window.controller, window.settings) is None


def test_report_period_must_not_end_before_it_starts(app, demo_session, tmp_path):
    from pipeline_desktop.errors import ValidationError
    from pipeline_desktop.ui.report import write_report

    with pytest.raises(ValidationError):
        write_report(demo_session, tmp_path / "r.pdf", start=date(2026, 7, 1), end=TODAY)
