"""The duplicate guard: new rows that look like deals already in the pipeline are counted in
the preview; the wizard asks (update those deals, add them as new anyway, or cancel) and the
command line refuses them unless told."""

from __future__ import annotations

import csv
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog

from pipeline_desktop.cli import main
from pipeline_desktop.services.excel.duplicates import with_duplicates_updated
from pipeline_desktop.services.excel.preview import Options, apply_preview, build_preview
from pipeline_desktop.session import Session, open_session
from pipeline_desktop.ui.dialogs.import_wizard import ImportWizard

DATA = Path(__file__).parents[1] / "data"
DEALS = 12
NOT_OURS = ("Version", "Updated", "Company ID", "Contact ID")


@pytest.fixture
def source(tmp_path: Path) -> Iterator[Session]:
    path = tmp_path / "source.pipeline"
    shutil.copy(DATA / "roundtrip-source.pipeline", path)
    opened = open_session(str(path))
    yield opened
    opened.close()


def foreign_copy(target: Path, *, value_of_row_3: str | None = None) -> Path:
    """Our CSV without the columns that make it ours: its `ID` reads as another CRM's ID, so
    without the guard every deal would come in again."""
    with (DATA / "roundtrip-lo.csv").open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    keep = [i for i, header in enumerate(rows[0]) if header not in NOT_OURS]
    if value_of_row_3 is not None:
        rows[2][rows[0].index("Value")] = value_of_row_3
    with target.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows([[row[i] for i in keep] for row in rows])
    return target


def test_rows_that_look_like_deals_here_are_counted(source: Session, tmp_path: Path) -> None:
    preview = build_preview(source.repository, foreign_copy(tmp_path / "f.csv"))
    assert not preview.own and preview.deals.new == DEALS
    assert len(preview.duplicates) == DEALS
    assert {d.reason for d in preview.duplicates} == {"same title and company"}
    assert [d.deal_id for d in preview.duplicates] == list(range(1, DEALS + 1))
    assert any(line.startswith(f"Look like deals already here: {DEALS} rows")
               for line in preview.lines())


def test_updating_them_instead_changes_only_what_differs(source: Session,
                                                         tmp_path: Path) -> None:
    path = foreign_copy(tmp_path / "f.csv", value_of_row_3="7000")
    first = build_preview(source.repository, path)
    preview = build_preview(source.repository, path, with_duplicates_updated(Options(), first))
    assert str(preview.deals) == f"0 new, 1 updated, {DEALS - 1} unchanged"
    assert not preview.duplicates
    apply_preview(source.repository, preview, source.path)
    assert source.repository.deal(2)["value_cents"] == 700_000
    assert source.repository.deal(2)["external_id"] == ""  # our ID is not another CRM's


def test_an_id_column_that_holds_their_external_ids(session: Session, tmp_path: Path) -> None:
    first = tmp_path / "hubspot.csv"
    first.write_text("Record ID,Deal Name,Amount\n9001,Alpha,100\n9002,Beta,200\n",
                     encoding="utf-8")
    apply_preview(session.repository, build_preview(session.repository, first), session.path)
    renamed = tmp_path / "renamed.csv"  # their ID under a header we do not map; new titles
    renamed.write_text("HubSpot ID,Deal Name,Amount\n9001,Alpha (renamed),100\n"
                       "9003,Gamma,300\n", encoding="utf-8")
    preview = build_preview(session.repository, renamed)
    assert preview.deals.new == 2
    assert [(d.row, d.deal_id, d.reason) for d in preview.duplicates] == [
        (2, 1, "HubSpot ID is its external ID")]


def test_an_id_column_that_holds_our_ids(demo_session: Session, tmp_path: Path) -> None:
    company = demo_session.repository.deal(5)["company_name"]
    path = tmp_path / "ours.csv"
    path.write_text(f"Deal Name,Company,Deal ID\nRenamed deal,{company},5\n", encoding="utf-8")
    preview = build_preview(demo_session.repository, path)
    assert [(d.deal_id, d.reason) for d in preview.duplicates] == [(5, "Deal ID is its ID")]


def test_small_ids_of_other_deals_are_not_duplicates(demo_session: Session,
                                                     tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("Record ID,Deal Name,Associated Company\n1,Quite another deal,Nobody Ltd\n"
                    "2,And another,Nobody Ltd\n", encoding="utf-8")
    assert build_preview(demo_session.repository, path).duplicates == []


def test_command_line_refuses_unless_told(source: Session, tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    db = str(source.path)
    source.close()
    path = foreign_copy(tmp_path / "f.csv")
    assert main(["import", str(path), "--db", db]) == 1
    captured = capsys.readouterr()
    [line] = captured.err.strip().splitlines()
    assert line.startswith(f"error: {DEALS} rows look like deals already in the pipeline")
    assert "--allow-duplicates" in line and "--update-duplicates" in line
    assert main(["import", str(path), "--db", db, "--dry-run", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["duplicates"] == DEALS and out["new"] == DEALS
    assert out["duplicate_rows"][0] == {"row": 2, "deal_id": 1,
                                        "reason": "same title and company"}
    assert main(["import", str(path), "--db", db, "--update-duplicates"]) == 0
    assert f"0 new, 0 updated, {DEALS} unchanged" in capsys.readouterr().out
    assert main(["import", str(path), "--db", db, "--allow-duplicates"]) == 0
    assert f"{DEALS} new" in capsys.readouterr().out
    reopened = open_session(db)
    try:
        assert reopened.repository.deal_count() == 2 * DEALS
    finally:
        reopened.close()


def _wizard(qtbot, session: Session, path: Path) -> ImportWizard:
    preview = build_preview(session.repository, path)
    wizard = ImportWizard(preview, lambda options: build_preview(session.repository, path,
                                                                 options), {}, lambda _p: None)
    qtbot.addWidget(wizard)
    wizard.show()
    wizard.next_button.click()
    return wizard


def test_wizard_add_them_as_new_anyway(qtbot, source: Session, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, source, foreign_copy(tmp_path / "f.csv"))
    assert wizard.duplicate_box.isVisible()
    assert wizard.duplicate_label.text().startswith(
        f"{DEALS} new rows look like deals already in the pipeline")
    assert not wizard.import_button.isEnabled()  # a choice first
    wizard.add_duplicates_button.click()
    assert not wizard.duplicate_box.isVisible() and wizard.import_button.isEnabled()
    wizard.import_button.click()
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.preview.deals.new == DEALS


def test_wizard_update_those_deals(qtbot, source: Session, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, source, foreign_copy(tmp_path / "f.csv", value_of_row_3="7000"))
    wizard.update_duplicates_button.click()
    assert f"0 new, 1 updated, {DEALS - 1} unchanged" in wizard.summary.text()
    assert not wizard.duplicate_box.isVisible()
    assert wizard.changes.topLevelItemCount() == 1
    assert wizard.import_button.isEnabled()
    wizard.import_button.click()
    assert wizard.result() == QDialog.DialogCode.Accepted
    assert wizard.preview.edit().updates["deal"][1][0][0] == 2


def test_the_import_dialog_lists_every_format() -> None:
    from pipeline_desktop.ui.excel_actions import IMPORT_FILTER

    first = IMPORT_FILTER.split(";;")[0]
    assert all(f"*.{suffix}" in first.split("(")[1].rstrip(")").split()
               for suffix in ("xlsx", "xlsm", "xls", "ods", "csv", "tsv", "txt"))


def test_wizard_cancel_imports_nothing(qtbot, source: Session, tmp_path: Path) -> None:
    wizard = _wizard(qtbot, source, foreign_copy(tmp_path / "f.csv"))
    wizard.cancel_button.click()
    assert wizard.result() == QDialog.DialogCode.Rejected
    assert source.repository.deal_count() == DEALS


def test_one_look_alike_is_named_in_the_singular() -> None:
    from pipeline_desktop.services.excel.duplicates import Duplicate, duplicate_lines

    lines = duplicate_lines([Duplicate(3, 1, "same title and company")])
    assert lines[0].startswith("Look like deals already here: 1 row (")
    assert lines[1] == "Duplicate: row 3 looks like deal 1 (same title and company)"
