"""The workbook carries every setting that shapes a figure (issue 14): ideal customer, revenue
targets, health thresholds, lost reasons and lead sources, custom fields. Real workbooks are
written and read, the command line is the real one, and nothing is written on bad input."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import openpyxl

from pipeline_desktop.cli import main
from pipeline_desktop.domain import commands as cmd
from pipeline_desktop.services.excel.apply import install
from pipeline_desktop.services.excel.export import export_workbook
from pipeline_desktop.services.excel.preview import apply_preview, build_preview
from pipeline_desktop.services.excel.settings_base import stored_settings
from pipeline_desktop.services.excel.settings_sections import SECTIONS
from pipeline_desktop.session import Session, open_session

ICP = {"industries": ["Software"], "industry_weight": 3, "min_employees": 20,
       "max_employees": 500, "size_weight": 2, "regions": [], "region_weight": 25,
       "job_titles": ["CTO"], "title_weight": 1}
TARGETS = [{"period": "2026-Q1", "amount_cents": 5_000_000, "owner": ""},
           {"period": "2026-06", "amount_cents": 1_500_000, "owner": "Ana"}]


def run_cli(*args: str, data: Path) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PIPELINE_DESKTOP_DATA_DIR=str(data))
    return subprocess.run([sys.executable, "-m", "pipeline_desktop", *args],
                          capture_output=True, text=True, env=env, check=False, timeout=300)


def with_settings(session: Session) -> Session:
    repository = session.repository
    repository.set_setting("icp", ICP)
    repository.set_setting("targets", TARGETS)
    repository.set_setting("health_thresholds", {"coverage": 2.5, "stale_share": 0.15})
    repository.set_setting("lost_reasons", ["Price", "=SUM(A1)", "Timing"])
    repository.apply(cmd.CreateDeal({"title": "Alpha", "created": "2026-01-05", "owner": "Ana",
                                     "value_cents": 100_000}))
    session.db.execute_sql(f"UPDATE deal SET custom = {session.db.param} WHERE id = 1",
                           (json.dumps({"Segment": "SMB", "Region code": ""}),))
    return session


def settings_of(session: Session) -> dict:
    found = stored_settings(session.db)
    found.pop("pipeline_id", None)
    return found


def canonical(session: Session) -> dict:
    stored = stored_settings(session.db)
    return {k: v for section in SECTIONS for k, v in section.load(stored).items()}


def test_export_writes_readable_settings_sheets(session: Session, tmp_path: Path) -> None:
    target = tmp_path / "settings.xlsx"
    export_workbook(with_settings(session).repository, target)
    book = openpyxl.load_workbook(target)
    icp = book["Ideal customer"]
    assert [c.value for c in icp[1]] == ["Criterion", "Targets", "Weight", "How to fill in"]
    assert icp["A1"].font.b and icp.freeze_panes == "A2"
    assert [(r[0], r[1], r[2]) for r in icp.iter_rows(min_row=2, values_only=True)] == [
        ("Industries", "Software", 3), ("Employees", "20 to 500", 2), ("Regions", None, 25),
        ("Job titles", "CTO", 1)]
    targets = book["Revenue targets"]
    assert list(targets.iter_rows(min_row=1, values_only=True)) == [
        ("Period", "Owner", "Target"), ("2026-06", "Ana", 15000), ("2026-Q1", None, 50000)]
    assert targets["A2"].data_type == "s" and targets["C2"].number_format == "#,##0.00"
    thresholds = {r[4]: r[1] for r in book["Health thresholds"].iter_rows(min_row=2,
                                                                         values_only=True)}
    assert thresholds["coverage"] == 2.5 and thresholds["stale_share"] == 15
    assert thresholds["min_sample"] == 10  # defaults for the ones never changed
    lists = book["Lists"]
    assert lists["A1"].value == "Lost reasons" and lists["A3"].value == "=SUM(A1)"
    assert lists["A3"].data_type == "s"  # text, never a formula
    assert lists["B2"].value == "Website"  # lead sources never changed: the defaults
    assert list(book["Custom fields"].iter_rows(values_only=True)) == [
        ("Field", "Column on the Deals sheet", "Deals with a value"), ("Segment", "Segment", 1),
        ("Region code", "Region code", 0)]


def test_restore_into_an_empty_pipeline_brings_every_setting_back(
        session: Session, tmp_path: Path) -> None:
    workbook = tmp_path / "full.xlsx"
    export_workbook(with_settings(session).repository, workbook)
    fresh = open_session(str(tmp_path / "fresh.pipeline"))
    try:
        before = settings_of(fresh)
        preview = build_preview(fresh.repository, workbook)
        assert not preview.problems and preview.settings.accepted
        assert "Revenue target 2026-Q1: — → 50,000" in preview.settings.lines()
        install(fresh.repository)
        applied = fresh.repository.apply(preview.edit())  # as the window's import does
        assert canonical(fresh) == canonical(session)  # as the app reads them
        assert fresh.repository.fit_scorer is not None  # the fit column scores at once
        fresh.repository.apply(applied.inverse)  # Edit › Undo import
        assert settings_of(fresh) == before
        assert fresh.repository.fit_scorer is None
    finally:
        fresh.close()


def test_demo_round_trip_through_the_command_line_gives_the_same_figures(
        tmp_path: Path) -> None:
    data = tmp_path / "data"
    a, b, book = tmp_path / "A.pipeline", tmp_path / "B.pipeline", tmp_path / "a.xlsx"
    assert run_cli("demo", "--db", str(a), data=data).returncode == 0
    assert run_cli("export", str(book), "--db", str(a), data=data).returncode == 0
    imported = run_cli("import", str(book), "--db", str(b), data=data)
    assert imported.returncode == 0, imported.stderr
    assert "setting differences taken from the file" in imported.stdout
    for command in ("metrics", "health"):
        first = run_cli(command, "--db", str(a), "--json", data=data)
        second = run_cli(command, "--db", str(b), "--json", data=data)
        assert first.returncode == second.returncode == 0
        assert first.stdout == second.stdout  # byte for byte
    health = json.loads(first.stdout)
    assert health["target"] is not None and "icp_fit_down" not in health["skipped"]


def test_differences_are_listed_and_applied_only_when_accepted(
        session: Session, tmp_path: Path, capsys) -> None:
    workbook = tmp_path / "theirs.xlsx"
    export_workbook(with_settings(session).repository, workbook)
    book = openpyxl.load_workbook(workbook)
    book["Revenue targets"]["C3"] = 60000  # 2026-Q1
    book["Ideal customer"]["B2"] = "Software; Fintech"
    book["Health thresholds"]["B2"] = 4
    book["Lists"]["A5"] = "Too expensive"
    book.save(workbook)
    path = str(session.path)
    before = settings_of(session)
    session.close()

    assert main(["import", str(workbook), "--db", path, "--dry-run"]) == 0
    text = capsys.readouterr().out
    assert "Setting: Revenue target 2026-Q1: 50,000 → 60,000" in text
    assert "Setting: Ideal customer: industries Software → Software, Fintech" in text
    assert "Setting: Health threshold “Healthy coverage of the gap”: 2.5× → 4×" in text
    assert "Setting: Lost reasons: added Too expensive" in text
    assert "--settings take applies them" in text
    assert main(["import", str(workbook), "--db", path, "--dry-run", "--json"]) == 0
    shown = json.loads(capsys.readouterr().out)["settings"]
    assert shown["accepted"] is False and shown["applied"] is False
    assert {"sheet": "Revenue targets", "setting": "targets",
            "text": "Revenue target 2026-Q1: 50,000 → 60,000"} in shown["differences"]

    assert main(["import", str(workbook), "--db", path]) == 0  # not accepted: kept
    assert "not applied (the pipeline's settings kept)" in capsys.readouterr().err
    again = open_session(path)
    assert settings_of(again) == before
    again.close()
    assert main(["import", str(workbook), "--db", path, "--settings", "take", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["settings"]["applied"] is True
    again = open_session(path)
    try:
        after = settings_of(again)
        assert after["targets"][1] == {"period": "2026-Q1", "amount_cents": 6_000_000,
                                       "owner": ""}
        assert after["icp"]["industries"] == ["Software", "Fintech"]
        assert after["health_thresholds"]["coverage"] == 4.0
        assert after["lost_reasons"] == ["Price", "=SUM(A1)", "Timing", "Too expensive"]
    finally:
        again.close()


def test_bad_settings_cells_name_sheet_row_and_column_and_write_nothing(
        session: Session, tmp_path: Path, capsys) -> None:
    workbook = tmp_path / "bad.xlsx"
    export_workbook(with_settings(session).repository, workbook)
    book = openpyxl.load_workbook(workbook)
    book["Revenue targets"]["C2"] = "lots"
    book["Revenue targets"].append(["2026-07", "Nobody we know", 1000])  # an owner: fine
    book["Revenue targets"].append(["July", None, 1000])
    book["Health thresholds"]["B3"] = 250  # stale deals share, 0 to 100 %
    book["Ideal customer"]["B3"] = "big ones"
    book.save(workbook)
    path = str(session.path)
    before = settings_of(session)
    session.close()
    assert main(["import", str(workbook), "--db", path]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[:4] == [
        "Sheet 'Ideal customer', row 3, column 'Targets': 'big ones' is not a range of "
        "employees (such as 20 to 500, 20 or more, up to 500)",
        "Sheet 'Revenue targets', row 2, column 'Target': 'lots' is not an amount",
        "Sheet 'Revenue targets', row 5, column 'Period': 'July' is not a period (use "
        "YYYY-MM for a month or YYYY-Q1…Q4 for a quarter)",
        "Sheet 'Health thresholds', row 3, column 'Value': Stale deals: warn above: 250 is "
        "outside the allowed 0 to 100"]
    assert err[-1].startswith("error:") and "nothing was imported" in err[-1]
    again = open_session(path)
    try:
        assert settings_of(again) == before
    finally:
        again.close()


def test_hand_typed_forms_are_understood(session: Session, tmp_path: Path) -> None:
    """What a person types in a spreadsheet program: a period it turned into a date, a range
    of employees in words, a target as text, a threshold as '15%'."""
    workbook = tmp_path / "typed.xlsx"
    export_workbook(session.repository, workbook)
    book = openpyxl.load_workbook(workbook)
    book["Revenue targets"].append([datetime(2026, 9, 1), "Ana", "$12,500"])
    book["Revenue targets"].append(["2026-q4", None, 30000])
    book["Ideal customer"]["B3"] = "50+"
    book["Ideal customer"]["B2"] = "Software;Logistics\nSoftware"
    book["Health thresholds"]["B3"] = "15%"
    book.save(workbook)
    preview = build_preview(session.repository, workbook)
    assert not preview.problems, preview.problems
    assert preview.settings.accepted  # an empty pipeline: a restore
    apply_preview(session.repository, preview, session.path, backup=False)
    stored = settings_of(session)
    assert stored["targets"] == [
        {"period": "2026-09", "amount_cents": 1_250_000, "owner": "Ana"},
        {"period": "2026-Q4", "amount_cents": 3_000_000, "owner": ""}]
    assert stored["icp"]["industries"] == ["Software", "Logistics"]
    assert (stored["icp"]["min_employees"], stored["icp"]["max_employees"]) == (50, None)
    assert stored["health_thresholds"]["stale_share"] == 0.15


def test_workbook_of_the_same_pipeline_changes_no_setting(session: Session,
                                                          tmp_path: Path) -> None:
    workbook = tmp_path / "same.xlsx"
    export_workbook(with_settings(session).repository, workbook)
    preview = build_preview(session.repository, workbook)
    assert not preview.settings and preview.settings_lines() == []
    assert preview.edit().settings == {}


def test_accepted_settings_apply_and_undo_on_both_engines(any_session: Session,
                                                          tmp_path: Path) -> None:
    workbook = tmp_path / "edited.xlsx"
    repository = with_settings(any_session).repository
    export_workbook(repository, workbook)
    book = openpyxl.load_workbook(workbook)
    book["Revenue targets"]["C3"] = 70000
    book["Lists"]["B2"] = None  # lead source 'Website' removed
    book.save(workbook)
    before = settings_of(any_session)
    preview = build_preview(repository, workbook)
    assert preview.settings.lines() == ["Revenue target 2026-Q1: 50,000 → 70,000",
                                        "Lead sources: removed Website"]
    assert not preview.settings.accepted and preview.edit().settings == {}
    preview.settings.accepted = True
    install(repository)
    applied = repository.apply(preview.edit())
    assert settings_of(any_session)["targets"][1]["amount_cents"] == 7_000_000
    assert "Website" not in settings_of(any_session)["lead_sources"]
    repository.apply(applied.inverse)
    assert settings_of(any_session) == before


def test_a_new_settings_section_travels_once_registered(session: Session, tmp_path: Path,
                                                       monkeypatch) -> None:
    """The hook for settings still to come: one section in the registry, and export,
    preview, apply and undo take it along."""
    from pipeline_desktop.services.excel import settings_sheets
    from pipeline_desktop.services.excel.schema import Column, Kind
    from pipeline_desktop.services.excel.settings_base import SettingsSection

    def read(sheet) -> dict:
        labels = [sheet.text(row, "Tax label").upper() for _n, row in sheet.rows]
        for number, row in sheet.rows:
            if not sheet.text(row, "Tax label"):
                sheet.problem(number, "Tax label", sheet.cell(row, "Tax label"), "empty")
        return {"tax_label": labels[0] if labels else "VAT"}

    tax = SettingsSection(
        "Sales tax", ("tax_label",), (Column("Tax label", "label", Kind.TEXT, 14),),
        lambda stored: {"tax_label": stored.get("tax_label", "VAT")},
        lambda values: [(values["tax_label"],)], read,
        lambda _key, old, new: [f"Tax label: {old} → {new}"])
    monkeypatch.setattr(settings_sheets, "SECTIONS", (*settings_sheets.SECTIONS, tax))
    workbook = tmp_path / "tax.xlsx"
    session.repository.set_setting("tax_label", "VAT")
    export_workbook(session.repository, workbook)
    book = openpyxl.load_workbook(workbook)
    assert book["Sales tax"]["A2"].value == "VAT"
    book["Sales tax"]["A2"] = "gst"
    book.save(workbook)
    preview = build_preview(session.repository, workbook)
    assert preview.settings.lines() == ["Tax label: VAT → GST"]
    preview.settings.accepted = True
    install(session.repository)
    applied = session.repository.apply(preview.edit())
    assert stored_settings(session.db)["tax_label"] == "GST"
    session.repository.apply(applied.inverse)
    assert stored_settings(session.db)["tax_label"] == "VAT"
