"""The Funnel tab, with real widgets over the demo pipeline."""

from __future__ import annotations

from conftest import DEMO_TODAY
from PySide6.QtCore import Qt
from tab_helpers import shown

from pipeline_desktop.domain.commands import EditDeal
from pipeline_desktop.services.periods import Preset, preset_period
from pipeline_desktop.ui.charts import shared_engine
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.tabs.funnel import FunnelTab, bottleneck_sentence


def make_tab(qtbot, controller) -> FunnelTab:
    return shown(qtbot, FunnelTab(controller, AppSettings()))


def test_one_bar_per_open_stage_with_labels(qtbot, controller):
    tab = make_tab(qtbot, controller)
    names = [f.stage.name for f in tab.bars]
    assert names == ["Prospecting", "Qualifying", "Needs analysis", "Proposal", "Negotiation",
                     "Closing"]
    assert sum(f.count for f in tab.bars) == tab.metrics.open
    ticks = tab.chart.getAxis("left")._tickLevels[0]
    assert [label for _pos, label in ticks] == names
    texts = [item.toPlainText() for item in tab.chart.getPlotItem().items
             if hasattr(item, "toPlainText")]
    assert any("deals ·" in t and "$" in t for t in texts)
    assert any(t.startswith("↓") and "%" in t for t in texts)
    assert "Won:" in tab.side.won.text() and "$" in tab.side.won.text()
    assert "Lost:" in tab.side.lost.text()


def test_clicking_a_bar_shows_its_deals(qtbot, controller):
    tab = make_tab(qtbot, controller)
    view_pos = tab.chart.mapFromScene(tab.bar_center(3))
    with qtbot.waitSignal(controller.show_deals, timeout=2000) as blocker:
        qtbot.mouseClick(tab.chart.viewport(), Qt.MouseButton.LeftButton, pos=view_pos)
    assert blocker.args == [{"stage_id": tab.bars[3].stage.id}]


def test_clicking_beside_the_bars_does_nothing(qtbot, controller):
    tab = make_tab(qtbot, controller)
    emitted = []
    controller.show_deals.connect(emitted.append)
    view_pos = tab.chart.mapFromScene(tab.bar_center(0))
    view_pos.setY(view_pos.y() + 2000)
    qtbot.mouseClick(tab.chart.viewport(), Qt.MouseButton.LeftButton, pos=view_pos)
    assert emitted == []


def test_period_and_measure_change_the_figures(qtbot, controller):
    tab = make_tab(qtbot, controller)
    everything = tab.metrics
    tab.period_bar.set_preset(Preset.THIS_MONTH)
    assert tab.metrics.period == preset_period(Preset.THIS_MONTH, DEMO_TODAY)
    assert tab.metrics.won + tab.metrics.lost <= everything.won + everything.lost
    assert tab.metrics.open == everything.open  # the open pipeline is as of now
    assert "this month" in tab.side.title.text().lower()
    tab.measure.setCurrentIndex(1)
    assert "value" in tab.chart.getPlotItem().titleLabel.text
    assert tab._width(tab.bars[0]) == tab.bars[0].value / 100


def test_bottlenecks_are_marked_and_explained(qtbot, controller):
    tab = make_tab(qtbot, controller)
    low = tab.metrics.lowest_conversion()
    assert low is not None
    assert low.stage.name in tab.side.bottleneck.text()
    assert bottleneck_sentence(tab.metrics) == tab.side.bottleneck.text()


def test_refreshes_on_change_only_when_visible(qtbot, controller):
    tab = make_tab(qtbot, controller)
    deal_id = controller.repository.deal_rows()[0].id
    before = tab.metrics.open_value
    row = controller.repository.deal_rows([deal_id])[0]
    controller.execute(EditDeal(deal_id, {"value_cents": (row.value_cents or 0) + 100_00}))
    assert tab.metrics.open_value in (before, before + 100_00)  # +100 when the deal is open
    assert not tab.dirty
    tab.hide()
    controller.execute(EditDeal(deal_id, {"value_cents": 1}))
    assert tab.dirty
    tab.show()
    qtbot.waitExposed(tab)
    assert not tab.dirty


def test_tabs_share_one_engine(qtbot, controller):
    first = make_tab(qtbot, controller)
    second = make_tab(qtbot, controller)
    assert first.engine is second.engine is shared_engine(controller)


def test_chart_saves_as_png(qtbot, controller, tmp_path):
    tab = make_tab(qtbot, controller)
    path = tmp_path / "funnel.png"
    assert tab.chart.save_png(path)
    assert path.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert [a.text() for a in tab.chart.actions()] == ["Save chart as PNG…"]


def test_window_switches_to_deals_on_click(qtbot, window):
    window.show_tab("funnel")
    tab = window.tab("funnel")
    tab.today = lambda: DEMO_TODAY
    tab.refresh()
    tab.show_stage(tab.bars[0].stage.id)
    assert window.tabs.currentIndex() == 0
