"""The Metrics tab: KPI cards with the change against the previous period, the forecast, win
rate by month, figures by owner and lead source, lost reasons and the stale deals.

Figures come from the shared metrics engine (services.metrics); this module only draws them.
`targets_provider` is the hook for revenue targets (issue 8): a callable returning
{"YYYY-MM": amount in currency units}, drawn as a line over the forecast."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pipeline_desktop.domain.currency import unconverted_sentence
from pipeline_desktop.domain.icp import GOOD_FIT_THRESHOLD
from pipeline_desktop.domain.money import format_compact, format_money
from pipeline_desktop.services.fit_metrics import FitFigures, fit_figures
from pipeline_desktop.services.periods import Period
from pipeline_desktop.services.totals import GroupFigures, Metrics
from pipeline_desktop.ui.charts import (
    BLUE,
    GREEN,
    ORANGE,
    RED,
    AnalysisTab,
    ChartWidget,
    MoneyAxis,
    PercentAxis,
    PeriodBar,
    accent,
    months_shown,
    set_category_ticks,
    set_month_ticks,
    text_item,
)
from pipeline_desktop.ui.period_bar import NoDataNotice, shared_period
from pipeline_desktop.ui.theme import MUTED, readable, window_colour

STALE_SHOWN = 200  # the stale deals idle longest; the card gives the full count
TargetsProvider = Callable[[], dict[str, float]]


class MetricsTab(AnalysisTab):
    def __init__(self, controller, settings) -> None:
        super().__init__(controller, settings)
        self.setObjectName("metrics_tab")
        self.metrics: Metrics | None = None
        self.previous: Metrics | None = None
        self.targets_provider: TargetsProvider | None = _targets_of(controller.repository)
        self.period_bar = PeriodBar(lambda: self.today(), shared=shared_period(controller))
        self.period_bar.changed.connect(self._on_changed)  # the Funnel tab's choice too
        self.notice = NoDataNotice(self.period_bar)
        self.cards = {key: KpiCard(self.tr(title)) for key, title in (
            ("win_rate", "Win rate"), ("average_deal_size", "Average deal size"),
            ("median_days", "Median days to close"), ("open_value", "Open value"),
            ("weighted_value", "Weighted value"), ("velocity", "Velocity"),
            ("stale", "Stale deals"), ("target", "Target"))}
        self.forecast = ForecastChart(self.tr("Forecast: weighted open value and value won"))
        self.win_rate_chart = ChartWidget(self.tr("Win rate by month (closed deals)"),
                                          {"left": PercentAxis("left")})
        self.lost_chart = ChartWidget(self.tr("Lost deals by reason"))
        self.owners = GroupTable(self.tr("Owner"))
        self.sources = GroupTable(self.tr("Lead source"))
        self.stale_table = StaleTable()
        self.stale_table.doubleClicked.connect(self._open_stale)
        self.stale_note = QLabel()
        # "3 deals in CHF have no exchange rate": left out of every figure, so said here.
        self.unconverted_note = QLabel()
        self.unconverted_note.setObjectName("unconverted_note")
        self.unconverted_note.setStyleSheet("color: #b3261e")
        self.unconverted_note.setVisible(False)
        self._build_layout()

    def _build_layout(self) -> None:
        top = QHBoxLayout()
        top.addWidget(self.period_bar)
        top.addWidget(self.unconverted_note)
        top.addStretch(1)
        cards = QHBoxLayout()
        for card in self.cards.values():
            cards.addWidget(card)
        charts = QSplitter(Qt.Orientation.Horizontal)
        charts.addWidget(self.forecast)
        charts.addWidget(self.win_rate_chart)
        charts.setSizes([700, 500])
        self.details = QTabWidget()
        self.details.setObjectName("metrics_details")
        self.details.addTab(self.owners, self.tr("By owner"))
        self.details.addTab(self.sources, self.tr("By lead source"))
        self.details.addTab(self.lost_chart, self.tr("Lost reasons"))
        stale = QWidget()
        stale_layout = QVBoxLayout(stale)
        stale_layout.setContentsMargins(0, 0, 0, 0)
        stale_layout.addWidget(self.stale_note)
        stale_layout.addWidget(self.stale_table)
        self.details.addTab(stale, self.tr("Stale deals"))
        self.fit_table = FitTable()
        self.details.addTab(self.fit_table, self.tr("Ideal-customer fit"))
        self.details.currentChanged.connect(lambda _index: self._fill_fit())
        body = QSplitter(Qt.Orientation.Vertical)
        body.addWidget(charts)
        body.addWidget(self.details)
        body.setSizes([330, 260])
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.notice)
        layout.addLayout(cards)
        layout.addWidget(body, 1)

    # ---- refresh -------------------------------------------------------------------------

    def wanted_figures(self) -> list[tuple[Period, date]]:
        """This period and, for the cards' comparison, the one before it."""
        period, today = self.period_bar.period(), self.today()
        before = period.previous()
        return [(period, today)] + ([(before, today)] if before is not None else [])

    def update_view(self) -> None:
        period = self.period_bar.period()
        today = self.today()
        self.metrics = m = self.engine.metrics(period, today)
        before = period.previous()
        self.previous = self.engine.metrics(before, today) if before is not None else None
        self.notice.judge(m.won + m.lost, self.controller.repository)
        self._fill_cards(m, self.previous)
        self.unconverted_note.setText(unconverted_sentence(m.unconverted))
        self.unconverted_note.setVisible(bool(m.unconverted))
        self.forecast.show_months(m)
        self.forecast.set_targets(self.targets_provider() if self.targets_provider else None)
        self._fill_target_card(m.currency)
        self._draw_win_rate(m)
        self._draw_lost_reasons(m)
        self.owners.show_groups(m.by_owner, m.currency)
        self.sources.show_groups(m.by_source, m.currency)
        self._fill_stale(m)
        self._fill_fit()

    def _fill_cards(self, m: Metrics, p: Metrics | None) -> None:
        cur = m.currency
        money = lambda cents: "—" if cents is None else format_money(  # noqa: E731
            round(cents), cur, whole=True)
        vs = self.tr("vs previous %s days") % (m.period.days or 0)
        now = self.tr("open pipeline, today")
        rate = "—" if m.win_rate is None else f"{m.win_rate * 100:.1f} %"
        self.cards["win_rate"].show(rate, _points(m.win_rate, p.win_rate if p else None), vs)
        self.cards["average_deal_size"].show(
            money(m.average_deal_size),
            _change(m.average_deal_size, p.average_deal_size if p else None), vs)
        days = "—" if m.median_days_to_close is None else \
            self.tr("%s days") % f"{m.median_days_to_close:.0f}"
        self.cards["median_days"].show(
            days, _change(m.median_days_to_close, p.median_days_to_close if p else None,
                          lower_is_better=True), vs)
        self.cards["open_value"].show(money(m.open_value), None,
                                      self.tr("%s open deals") % f"{m.open:,}")
        self.cards["weighted_value"].show(money(m.weighted_value), None, now)
        velocity = "—" if m.velocity_per_day is None else \
            self.tr("%s / day") % format_compact(m.velocity_per_day, cur)
        self.cards["velocity"].show(
            velocity, _change(m.velocity_per_day, p.velocity_per_day if p else None), vs)
        self.cards["stale"].show(f"{len(m.stale):,}", None, self.tr("no activity or move"))
        if p is None:
            for key in ("win_rate", "average_deal_size", "median_days", "velocity"):
                self.cards[key].delta.setText(self.tr("all time"))

    def _fill_target_card(self, currency: str) -> None:
        """Attainment of the current month's or quarter's target and its coverage (issue 8)."""
        card = self.cards["target"]
        status = _target_status(self.controller.repository)
        if status is None:
            card.show("—", None, self.tr("no target set (Pipeline › Revenue targets…)"))
            return
        coverage = status.coverage
        if coverage is None:
            note, good = self.tr("target met"), True
        else:
            note = self.tr("gap %s · coverage %.1f× (healthy ≥ %.0f×)") % (
                format_compact(status.gap_cents, currency), coverage, status.threshold)
            good = coverage >= status.threshold
        card.show(f"{status.attainment * 100:.0f} %", (status.period, good), note)

    def _draw_win_rate(self, m: Metrics) -> None:
        plot = self.win_rate_chart.getPlotItem()
        plot.clear()
        months = [mf for mf in months_shown(m) if mf.month <= m.current_month]
        xs = [i for i, mf in enumerate(months) if mf.win_rate is not None]
        ys = [months[i].win_rate for i in xs]
        if xs:
            plot.plot(xs, ys, pen=pg.mkPen(GREEN, width=2), symbol="o", symbolSize=6,
                      symbolBrush=GREEN)
        set_month_ticks(self.win_rate_chart, [mf.month for mf in months])
        plot.setYRange(0, 1, padding=0.05)
        plot.setXRange(-0.5, max(len(months) - 0.5, 0.5), padding=0)
        plot.setLabel("left", self.tr("won ÷ closed"))

    def _draw_lost_reasons(self, m: Metrics) -> None:
        plot = self.lost_chart.getPlotItem()
        plot.clear()
        reasons = m.lost_reasons[:10]
        if reasons:
            counts = [n for _r, n, _c in reasons]
            plot.addItem(pg.BarGraphItem(x0=0, y=list(range(len(reasons))), width=counts,
                                         height=0.6, brush=pg.mkBrush(RED.lighter(130))))
            for i, (_reason, n, cents) in enumerate(reasons):
                label = f"  {n:,} · {format_compact(cents, m.currency)}"
                plot.addItem(_placed(text_item(label, (0, 0.5)), n, i))
            plot.setXRange(0, max(counts) * 1.25, padding=0)
        set_category_ticks(self.lost_chart, [r for r, _n, _c in reasons])
        self.lost_chart.invertY(True)
        plot.setYRange(-0.5, max(len(reasons), 1) - 0.5, padding=0.02)
        plot.setLabel("bottom", self.tr("lost deals in the period"))

    def _fill_stale(self, m: Metrics) -> None:
        shown = m.stale[:STALE_SHOWN]
        rows = {r.id: r for r in self.controller.repository.deal_rows([s.deal_id
                                                                        for s in shown])}
        self.stale_table.show_stale(shown, rows, m.currency)
        if len(m.stale) > len(shown):
            note = self.tr("%s stale deals; the %s idle longest are listed.") % (
                f"{len(m.stale):,}", len(shown))
        else:
            note = self.tr("%s stale deals.") % f"{len(m.stale):,}"
        self.stale_note.setText(note + " " + self.tr("Double-click a deal to open it."))

    def _fill_fit(self) -> None:
        """Good-fit against poor-fit deals; scored only while this table is on screen."""
        if self.metrics is None or self.details.currentWidget() is not self.fit_table:
            return
        repository = self.controller.repository
        figures = fit_figures(repository, self.metrics.period)
        self.fit_table.show_fits(figures, self.metrics.currency)

    def _open_stale(self, index) -> None:
        deal_id = self.stale_table.deal_id(index.row())
        if deal_id is not None:
            self.controller.show_deals.emit({"deal_ids": [deal_id]})


def _targets_of(repository) -> TargetsProvider | None:
    """The revenue targets of issue 8 (services.health.target_months), when present."""
    try:
        from pipeline_desktop.services.health import target_months
    except ImportError:
        return None
    return lambda: target_months(repository)


def _target_status(repository):
    try:
        from pipeline_desktop.services.health import target_status
    except ImportError:
        return None
    return target_status(repository)


def _placed(item: pg.TextItem, x: float, y: float) -> pg.TextItem:
    item.setPos(x, y)
    return item


def _change(now: float | None, before: float | None, *, lower_is_better: bool = False
            ) -> tuple[str, bool] | None:
    """`▲ 12 %` against the previous period, and whether that is good news."""
    if now is None or before is None or before == 0:
        return None
    ratio = (now - before) / abs(before)
    if round(ratio * 100) == 0:
        return "≈ 0 %", True
    arrow = "▲" if ratio > 0 else "▼"
    good = (ratio < 0) if lower_is_better else (ratio > 0)
    return f"{arrow} {abs(ratio) * 100:.0f} %", good or ratio == 0


def _points(now: float | None, before: float | None) -> tuple[str, bool] | None:
    """A change of a rate in percentage points."""
    if now is None or before is None:
        return None
    points = (now - before) * 100
    arrow = "▲" if points > 0 else "▼" if points < 0 else "="
    return f"{arrow} {abs(points):.1f} pts", points >= 0


class KpiCard(QFrame):
    """A figure, its name, and its change against the previous period."""

    def __init__(self, title: str) -> None:
        super().__init__()
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.setSpacing(2)
        self.title = QLabel(title)
        self.title.setStyleSheet(MUTED)
        self.value = QLabel("—")
        self.value.setObjectName("kpi_value")
        font = self.value.font()
        font.setPixelSize(18)
        font.setBold(True)
        self.value.setFont(font)  # a font, not a style sheet: the text keeps the palette's colour
        self.delta = QLabel()
        self.delta.setStyleSheet(MUTED)
        self.delta.setWordWrap(True)
        for label in (self.title, self.value, self.delta):
            layout.addWidget(label)

    def show(self, value: str, change: tuple[str, bool] | None, note: str) -> None:
        self.value.setText(value)
        if change is None:
            self.delta.setStyleSheet(MUTED)
            self.delta.setText(note)
        else:
            text, good = change
            color = readable(GREEN if good else RED, window_colour(self))
            self.delta.setStyleSheet(f"color: {color.name()};")
            self.delta.setText(f"{text} {note}")


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
            plot.addItem(_placed(text_item(self.tr("today"), (1, 0), accent(ORANGE)),
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
        from pipeline_desktop.services.periods import month_label

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


class _Item(QTableWidgetItem):
    """A cell shown as text but sorted by a number."""

    def __init__(self, text: str, key: float | str | None = None) -> None:
        super().__init__(text)
        self.key = text.casefold() if key is None else key
        if key is not None:
            self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        other_key = getattr(other, "key", None)
        if isinstance(self.key, str) or isinstance(other_key, str) or other_key is None:
            return str(self.key) < str(other_key)
        return self.key < other_key


class GroupTable(QTableWidget):
    """Open now, won and lost in the period, win rate and value won, per owner or source."""

    def __init__(self, name: str) -> None:
        super().__init__(0, 6)
        self.setHorizontalHeaderLabels([name, self.tr("Open"), self.tr("Won"), self.tr("Lost"),
                                        self.tr("Win rate"), self.tr("Won value")])
        self.setAccessibleName(self.tr("Figures by %s") % name.lower())
        _setup(self)

    def show_groups(self, groups: list[GroupFigures], currency: str) -> None:
        self.setSortingEnabled(False)
        self.setRowCount(len(groups))
        for row, g in enumerate(groups):
            rate = g.win_rate
            cells = [_Item(g.name), _Item(f"{g.open:,}", g.open), _Item(f"{g.won:,}", g.won),
                     _Item(f"{g.lost:,}", g.lost),
                     _Item("—" if rate is None else f"{rate * 100:.1f} %",
                           -1 if rate is None else rate),
                     _Item(format_money(g.won_value, currency, whole=True), g.won_value)]
            for column, cell in enumerate(cells):
                self.setItem(row, column, cell)
        self.setSortingEnabled(True)


class FitTable(QTableWidget):
    """Is the ideal customer profile right? Good-fit deals should win more often."""

    def __init__(self) -> None:
        super().__init__(0, 5)
        self.setHorizontalHeaderLabels([self.tr("Fit"), self.tr("Won"), self.tr("Lost"),
                                        self.tr("Win rate"), self.tr("Average deal size")])
        self.setAccessibleName(self.tr("Figures by ideal-customer fit"))
        _setup(self)

    def show_fits(self, figures: list[FitFigures], currency: str) -> None:
        self.setRowCount(len(figures))
        names = {"good": self.tr("Good fit (%d or more)") % GOOD_FIT_THRESHOLD,
                 "poor": self.tr("Poor fit")}
        for row, f in enumerate(figures):
            rate, average = f.win_rate, f.average_deal_size
            cells = [_Item(names[f.fit]), _Item(f"{f.won:,}", f.won),
                     _Item(f"{f.lost:,}", f.lost),
                     _Item("—" if rate is None else f"{rate * 100:.1f} %", rate or 0),
                     _Item("—" if average is None else format_money(round(average), currency,
                                                                     whole=True), average or 0)]
            for column, cell in enumerate(cells):
                self.setItem(row, column, cell)
        if not figures:
            self.setRowCount(1)
            self.setItem(0, 0, _Item(self.tr("Set an ideal customer profile "
                                             "(Pipeline › Ideal customer…) to compare.")))


class StaleTable(QTableWidget):
    def __init__(self) -> None:
        super().__init__(0, 5)
        self.setHorizontalHeaderLabels([self.tr("Deal"), self.tr("Stage"), self.tr("Owner"),
                                        self.tr("Days idle"), self.tr("Value")])
        self.setAccessibleName(self.tr("Stale deals"))
        _setup(self)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def show_stale(self, stale, rows, currency: str) -> None:
        self.setSortingEnabled(False)
        self.setRowCount(len(stale))
        for row, s in enumerate(stale):
            deal = rows.get(s.deal_id)
            title = _Item(deal.title if deal else f"#{s.deal_id}")
            title.setData(Qt.ItemDataRole.UserRole, s.deal_id)
            cells = [title, _Item(deal.stage if deal else ""), _Item(deal.owner if deal else ""),
                     _Item(f"{s.idle_days:,}", s.idle_days),
                     _Item(format_money(s.value, currency, whole=True), s.value or 0)]
            for column, cell in enumerate(cells):
                self.setItem(row, column, cell)
        self.setSortingEnabled(True)

    def deal_id(self, row: int) -> int | None:
        item = self.item(row, 0)
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)


def _setup(table: QTableWidget) -> None:
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)


