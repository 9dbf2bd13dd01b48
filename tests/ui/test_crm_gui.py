"""Issue 14 in the window: the import wizard's stage table (real combos and spin boxes) and
File › Export for a CRM… (its real dialog, then the worker)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from pipeline_desktop.services.excel.preview import Options, build_preview
from pipeline_desktop.ui import excel_actions
from pipeline_desktop.ui.dialogs.crm_export import CrmExportDialog
from pipeline_desktop.ui.dialogs.import_wizard import ImportWizard
from pipeline_desktop.ui.dialogs.stage_mapping import StageContext

HUBSPOT = ("Record ID,Deal Name,Deal Stage,Amount,Deal probability\n"
           "1,Alpha,Appointment scheduled,100,0.2\n"
           "2,Beta,Contract sent,200,\n"
           "3,Gamma,Closed won,300,\n")


def wizard_for(qtbot, session, tmp_path: Path, saved: dict) -> ImportWizard:
    path = tmp_path / "hs.csv"
    path.write_text(HUBSPOT, encoding="utf-8")

    def rebuild(options: Options):
        return build_preview(session.repository, path, options)

    context = StageContext([s.name for s in session.repository.stages()], {}, saved.update)
    wizard = ImportWizard(build_preview(session.repository, path), rebuild, {},
                          lambda _presets: None, stage_context=context)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
    return wizard


def choose(qtbot, combo, text: str) -> None:
    """Type the stage's name into the combo, as a user picks an item by keyboard."""
    combo.setFocus()
    qtbot.keyClicks(combo, text)


def type_value(qtbot, spin, value: int) -> None:
    spin.setFocus()
    spin.selectAll()
    qtbot.keyClicks(spin, str(value))
    qtbot.keyClick(spin, Qt.Key.Key_Tab)


def test_the_wizard_asks_where_each_unknown_stage_goes(qtbot, session, tmp_path: Path) -> None:
    wizard = wizard_for(qtbot, session, tmp_path, {})
    table = wizard.stage_table
    assert wizard.stage_box.isVisible()
    assert table.names == ["Appointment scheduled", "Contract sent"]  # not "Closed won"
    assert [s.value() for s in table.spins] == [20, 10]  # the file's 20 %, else the lowest
    assert "New stages: Appointment scheduled, Contract sent" in wizard.summary.text()
    choose(qtbot, table.targets[1], "Prop")
    assert table.targets[1].currentData() == "Proposal"
    assert not table.spins[1].isEnabled()  # a probability only for a new stage
    type_value(qtbot, table.spins[0], 40)
    assert wizard.stage_update_button.isEnabled()
    qtbot.mouseClick(wizard.stage_update_button, Qt.MouseButton.LeftButton)
    assert wizard.preview.new_stages == ["Appointment scheduled"]
    assert wizard.preview.new_stage_probability == {"Appointment scheduled": 40}
    assert "New stages: Appointment scheduled" in wizard.summary.text()
    assert table.targets[1].currentData() == "Proposal"  # the table keeps the choices
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)
    assert wizard.result() == wizard.DialogCode.Accepted


def test_import_uses_the_choices_shown_and_a_preset_keeps_them(qtbot, session,
                                                                tmp_path: Path) -> None:
    saved: dict = {}
    wizard = wizard_for(qtbot, session, tmp_path, saved)
    table = wizard.stage_table
    choose(qtbot, table.targets[0], "Qual")
    choose(qtbot, table.targets[1], "Neg")
    QTimer.singleShot(0, lambda: _name_preset(wizard, "HubSpot"))
    wizard._save_preset()
    assert saved == {"HubSpot": {"Appointment scheduled": "Qualifying",
                                 "Contract sent": "Negotiation"}}
    qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)  # previews again first
    assert wizard.result() == wizard.DialogCode.Accepted
    assert wizard.preview.new_stages == [] and wizard.preview.deals.new == 3


def _name_preset(wizard, name: str) -> None:
    from PySide6.QtWidgets import QInputDialog

    dialog = wizard.findChild(QInputDialog)
    dialog.setTextValue(name)
    dialog.accept()


def _answer_crm_dialog(qtbot, crm_keys: str, tick: bool, press: str = "ok") -> None:
    dialog = QApplication.activeModalWidget()
    assert isinstance(dialog, CrmExportDialog)
    choose(qtbot, dialog.crm_combo, crm_keys)
    if tick:
        qtbot.mouseClick(dialog.changed_box, Qt.MouseButton.LeftButton)
    if press == "escape":
        qtbot.keyClick(dialog, Qt.Key.Key_Escape)
        return
    button = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok
                                   if press == "ok" else QDialogButtonBox.StandardButton.Cancel)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_export_for_a_crm_from_the_menu(qtbot, window, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "for-pipedrive.csv"
    monkeypatch.setattr(excel_actions, "ask_crm_export_path", lambda _w, _s, _n, crm: target)
    QTimer.singleShot(0, lambda: _answer_crm_dialog(qtbot, "Pip", tick=False))
    window.actions_by_name["export_crm"].trigger()
    with target.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    assert len(rows) == 60 and "Deal - Status" in rows[0]
    assert {r["Deal - Status"] for r in rows} <= {"open", "won", "lost"}
    assert "60 deals written for Pipedrive" in window.statusBar().currentMessage()


@pytest.mark.parametrize("press", ["cancel", "escape"])
def test_the_crm_dialog_cancels(qtbot, window, tmp_path: Path, press: str,
                                monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[str] = []
    monkeypatch.setattr(excel_actions, "ask_crm_export_path",
                        lambda _window, crm: asked.append(crm))
    QTimer.singleShot(0, lambda: _answer_crm_dialog(qtbot, "Sal", tick=True, press=press))
    assert excel_actions.export_for_crm(window, window.controller, window.settings) is None
    assert asked == []  # no file asked for


def test_only_changed_deals_from_the_dialog(qtbot, window, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """Nothing in the sample pipeline came from Salesforce: every deal is new to it."""
    target = tmp_path / "changed.xlsx"
    monkeypatch.setattr(excel_actions, "ask_crm_export_path", lambda _w, _s, _n, crm: target)
    QTimer.singleShot(0, lambda: _answer_crm_dialog(qtbot, "Sal", tick=True))
    assert excel_actions.export_for_crm(window, window.controller, window.settings) == target
    import openpyxl

    sheet = openpyxl.load_workbook(target).active
    assert sheet.max_row == 61 and sheet["A1"].value == "Id"


def test_import_from_the_menu_maps_a_stage_and_remembers_it(qtbot, window, tmp_path: Path
                                                            ) -> None:
    """File › Import… with the real wizard: the stage table lists the pipeline's stages, the
    choice is imported, and the next export for HubSpot gives the stage HubSpot's name."""
    path = tmp_path / "hs.csv"
    path.write_text(HUBSPOT, encoding="utf-8")

    def answer() -> None:
        wizard = QApplication.activeModalWidget()
        if not isinstance(wizard, ImportWizard):  # still reading the file: look again
            QTimer.singleShot(20, answer)
            return
        if wizard.pages.currentIndex() == 0:
            qtbot.mouseClick(wizard.next_button, Qt.MouseButton.LeftButton)
        table = wizard.stage_table
        choose(qtbot, table.targets[0], "Qual")
        choose(qtbot, table.targets[1], "Prop")
        qtbot.mouseClick(wizard.import_button, Qt.MouseButton.LeftButton)

    QTimer.singleShot(0, answer)
    preview = excel_actions.import_workbook(window, window.controller, window.settings, path)
    assert preview is not None and preview.new_stages == [] and preview.deals.new == 3
    rows = {r.title: r for r in window.controller.repository.deal_rows()}
    assert (rows["Alpha"].stage, rows["Beta"].stage, rows["Gamma"].stage) == (
        "Qualifying", "Proposal", "Won")
    out = tmp_path / "back.csv"
    QTimer.singleShot(0, lambda: _answer_crm_dialog(qtbot, "Hub", tick=True))
    assert excel_actions.export_for_crm(window, window.controller, window.settings, out) == out
    with out.open(encoding="utf-8", newline="") as handle:
        written = list(csv.DictReader(handle))
    assert len(written) == 60  # only changed: the three just came from HubSpot
    assert {r["Deal Name"] for r in written}.isdisjoint({"Alpha", "Beta", "Gamma"})
    QTimer.singleShot(0, lambda: _answer_crm_dialog(qtbot, "Hub", tick=False))
    assert excel_actions.export_for_crm(window, window.controller, window.settings, out) == out
    with out.open(encoding="utf-8", newline="") as handle:
        back = {r["Deal Name"]: r for r in csv.DictReader(handle)}
    assert [back[t]["Deal Stage"] for t in ("Alpha", "Beta", "Gamma")] == [
        "Appointment scheduled", "Contract sent", "Closed won"]
    assert back["Alpha"]["Record ID"] == "1"
