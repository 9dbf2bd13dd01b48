"""The shortcuts that make a large import fast give exactly what the plain paths give:
indexes set aside around a big insert come back unchanged (or stay, on rollback and Cancel),
columns converted per distinct value equal cell-by-cell conversion, and the one-pass sheet
measurement finds the same extent as looking at every cell."""

from __future__ import annotations

import re
from datetime import date, datetime
from pathlib import Path

import pytest
import xlsxwriter

from pipeline_desktop.domain import import_values as iv
from pipeline_desktop.services.excel import safety, validate
from pipeline_desktop.services.excel.apply import TableEdit, install
from pipeline_desktop.services.excel.preview import Options, apply_preview, build_preview
from pipeline_desktop.services.excel.read import Cancelled
from pipeline_desktop.services.excel.schema import TABLE_COLUMNS, TABLE_ORDER
from pipeline_desktop.session import Session, open_session
from pipeline_desktop.storage import bulk

ROWS = 300
TODAY = date(2026, 6, 15)


def index_sql(session: Session) -> list[tuple]:
    return session.db.execute_sql(
        "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'index' ORDER BY name"
    ).fetchall()


def table_rows(session: Session) -> dict[str, list[tuple]]:
    db = session.db
    return {t: db.execute_sql(f"SELECT {', '.join(TABLE_COLUMNS[t])} FROM {t} ORDER BY id"
                              ).fetchall() for t in TABLE_ORDER}


def hubspot_file(path: Path, rows: int = ROWS) -> Path:
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("Deals")
    day = book.add_format({"num_format": "yyyy-mm-dd"})
    sheet.write_row(0, 0, ["Record ID", "Deal Name", "Deal Stage", "Amount", "Close Date",
                           "Deal owner", "Associated Company", "Probability", "Priority"])
    for r in range(1, rows + 1):
        sheet.write_number(r, 0, 5000 + r)
        sheet.write_string(r, 1, f"Deal {r}")
        sheet.write_string(r, 2, ("Qualified", "Proposal", "closedwon", "closedlost")[r % 4])
        sheet.write_number(r, 3, 100 + r * 2.5)
        sheet.write_datetime(r, 4, datetime(2026, 1 + r % 12, 1 + r % 28), day)
        sheet.write_string(r, 5, ("Ana", "Ben", "Chloé")[r % 3])
        sheet.write_string(r, 6, f"Company {r % 40}")
        sheet.write_number(r, 7, (0.1, 0.4, 0.8)[r % 3])
        sheet.write_string(r, 8, ("high", "low")[r % 2])
    book.close()
    return path


@pytest.fixture
def few_rows_rebuild(monkeypatch: pytest.MonkeyPatch) -> None:
    """Let a small test file take the large-insert path."""
    monkeypatch.setattr(bulk, "REBUILD_MIN_ROWS", 50)


# ---- indexes set aside ---------------------------------------------------------------------

def test_an_import_with_indexes_set_aside_leaves_the_same_indexes_and_rows(
        session: Session, tmp_path: Path, few_rows_rebuild: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    workbook = hubspot_file(tmp_path / "deals.xlsx")
    before = index_sql(session)
    preview = build_preview(session.repository, workbook, Options(today=TODAY))
    apply_preview(session.repository, preview, session.path)
    assert index_sql(session) == before
    assert session.db.execute_sql("PRAGMA integrity_check").fetchone() == ("ok",)
    fast = table_rows(session)
    assert len(fast["deal"]) == ROWS

    # The same import without the shortcut stores the same rows.
    monkeypatch.setattr(bulk, "REBUILD_MIN_ROWS", 10**9)
    plain = open_session(str(tmp_path / "plain.pipeline"))
    try:
        preview = build_preview(plain.repository, workbook, Options(today=TODAY))
        apply_preview(plain.repository, preview, plain.path)
        assert _without_times(table_rows(plain)) == _without_times(fast)
    finally:
        plain.close()


def _without_times(rows: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """Deals carry the moment of the import (updated_at); compare everything else."""
    updated = TABLE_COLUMNS["deal"].index("updated_at")
    return {**rows, "deal": [r[:updated] + r[updated + 1:] for r in rows["deal"]]}


def test_cancel_during_the_insert_leaves_the_file_and_its_indexes_unchanged(
        session: Session, tmp_path: Path, few_rows_rebuild: None) -> None:
    workbook = hubspot_file(tmp_path / "deals.xlsx")
    before_indexes, before_rows = index_sql(session), table_rows(session)
    preview = build_preview(session.repository, workbook)
    calls = []

    def cancel_after_first_table(done: int, total: int) -> bool:
        calls.append(done)
        return len(calls) < 3  # stages, companies, then Cancel amid the deals

    with pytest.raises(Cancelled):
        apply_preview(session.repository, preview, session.path,
                      progress=cancel_after_first_table)
    assert index_sql(session) == before_indexes
    assert table_rows(session) == before_rows


def test_an_error_inside_the_transaction_brings_the_dropped_indexes_back(
        session: Session, few_rows_rebuild: None) -> None:
    before = index_sql(session)
    rows = [(i, f"Deal {i}", None, None, None, "USD", 1, "open", None, "", "", "2026-01-01",
             None, None, "", "", "", "", "", None, 0, 0, "", "", None, "", "2026-01-01 00:00:00",
             1) for i in range(1, 200)]
    with (pytest.raises(RuntimeError), session.db.atomic(),
          bulk.indexes_set_aside(session.db, "deal", len(rows))):
        assert not any(name.startswith("deal_") for name, *_ in index_sql(session))
        bulk.insert_rows(session.db, "deal", TABLE_COLUMNS["deal"], rows)
        raise RuntimeError("disk full")
    assert index_sql(session) == before
    assert session.db.execute_sql("SELECT COUNT(*) FROM deal").fetchone() == (0,)


def test_indexes_stay_for_small_inserts_unique_indexes_and_outside_a_transaction(
        session: Session, few_rows_rebuild: None) -> None:
    before = index_sql(session)
    with session.db.atomic(), bulk.indexes_set_aside(session.db, "deal", 10):
        assert index_sql(session) == before  # too few rows to pay
    with bulk.indexes_set_aside(session.db, "deal", 1_000):
        assert index_sql(session) == before  # no transaction to undo a half-done rebuild
    with session.db.atomic(), bulk.indexes_set_aside(session.db, "stage", 1_000):
        assert ("stage_name",) in {(n,) for n, *_ in index_sql(session)}  # unique: kept


def test_undo_of_a_large_import_restores_exactly(session: Session, tmp_path: Path,
                                                 few_rows_rebuild: None) -> None:
    install(session.repository)
    before = table_rows(session)
    preview = build_preview(session.repository, hubspot_file(tmp_path / "deals.xlsx"))
    applied = session.repository.apply(preview.edit())
    assert isinstance(applied.inverse, TableEdit)
    after = table_rows(session)
    redo = session.repository.apply(applied.inverse)
    assert table_rows(session) == before
    session.repository.apply(redo.inverse)
    assert table_rows(session) == after
    assert session.db.execute_sql("PRAGMA integrity_check").fetchone() == ("ok",)


# ---- converting repeated values once ---------------------------------------------------------

@pytest.mark.parametrize(("kind", "cells"), [
    ("date", ["03/04/2026", "", date(2026, 1, 2), "4 March 2026", None] * 30),
    ("datetime", [datetime(2026, 2, 25, 9, 59, 59, 999_600), "2026-01-01T10:00:00Z", ""] * 30),
    ("percent", [0.1, 0.4, 80.0, 0.0, 1.0] * 30),
    ("text", [" Won ", "Lost\x07", 12.0, None] * 30),
    ("money", ["$1,200.50", "(1,200)", "1.200,50 €", ""] * 30),
    ("bool", ["yes", "No", "TRUE", ""] * 30),
    ("custom", [1.0, "a", date(2026, 1, 1), 2.5] * 30),
])
def test_a_column_of_repeated_values_converts_as_cell_by_cell(kind: str,
                                                              cells: list[object]) -> None:
    convert_one = {
        "date": validate.converter(validate.Kind.DATE, iv.DayOrder.DAY_FIRST),
        "datetime": validate.converter(validate.Kind.DATETIME),
        "percent": iv.parse_percent, "text": iv.clean_text, "money": iv.parse_amount,
        "bool": iv.parse_bool, "custom": validate._custom,
    }[kind]
    assert validate._by_distinct_value(convert_one, cells) == [convert_one(c) for c in cells]


def test_mixed_number_types_are_not_shared_between_equal_keys() -> None:
    cells: list[object] = [1.0, True, 1, 0, False] * 20  # equal as dict keys
    assert validate._by_distinct_value(iv.clean_text, cells) is None
    records = validate.convert("S", 0, [["Notes"], *[[c] for c in cells]], ["notes"])
    assert [r["notes"] for _n, r in records.rows[:5]] == ["1", "True", "1", "0", "False"]


def test_a_bad_value_among_repeated_ones_is_reported_on_every_row() -> None:
    values = ["10%", "abc", "40%"] * 40
    records = validate.convert("Deals", 0, [["Probability"], *[[v] for v in values]],
                               ["probability"])
    assert [p.row for p in records.problems] == list(range(3, 2 + len(values), 3))
    assert all(p.column == "Probability" and p.value == "abc" for p in records.problems)


# ---- measuring a sheet in one pass -----------------------------------------------------------

def _brute_force(xml: bytes) -> tuple[int, int]:
    refs = re.findall(rb'<c r="([A-Z]+)(\d+)"', xml)
    rows = [int(r) for r in re.findall(rb'<row r="(\d+)"', xml)]
    return (max([*rows, *(int(n) for _c, n in refs)]),
            max(safety.column_number(c.decode()) for c, _n in refs))


@pytest.mark.parametrize("cells", [
    [(1, "A"), (2, "C"), (3, "B")],
    [(1, "A"), (5, "AB"), (6, "Z"), (7, "AA")],
    [(1, "B"), (2, "ZZ"), (3, "AAA"), (4, "AZ")],
    [(1, "A"), (1_048_576, "XFD")],
    [(1, "C"), (2, "B"), (1_048_576, "A")],
    [(i, safety.column_letters(i)) for i in range(1, 120)],  # wide: the plain patterns
])
def test_one_pass_measurement_finds_the_real_extent(cells: list[tuple[int, str]]) -> None:
    xml = b"".join(f'<row r="{row}"><c r="{col}{row}"><v>1</v></c></row>'.encode()
                   for row, col in cells)
    sheet = safety.SheetInfo("S", "xl/worksheets/sheet1.xml", True)
    half = len(xml) // 2  # measured in two chunks with the 64-byte overlap the scan keeps
    safety._measure(sheet, xml[:half])
    safety._measure(sheet, xml[max(half - 64, 0):])
    assert (sheet.rows, sheet.columns) == _brute_force(xml)


def test_column_labels_after_a_label() -> None:
    pattern = re.compile(f"(?:{safety._labels_after('AC')})$")
    later = [safety.column_letters(n) for n in range(30, 800)]
    earlier = [safety.column_letters(n) for n in range(1, 30)]
    assert all(pattern.match(label) for label in later)
    assert not any(pattern.match(label) for label in earlier)



def test_an_import_that_adds_stages_keeps_every_furthest_stage_without_a_recount(
        demo_session: Session, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """New stages (HubSpot's) and deals into a pipeline with deals and history: the stored
    figures stay right (conftest checks them) without recomputing every deal."""
    from pipeline_desktop.storage import history_summary

    recounts: list[bool] = []
    real = history_summary.refresh_furthest
    monkeypatch.setattr(history_summary, "refresh_furthest",
                        lambda db: recounts.append(True) or real(db))
    preview = build_preview(demo_session.repository, hubspot_file(tmp_path / "h.xlsx"),
                            Options(today=TODAY))
    assert preview.new_stages and not preview.problems
    apply_preview(demo_session.repository, preview, demo_session.path)
    assert recounts == []
    assert history_summary.mismatches(demo_session.db) == []


@pytest.mark.parametrize("constant", [None, 0, 1, True, False, -7, "", "it's", "? :x $1 @y",
                                      "ünï ✓", "2026-01-01 10:00:00"])
def test_a_column_of_one_value_inserted_as_a_literal_stores_what_binding_stores(
        session: Session, constant: object) -> None:
    db = session.db
    db.execute_sql("CREATE TABLE t (id INTEGER PRIMARY KEY, txt TEXT, num INTEGER, "
                   "day DATETIME, anything)")
    columns = ("id", "txt", "num", "day", "anything")
    rows = [(i, constant, constant, constant, constant) for i in range(1, 201)]
    mixed = [(1000 + i, 1.0 if i == 5 else 1, True, 1, "a") for i in range(1, 201)]
    with db.atomic():
        bulk.insert_rows(db, "t", columns, rows)  # inlined where it may be
        bulk.insert_rows(db, "t", columns, mixed)
        for row in rows + mixed:  # one row at a time: always bound
            bulk.insert_rows(db, "t", columns, [(row[0] + 10_000, *row[1:])])
    select = ("SELECT txt, typeof(txt), num, typeof(num), day, typeof(day), anything, "
              "typeof(anything) FROM t WHERE id {} 10000 ORDER BY id")
    assert db.execute_sql(select.format("<")).fetchall() == db.execute_sql(
        select.format(">")).fetchall()


def test_a_sheet_read_on_the_worker_thread_gives_its_rows_or_its_error(tmp_path: Path) -> None:
    from pipeline_desktop.services.excel.read import Prefetch, open_source, read_sheet
    from pipeline_desktop.services.excel.sniff import ImportFileError

    source = open_source(hubspot_file(tmp_path / "h.xlsx", rows=20))
    with Prefetch(source, ["Deals", "Missing"]) as sheets:
        assert sheets.rows("Deals") == read_sheet(source, "Deals")
        with pytest.raises(ImportFileError, match="no sheet named 'Missing'"):
            sheets.rows("Missing")
