"""Planning a sheet of new deals in whole columns (services/excel/plan_columns.py) gives
exactly the plan the row-by-row path gives: the same rows and ids, new stages, companies and
contacts in the same order, counts, warnings and problems; on odd values and random sheets."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline_desktop.services.excel import plan as plan_module
from pipeline_desktop.services.excel.export import export_workbook
from pipeline_desktop.services.excel.mapping import auto_map
from pipeline_desktop.services.excel.plan import Plan, Planner
from pipeline_desktop.services.excel.preview import build_preview
from pipeline_desktop.services.excel.validate import convert
from pipeline_desktop.session import Session, open_session

TODAY = date(2026, 6, 15)
NOW = datetime(2026, 6, 15, 9, 30)


class _FrozenNow(datetime):
    @classmethod
    def now(cls, tz: object = None) -> datetime:  # type: ignore[override]
        return NOW


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Both planners stamp rows with the same "now"."""
    monkeypatch.setattr(plan_module, "datetime", _FrozenNow)


HEADERS = ["Record ID", "Deal Name", "Deal Stage", "Status", "Amount", "Currency", "Close Date",
           "Closed", "Create Date", "Won time", "Lost time", "IsWon", "Lost reason", "Company",
           "Industry", "Employees", "Contact", "Email", "Phone", "Priority", "Stage at close",
           "Flag"]
ODD = {  # per column, values a real export may hold (None and "" are empty cells)
    "Record ID": [None, "", "A-1", 7, 7.0, "  spaced  ", "a-1"],
    "Deal Stage": [None, "", "Qualified", "qualified ", "closedwon", "Closed Lost", "Lost",
                   "Brand new stage", "WON"],
    "Status": [None, "", "open", "Won", "closed lost", "in progress"],
    "Amount": [None, "", 0, 12.5, 1200.0, "$1,200.50", "1.200,50 €", "(300)"],
    "Currency": [None, "", "eur", "USD", "gbp"],
    "Close Date": [None, "", date(2026, 1, 2), datetime(2026, 3, 4, 10, 0), "2026-05-06",
                   46000],
    "Closed": [None, "", date(2025, 12, 31)],
    "Create Date": [None, "", date(2025, 1, 1), "2025-02-03"],
    "Won time": [None, "", "2026-02-02"],
    "Lost time": [None, "", "2026-02-03"],
    "IsWon": [None, "", "TRUE", "false", True, 0],
    "Lost reason": [None, "", "Price"],
    "Company": [None, "", "Acme", "acme ", "Globex", "Initech"],
    "Industry": [None, "", "Retail", "Software"],
    "Employees": [None, "", 10, 250.0],
    "Contact": [None, "", "Ann Lee", "ann lee", "Bob"],
    "Email": [None, "", "ann@example.com", "ANN@example.com", "bob@example.com"],
    "Phone": [None, "", "+1 555 0100"],
    "Priority": [None, "", "high", 1, 0.5, True, date(2026, 1, 1)],
    "Stage at close": [None, "", "kept"],
    "Flag": [None, "", True, False],
}


def _cell(column: str) -> st.SearchStrategy[object]:
    if column == "Deal Name":
        return st.sampled_from(["Deal", "Renewal", "Deal", "Big one", "ünïcode ✓"])
    return st.sampled_from(ODD[column])


def _sheet_rows() -> st.SearchStrategy[list[list[object]]]:
    row = st.tuples(*(_cell(h) for h in HEADERS)).map(list)
    return st.lists(row, min_size=1, max_size=25)


def plans_both_ways(session: Session, rows: list[list[object]], headers: list[str] = HEADERS
                    ) -> tuple[Plan, Plan]:
    """(column-wise plan or None when it declined, row-by-row plan) of one sheet."""
    sheet = [headers, *rows]
    fields = auto_map(headers, ours=False)
    results = []
    for columns in (True, False):
        records = convert("Deals", 0, sheet, fields)
        planner = Planner(session.db, trusted=False, own=False, user="tester", today=TODAY)
        if not columns:
            assert records.rows is not None  # built from the columns, then:
            records.columns = None  # forces the row-by-row path
        planner.deals(records, history_sheet=False)
        results.append(planner.plan)
    return results[0], results[1]


def assert_same_plan(first: Plan, second: Plan) -> None:
    assert first.inserts == second.inserts
    assert first.updates == second.updates
    assert first.counts == second.counts
    assert first.new_stages == second.new_stages
    assert first.problems == second.problems
    assert first.warnings == second.warnings
    assert first.changes == second.changes


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_sheet_rows())
def test_random_sheets_plan_the_same_in_columns_and_row_by_row(
        session: Session, rows: list[list[object]]) -> None:
    assert_same_plan(*plans_both_ways(session, rows))


def test_odd_values_take_the_column_path_and_plan_the_same(session: Session,
                                                           monkeypatch: pytest.MonkeyPatch
                                                           ) -> None:
    rows = [
        [1, "Won deal", "Qualified", "won", 100.0, "eur", date(2026, 1, 2), None, None, "", "",
         None, "Price", "Acme", "Retail", 10, "Ann Lee", "ann@example.com", "", "high", "",
         True],
        [2, "Lost one", "closedlost", "", "1.200,50 €", "", None, None, "2025-02-03", "",
         "2026-02-03", "", "", "acme ", "Software", None, "", "ANN@example.com", "+1", 1, "x",
         False],
        [3, "Is won", "Brand new stage", "", "", "", None, date(2025, 12, 31), None, "2026-02-02",
         "", "TRUE", "", "Globex", "", "", "Bob", "", "", 0.5, "", ""],
        [4, "Open", "", "", 0, "USD", "2026-05-06", None, None, "", "", "false", "Price", "", "",
         "", "", "", "", date(2026, 1, 1), "", None],
    ]
    used: list[bool] = []
    original = plan_module.plan_new_deals

    def spy(*args: object, **kwargs: object) -> bool:
        used.append(original(*args, **kwargs))  # type: ignore[arg-type]
        return used[-1]

    monkeypatch.setattr(plan_module, "plan_new_deals", spy)
    columns, by_row = plans_both_ways(session, rows)
    assert used == [True, False]  # the second run had no columns to offer
    assert_same_plan(columns, by_row)
    assert columns.counts["Deals"].new == 4
    assert "Brand new stage" in columns.new_stages


def test_into_a_pipeline_with_deals_companies_and_contacts(demo_session: Session) -> None:
    """Names match existing companies, contacts and stages; external IDs match nothing."""
    db = demo_session.db
    company = db.execute_sql("SELECT name FROM company ORDER BY id LIMIT 1").fetchone()[0]
    contact, email = db.execute_sql(
        "SELECT name, email FROM contact WHERE email != '' ORDER BY id LIMIT 1").fetchone()
    stage = db.execute_sql("SELECT name FROM stage ORDER BY position LIMIT 1").fetchone()[0]
    rows = [[f"X-{i}", f"Deal {i}", stage.upper() if i % 2 else "Other stage", "", i * 10.0,
             "", None, None, None, "", "", "", "", company if i % 3 else "New Co", "", "",
             contact if i % 2 else "", email if i % 4 == 0 else "", "", "", "", ""]
            for i in range(30)]
    columns, by_row = plans_both_ways(demo_session, rows)
    assert columns.counts["Deals"].new == 30
    assert_same_plan(columns, by_row)


def test_a_row_matching_a_stored_deal_plans_row_by_row(session: Session,
                                                       monkeypatch: pytest.MonkeyPatch
                                                       ) -> None:
    first = [["A-1", "Deal", "", "", 5.0, *[""] * 17]]
    planner = Planner(session.db, trusted=False, own=False, user="tester", today=TODAY)
    planner.deal_by_ext["A-1"] = 99
    records = convert("Deals", 0, [HEADERS, *first], auto_map(HEADERS, ours=False))
    assert not plan_module.plan_new_deals(planner, records, plan_module.Counts(),
                                          history_sheet=False)
    assert planner.plan.inserts["deal"] == []


def test_our_workbook_into_an_empty_pipeline_plans_the_same(demo_session: Session,
                                                            tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """Trusted IDs, company and contact IDs resolved through the other sheets."""
    workbook = tmp_path / "ours.xlsx"
    export_workbook(demo_session.repository, workbook)
    previews = []
    for columns in (True, False):
        if not columns:
            monkeypatch.setattr(plan_module, "plan_new_deals", lambda *a, **k: False)
        target = open_session(str(tmp_path / f"copy-{columns}.pipeline"))
        try:
            previews.append(build_preview(target.repository, workbook))
        finally:
            target.close()
    with_columns, by_row = previews
    assert with_columns.edit().inserts == by_row.edit().inserts
    assert with_columns.counts == by_row.counts
    assert with_columns.problems == by_row.problems == []


@pytest.mark.parametrize("values", [
    [" Won ", "Lost", "open\t", "Qualified"],  # repeats: checked once per distinct value
    ["Ana", "Ben\x07", " Chloé "],  # a control character among repeats
    [f" deal {i} " for i in range(400)],  # hardly repeats: checked cell by cell
])
def test_text_columns_convert_as_cell_by_cell(values: list[str]) -> None:
    """A text column converted whole (each distinct value trimmed once, then looked up)
    holds exactly what converting each cell on its own gives."""
    from pipeline_desktop.domain.import_values import clean_text

    cells = [values[i % len(values)] for i in range(400)]
    records = convert("Deals", 0, [["Deal Name", "Region"], *([c, c] for c in cells)],
                      ["title", ""])  # "": Region is a custom field
    expected = [clean_text(c) for c in cells]
    assert [r["title"] for _n, r in records.rows] == expected
    assert [r["custom"].get("Region", "") for _n, r in records.rows] == expected
