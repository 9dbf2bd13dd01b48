"""The Metrics tab, with real widgets over the demo pipeline."""

from __future__ import annotations

from datetime import date

from conftest import DEMO_TODAY
from PySide6.QtCore import Qt
from tab_helpers import shown

from pipeline_desktop.domain.commands import EditDeal
from pipeline_desktop.services.periods import Preset, preset_period
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.tabs.metrics import MetricsTab


def make_tab(qtbot, controller) -> MetricsTab:
    return shown(qtbot, MetricsTab(controller, AppSettings()))


def test_cards_show_figures_and_change(qtbot, controller):
    tab = make_tab(qtbot, controller)
    m = tab.metrics
    assert m.period == preset_period(Preset.LAST_90_DAYS, DEMO_TODAY)
    assert tab.previous is not None and tab.previous.period == m.period.previous()
    assert tab.cards["win_rate"].value.text().endswith("%")
    assert tab.cards["open_value"].value.text().startswith("$")
    assert tab.cards["stale"].value.text() == f"{len(m.stale):,}"
    delta = tab.cards["win_rate"].delta.text()
    assert "vs previous 90 days" in delta or m.win_rate is None or tab.previous.win_rate is None
    tab.period_bar.set_preset(Preset.ALL_TIME)
    assert tab.previous is None
    assert tab.cards["win_rate"].delta.text() == "all time"


def test_custom_period(qtbot, controller):
    tab = make_tab(qtbot, controller)
    tab.period_bar.set_custom(date(2026, 1, 1), date(2026, 3, 31))
    assert (tab.metrics.period.start, tab.metrics.period.end) == (date(2026, 1, 1),
                                                                  date(2026, 3, 31))
    assert tab.period_bar.start_edit.isVisible()


def test_forecast_tables_and_lost_reasons(qtbot, controller):
    tab = make_tab(qtbot, controller)
    m = tab.metrics
    assert len(tab.forecast.months) == len(m.months)
    assert tab.owners.rowCount() == len(m.by_owner)
    assert tab.sources.rowCount() == len(m.by_source)
    assert tab.owners.horizontalHeaderItem(4).text() == "Win rate"
    assert tab.forecast.getAxis("left").tickStrings([1500.0], 1, 1) == ["$1.5k"]
    ticks = tab.lost_chart.getAxis("left")._tickLevels[0]
    assert [label for _p, label in ticks] == [r for r, _n, _c in m.lost_reasons[:10]]


def test_target_line_hook(qtbot, controller):
    tab = make_tab(qtbot, controller)
    tab.targets_provider = lambda: {"2026-06": 50_000.0, "2026-07": 60_000.0}
    tab.refresh()
    assert tab.forecast._target_item is not None
    tab.targets_provider = None
    tab.refresh()
    assert tab.forecast._target_item is None


def test_double_click_on_a_stale_deal_opens_it(qtbot, controller):
    tab = make_tab(qtbot, controller)
    tab.details.setCurrentIndex(3)
    table = tab.stale_table
    assert table.rowCount() == min(len(tab.metrics.stale), 200) > 0
    index = table.model().index(0, 0)
    deal_id = table.deal_id(0)
    centre = table.visualRect(index).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    with qtbot.waitSignal(controller.show_deals, timeout=2000) as blocker:
        qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=centre)
    assert blocker.args == [{"deal_ids": [deal_id]}]


def test_refresh_after_an_edit(qtbot, controller):
    tab = make_tab(qtbot, controller)
    open_row = next(r for r in controller.repository.deal_rows() if r.status == "open")
    before = tab.metrics.open_value
    controller.execute(EditDeal(open_row.id, {"value_cents": (open_row.value_cents or 0) + 1}))
    assert tab.metrics.open_value == before + 1
    controller.undo_stack.undo()
    assert tab.metrics.open_value == before


def test_every_chart_saves_as_png(qtbot, controller, tmp_path):
    tab = make_tab(qtbot, controller)
    for name, chart in (("forecast", tab.forecast), ("win", tab.win_rate_chart),
                        ("lost", tab.lost_chart)):
        path = tmp_path / f"{name}.png"
        assert chart.save_png(path)
        assert path.stat().st_size > 1000


def test_an_empty_pipeline_draws_without_figures(qtbot, session):
    from pipeline_desktop.ui.controller import PipelineController
    from pipeline_desktop.ui.tabs.funnel import FunnelTab

    controller = PipelineController(session)
    tab = make_tab(qtbot, controller)
    assert tab.cards["win_rate"].value.text() == "—"
    assert tab.stale_table.rowCount() == 0
    funnel = FunnelTab(controller, AppSettings())
    qtbot.addWidget(funnel)
    funnel.show()
    funnel.refresh()
    assert [f.count for f in funnel.bars] == [0] * 6
    assert "Not enough history" in funnel.side.bottleneck.text()


def test_a_large_pipeline_is_read_in_a_thread_and_the_tab_fills_when_ready(
        qtbot, controller, monkeypatch):
    from pipeline_desktop.ui import charts

    monkeypatch.setattr(charts, "LOAD_IN_THREAD", 10)  # the 60-deal demo counts as large here
    tab = MetricsTab(controller, AppSettings())
    tab.today = lambda: DEMO_TODAY
    qtbot.addWidget(tab)
    tab.show()
    tab.refresh()
    assert tab.metrics is None and not tab.isEnabled()  # the window did not wait
    qtbot.waitUntil(lambda: tab.metrics is not None, timeout=10_000)
    assert tab.isEnabled() and tab.metrics.open == sum(
        r.status == "open" for r in controller.repository.deal_rows())


def test_a_large_pipeline_shows_sql_figures_before_its_snapshot_is_read(
        qtbot, controller, monkeypatch):
    """The first look comes from SQL aggregates (~0.2 s at 100,000 deals); the snapshot that
    later edits update deal by deal follows (~1 s), and the figures do not change with it."""
    import threading

    from pipeline_desktop.services.metrics import to_json
    from pipeline_desktop.ui import charts

    monkeypatch.setattr(charts, "LOAD_IN_THREAD", 10)
    release = threading.Event()
    real_load = charts.PipelineSnapshot.load
    monkeypatch.setattr(charts.PipelineSnapshot, "load",
                        staticmethod(lambda repo: release.wait(10) and real_load(repo)))
    tab = MetricsTab(controller, AppSettings())
    tab.today = lambda: DEMO_TODAY
    qtbot.addWidget(tab)
    tab.show()
    tab.refresh()
    qtbot.waitUntil(lambda: tab.metrics is not None, timeout=10_000)
    assert tab.isEnabled() and not tab.engine.loaded  # figures shown, snapshot still loading
    first = to_json(tab.metrics)
    release.set()
    qtbot.waitUntil(lambda: tab.engine.loaded, timeout=10_000)
    qtbot.waitUntil(lambda: not tab._loading)
    assert to_json(tab.metrics) == first
