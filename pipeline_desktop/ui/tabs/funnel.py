"""The Funnel tab: one centred bar per open stage, labelled with its deals and value, the
conversion to the next stage between bars, the bottlenecks marked, won and lost beside.

Clicking a stage asks the Deals tab to show that stage's deals (`controller.show_deals`)."""

from __future__ import annotations

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
)

from pipeline_desktop.domain.money import format_compact, format_money
from pipeline_desktop.services.totals import Metrics, StageFigures
from pipeline_desktop.ui.charts import (
    BLUE,
    GREEN,
    ORANGE,
    RED,
    AnalysisTab,
    ChartWidget,
    PeriodBar,
    bar_colour,
    set_category_ticks,
    text_item,
)
from pipeline_desktop.ui.period_bar import NoDataNotice, shared_period
from pipeline_desktop.ui.theme import MUTED, readable, window_colour

BAR_HEIGHT = 0.62
COUNT, VALUE = "count", "value"


class FunnelTab(AnalysisTab):
    def __init__(self, controller, settings) -> None:
        super().__init__(controller, settings)
        self.setObjectName("funnel_tab")
        self.metrics: Metrics | None = None
        self.bars: list[StageFigures] = []  # open stages in the order drawn (top first)
        self.period_bar = PeriodBar(lambda: self.today(), shared=shared_period(controller))
        self.period_bar.changed.connect(self._on_changed)  # the Metrics tab's choice too
        self.notice = NoDataNotice(self.period_bar)
        self.measure = QComboBox()
        self.measure.setObjectName("funnel_measure")
        self.measure.setAccessibleName(self.tr("Bar width"))
        self.measure.addItem(self.tr("Bar width: number of deals"), COUNT)
        self.measure.addItem(self.tr("Bar width: value"), VALUE)
        self.measure.currentIndexChanged.connect(lambda _i: self.refresh())
        self.chart = ChartWidget(self.tr("Open pipeline by stage"))
        self.chart.setObjectName("funnel_chart")
        self.chart.getPlotItem().hideAxis("bottom")
        self.chart.getPlotItem().showGrid(x=False, y=False)
        self.chart.invertY(True)
        self.chart.getAxis("left").setStyle(tickLength=0)
        self.chart.scene().sigMouseClicked.connect(self._clicked)
        self.chart.setCursor(Qt.CursorShape.PointingHandCursor)
        self.side = _SidePanel()
        self._build_layout()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.period_bar)
        top.addSpacing(16)
        top.addWidget(self.measure)
        top.addStretch(1)
        hint = QLabel(self.tr("Click a stage to see its deals."))
        hint.setStyleSheet(MUTED)
        top.addWidget(hint)
        body = QHBoxLayout()
        body.addWidget(self.chart, 1)
        body.addWidget(self.side)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addLayout(body, 1)

    # ---- refresh -------------------------------------------------------------------------

    def update_view(self) -> None:
        metrics = self.engine.metrics(self.period_bar.period(), self.today())
        self.metrics = metrics
        self.bars = metrics.open_stage_figures()
        self._draw(metrics)
        self.side.show_metrics(metrics, self.period_bar.describe())
        self.notice.judge(metrics.won + metrics.lost, self.controller.repository)

    def _width(self, figures: StageFigures) -> float:
        return float(figures.count if self.measure.currentData() == COUNT
                     else figures.value / 100)

    def _draw(self, metrics: Metrics) -> None:
        plot = self.chart.getPlotItem()
        plot.clear()
        currency = metrics.currency
        n = len(self.bars)
        widths = [self._width(f) for f in self.bars]
        widest = max(widths, default=0) or 1.0
        low, slow = metrics.lowest_conversion(), metrics.longest_wait()
        marked = {f.stage.id for f in (low, slow) if f is not None}
        brushes = [pg.mkBrush(bar_colour(ORANGE if f.stage.id in marked else BLUE))
                   for f in self.bars]
        if n:
            # A sliver keeps an empty stage visible (and clickable) in the funnel.
            shown = [max(w, widest * 0.015) for w in widths]
            plot.addItem(pg.BarGraphItem(x0=[-w / 2 for w in shown], y=list(range(n)),
                                         width=shown, height=BAR_HEIGHT, brushes=brushes,
                                         pens=[pg.mkPen(BLUE.darker(120))] * n))
        for index, figures in enumerate(self.bars):
            label = self.tr("%s deals · %s") % (f"{figures.count:,}",
                                                format_compact(figures.value, currency))
            plot.addItem(_at(text_item(label, (0.5, 0.5), bold=True), 0, index))
            if index < n - 1 or figures.conversion_to_next is not None:
                plot.addItem(_at(self._conversion_item(figures, index == n - 1),
                                 0, index + 0.5))
        set_category_ticks(self.chart, [f.stage.name for f in self.bars])
        plot.setXRange(-widest * 0.55, widest * 0.55, padding=0)
        plot.setYRange(-0.5, n - 0.5 + 0.45, padding=0)
        unit = self.tr("deals") if self.measure.currentData() == COUNT else \
            self.tr("value (%s)") % currency
        self.chart.setTitle(self.tr("Open pipeline by stage — bar width: %s") % unit, size="11pt")

    def _conversion_item(self, figures: StageFigures, last: bool) -> pg.TextItem:
        rate = figures.conversion_to_next if entered(figures) else None
        text = "—" if rate is None else f"{rate * 100:.0f} %"
        target = self.tr("won") if last else self.tr("move on")
        return text_item(f"↓ {text} {target}", (0.5, 0.5))

    # ---- clicks --------------------------------------------------------------------------

    def stage_at(self, scene_pos: QPointF) -> StageFigures | None:
        """The open stage whose row is under a point of the chart's scene."""
        view = self.chart.getPlotItem().vb
        if not view.sceneBoundingRect().contains(scene_pos):
            return None
        point = view.mapSceneToView(scene_pos)
        index = round(point.y())
        if 0 <= index < len(self.bars) and abs(point.y() - index) <= BAR_HEIGHT / 2:
            return self.bars[index]
        return None

    def bar_center(self, index: int) -> QPointF:
        """Scene position of a bar's centre (tests click there)."""
        return self.chart.getPlotItem().vb.mapViewToScene(QPointF(0, index))

    def show_stage(self, stage_id: int) -> None:
        self.controller.show_deals.emit({"stage_id": stage_id})

    def _clicked(self, event) -> None:
        if event.button() != Qt.MouseButton.LeftButton:
            return
        figures = self.stage_at(event.scenePos())
        if figures is not None:
            self.show_stage(figures.stage.id)


def entered(figures: StageFigures) -> bool:
    """Did any deal (open now or closed in the period) ever sit in this stage? A stage no
    deal entered has no conversion to speak of, though deals further on count as having
    reached it (an import's own stages come after the sample's empty ones)."""
    return figures.count > 0 or figures.median_days_in_stage is not None


def _at(item: pg.TextItem, x: float, y: float) -> pg.TextItem:
    item.setPos(x, y)
    return item


class _SidePanel(QFrame):
    """Won and lost totals of the period, the bottleneck sentence."""

    def __init__(self) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFixedWidth(300)
        self.setSizePolicy(QSizePolicy.Policy.Fixed, QSizePolicy.Policy.Preferred)
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setWordWrap(True)
        self.won = QLabel()
        self.lost = QLabel()
        self.rate = QLabel()
        self.open = QLabel()
        for label in (self.won, self.lost):
            font = label.font()
            font.setPixelSize(15)
            font.setBold(True)
            label.setFont(font)
            label.setWordWrap(True)
        self.bottleneck = QLabel()
        self.bottleneck.setObjectName("bottleneck")
        self.bottleneck.setWordWrap(True)
        self.bottleneck.setTextFormat(Qt.TextFormat.RichText)
        for widget in (self.title, self.won, self.lost, self.rate, self.open):
            layout.addWidget(widget)
        layout.addSpacing(12)
        heading = QLabel(self.tr("Bottlenecks"))
        heading.setObjectName("bottlenecks_heading")
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)  # a font, not a style sheet: the text keeps the palette's colour
        layout.addWidget(heading)
        layout.addWidget(self.bottleneck)
        layout.addStretch(1)

    def show_metrics(self, m: Metrics, period: str) -> None:
        cur = m.currency
        background = window_colour(self)
        for label, colour in ((self.won, GREEN), (self.lost, RED)):  # again after a theme switch
            label.setStyleSheet(f"color: {readable(colour, background).name()};")
        won = next((s for s in m.stages if s.stage.outcome == "won"), None)
        lost = next((s for s in m.stages if s.stage.outcome == "lost"), None)
        self.title.setText(self.tr("Closed %s") % period)
        self.won.setText(self.tr("Won: %s deals · %s") % (
            f"{m.won:,}", format_money(won.value if won else 0, cur, whole=True)))
        self.lost.setText(self.tr("Lost: %s deals · %s") % (
            f"{m.lost:,}", format_money(lost.value if lost else 0, cur, whole=True)))
        rate = "—" if m.win_rate is None else f"{m.win_rate * 100:.1f} %"
        self.rate.setText(self.tr("Win rate: %s") % rate)
        self.open.setText(self.tr("Open now: %s deals · %s") % (
            f"{m.open:,}", format_money(m.open_value, cur, whole=True)))
        self.bottleneck.setText(bottleneck_sentence(m))


def _tr(text: str) -> str:
    return QCoreApplication.translate("FunnelTab", text)


def bottleneck_sentence(m: Metrics) -> str:
    """Where the funnel is stuck, in words (the marked bars)."""
    low, slow = m.lowest_conversion(), m.longest_wait()
    parts = []
    if low is not None and low.conversion_to_next is not None:
        parts.append(_tr("<b>%s</b> lets the fewest deals through: %s move on.")
                     % (low.stage.name, f"{low.conversion_to_next * 100:.0f} %"))
    if slow is not None and slow.median_days_in_stage is not None:
        parts.append(_tr("Deals wait longest in <b>%s</b>: %s days (median).")
                     % (slow.stage.name, f"{slow.median_days_in_stage:.0f}"))
    if not parts:
        return _tr("Not enough history yet to find a bottleneck.")
    orange = readable(ORANGE, window_colour()).name()
    return " ".join(parts) + f"<br><span style='color:{orange}'>" + \
        _tr("Marked in orange in the funnel.") + "</span>"
