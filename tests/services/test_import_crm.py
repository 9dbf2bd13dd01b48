"""Other CRMs' exports: column mapping, status and stage rules, matching on re-import, CSV
flavours, and the command line's exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import xlsxwriter

from pipeline_desktop.cli import main
from pipeline_desktop.domain.import_values import DayOrder
from pipeline_desktop.services.excel.mapping import auto_map, parse_map_option
from pipeline_desktop.services.excel.preview import Options, apply_preview, build_preview
from pipeline_desktop.session import Session


def workbook(path: Path, rows: list[list[object]], sheet: str = "Sheet1") -> Path:
    book = xlsxwriter.Workbook(str(path))
    ws = book.add_worksheet(sheet)
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if value is not None:
                ws.write(r, c, value)
    book.close()
    return path


SALESFORCE = [
    ["Id", "Name", "StageName", "Amount", "CloseDate", "Probability", "LeadSource", "IsWon",
     "IsClosed", "CreatedDate", "OwnerId", "AccountId", "Account Name", "Region__c"],
    ["0061x01", "Acme renewal", "Closed Won", "12,500.00", "2026-03-31", "100", "Web", "true",
     "true", "2026-01-05T10:00:00.000Z", "005A1", "001X", "Acme Corp", "EMEA"],
    ["0061x02", "Globex pilot", "Prospecting", "$3,000", "2026-09-30", "10", "Partner",
     "false", "false", "2026-02-01T08:00:00.000Z", "005A2", "001Y", "Globex", "NA"],
    ["0061x03", "Initech", "Closed Lost", "(500)", "2026-04-30", "0", "", "false", "true",
     "2026-02-10T08:00:00.000Z", "005A2", "001Z", "Initech", ""],
]


def test_salesforce_opportunities(session: Session, tmp_path: Path) -> None:
    path = workbook(tmp_path / "sf.xlsx", SALESFORCE, "Opportunities")
    preview = build_preview(session.repository, path)
    mapping = dict(zip(preview.headers, preview.fields, strict=True))
    assert mapping["Id"] == "external_id" and mapping["Name"] == "title"
    assert mapping["Account Name"] == "company" and mapping["AccountId"] == ""
    assert mapping["IsWon"] == "is_won" and mapping["Region__c"] == ""
    assert [str(p) for p in preview.problems] == [
        "Sheet 'Opportunities', row 4, column 'Amount': a deal's value cannot be negative"]
    SALESFORCE[3][3] = "500"
    path = workbook(tmp_path / "sf.xlsx", SALESFORCE, "Opportunities")
    preview = build_preview(session.repository, path)
    assert preview.deals.new == 3 and not preview.problems
    apply_preview(session.repository, preview, session.path)
    rows = {r.title: r for r in session.repository.deal_rows()}
    assert rows["Acme renewal"].status == "won" and rows["Acme renewal"].value_cents == 1250000
    assert rows["Acme renewal"].closed == "2026-03-31"
    assert rows["Acme renewal"].created == "2026-01-05"
    assert rows["Globex pilot"].stage == "Prospecting" and rows["Globex pilot"].owner == "005A2"
    assert rows["Initech"].status == "lost"
    custom = json.loads(session.repository.deal(rows["Acme renewal"].id)["custom"])
    assert custom == {"AccountId": "001X", "Region__c": "EMEA"}  # nothing dropped silently
    again = build_preview(session.repository, path)  # the same file twice: nothing new
    assert str(again.deals) == "0 new, 0 updated, 3 unchanged"
    assert sum(c.new for c in again.counts.values()) == 0


def test_hubspot_then_update_by_record_id(session: Session, tmp_path: Path) -> None:
    rows = [["Record ID", "Deal Name", "Deal Stage", "Amount", "Close Date", "Deal owner",
             "Pipeline", "Create Date", "Associated Company"],
            [9001, "Big deal", "closedwon", 5000, "2026-05-01", "Ana", "Sales", "2026-01-01",
             "Hooli"],
            [9002, "Small deal", "Contract Sent", 700, "2026-07-01", "Ben", "Sales",
             "2026-02-01", "hooli "]]
    path = workbook(tmp_path / "hs.xlsx", rows)
    preview = build_preview(session.repository, path)
    assert preview.new_stages == ["Contract Sent"]
    apply_preview(session.repository, preview, session.path)
    assert session.db.execute_sql("SELECT COUNT(*) FROM company").fetchone()[0] == 1
    rows[2][3] = 900
    path = workbook(tmp_path / "hs2.xlsx", rows)
    preview = build_preview(session.repository, path)
    assert str(preview.deals) == "0 new, 1 updated, 1 unchanged"
    assert preview.changes[0].fields == [("Value", "$700.00", "$900.00")]


def test_pipedrive_csv_semicolons_latin1(session: Session, tmp_path: Path) -> None:
    text = ("Deal - ID;Deal - Title;Deal - Value;Deal - Currency;Deal - Stage;Deal - Status;"
            "Deal - Owner;Deal - Organization;Deal - Contact person;Deal - Expected close date;"
            "Deal - Deal created;Deal - Won time;Deal - Lost time;Deal - Lost reason\n"
            "17;Café order;1.200,50;EUR;Negotiation;won;Zoë;Brasserie Économie;Émile Zola;"
            "15.03.2026;01.02.2026;20.03.2026 14:00;;\n"
            "18;Second;300;EUR;Proposal;lost;Zoë;Other SA;;25.04.2026;02.02.2026;;"
            "21.04.2026 09:00;Price\n"
            "19;Third;0;EUR;Qualifying;open;Zoë;Other SA;;;03.02.2026;;;\n")
    path = tmp_path / "pipedrive.csv"
    path.write_bytes(text.encode("cp1252"))
    preview = build_preview(session.repository, path)
    assert not preview.problems, preview.problems
    apply_preview(session.repository, preview, session.path)
    deals = {r.title: r for r in session.repository.deal_rows()}
    assert deals["Café order"].value_cents == 120050 and deals["Café order"].currency == "EUR"
    assert deals["Café order"].status == "won" and deals["Café order"].closed == "2026-03-20"
    assert deals["Café order"].company == "Brasserie Économie"
    assert deals["Second"].status == "lost" and deals["Second"].closed == "2026-04-21"
    assert deals["Third"].expected_close is None and deals["Third"].created == "2026-02-03"
    stage_note = json.loads(session.repository.deal(deals["Café order"].id)["custom"])
    assert stage_note == {"Stage at close": "Negotiation"}


def test_odoo_export_with_title_rows_and_bom(session: Session, tmp_path: Path) -> None:
    text = ("\ufeffPipeline export\n\n"
            "ID,Opportunity,Customer,Email,Expected Revenue,Stage,Salesperson,"
            "Expected Closing,Created on,Probability,Tags\n"
            "__export__.crm_lead_1,Office chairs,Wayne Ltd,bruce@wayne.example,\"2,400.00\","
            "New,Mitchell Admin,04/05/2026,03/01/2026 10:00:00,10,Furniture\n"
            "__export__.crm_lead_2,Desks,Wayne Ltd,bruce@wayne.example,800,Won,Mitchell Admin,"
            "04/20/2026,03/02/2026 10:00:00,100,\n")
    path = tmp_path / "odoo.csv"
    path.write_text(text, encoding="utf-8")
    preview = build_preview(session.repository, path)
    assert not preview.problems, preview.problems
    assert preview.deals.new == 2
    apply_preview(session.repository, preview, session.path)
    deals = {r.title: r for r in session.repository.deal_rows()}
    assert deals["Office chairs"].expected_close == "2026-04-05"  # 04/20 says month first
    assert deals["Desks"].status == "won"
    assert deals["Office chairs"].contact == "bruce@wayne.example"
    assert session.db.execute_sql("SELECT COUNT(*) FROM contact").fetchone()[0] == 1


def test_ambiguous_dates_can_be_chosen(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("Deal Name,Close Date\nA,03/04/2026\nB,05/06/2026\n", encoding="utf-8")
    preview = build_preview(session.repository, path)
    assert any("day/month" in w for w in preview.warnings)
    preview = build_preview(session.repository, path,
                            Options(day_orders={"Close Date": DayOrder.DAY_FIRST}))
    apply_preview(session.repository, preview, session.path)
    assert session.repository.deal_rows()[0].expected_close == "2026-04-03"


def test_map_overrides_and_problems(session: Session, tmp_path: Path) -> None:
    path = tmp_path / "m.csv"
    path.write_text("Thing,Money,Colour\nA,12,red\nB,abc,blue\n", encoding="utf-8")
    assert auto_map(["Thing", "Money", "Colour"], ours=False) == ["", "", ""]
    preview = build_preview(session.repository, path, Options(
        mapping=parse_map_option(["Thing=title", "Money=value", "Colour=ignore"])))
    assert [str(p) for p in preview.problems] == [
        "Sheet 'm', row 3, column 'Money': 'abc' is not an amount"]
    with pytest.raises(Exception, match="not a field"):
        build_preview(session.repository, path, Options(mapping={"Thing": "nonsense"}))


def test_cli_exit_codes_and_json(demo_session: Session, tmp_path: Path,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    db = str(demo_session.path)
    demo_session.close()  # the command line opens the file itself (one writer at a time)
    bad = tmp_path / "bad.csv"
    bad.write_text("Deal Name,Amount\nA,abc\n", encoding="utf-8")
    assert main(["import", str(bad), "--db", db]) == 1
    err = capsys.readouterr().err
    assert "Sheet 'bad', row 2, column 'Amount': 'abc' is not an amount" in err
    good = tmp_path / "good.csv"
    good.write_text("Deal Name,Amount\nA,10\n", encoding="utf-8")
    assert main(["import", str(good), "--db", db, "--dry-run", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["new"] == 1 and out["applied"] is False
    assert main(["import", str(good), "--db", db, "--map", "nonsense"]) == 2
    assert main(["import", str(good), "--db", db]) == 0
    assert "1 new, 0 updated, 0 unchanged" in capsys.readouterr().out


def test_cli_wrong_usage_exits_2(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "pipeline_desktop", "import"],
                          capture_output=True, text=True, check=False)
    assert done.returncode == 2 and "Traceback" not in done.stderr


def test_cli_presets(session: Session, tmp_path: Path, capsys: pytest.CaptureFixture[str]
                     ) -> None:
    db = str(session.path)
    session.close()
    path = tmp_path / "p.csv"
    path.write_text("Thing,Money\nA,12\n", encoding="utf-8")
    assert main(["import", str(path), "--db", db, "--dry-run", "--map", "Thing=title",
                 "--map", "Money=value", "--save-preset", "mine"]) == 0
    capsys.readouterr()
    assert main(["import", str(path), "--db", db, "--preset", "mine"]) == 0
    assert "1 new, 0 updated, 0 unchanged" in capsys.readouterr().out
    assert main(["import", str(path), "--db", db, "--preset", "other"]) == 2


def test_a_custom_column_keeps_each_cells_own_value(session: Session, tmp_path: Path) -> None:
    """TRUE, 1 and 1.5 in one custom column: each deal stores its own value (the planner's
    cache once took TRUE and 1 for the same key, as Python's dict does)."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Deal Name", "Amount", "Priority flag"])
    for name, flag in (("A", True), ("B", 1), ("C", 1.5), ("D", True)):
        sheet.append([name, 100, flag])
    path = tmp_path / "flags.xlsx"
    book.save(path)
    preview = build_preview(session.repository, path)
    assert not preview.problems
    apply_preview(session.repository, preview, session.path)
    stored = {title: json.loads(custom)["Priority flag"] for title, custom in
              session.db.execute_sql("SELECT title, custom FROM deal").fetchall()}
    assert stored["A"] is True and stored["D"] is True
    assert stored["B"] == 1 and not isinstance(stored["B"], bool)
    assert stored["C"] == 1.5


def test_a_contact_named_again_with_more_details_is_one_contact(session: Session,
                                                                 tmp_path: Path) -> None:
    path = tmp_path / "contacts.csv"
    path.write_text("Deal Name,Contact,Email\nA,Ann Lee,\nB,Bob Ray,\nC,Ann Lee,ann@x.com\n",
                    encoding="utf-8")
    preview = build_preview(session.repository, path)
    apply_preview(session.repository, preview, session.path)
    contacts = session.db.execute_sql("SELECT name, email FROM contact ORDER BY name").fetchall()
    assert contacts == [("Ann Lee", "ann@x.com"), ("Bob Ray", "")]


def test_a_deal_changed_after_the_preview_stops_the_import(session: Session,
                                                           tmp_path: Path) -> None:
    """Someone (or this window) edits a deal while the preview is open: applying the old
    preview would overwrite that edit unseen, so nothing is imported until previewed again."""
    from pipeline_desktop.domain.commands import EditDeal
    from pipeline_desktop.errors import ConflictError

    rows = [["Record ID", "Deal Name", "Amount"], [9001, "Big deal", 5000]]
    apply_preview(session.repository,
                  build_preview(session.repository, workbook(tmp_path / "a.xlsx", rows)),
                  session.path)
    (deal_id,) = [r.id for r in session.repository.deal_rows()]
    rows[1][2] = 6000
    stale = build_preview(session.repository, workbook(tmp_path / "b.xlsx", rows))
    session.repository.apply(EditDeal(deal_id, {"title": "Big deal (renamed)"}))
    with pytest.raises(ConflictError, match="changed after the preview"):
        apply_preview(session.repository, stale, session.path)
    assert session.repository.deal(deal_id)["value_cents"] == 500_000  # nothing imported
    fresh = build_preview(session.repository, workbook(tmp_path / "c.xlsx", rows))
    apply_preview(session.repository, fresh, session.path)
    assert session.repository.deal(deal_id)["value_cents"] == 600_000


def test_undo_of_an_import_refuses_to_overwrite_someone_elses_change(
        session: Session, tmp_path: Path) -> None:
    """Team mode: after an import, a teammate edits one of its deals; undoing the import
    would delete their work, so it is refused and nothing changes. One's own later edits
    do not stand in the way."""
    from pipeline_desktop.domain.commands import EditDeal
    from pipeline_desktop.errors import ConflictError
    from pipeline_desktop.services.excel.apply import install

    rows = [["Record ID", "Deal Name", "Amount"], [9001, "Big deal", 5000],
            [9002, "Small deal", 700]]
    preview = build_preview(session.repository, workbook(tmp_path / "a.xlsx", rows))
    install(session.repository)
    applied = session.repository.apply(preview.edit())
    big, small = sorted(r.id for r in session.repository.deal_rows())
    session.repository.apply(EditDeal(small, {"title": "Small deal (mine)"}))  # my own edit
    mark = session.db.param  # a teammate's edit: written by another session
    session.db.execute_sql(f"UPDATE deal SET title = 'Theirs', version = version + 1 "
                           f"WHERE id = {mark}", (big,))
    with pytest.raises(ConflictError, match="changed by someone else"):
        session.repository.apply(applied.inverse)
    assert session.repository.deal_count() == 2
    session.db.execute_sql(f"UPDATE deal SET version = version - 1 WHERE id = {mark}", (big,))
    session.repository.apply(applied.inverse)  # only my own edits since: the undo goes ahead
    assert session.repository.deal_count() == 0
