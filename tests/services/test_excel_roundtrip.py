"""Export → import round trips: same file gives no changes, a new file reproduces the
pipeline cell for cell, and undoing an import restores exactly the state before."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from pipeline_desktop.domain import commands as cmd
from pipeline_desktop.services.excel.apply import install
from pipeline_desktop.services.excel.export import export_workbook
from pipeline_desktop.services.excel.preview import apply_preview, build_preview
from pipeline_desktop.services.excel.schema import TABLE_COLUMNS, TABLE_ORDER
from pipeline_desktop.session import Session, open_session


def cells(path: Path) -> dict[str, list[tuple]]:
    """Every cell of every sheet, the export time aside."""
    workbook = openpyxl.load_workbook(path, read_only=True)
    result = {}
    for sheet in workbook.worksheets:
        rows = [tuple(row) for row in sheet.iter_rows(values_only=True)]
        if sheet.title == "_pipeline":
            rows = [r for r in rows if r[0] not in ("exported_at", "pipeline_file")]
        result[sheet.title] = rows
    workbook.close()
    return result


def snapshot(session: Session) -> dict[str, list[tuple]]:
    db = session.db
    return {t: db.execute_sql(f"SELECT {', '.join(TABLE_COLUMNS[t])} FROM {t} ORDER BY id"
                              ).fetchall() for t in TABLE_ORDER}


def without_versions(contents: dict[str, list[tuple]]) -> dict[str, list[tuple]]:
    """The stored values apart from the deals' versions, which an undo moves on (team mode:
    a version is never reused, so a stale copy cannot save over the undone state)."""
    at = TABLE_COLUMNS["deal"].index("version")
    deals = [row[:at] + row[at + 1:] for row in contents["deal"]]
    return {**contents, "deal": deals}


def test_export_then_import_into_same_file_changes_nothing(demo_session: Session,
                                                            tmp_path: Path) -> None:
    target = tmp_path / "out.xlsx"
    assert export_workbook(demo_session.repository, target) == 60
    before = snapshot(demo_session)
    preview = build_preview(demo_session.repository, target)
    assert preview.own and preview.trusted
    assert not preview.problems
    assert str(preview.deals) == "0 new, 0 updated, 60 unchanged"
    assert all(c.new == 0 and c.changed == 0 for c in preview.counts.values())
    assert not preview.has_changes
    apply_preview(demo_session.repository, preview, demo_session.path)
    assert snapshot(demo_session) == before


def test_import_into_new_file_reproduces_the_pipeline(demo_session: Session,
                                                      tmp_path: Path) -> None:
    first = tmp_path / "first.xlsx"
    export_workbook(demo_session.repository, first)
    fresh = open_session(str(tmp_path / "fresh.pipeline"))
    try:
        preview = build_preview(fresh.repository, first)
        assert preview.trusted and not preview.problems
        assert preview.deals.new == 60
        apply_preview(fresh.repository, preview, fresh.path)
        original, restored = snapshot(demo_session), snapshot(fresh)
        assert restored == original
        second = tmp_path / "second.xlsx"
        export_workbook(fresh.repository, second)
        assert cells(second) == cells(first)
        again = build_preview(fresh.repository, first)  # the same workbook twice
        assert again.deals.new == 0 and not again.has_changes
    finally:
        fresh.close()


def test_undo_import_restores_updates_and_inserts(demo_session: Session, tmp_path: Path) -> None:
    target = tmp_path / "edit.xlsx"
    export_workbook(demo_session.repository, target)
    workbook = openpyxl.load_workbook(target)
    deals = workbook["Deals"]
    headers = [c.value for c in deals[1]]
    deals.cell(row=2, column=headers.index("Value") + 1, value=123456.78)
    deals.cell(row=3, column=headers.index("Stage") + 1, value="Won")
    deals.cell(row=4, column=headers.index("Title") + 1).value = "=HYPERLINK(\"x\")"
    deals.cell(row=4, column=headers.index("Title") + 1).data_type = "s"
    new_row = deals.max_row + 1
    deals.cell(row=new_row, column=headers.index("Title") + 1, value="Brand new deal")
    deals.cell(row=new_row, column=headers.index("Company") + 1, value="Zeta Newco")
    deals.cell(row=new_row, column=headers.index("Stage") + 1, value="Pilot")
    workbook.save(target)
    before = snapshot(demo_session)
    repository = demo_session.repository
    install(repository)
    preview = build_preview(repository, target)
    assert not preview.problems, preview.problems
    assert preview.deals.new == 1 and preview.deals.changed == 3
    assert preview.new_stages == ["Pilot"]
    changed = {c.deal_id: c for c in preview.changes}
    assert ("Value", changed[1].fields[0][1], "$123,456.78") == changed[1].fields[0]
    applied = repository.apply(preview.edit())
    after = snapshot(demo_session)
    assert after != before
    assert repository.deal(3)["title"] == "=HYPERLINK(\"x\")"
    assert repository.deal(2)["status"] == "won"
    undone = repository.apply(applied.inverse)
    assert without_versions(snapshot(demo_session)) == without_versions(before)
    repository.apply(undone.inverse)  # redo
    assert without_versions(snapshot(demo_session)) == without_versions(after)


def test_conflict_when_deal_changed_in_app_after_export(demo_session: Session,
                                                        tmp_path: Path) -> None:
    target = tmp_path / "c.xlsx"
    export_workbook(demo_session.repository, target)
    repository = demo_session.repository
    repository.apply(cmd.EditDeal(5, {"title": "Edited in the app"}))
    workbook = openpyxl.load_workbook(target)
    workbook["Deals"].cell(row=6, column=5, value=99)  # deal 5's value, in the workbook
    workbook.save(target)
    preview = build_preview(repository, target)
    assert preview.conflicts == {5}
    apply_preview(repository, preview, demo_session.path)
    assert repository.deal(5)["title"] == "Edited in the app"  # kept by default
    preview = build_preview(repository, target)
    apply_preview(repository, preview, demo_session.path, take_conflicts=True)
    assert repository.deal(5)["value_cents"] == 9900


def test_backup_made_before_import(demo_session: Session, tmp_path: Path, data_dir: Path
                                   ) -> None:
    target = tmp_path / "b.xlsx"
    export_workbook(demo_session.repository, target)
    fresh = open_session(str(tmp_path / "fresh.pipeline"))
    try:
        apply_preview(fresh.repository, build_preview(fresh.repository, target), fresh.path)
    finally:
        fresh.close()
    assert list((data_dir / "backups").glob("*-before-import.pipeline"))


# ---- hypothesis: random pipelines survive the round trip ---------------------------------------

_TEXT = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), max_size=30).map(
    str.strip)
_DATES = st.dates(min_value=__import__("datetime").date(1990, 1, 1),
                  max_value=__import__("datetime").date(2090, 12, 31))
_DEAL = st.fixed_dictionaries({
    "title": _TEXT.filter(bool),
    "company": _TEXT,
    "contact": _TEXT,
    "value_cents": st.one_of(st.none(), st.integers(0, 10**13)),
    "owner": _TEXT,
    "source": st.sampled_from(["", "Web", "=1+2", "+44", "@x", "-3", "_x000D_"]),
    "notes": st.text(max_size=60).map(lambda t: "".join(c for c in t if c.isprintable() or
                                                        c == "\n").strip()),
    "created": _DATES.map(lambda d: d.isoformat()),
    "expected_close": st.one_of(st.none(), _DATES.map(lambda d: d.isoformat())),
    "probability": st.one_of(st.none(), st.integers(0, 100)),
})


@settings(max_examples=12, deadline=None, phases=(Phase.explicit, Phase.reuse, Phase.generate),
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(deals=st.lists(_DEAL, max_size=6), moves=st.lists(st.integers(1, 8), max_size=4))
def test_random_pipelines_round_trip(tmp_path_factory: pytest.TempPathFactory,
                                     deals: list[dict], moves: list[int]) -> None:
    folder = tmp_path_factory.mktemp("rt")
    # Peewee's tables follow the last pipeline opened, so the second one opens after the first
    # is built (the import itself works on its own repository's connection).
    source = open_session(str(folder / "a.pipeline"))
    try:
        repository = source.repository
        ids = [repository.apply(cmd.CreateDeal(d)).changes.deals for d in deals]
        for deal_ids, stage_id in zip(ids, moves, strict=False):
            repository.apply(cmd.MoveStage(next(iter(deal_ids)), stage_id))
        first = folder / "a.xlsx"
        export_workbook(repository, first)
        same = build_preview(repository, first)
        assert not same.problems, same.problems
        assert not same.has_changes, [str(c) for c in same.changes]
        fresh = open_session(str(folder / "b.pipeline"))
        try:
            preview = build_preview(fresh.repository, first)
            assert not preview.problems, preview.problems
            apply_preview(fresh.repository, preview, fresh.path, backup=False)
            assert snapshot(fresh) == snapshot(source)
            second = folder / "b.xlsx"
            export_workbook(fresh.repository, second)
            assert cells(second) == cells(first)
        finally:
            fresh.close()
    finally:
        source.close()


def test_exported_workbook_is_pleasant_and_safe(session: Session, tmp_path: Path) -> None:
    repository = session.repository
    for title in ("=HYPERLINK(\"http://evil\")", "+1 555", "-5", "@SUM(A1)", "\tTabbed"):
        repository.apply(cmd.CreateDeal({"title": title, "value_cents": 123456,
                                         "created": "2026-03-04", "owner": "Ana"}))
    target = tmp_path / "look.xlsx"
    export_workbook(repository, target)
    workbook = openpyxl.load_workbook(target)
    assert workbook.sheetnames == ["Deals", "Companies", "Contacts", "Activities",
                                   "Stage history", "Stages", "Ideal customer",
                                   "Revenue targets", "Health thresholds", "Lists",
                                   "Custom fields", "Currencies", "_pipeline"]
    assert workbook["_pipeline"].sheet_state == "hidden"
    deals = workbook["Deals"]
    assert deals.freeze_panes == "A2" and deals.auto_filter.ref.startswith("A1:")
    assert deals["A1"].font.b
    titles = [deals.cell(row=r, column=2) for r in range(2, 7)]
    assert all(c.data_type == "s" for c in titles)  # text, never a formula
    assert titles[0].value == "=HYPERLINK(\"http://evil\")"
    value, created = deals["E2"], deals["L2"]
    assert value.value == 1234.56 and value.number_format == "#,##0.00"
    assert created.is_date and created.number_format == "yyyy-mm-dd"
    validations = {str(v.sqref).split(":")[0]: v.formula1
                   for v in deals.data_validations.dataValidation}
    assert set(validations) == {"G2", "H2", "J2"}  # Stage, Status, Owner drop-downs
    assert deals.column_dimensions["B"].width > 30


def test_restore_with_changed_stages_and_undo(session: Session, tmp_path: Path) -> None:
    """Stages renamed, swapped and deleted in the source come back exactly in a new file,
    and undoing that import gives back the new file's default stages."""
    db = session.db
    repository = session.repository
    repository.apply(cmd.CreateDeal({"title": "Only deal", "created": "2026-01-02"}))
    db.execute_sql("DELETE FROM stage WHERE name = 'Closing'")
    db.execute_sql("UPDATE stage SET name = 'tmp' WHERE name = 'Proposal'")
    db.execute_sql("UPDATE stage SET name = 'Proposal' WHERE name = 'Negotiation'")
    db.execute_sql("UPDATE stage SET name = 'Negotiation' WHERE name = 'tmp'")
    db.execute_sql("UPDATE stage SET name = 'Signed' WHERE name = 'Won'")
    workbook = tmp_path / "stages.xlsx"
    export_workbook(repository, workbook)
    fresh = open_session(str(tmp_path / "fresh.pipeline"))
    try:
        empty = snapshot(fresh)
        install(fresh.repository)
        preview = build_preview(fresh.repository, workbook)
        assert not preview.problems
        assert str(preview.counts["Stages"]) == "0 new, 3 updated, 4 unchanged, 1 removed"
        applied = fresh.repository.apply(preview.edit())
        assert snapshot(fresh) == snapshot(session)
        fresh.repository.apply(applied.inverse)
        assert snapshot(fresh) == empty
    finally:
        fresh.close()


def test_stage_or_status_edited_in_the_workbook(demo_session: Session, tmp_path: Path) -> None:
    """Our workbook has Stage and Status: whichever the person changed wins, and moves
    follow the app's rules (reopening clears the close date and lost reason)."""
    target = tmp_path / "s.xlsx"
    export_workbook(demo_session.repository, target)
    rows = {r.id: r for r in demo_session.repository.deal_rows()}
    lost = next(i for i, r in rows.items() if r.status == "lost")
    still_open = next(i for i, r in rows.items() if r.status == "open")
    workbook = openpyxl.load_workbook(target)
    deals = workbook["Deals"]
    by_id = {deals.cell(row=n, column=1).value: n for n in range(2, deals.max_row + 1)}
    deals.cell(row=by_id[lost], column=7, value="Proposal")  # Stage edited, Status not
    deals.cell(row=by_id[still_open], column=8, value="won")  # Status edited, Stage not
    workbook.save(target)
    preview = build_preview(demo_session.repository, target)
    apply_preview(demo_session.repository, preview, demo_session.path)
    reopened = demo_session.repository.deal(lost)
    assert reopened["status"] == "open" and reopened["closed"] is None
    assert reopened["lost_reason"] == ""
    won = demo_session.repository.deal(still_open)
    assert won["status"] == "won" and won["closed"] is not None
