"""The import wizard, File › Export and File › Import with real widgets, a worker thread,
Cancel, and Undo import."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QProgressDialog

from pipeline_desktop.services.excel.preview import Options, build_preview
from pipeline_desktop.services.excel.schema import TABLE_COLUMNS, TABLE_ORDER
from pipeline_desktop.ui import excel_actions
from pipeline_desktop.ui.dialogs.import_wizard import ImportWizard
from pipeline_desktop.ui.workers import run_job


def snapshot(session, *, versions: bool = True) -> dict[str, list[tuple]]:
    db = session.db
    contents = {t: db.execute_sql(f"SELECT {', '.join(TABLE_COLUMNS[t])} FROM {t} ORDER BY id"
                                  ).fetchall() for t in TABLE_ORDER}
    return snapshot_of(contents, versions=versions)


def snapshot_of(contents: dict[str, list[tuple]], *, versions: bool) -> dict[str, list[tuple]]:
    """`versions=False`: without the deals' versions, which an undo moves on (never reused)."""
    if versions:
        return contents
    at = TABLE_COLUMNS["deal"].index("version")
    return {**contents, "deal": [row[:at] + row[at + 1:] for row in contents["deal"]]}


def hubspot_csv(path: Path) -> Path:
    path.write_text("Record ID,Deal Name,Amount,Deal Stage,Close Date,Pipeline\n"
                    "1,Alpha,100,Proposal,03/04/2026,Sales\n"
                    "2,Beta,abc,Contract sent,05/06/2026,Sales\n", encoding="utf-8")
    return path


def test_wizard_maps_previews_and_saves_presets(qtbot, session, tmp_path: Path) -> None:
    path = hubspot_csv(tmp_path / "hs.csv")
    preview = build_preview(session.repository, path)
    saved: dict = {}

    def rebuild(options: Options):
        return build_preview(session.repository, path, options)

    wizard = ImportWizard(preview, rebuild, {}, saved.update)
    qtbot.addWidget(wizard)
    wizard.show()
    assert wizard.table.rowCount() == 6
    assert wizard.combos[1].currentData() == "title"
    assert wizard.combos[5].currentData() == "ignore"  # HubSpot's Pipeline: noted per CRM
    wizard.next_button.click()
    assert wizard.pages.currentIndex() == 1
    assert "1 rejected" in wizard.summary.text()
    assert not wizard.import_button.isEnabled()  # problems: fix them first
    assert wizard.problems.count() == 1
    wizard.grab().save(str(tmp_path / "wizard-preview.png"))
    wizard.back_button.click()
    wizard.combos[2].setCurrentIndex(wizard.combos[2].findData("ignore"))  # Amount
    wizard.day_combo.setCurrentIndex(2)  # day first
    wizard.next_button.click()
    assert wizard.import_button.isEnabled()
    assert wizard.preview.new_stages == ["Contract sent"]
    assert "New stages: Contract sent" in wizard.summary.text()
    QTimer.singleShot(0, lambda: _answer_input(wizard))
    wizard._save_preset()
    assert saved == {"HubSpot": wizard.mapping()}
    wizard.import_button.click()
    assert wizard.result() == wizard.DialogCode.Accepted


def _answer_input(wizard) -> None:
    from PySide6.QtWidgets import QInputDialog

    dialog = wizard.findChild(QInputDialog)
    dialog.setTextValue("HubSpot")
    dialog.accept()


def test_export_then_import_from_the_menu_with_undo(qtbot, window, tmp_path: Path,
                                                   data_dir: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    out = excel_actions.export_workbook(window, window.controller, window.settings,
                                        tmp_path / "menu.xlsx")
    assert out is not None and out.exists()
    book = openpyxl.load_workbook(out)
    book["Deals"]["E2"] = 777  # deal 1's value
    book.save(out)
    before = snapshot(window.session)
    shown: list = []

    def answer(_window, _controller, preview):
        shown.append(preview)
        return preview, False

    monkeypatch.setattr(excel_actions, "ask_wizard", answer)
    preview = excel_actions.import_workbook(window, window.controller, window.settings, out)
    assert preview is not None and str(preview.deals) == "0 new, 1 updated, 59 unchanged"
    assert window.controller.repository.deal(1)["value_cents"] == 77700
    assert list((data_dir / "backups").glob("*-before-import.pipeline"))
    assert window.controller.undo_stack.undoText() == "Import menu.xlsx"
    window.controller.undo_stack.undo()
    assert snapshot(window.session, versions=False) == snapshot_of(before, versions=False)
    window.controller.undo_stack.redo()
    assert window.controller.repository.deal(1)["value_cents"] == 77700


def test_cancel_leaves_pipeline_unchanged(qtbot, window, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    """Cancel pressed while the rows are being written: the transaction rolls back."""
    path = tmp_path / "many.csv"
    path.write_text("Deal Name,Amount\n" + "".join(f"D{i},{i}\n" for i in range(12_000)),
                    encoding="utf-8")
    monkeypatch.setattr(excel_actions, "ask_wizard", lambda _w, _controller, p: (p, False))
    real_run_job = excel_actions.run_job
    calls: list[int] = []

    def cancel_after_first_chunk(window, label, job, **options):
        def pressing_cancel(progress):
            def progress_then_cancel(done: int, total: int) -> bool:
                calls.append(done)
                return progress(done, total) and not label.startswith("Importing")
            return job(progress_then_cancel)
        return real_run_job(window, label, pressing_cancel, **options)

    monkeypatch.setattr(excel_actions, "run_job", cancel_after_first_chunk)
    before = snapshot(window.session)
    assert excel_actions.import_workbook(window, window.controller, window.settings, path) is None
    assert calls  # the write had started
    assert snapshot(window.session) == before
    assert window.controller.undo_stack.count() == 0


def test_worker_reports_progress_and_cancels(qtbot, window) -> None:
    steps: list[int] = []

    def job(progress):
        for step in range(10_000_000):
            steps.append(step)
            if not progress(step, 10_000_000):
                raise RuntimeError("stopped")
        return "done"

    QTimer.singleShot(50, lambda: window.findChild(QProgressDialog,
                                                   "progress_dialog").canceled.emit())
    result = run_job(window, "Working…", job, minimum_ms=0)
    assert result.cancelled and 0 < len(steps) < 10_000_000
    assert run_job(window, "Quick", lambda progress: 42).value == 42
    with pytest.raises(ValueError, match="boom"):
        run_job(window, "Failing", lambda progress: (_ for _ in ()).throw(ValueError("boom")))
    QApplication.processEvents()


def test_undoing_a_large_import_keeps_the_window_painting(qtbot, window, tmp_path: Path,
                                                         data_dir: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """Undo and redo of an import of thousands of deals run in a worker (Ctrl+Z, real keys)."""
    rows = "".join(f"{i},Deal {i},{i * 10},Proposal,03/04/2026,Sales\n" for i in range(1, 2501))
    csv = tmp_path / "big.csv"
    csv.write_text("Record ID,Deal Name,Amount,Deal Stage,Close Date,Pipeline\n" + rows,
                   encoding="utf-8")
    monkeypatch.setattr(excel_actions, "ask_wizard", lambda _w, _c, preview: (preview, False))
    before = window.controller.repository.deal_count()
    excel_actions.import_workbook(window, window.controller, window.settings, csv)
    assert window.controller.repository.deal_count() == before + 2500
    ticks: list[int] = []
    timer = QTimer(window)
    timer.timeout.connect(lambda: ticks.append(1))
    timer.start(1)
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    qtbot.keyClick(window, "z", Qt.KeyboardModifier.ControlModifier)
    timer.stop()
    assert window.controller.repository.deal_count() == before
    assert ticks, "the event loop stood still while the import was undone"
    ticks.clear()
    window.activateWindow()  # the progress dialog, when it showed, had taken the focus
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    timer.start(1)
    qtbot.keyClick(window, "z", Qt.KeyboardModifier.ControlModifier
                   | Qt.KeyboardModifier.ShiftModifier)
    timer.stop()
    assert window.controller.repository.deal_count() == before + 2500
    assert ticks
