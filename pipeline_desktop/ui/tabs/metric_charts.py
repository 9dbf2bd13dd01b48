"""The Metrics tab's forecast chart: value won and weighted forecast per month, with the
revenue target line when targets exist."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import Qt

from pipeline_desktop.services.periods import month_label
from pipeline_desktop.services.totals import Metrics
from pipeline_desktop.ui.charts import (
    BLUE,
    GREEN,
    ORANGE,
    RED,
    ChartWidget,
    MoneyAxis,
    accent,
    months_shown,
    set_month_ticks,
    text_item,
)


class ForecastChart(ChartWidget):
    """Bars per month: value won (past months, green) and weighted value of the open deals
    expected to close (this month on, blue); and the revenue target line when targets exist."""

    def __init__(self, title: str) -> None:
        super().__init__(title, {"left": MoneyAxis("left")})
        self.addLegend(offset=(-10, 8))
        self.months: list[int] = []
        self._target_item: pg.PlotDataItem | None = None

    def show_months(self, m: Metrics) -> None:
        plot = self.getPlotItem()
        plot.clear()
        self._target_item = None
        axis = self.getAxis("left")
        assert isinstance(axis, MoneyAxis)
        axis.currency = m.currency
        shown = months_shown(m)
        self.months = [mf.month for mf in shown]
        xs = list(range(len(shown)))
        won = [mf.won_value / 100 for mf in shown]
        weighted = [mf.weighted / 100 for mf in shown]
        plot.addItem(_legend_bars(xs, won, -0.2, GREEN, self.tr("won")))
        plot.addItem(_legend_bars(xs, weighted, 0.2, BLUE, self.tr("weighted forecast")))
        current = next((i for i, mf in enumerate(shown) if mf.month == m.current_month), None)
        if current is not None:
            plot.addItem(pg.InfiniteLine(current - 0.5, angle=90,
                                         pen=pg.mkPen(ORANGE, style=Qt.PenStyle.DashLine)))
            plot.addItem(placed(text_item(self.tr("today"), (1, 0), accent(ORANGE)),
                                 current - 0.5, max(won + weighted + [1]) * 1.115))
        set_month_ticks(self, self.months)
        plot.setXRange(-0.6, len(xs) - 0.4, padding=0)
        plot.setYRange(0, max(won + weighted + [1]) * 1.12, padding=0)
        plot.setLabel("left", self.tr("value (%s)") % m.currency)

    def set_targets(self, targets: dict[str, float] | None) -> None:
        """Draw revenue targets ({"YYYY-MM": amount}) as a step line; None removes it."""
        plot = self.getPlotItem()
        if self._target_item is not None:
            plot.removeItem(self._target_item)
            self._target_item = None
        if not targets or not self.months:
            return

        ys = [targets.get(month_label(month)) for month in self.months]
        points = [(i, y) for i, y in enumerate(ys) if y is not None]
        if not points:
            return
        self._target_item = plot.plot([p[0] for p in points], [p[1] for p in points],
                                      pen=pg.mkPen(RED, width=2, style=Qt.PenStyle.DashLine),
                                      name=self.tr("target"))
        top = plot.viewRange()[1][1]
        highest = max(p[1] for p in points)
        if highest * 1.1 > top:  # keep the whole target line in view
            plot.setYRange(0, highest * 1.12, padding=0)


def _legend_bars(xs: list[int], ys: list[float], shift: float, color, name: str
                 ) -> pg.BarGraphItem:
    bars = pg.BarGraphItem(x=[x + shift for x in xs], height=ys, width=0.4,
                           brush=pg.mkBrush(color), pen=pg.mkPen(color.darker(120)), name=name)
    return bars



def placed(item: pg.TextItem, x: float, y: float) -> pg.TextItem:
    item.setPos(x, y)
    return item
