"""A real CRM's history brought in (HubSpot's export of 2016–17, through the real import
command) must not look empty: the analysis tabs say when its deals closed and offer that
period, axes never repeat a label, and a stage no deal entered shows no conversion. And the
Funnel and Metrics show one period between them."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pyqtgraph as pg
import pytest
from crm_export import LAST_CLOSE, hubspot_export
from PySide6.QtCore import Qt

from pipeline_desktop.cli import main as cli_main
from pipeline_desktop.services.periods import Preset, month_index
from pipeline_desktop.session import open_session

TODAY = date(2026, 6, 15)  # years after the export's last deal


@pytest.fixture
def crm_window(qtbot, tmp_path: Path) -> Iterator:
    """A new pipeline with an 8,800-deal HubSpot export imported by `pipeline-desktop
    import`, open in the window."""
    from pipeline_desktop.ui.settings import AppSettings
    from pipeline_desktop.ui.shell import build_window

    path = tmp_path / "crm.pipeline"
    export = hubspot_export(tmp_path / "hubspot-deals.csv")
    assert cli_main(["import", str(export), "--db", str(path)]) == 0
    session = open_session(str(path))
    window = build_window(session, AppSettings())
    qtbot.addWidget(window)
    for key in ("funnel", "metrics"):
        window.tab(key).today = lambda: TODAY
    window.resize(1440, 860)
    window.show()
    yield window
    window.close()
    session.close()


def shown_tab(window, qtbot, key: str):
    window.show_tab(key)
    tab = window.tab(key)
    qtbot.waitUntil(lambda: tab.isEnabled() and tab.metrics is not None)
    return tab


def texts_in(chart) -> list[tuple[float, str]]:
    return sorted((item.pos().y(), item.toPlainText()) for item in chart.getPlotItem().items
                  if isinstance(item, pg.TextItem))


def test_old_history_says_when_its_deals_closed_and_offers_that_period(crm_window,
                                                                        qtbot) -> None:
    metrics = shown_tab(crm_window, qtbot, "metrics")
    assert metrics.period_bar.combo.currentText() == "Last 90 days"
    assert metrics.notice.isVisible()
    assert metrics.notice.text.text() == (
        f"No deals closed in the last 90 days; the latest closed on {LAST_CLOSE}.")
    assert metrics.cards["win_rate"].value.text() == "—"
    button = metrics.notice.button
    assert button.text().endswith(f"– {LAST_CLOSE}")
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not metrics.notice.isVisible())
    assert metrics.period_bar.combo.currentText() == "Custom"
    assert metrics.cards["win_rate"].value.text().endswith("%")
    assert metrics.metrics.won > 3_000
    won_bars = next(item for item in metrics.forecast.getPlotItem().items
                if isinstance(item, pg.BarGraphItem))
    assert sum(won_bars.opts["height"]) > 0  # the months of 2016–17 are on the chart
    assert metrics.forecast.months[-1] == month_index(LAST_CLOSE)  # and only those
    assert metrics.forecast.months[0] == month_index(metrics.period_bar.period().start)
    funnel = shown_tab(crm_window, qtbot, "funnel")  # the same period there
    assert funnel.period_bar.period() == metrics.period_bar.period()
    assert funnel.metrics.won == metrics.metrics.won and not funnel.notice.isVisible()


def test_axes_of_an_empty_period_never_repeat_a_label(crm_window, qtbot) -> None:
    metrics = shown_tab(crm_window, qtbot, "metrics")
    axis = metrics.forecast.getAxis("left")
    low, high = metrics.forecast.getPlotItem().viewRange()[1]
    for _spacing, values in axis.tickValues(low, high, axis.height()):
        labels = axis.tickStrings(values, 1.0, _spacing)
        assert len(set(labels)) == len(labels), labels


def test_a_stage_no_deal_entered_shows_no_conversion(crm_window, qtbot) -> None:
    funnel = shown_tab(crm_window, qtbot, "funnel")
    funnel.period_bar.set_preset(Preset.ALL_TIME)
    qtbot.waitUntil(lambda: funnel.metrics.won > 0)
    texts = dict(texts_in(funnel.chart))
    for index, figures in enumerate(funnel.bars):
        below = texts.get(index + 0.5, "")
        if figures.count == 0 and figures.median_days_in_stage is None:
            assert below == "↓ — move on", (figures.stage.name, below)
    entered = [f for f in funnel.bars if f.count]
    assert {f.stage.name for f in entered} == {"Appointment Scheduled",
                                               "Presentation Scheduled"}
    assert "%" in texts[funnel.bars.index(entered[0]) + 0.5]


def test_funnel_and_metrics_show_one_period(window, qtbot) -> None:
    funnel = shown_tab(window, qtbot, "funnel")
    metrics = shown_tab(window, qtbot, "metrics")
    assert funnel.period_bar.describe() == metrics.period_bar.describe() == "last 90 days"
    assert funnel.metrics.won == metrics.metrics.won
    window.show_tab("funnel")
    combo = funnel.period_bar.combo
    combo.setFocus()
    qtbot.keyClick(combo, Qt.Key.Key_Up)  # Last 90 days → This year
    assert funnel.period_bar.describe() == "this year"
    window.show_tab("metrics")
    qtbot.waitUntil(lambda: metrics.metrics.period == funnel.metrics.period)
    assert metrics.period_bar.combo.currentText() == "This year"
    assert metrics.metrics.won == funnel.metrics.won
