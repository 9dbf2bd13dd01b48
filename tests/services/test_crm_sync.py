"""Issue 14, the way back to the CRM: stage mapping on import (--stage, presets, the mapping
remembered per CRM, won/lost words) and `export --for hubspot|salesforce|pipedrive
[--changed]`, through the real command line and real files read back with csv/openpyxl."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from pipeline_desktop.cli import main
from pipeline_desktop.session import Session, open_session

HUBSPOT = ("Record ID,Deal Name,Pipeline,Deal Stage,Amount,Close Date,Create Date,Deal owner,"
           "Associated Company,Deal probability\n"
           "101,Acme renewal,Sales Pipeline,Appointment scheduled,\"1,200.50\",2026-03-01,"
           "2026-01-05,ana@x.com,Acme,0.2\n"
           "102,Globex pilot,Sales Pipeline,Contract Sent,5000,2026-04-01,2026-01-06,bo@x.com,"
           "Globex,\n"
           "103,Initech,Sales Pipeline,Closed won,700,2026-02-01,2026-01-07,bo@x.com,Initech,\n"
           "104,Hooli,Renewals,closedlost,300,2026-02-03,2026-01-08,ana@x.com,Hooli,\n"
           "105,=HYPERLINK(\"http://x\"),Sales Pipeline,Contract Sent,100,2026-05-01,"
           "2026-01-09,ana@x.com,-Minus Co,\n")
SALESFORCE = ("Id,Name,AccountId,Account Name,StageName,Amount,CloseDate,Probability,"
              "LeadSource\n"
              "0061,Acme renewal,001A,Acme,Id. Decision Makers,1200.5,2026-03-01,60,Web\n"
              "0062,Globex pilot,001B,Globex,Negotiation/Review,5000,2026-04-01,,Partner\n"
              "0063,Initech,,Initech,Closed Won,700,2026-02-01,100,Web\n"
              "0064,Hooli,,Hooli,Closed Lost,300,2026-02-03,0,\n"
              "0065,@SUM(A1),,+Plus Co,Negotiation/Review,100,2026-05-01,,\n")
PIPEDRIVE = ("Deal - ID,Deal - Title,Deal - Value,Deal - Currency,Deal - Pipeline,Deal - Stage,"
             "Deal - Status,Deal - Organization,Deal - Owner,Deal - Expected close date\n"
             "11,Acme renewal,1200.5,EUR,Main,Demo Scheduled,open,Acme,Ana,2026-03-01\n"
             "12,Globex pilot,5000,EUR,Main,Negotiations Started,open,Globex,Bo,2026-04-01\n"
             "13,Initech,700,EUR,Main,Negotiations Started,won,Initech,Bo,2026-02-01\n"
             "14,Hooli,300,EUR,Main,Demo Scheduled,lost,Hooli,Ana,2026-02-03\n"
             "15,-5% discount,100,EUR,Main,Demo Scheduled,open,Dash,Ana,2026-05-01\n")
FILES = {"hubspot": HUBSPOT, "salesforce": SALESFORCE, "pipedrive": PIPEDRIVE}
STAGES = {"hubspot": ["--stage", "Contract Sent=Proposal",
                      "--stage", "Appointment scheduled=new:15"],
          "salesforce": ["--stage", "Id. Decision Makers=Qualifying",
                         "--stage", "Negotiation/Review=Negotiation"],
          "pipedrive": ["--stage", "Negotiations Started=Negotiation",
                        "--stage", "Demo Scheduled=new"]}
RECORD_ID = {"hubspot": "Record ID", "salesforce": "Id", "pipedrive": "Deal - ID"}


def crm_file(tmp_path: Path, crm: str) -> Path:
    path = tmp_path / f"from-{crm}.csv"
    path.write_text(FILES[crm], encoding="utf-8")
    return path


def stages(db: str) -> list[tuple]:
    session = open_session(db)
    try:
        return [tuple(r) for r in session.db.execute_sql(
            "SELECT name, probability, outcome FROM stage ORDER BY position").fetchall()]
    finally:
        session.close()


def deals(db: str) -> dict[str, tuple]:
    session = open_session(db)
    try:
        return {r[0]: tuple(r[1:]) for r in session.db.execute_sql(
            "SELECT d.title, s.name, d.status, d.external_id FROM deal d "
            "JOIN stage s ON s.id = d.stage_id").fetchall()}
    finally:
        session.close()


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    capsys.readouterr()
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.fixture
def db(session: Session) -> str:
    url = session.url  # a file, or the PostgreSQL test server's database
    session.close()  # the command line opens it itself
    return url


def read_back(path: Path) -> list[dict[str, object]]:
    if path.suffix == ".csv":
        with path.open(encoding="utf-8", newline="") as handle:
            return list(csv.DictReader(handle))
    sheet = openpyxl.load_workbook(path).active
    rows = list(sheet.iter_rows(values_only=True))
    return [dict(zip(rows[0], row, strict=True)) for row in rows[1:]]


# ---- stage mapping on import ---------------------------------------------------------------

def test_unknown_stages_go_before_won_and_lost_at_the_files_probability(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = crm_file(tmp_path, "hubspot")
    capsys.readouterr()
    assert main(["import", str(path), "--db", db, "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert ("New stages (before Won and Lost): Appointment scheduled (20 %), "
            "Contract Sent (10 %)") in out  # the file's 0.2; else the lowest open stage's
    assert "Stages: 2 new, 2 updated" in out  # Won and Lost move one place on, once each
    result = run_json(capsys, "import", str(path), "--db", db)
    assert result["new_stages"] == ["Appointment scheduled", "Contract Sent"]
    assert result["unknown_stages"] == result["new_stages"] and result["crm"] == "hubspot"
    assert stages(db)[-4:] == [("Appointment scheduled", 20, "open"),
                               ("Contract Sent", 10, "open"), ("Won", 100, "won"),
                               ("Lost", 0, "lost")]
    assert deals(db)["Initech"][:2] == ("Won", "won")  # HubSpot's "Closed won"
    assert deals(db)["Hooli"][:2] == ("Lost", "lost")  # and its internal "closedlost"


def test_stage_option_maps_onto_a_stage_or_a_new_one(db: str, tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]
                                                     ) -> None:
    path = crm_file(tmp_path, "hubspot")
    result = run_json(capsys, "import", str(path), "--db", db, *STAGES["hubspot"])
    assert result["new_stages"] == ["Appointment scheduled"]
    assert ("Appointment scheduled", 15, "open") in stages(db)
    assert [s[0] for s in stages(db)][-2:] == ["Won", "Lost"]
    assert deals(db)["Globex pilot"][0] == "Proposal"


@pytest.mark.parametrize(("option", "message"), [
    ("Contract Sent=Nowhere", "the pipeline has no stage 'Nowhere'"),
    ("Contract Sent", "--stage expects"),
    ("Contract Sent=new:140", "between 0 and 100"),
    ("Contract Sent=new:lots", "whole number"),
])
def test_a_wrong_stage_option_is_wrong_usage(db: str, tmp_path: Path, option: str,
                                             message: str, capsys: pytest.CaptureFixture[str]
                                             ) -> None:
    path = crm_file(tmp_path, "hubspot")
    capsys.readouterr()
    assert main(["import", str(path), "--db", db, "--stage", option]) == 2
    err = capsys.readouterr().err
    assert message in err and len(err.strip().splitlines()) == 1
    assert deals(db) == {}  # nothing written


def test_stage_choices_are_kept_with_the_preset(db: str, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "odd.csv"
    path.write_text("Thing,Phase\nA,Contract Sent\n", encoding="utf-8")
    assert main(["import", str(path), "--db", db, "--dry-run", "--map", "Thing=title",
                 "--map", "Phase=stage", "--stage", "Contract Sent=Closing",
                 "--save-preset", "odd"]) == 0
    result = run_json(capsys, "import", str(path), "--db", db, "--preset", "odd")
    assert result["new_stages"] == [] and deals(db)["A"][0] == "Closing"


def test_the_same_crms_stage_names_are_remembered(db: str, tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    first = tmp_path / "first.csv"
    first.write_text(HUBSPOT.replace("Initech,Sales Pipeline,Closed won",
                                     "Initech,Sales Pipeline,Closing"), encoding="utf-8")
    run_json(capsys, "import", str(first), "--db", db, *STAGES["hubspot"],
             "--stage", "Closing=Negotiation")  # HubSpot's "Closing" is our Negotiation
    later = tmp_path / "later.csv"
    later.write_text("Record ID,Deal Name,Deal Stage,Amount\n201,Umbrella,Contract Sent,10\n"
                     "202,Soylent,Closing,20\n", encoding="utf-8")
    result = run_json(capsys, "import", str(later), "--db", db)
    assert result["new_stages"] == [] and result["unknown_stages"] == []
    assert deals(db)["Umbrella"][0] == "Proposal" and deals(db)["Soylent"][0] == "Negotiation"


def test_pipedrive_status_won_and_lost(db: str, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    run_json(capsys, "import", str(crm_file(tmp_path, "pipedrive")), "--db", db,
             *STAGES["pipedrive"])
    found = deals(db)
    assert found["Initech"][:2] == ("Won", "won") and found["Hooli"][:2] == ("Lost", "lost")
    assert found["Globex pilot"][:2] == ("Negotiation", "open")


# ---- back to the CRM -------------------------------------------------------------------------

@pytest.mark.parametrize("crm", ["hubspot", "salesforce", "pipedrive"])
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_round_trip_with_each_crm(db: str, tmp_path: Path, crm: str, suffix: str,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    run_json(capsys, "import", str(crm_file(tmp_path, crm)), "--db", db, *STAGES[crm])
    here = tmp_path / "here.csv"  # a deal made here, not in the CRM
    here.write_text("Title,Stage,Value\nMade here,Proposal,42\n", encoding="utf-8")
    run_json(capsys, "import", str(here), "--db", db)
    out = tmp_path / f"sync-{crm}{suffix}"
    capsys.readouterr()
    assert main(["export", str(out), "--db", db, "--for", crm]) == 0
    assert "6 deals written for" in capsys.readouterr().out
    rows = {str(r[_title(crm)]).lstrip("'"): r for r in read_back(out)}
    ids = {title: str(row[RECORD_ID[crm]] or "") for title, row in rows.items()}
    assert ids["Made here"] == ""  # the CRM creates it
    assert ids["Acme renewal"] in ("101", "0061", "11")  # the CRM updates it
    _check_crm_words(crm, rows)
    result = run_json(capsys, "import", str(out), "--db", db)  # back into the same pipeline
    assert (result["new"], result["updated"], result["unchanged"]) == (0, 0, 6)
    assert result["new_stages"] == [] and not result["problems"]


def _title(crm: str) -> str:
    return {"hubspot": "Deal Name", "salesforce": "Name", "pipedrive": "Deal - Title"}[crm]


def _check_crm_words(crm: str, rows: dict[str, dict[str, object]]) -> None:
    """Each CRM's own stage names and won/lost words; plain amounts, ISO dates."""
    if crm == "hubspot":
        assert rows["Globex pilot"]["Deal Stage"] == "Contract Sent"
        assert rows["Initech"]["Deal Stage"] == "Closed won"
        assert rows["Hooli"]["Deal Stage"] == "closedlost"
        assert rows["Hooli"]["Pipeline"] == "Renewals"
        assert rows["Made here"]["Pipeline"] == "Sales Pipeline"
        assert str(rows["Acme renewal"]["Amount"]) == "1200.5"
        assert str(rows["Acme renewal"]["Close Date"])[:10] == "2026-03-01"
    elif crm == "salesforce":
        assert rows["Acme renewal"]["StageName"] == "Id. Decision Makers"
        assert rows["Initech"]["StageName"] == "Closed Won"
        assert rows["Hooli"]["StageName"] == "Closed Lost"
        assert rows["Acme renewal"]["AccountId"] == "001A"
        assert str(rows["Made here"]["Amount"]) == "42"
    else:
        assert rows["Acme renewal"]["Deal - Stage"] == "Demo Scheduled"
        assert (rows["Initech"]["Deal - Status"], rows["Initech"]["Deal - Stage"]) == (
            "won", "Negotiations Started")
        assert rows["Hooli"]["Deal - Status"] == "lost"
        assert rows["Acme renewal"]["Deal - Currency of Value"] == "EUR"
        assert rows["Acme renewal"]["Deal - Pipeline"] == "Main"


@pytest.mark.parametrize("crm", ["hubspot", "salesforce", "pipedrive"])
def test_formula_text_stays_text(db: str, tmp_path: Path, crm: str,
                                 capsys: pytest.CaptureFixture[str]) -> None:
    run_json(capsys, "import", str(crm_file(tmp_path, crm)), "--db", db, *STAGES[crm])
    as_csv, as_xlsx = tmp_path / "out.csv", tmp_path / "out.xlsx"
    capsys.readouterr()
    assert main(["export", str(as_csv), "--db", db, "--for", crm]) == 0
    warned = capsys.readouterr().err
    assert main(["export", str(as_xlsx), "--db", db, "--for", crm]) == 0
    assert "written with a leading apostrophe" in warned
    assert capsys.readouterr().err == ""  # .xlsx: nothing to neutralise
    risky = {"hubspot": ('=HYPERLINK("http://x")', "-Minus Co"),
             "salesforce": ("@SUM(A1)", "+Plus Co"),
             "pipedrive": ("-5% discount", "Dash")}[crm]
    text = as_csv.read_text(encoding="utf-8")
    for value in risky:
        if value[0] in "=+-@":
            assert f"'{value}" in text.replace('""', '"')  # an apostrophe first: plain text
    sheet = openpyxl.load_workbook(as_xlsx).active
    cells = [c for row in sheet.iter_rows() for c in row if c.value in risky]
    assert len(cells) == 2 and all(c.data_type == "s" for c in cells)  # strings, as they are
    for path in (as_csv, as_xlsx):
        result = run_json(capsys, "import", str(path), "--db", db)
        assert result["updated"] == 0 and result["unchanged"] == 5


def test_changed_writes_only_deals_changed_here(db: str, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    run_json(capsys, "import", str(crm_file(tmp_path, "hubspot")), "--db", db,
             *STAGES["hubspot"])
    out = tmp_path / "changed.csv"
    assert main(["export", str(out), "--db", db, "--for", "hubspot", "--changed"]) == 0
    assert read_back(out) == []  # nothing changed since the import
    session = open_session(db)
    session.db.execute_sql("UPDATE deal SET value_cents = 99900, version = version + 1 "
                           "WHERE external_id = '102'")
    session.close()
    here = tmp_path / "here.csv"
    here.write_text("Title,Value\nMade here,42\n", encoding="utf-8")
    run_json(capsys, "import", str(here), "--db", db)
    assert main(["export", str(out), "--db", db, "--for", "hubspot", "--changed"]) == 0
    rows = read_back(out)
    assert [(r["Deal Name"], r["Record ID"], r["Amount"]) for r in rows] == [
        ("Globex pilot", "102", "999"), ("Made here", "", "42")]
    assert main(["export", str(out), "--db", db, "--for", "salesforce", "--changed"]) == 0
    assert len(read_back(out)) == 6  # none came from Salesforce: all go out as new


def test_a_deal_made_here_comes_back_from_the_crm_as_the_same_deal(
        db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    here = tmp_path / "here.csv"
    here.write_text("Title,Stage,Value\nMade here,Proposal,42\n", encoding="utf-8")
    run_json(capsys, "import", str(here), "--db", db)
    out = tmp_path / "to-hubspot.csv"
    assert main(["export", str(out), "--db", db, "--for", "hubspot"]) == 0
    rows = read_back(out)
    rows[0]["Record ID"] = "9001"  # HubSpot created it and exports it with its new ID
    with out.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    result = run_json(capsys, "import", str(out), "--db", db)
    assert (result["new"], result["updated"]) == (0, 1)
    assert deals(db)["Made here"][2] == "9001"
    assert main(["export", str(out), "--db", db, "--for", "hubspot"]) == 0
    assert read_back(out)[0]["Record ID"] == "9001"


def test_export_for_a_crm_usage(db: str, tmp_path: Path,
                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(tmp_path / "x.csv"), "--db", db, "--changed"]) == 2
    assert main(["export", str(tmp_path / "x.txt"), "--db", db, "--for", "hubspot"]) == 2
    with pytest.raises(SystemExit) as refused:  # argparse's own answer to a wrong choice
        main(["export", str(tmp_path / "x.csv"), "--db", db, "--for", "zoho"])
    assert refused.value.code == 2
    assert not list(tmp_path.glob("x.*"))
    capsys.readouterr()
    done = subprocess.run([sys.executable, "-m", "pipeline_desktop", "export", "--help"],
                          capture_output=True, text=True, check=True)
    assert "--for {hubspot,salesforce,pipedrive}" in done.stdout and "apostrophe" in done.stdout
