"""Shared pieces of the analysis tabs (Funnel, Metrics): pyqtgraph charts with money and month
axes and a "Save as PNG" menu, the period chooser, and the metrics engine they share.

The engine (services.metrics.MetricsEngine) is Qt-free; `shared_engine` keeps one per
controller, told about every change before any tab hears of it, so both tabs reuse one
snapshot of the pipeline and recompute only the deals an edit touched."""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QFontMetrics, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QMessageBox,
    QWidget,
)

from pipeline_desktop.domain.money import format_compact
from pipeline_desktop.services.metrics import MetricsEngine
from pipeline_desktop.services.metrics_sql import metrics_from_sql
from pipeline_desktop.services.periods import Period, month_index, month_label
from pipeline_desktop.services.snapshot import PipelineSnapshot
from pipeline_desktop.services.totals import Metrics, MonthFigures
from pipeline_desktop.ui.collector import settle_after_bulk_load
from pipeline_desktop.ui.errors import is_interruption
from pipeline_desktop.ui.period_bar import PeriodBar
from pipeline_desktop.ui.theme import is_dark, readable

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov",
               "Dec")
# Colours that stay readable on light and dark backgrounds.
BLUE = QColor(52, 120, 198)
GREEN = QColor(46, 158, 88)
RED = QColor(205, 72, 62)
ORANGE = QColor(230, 140, 30)
GREY = QColor(140, 140, 140)

LOAD_IN_THREAD = 5_000  # deals: above this, the first read of the pipeline runs in a thread
# Charts take their colours from the palette and again whenever it changes (a live theme
# switch): see ChartWidget.restyle.
pg.setConfigOptions(antialias=True)
PALETTE_EVENTS = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange)


def chart_colours() -> tuple[QColor, QColor]:
    """(background, text) of a chart in the theme in effect: the palette's Base and Text."""
    palette = QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Base), palette.color(QPalette.ColorRole.Text)


def bar_colour(colour: QColor) -> QColor:
    """A bar's fill under text in the palette's Text colour: lighter in the light theme,
    darker in the dark one."""
    return QColor(colour).darker(135) if is_dark() else QColor(colour).lighter(135)


def accent(colour: QColor) -> QColor:
    """An accent colour (green, red, orange) readable as text on the chart background."""
    return readable(colour, chart_colours()[0])


def shared_engine(controller) -> MetricsEngine:
    """The controller's metrics engine, made on first use and fed every `changed` signal."""
    engine = getattr(controller, "_metrics_engine", None)
    if engine is None:
        engine = MetricsEngine(controller.repository)
        controller._metrics_engine = engine
        controller.changed.connect(engine.note)  # connected first: runs before the tabs
    return engine


def month_text(index: int) -> str:
    """`Jun 26` for a month index (periods.month_index)."""
    year, month = divmod(index, 12)
    return f"{MONTH_NAMES[month]} {year % 100:02d}"


class MoneyAxis(pg.AxisItem):
    """An axis whose tick labels are amounts in the pipeline's currency (`$1.2M`)."""

    def __init__(self, orientation: str, currency: str = "USD") -> None:
        super().__init__(orientation)
        self.currency = currency

    def tickStrings(self, values, scale, spacing):
        """Values are currency units; show them compact with the currency symbol, with as
        many decimals as it takes for no two ticks to read the same."""
        return money_ticks(values, self.currency)


def money_ticks(values: Sequence[float], currency: str) -> list[str]:
    """`$0, $250, $500` or `$0.2k, $0.4k`; never `$1, $1, $1, $0, $0` for small steps."""
    labels = [format_compact(round(v * 100), currency) for v in values]
    if len(set(labels)) == len(labels):
        return labels
    template = format_compact(0, currency).replace("0", "{}", 1)  # `${}` or `{} SEK`
    largest = max((abs(v) for v in values), default=0.0)
    limit, suffix = next(((lim, suf) for lim, suf in ((1e9, "B"), (1e6, "M"), (1e3, "k"))
                          if largest >= lim), (1.0, ""))
    for decimals in range(1, 5):
        labels = [template.format(f"{v / limit:,.{decimals}f}{suffix}") for v in values]
        if len(set(labels)) == len(labels):
            break
    return labels


class PercentAxis(pg.AxisItem):
    def tickStrings(self, values, scale, spacing):
        """Values are fractions 0–1."""
        return [f"{v * 100:.0f} %" for v in values]


class ChartWidget(pg.PlotWidget):
    """A PlotWidget whose context menu offers "Save chart as PNG…" (menu and `save_png`)."""

    def __init__(self, title: str, axis_items: dict[str, pg.AxisItem] | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent=parent, axisItems=axis_items or {})
        self.chart_title = title
        self.setMenuEnabled(False)  # pyqtgraph's own menu is for plot tinkering, not ours
        self.setMouseEnabled(x=False, y=False)
        self.hideButtons()
        self._title_args: tuple[str, dict] = (title, {"size": "11pt"})
        self.restyle()
        self.getPlotItem().showGrid(x=False, y=True, alpha=0.25)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        save = QAction(self.tr("Save chart as PNG…"), self)
        save.triggered.connect(self.ask_save_png)
        self.addAction(save)
        self.setMinimumHeight(180)

    def setTitle(self, title: str, **args) -> None:  # noqa: N802 - pyqtgraph's name
        """The title, in the palette's text colour (kept for a theme switch)."""
        self._title_args = (title, dict(args))
        self.getPlotItem().setTitle(title, color=chart_colours()[1], **args)

    def addLegend(self, *args, **kwargs) -> pg.LegendItem:  # noqa: N802 - pyqtgraph's name
        """A legend whose labels are in the palette's text colour."""
        legend = self.getPlotItem().addLegend(*args, **kwargs)
        legend.setLabelTextColor(chart_colours()[1])
        return legend

    def restyle(self) -> None:
        """Background, axes, title and legend in the palette's colours."""
        background, text = chart_colours()
        self.setBackground(background)
        plot = self.getPlotItem()
        for name in plot.axes:
            axis = plot.getAxis(name)
            axis.setPen(pg.mkPen(text))
            axis.setTextPen(pg.mkPen(text))
        if plot.legend is not None:
            plot.legend.setLabelTextColor(text)
        title, args = self._title_args
        self.setTitle(title, **args)

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """A live theme switch changes the palette: take its colours."""
        super().changeEvent(event)
        if event.type() in PALETTE_EVENTS and hasattr(self, "_title_args"):
            self.restyle()

    def save_png(self, path: str | Path) -> bool:
        """Write what the chart shows to a PNG file; False when the file cannot be written."""
        return self.grab().save(str(path), "PNG")

    def ask_save_png(self) -> None:
        name = "".join(c if c.isalnum() else "-" for c in self.chart_title.lower()).strip("-")
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Save chart as PNG"),
                                              f"{name or 'chart'}.png",
                                              self.tr("PNG images (*.png)"))
        if path and not self.save_png(path if path.lower().endswith(".png") else f"{path}.png"):
            QMessageBox.warning(self, self.tr("Save chart"),
                                self.tr("Could not write %s") % path)


def months_shown(m: Metrics) -> list[MonthFigures]:
    """The months a chart draws: the whole window (history and the forecast ahead), or for a
    period that ended before this month (an old CRM's 2016–17) only its own months."""
    end = m.period.end
    if end is None or month_index(end) >= m.current_month:
        return m.months
    last = month_index(end)
    return [mf for mf in m.months if mf.month <= last]


def set_month_ticks(chart: pg.PlotWidget, months: Sequence[int]) -> None:
    """Label the x axis with month names at x = 0, 1, 2…, every other (or third…) month
    when the chart is too narrow for all of them."""
    metrics = QFontMetrics(chart.getAxis("bottom").style.get("tickFont") or chart.font())
    label = metrics.horizontalAdvance("Mmm 00") + 14
    room = max(200, chart.width() - 90)
    every = max(1, math.ceil(len(months) * label / room))
    ticks = [(i, month_text(m)) for i, m in enumerate(months) if i % every == 0]
    chart.getAxis("bottom").setTicks([ticks, [(i, "") for i in range(len(months))]])


def set_category_ticks(chart: pg.PlotWidget, labels: Sequence[str], axis: str = "left") -> None:
    """Name the rows of a horizontal bar chart, with the axis wide enough for the longest."""
    item = chart.getAxis(axis)
    item.setTicks([list(enumerate(labels)), []])
    metrics = QFontMetrics(item.style.get("tickFont") or chart.font())
    item.setWidth(max((metrics.horizontalAdvance(t) for t in labels), default=20) + 16)


def text_item(text: str, anchor: tuple[float, float], color: QColor | str | None = None,
              bold: bool = False) -> pg.TextItem:
    """Text in a chart, in the palette's text colour unless given one."""
    item = pg.TextItem(text, color=chart_colours()[1] if color is None else color,
                       anchor=anchor)
    if bold:
        font = item.textItem.font()
        font.setBold(True)
        item.setFont(font)
    return item


class AnalysisTab(QWidget):
    """Base of the Funnel and Metrics tabs: shares the controller's engine and refreshes on the
    controller's `changed` signal, but only while visible (a hidden tab is marked dirty and
    refreshes when shown). Subclasses implement `update_view`."""

    _snapshot_ready = Signal(object)  # (PipelineSnapshot, generation) from the loading thread
    _figures_ready = Signal(object)  # ({(period, today): Metrics}, stamp): SQL, a first look

    def __init__(self, controller, settings) -> None:
        super().__init__()
        self.controller = controller
        self.settings = settings
        self.engine = shared_engine(controller)
        self.today: Callable[[], date] = date.today  # tests pin the date of the demo data
        self.dirty = True
        self._loading = False
        self._palette_pending = False
        self._snapshot_ready.connect(self._adopt)
        self._figures_ready.connect(self._show_first_figures)
        controller.changed.connect(self._on_changed)

    def _on_changed(self, _changes: object) -> None:
        if self.isVisible():
            self.refresh()
        else:
            self.dirty = True

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt override
        """A live theme switch: draw again, the chart texts in the new colours."""
        super().changeEvent(event)
        if event.type() in PALETTE_EVENTS and not self._palette_pending:
            self._palette_pending = True
            QTimer.singleShot(0, self, self._palette_changed)  # not called once deleted

    def _palette_changed(self) -> None:
        self._palette_pending = False
        self._on_changed(None)

    def showEvent(self, event) -> None:
        """Catch up with the changes made while the tab was hidden."""
        super().showEvent(event)
        if self.dirty:
            self.refresh()

    def refresh(self) -> None:
        """Redraw; a large pipeline not yet read is read in a thread first (about a second at
        100,000 deals), so opening the tab or importing never freezes the window."""
        self.dirty = False
        if not self.engine.loaded and self.controller.repository.deal_count() > LOAD_IN_THREAD:
            if self.engine.has_figures(self.wanted_figures()):
                self.update_view()  # SQL figures while the snapshot loads
            self._load_in_background()
            return
        self.update_view()

    def wanted_figures(self) -> list[tuple[Period, date]]:
        """The (period, today) pairs `update_view` asks the engine for."""
        return [(self.period_bar.period(), self.today())]

    def _load_in_background(self) -> None:
        """First the figures this tab shows, from SQL aggregates (~0.2 s at 100,000 deals),
        then the snapshot later edits update deal by deal (~1 s)."""
        if self._loading:
            return
        self._loading = True
        self.setEnabled(self.engine.has_figures(self.wanted_figures()))  # grey until figures
        generation, stamp = self.engine.generation, self.engine.stamp
        wanted = self.wanted_figures()
        repository = self.controller.repository

        def load() -> None:
            try:
                self._figures_ready.emit(({key: metrics_from_sql(repository, *key)
                                           for key in wanted}, stamp))
                snapshot = PipelineSnapshot.load(repository)
            except Exception as error:
                if is_interruption(error):  # the pipeline closed under the load
                    return
                raise
            finally:
                repository.db.close()  # this thread's own connection
            self._snapshot_ready.emit((snapshot, generation))

        threading.Thread(target=load, daemon=True, name="metrics-snapshot").start()

    def _show_first_figures(self, result: tuple[dict, tuple[int, int]]) -> None:
        if self.engine.provide(*result) and self.engine.has_figures(self.wanted_figures()):
            self.setEnabled(True)
            self.update_view()

    def _adopt(self, result: tuple[PipelineSnapshot, int]) -> None:
        self._loading = False
        self.setEnabled(True)
        self.engine.adopt(*result)
        settle_after_bulk_load()
        self.refresh()

    def update_view(self) -> None:
        raise NotImplementedError


__all__ = ["ChartWidget", "MoneyAxis", "PercentAxis", "PeriodBar", "month_label",
           "month_text", "set_category_ticks", "set_month_ticks", "shared_engine", "text_item"]
