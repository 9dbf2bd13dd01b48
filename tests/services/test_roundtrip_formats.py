"""Round trips through a spreadsheet program: our export as LibreOffice resaved it (.xlsx, .ods,
.xls, the Deals sheet as CSV, and an edited copy), imported into the pipeline it came from.
The files in tests/data were written by LibreOffice (tests/data/make_libreoffice_fixtures.py
makes them again); these tests do not need LibreOffice, except the last, which checks that
LibreOffice opens a fresh export when it is installed."""

from __future__ import annotations

import csv
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import openpyxl
import pytest

from pipeline_desktop.services.excel.export import export_workbook
from pipeline_desktop.services.excel.preview import apply_preview, build_preview
from pipeline_desktop.services.excel.schema import TABLE_COLUMNS, TABLE_ORDER
from pipeline_desktop.session import Session, open_session

DATA = Path(__file__).parents[1] / "data"
DEALS = 12
RESAVED = ["roundtrip.xlsx", "roundtrip-lo.xlsx", "roundtrip-lo.ods", "roundtrip-lo.xls",
           "roundtrip-lo.csv"]


def snapshot(session: Session) -> dict[str, list[tuple]]:
    db = session.db
    return {t: db.execute_sql(f"SELECT {', '.join(TABLE_COLUMNS[t])} FROM {t} ORDER BY id"
                              ).fetchall() for t in TABLE_ORDER}


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Session]:
    """The pipeline the fixtures were exported from (a copy: opening may upgrade it)."""
    path = tmp_path / "source.pipeline"
    shutil.copy(DATA / "roundtrip-source.pipeline", path)
    opened = open_session(str(path))
    yield opened
    opened.close()


@pytest.mark.parametrize("name", RESAVED)
def test_a_resaved_export_changes_nothing_in_its_pipeline(source: Session, name: str) -> None:
    before = snapshot(source)
    preview = build_preview(source.repository, DATA / name)
    assert not preview.problems and not preview.duplicates
    assert preview.own and preview.trusted, preview.warnings
    assert str(preview.deals) == f"0 new, 0 updated, {DEALS} unchanged"
    assert not preview.has_changes
    apply_preview(source.repository, preview, source.path)
    assert snapshot(source) == before


def test_the_edited_copy_changes_one_value_and_adds_one_deal(source: Session) -> None:
    repository = source.repository
    before = repository.deal(2)
    preview = build_preview(repository, DATA / "roundtrip-lo-edited.ods")
    assert not preview.problems and not preview.duplicates
    assert str(preview.deals) == f"1 new, 1 updated, {DEALS - 1} unchanged"
    [change] = preview.changes
    assert change.deal_id == 2 and not change.conflict
    assert change.fields == [("Value", "$5,390.00", "$12,345.00")]
    apply_preview(repository, preview, source.path)
    after = repository.deal(2)
    assert (before["value_cents"], after["value_cents"]) == (539_000, 1_234_500)
    assert {k: v for k, v in after.items() if k not in ("value_cents", "updated_at",
                                                         "version")} == {
        k: v for k, v in before.items() if k not in ("value_cents", "updated_at", "version")}
    assert repository.deal_count() == DEALS + 1
    rows = source.db.execute_sql("SELECT d.title, c.name, d.value_cents FROM deal d "
                                 "LEFT JOIN company c ON c.id = d.company_id "
                                 "WHERE d.id > ?", (DEALS,)).fetchall()
    assert rows == [("Added in LibreOffice", "Calc Newco", 250_000)]
    again = build_preview(repository, DATA / "roundtrip-lo-edited.ods")  # the same file twice
    assert again.deals.new == 1 and [d.deal_id for d in again.duplicates] == [DEALS + 1]


def test_the_csv_restores_its_deals_into_an_empty_pipeline(source: Session,
                                                           tmp_path: Path) -> None:
    fresh = open_session(str(tmp_path / "fresh.pipeline"))
    try:
        preview = build_preview(fresh.repository, DATA / "roundtrip-lo.csv")
        assert preview.own and preview.trusted and not preview.problems
        assert preview.deals.new == DEALS
        apply_preview(fresh.repository, preview, fresh.path)
        ids = [r[0] for r in fresh.db.execute_sql("SELECT id FROM deal ORDER BY id")]
        assert ids == [r[0] for r in source.db.execute_sql("SELECT id FROM deal ORDER BY id")]
        assert build_preview(fresh.repository, DATA / "roundtrip-lo.csv").deals.new == 0
    finally:
        fresh.close()


def test_reordered_columns_are_still_ours(source: Session, tmp_path: Path) -> None:
    with (DATA / "roundtrip-lo.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    order = list(reversed(range(len(rows[0]))))
    target = tmp_path / "reordered.csv"
    with target.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([[row[i] for i in order] for row in rows])
    preview = build_preview(source.repository, target)
    assert preview.own and preview.trusted
    assert str(preview.deals) == f"0 new, 0 updated, {DEALS} unchanged"


@pytest.mark.parametrize(("suffix", "delimiter", "encoding"), [
    (".tsv", "\t", "utf-8"), (".txt", ";", "cp1252")])
def test_tab_and_semicolon_text_files_are_ours_too(source: Session, tmp_path: Path,
                                                   suffix: str, delimiter: str,
                                                   encoding: str) -> None:
    """Excel's "Text (Tab delimited)" and a European "CSV" in Windows-1252."""
    with (DATA / "roundtrip-lo.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    target = tmp_path / f"deals{suffix}"
    with target.open("w", encoding=encoding, newline="", errors="replace") as handle:
        csv.writer(handle, delimiter=delimiter).writerows(rows)
    preview = build_preview(source.repository, target)
    assert preview.own and preview.trusted and not preview.problems
    assert preview.deals.new == 0 and preview.deals.changed == 0


def test_a_workbook_holding_only_the_deals_sheet_is_ours(source: Session,
                                                         tmp_path: Path) -> None:
    book = openpyxl.load_workbook(DATA / "roundtrip.xlsx")  # (openpyxl drops LibreOffice's
    # TRUE() formulas: what it saves of a LibreOffice file is not what LibreOffice wrote)
    for name in book.sheetnames:
        if name != "Deals":
            del book[name]
    book["Deals"].title = "My deals"
    target = tmp_path / "alone.xlsx"
    book.save(target)
    preview = build_preview(source.repository, target)
    assert preview.own and preview.trusted and not preview.problems
    assert str(preview.deals) == f"0 new, 0 updated, {DEALS} unchanged"


def test_the_version_check_holds_for_a_csv(source: Session) -> None:
    """A deal edited in the app after the export: the CSV's row is a conflict, kept as the
    app has it unless asked."""
    from pipeline_desktop.domain import commands as cmd

    repository = source.repository
    repository.apply(cmd.EditDeal(3, {"title": "Edited in the app"}))
    preview = build_preview(repository, DATA / "roundtrip-lo.csv")
    assert preview.conflicts == {3}
    assert preview.deals.changed == 1 and preview.deals.new == 0


def test_another_pipelines_sheet_is_not_matched_by_id(demo_session: Session) -> None:
    """Our headers, but IDs that point at other deals: nothing is overwritten."""
    preview = build_preview(demo_session.repository, DATA / "roundtrip-lo.csv")
    assert preview.own and not preview.trusted
    assert preview.deals.new == DEALS and preview.deals.changed == 0
    assert any("IDs are not this pipeline's" in w for w in preview.warnings)


@pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice is not installed")
def test_libreoffice_opens_a_fresh_export(source: Session, tmp_path: Path) -> None:
    target = tmp_path / "fresh.xlsx"
    export_workbook(source.repository, target)
    out = tmp_path / "out"
    done = subprocess.run(["soffice", f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}",
                           "--headless", "--norestore", "--convert-to",
                           "csv:Text - txt - csv (StarCalc):44,34,76,1", "--outdir", str(out),
                           str(target)], capture_output=True, timeout=180, check=False)
    assert done.returncode == 0, done.stderr
    with (out / "fresh.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0][:3] == ["ID", "Title", "Company"] and len(rows) == DEALS + 1
    preview = build_preview(source.repository, out / "fresh.csv")
    assert str(preview.deals) == f"0 new, 0 updated, {DEALS} unchanged"


def test_the_edited_copy_from_the_command_line(source: Session,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    """What a user runs: applied once; the same file again is refused (its new row is now a
    deal here), and with --update-duplicates changes nothing."""
    from pipeline_desktop.cli import main

    db = str(source.path)
    source.close()
    edited = str(DATA / "roundtrip-lo-edited.ods")
    assert main(["import", edited, "--db", db]) == 0
    assert f"1 new, 1 updated, {DEALS - 1} unchanged" in capsys.readouterr().out
    assert main(["import", edited, "--db", db]) == 1
    [line] = capsys.readouterr().err.strip().splitlines()
    assert line.startswith("error: 1 row looks like deals already in the pipeline")
    assert main(["import", edited, "--db", db, "--update-duplicates"]) == 0
    assert f"0 new, 0 updated, {DEALS + 1} unchanged" in capsys.readouterr().out
    reopened = open_session(db)
    try:
        assert reopened.repository.deal_count() == DEALS + 1
    finally:
        reopened.close()
