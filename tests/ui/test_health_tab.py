"""The Health tab and the targets dialog, as real widgets."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDoubleSpinBox

from pipeline_desktop.domain.commands import DeleteDeal
from pipeline_desktop.domain.targets import Target
from pipeline_desktop.services import health


def _tab(qtbot, controller, settings=None):
    from pipeline_desktop.ui.settings import AppSettings
    from pipeline_desktop.ui.tabs.health import HealthTab

    tab = HealthTab(controller, settings or AppSettings())
    qtbot.addWidget(tab)
    return tab


def test_tab_shows_score_breakdown_and_findings(qtbot, controller):
    tab = _tab(qtbot, controller)
    report = tab.report
    assert report is not None
    assert str(report.score) in tab.score_label.text()
    assert set(tab.bars) == {"coverage", "hygiene", "momentum", "risk"}
    assert [card.finding.id for card in tab.cards] == [f.id for f in report.findings]
    assert tab.act_on_table.rowCount() == len(report.act_on)


def test_clicking_a_finding_shows_its_deals(qtbot, controller):
    tab = _tab(qtbot, controller)
    card = next(c for c in tab.cards if c.button is not None)
    with qtbot.waitSignal(controller.show_deals) as signal:
        qtbot.mouseClick(card.button, Qt.MouseButton.LeftButton)
    assert signal.args[0]["deal_ids"] == list(card.finding.deal_ids)
    assert signal.args[0]["label"].startswith("Health · ")


def test_double_click_on_a_deal_to_act_on_opens_it(qtbot, controller):
    tab = _tab(qtbot, controller)
    assert tab.act_on_table.rowCount() > 0
    with qtbot.waitSignal(controller.show_deals) as signal:
        tab.act_on_table.cellDoubleClicked.emit(0, 1)
    assert signal.args[0] == {"deal_ids": [tab.report.act_on[0].deal_id]}


def test_tab_refreshes_after_an_edit_while_visible(qtbot, controller):
    tab = _tab(qtbot, controller)
    tab.show()
    qtbot.waitExposed(tab)
    before = tab.report
    victim = before.act_on[0].deal_id
    controller.execute(DeleteDeal(victim))
    # the check runs in a thread after a short pause
    qtbot.waitUntil(lambda: tab.report is not before and not tab.checking, timeout=5000)
    assert victim not in {a.deal_id for a in tab.report.act_on}
    assert tab.status_label.text() == ""


def test_edits_during_a_check_start_another(qtbot, controller):
    tab = _tab(qtbot, controller)
    tab.show()
    qtbot.waitExposed(tab)
    tab.refresh_in_background()
    tab.refresh_in_background()  # while the first runs: one more afterwards
    assert tab._again
    qtbot.waitUntil(lambda: not tab.checking and not tab._again, timeout=5000)


def test_hidden_tab_waits_until_shown(qtbot, controller):
    tab = _tab(qtbot, controller)
    before = tab.report
    controller.execute(DeleteDeal(before.act_on[0].deal_id))
    assert tab._dirty and tab.report is before
    tab.show()
    qtbot.waitUntil(lambda: not tab._dirty, timeout=3000)
    qtbot.waitUntil(lambda: not tab.checking, timeout=5000)


def test_target_shown_on_the_tab(qtbot, controller):
    health.save_targets(controller.repository,
                        [Target(f"{date.today():%Y-%m}", 1_000_000_00),
                         Target(f"{date.today():%Y-%m}", 5_000_00, "Ana Ruiz")])
    tab = _tab(qtbot, controller)
    text = tab.target_label.text()
    assert "<b>Business</b>" in text and "$1,000,000" in text and "Coverage" in text
    assert "<b>Ana&nbsp;Ruiz</b>" in text and "$5,000" in text


def test_targets_dialog_saves_targets_and_thresholds(qtbot, controller):
    from pipeline_desktop.ui.dialogs.targets import TargetsDialog

    health.save_targets(controller.repository, [Target("2026-Q3", 90_000_00)])
    dialog = TargetsDialog(controller)
    qtbot.addWidget(dialog)
    assert dialog.table.rowCount() == 1
    assert dialog.table.item(0, 2).text() == "$90,000"
    row = dialog.add_row("2026-07", "Ana Ruiz", None)
    dialog.table.item(row, 2).setText("12,500")
    dialog.coverage.setValue(2.5)
    dialog.findChild(QDoubleSpinBox, "stale_share").setValue(15)
    with qtbot.waitSignal(controller.changed):
        dialog.accept()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert health.load_targets(controller.repository) == [
        Target("2026-07", 12_500_00, "Ana Ruiz"), Target("2026-Q3", 90_000_00)]
    thresholds = health.load_thresholds(controller.repository)
    assert thresholds.coverage == 2.5 and thresholds.stale_share == 0.15
    assert thresholds.min_sample == health.Thresholds().min_sample


def test_targets_dialog_refuses_a_bad_row_and_stays_open(qtbot, controller, monkeypatch):
    from pipeline_desktop.ui.dialogs import targets as dialog_module

    warnings = []
    monkeypatch.setattr(dialog_module.QMessageBox, "warning",
                        lambda _parent, _title, text: warnings.append(text))
    dialog = dialog_module.TargetsDialog(controller)
    qtbot.addWidget(dialog)
    row = dialog.add_row("June", "", None)
    dialog.table.item(row, 2).setText("100")
    dialog.accept()
    assert warnings and "Row 1" in warnings[0] and "not a period" in warnings[0]
    assert dialog.result() != QDialog.DialogCode.Accepted
    assert health.load_targets(controller.repository) == []


def test_menu_entry_and_health_tab_in_the_window(window, monkeypatch):
    from pipeline_desktop.ui.dialogs import targets as dialog_module

    asked = []
    monkeypatch.setattr(dialog_module.TargetsDialog, "ask",
                        classmethod(lambda cls, controller, parent=None: asked.append(1)))
    action = window.actions_by_name["edit_targets"]
    assert action.isEnabled()
    action.trigger()
    assert asked == [1]
    window.show_tab("health")
    tab = window.tab("health")
    assert type(tab).__name__ == "HealthTab"
    card = next(c for c in tab.cards if c.button is not None)
    card.button.click()
    assert window.tabs.currentIndex() == 0  # the Deals tab shows the finding's deals


def test_a_failed_check_is_said_on_the_tab(qtbot, controller):
    tab = _tab(qtbot, controller)
    shown = tab.report
    tab.checking = True
    tab._show_checked(RuntimeError("disk on fire"))
    assert not tab.checking and tab.report is shown
    assert "disk on fire" in tab.status_label.text()


def test_thresholds_editor_reads_writes_and_restores_defaults(qtbot):
    from pipeline_desktop.ui.dialogs.targets import ThresholdsEditor

    editor = ThresholdsEditor(health.Thresholds(coverage=4.0, min_sample=3))
    qtbot.addWidget(editor)
    boxes = {name: box for name, (box, _percent) in editor.inputs.items()}
    assert boxes["coverage"].value() == 4.0 and boxes["min_sample"].value() == 3
    boxes["win_rate_drop"].setValue(15)
    assert editor.value().win_rate_drop == 0.15
    editor.load(health.Thresholds())
    assert editor.value() == health.Thresholds()
