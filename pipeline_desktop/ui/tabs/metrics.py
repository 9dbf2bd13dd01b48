"""The Metrics tab: KPI cards with the change against the previous period, the forecast, win
rate by month, figures by owner and lead source, lost reasons and the stale deals.

Figures come from the shared metrics engine (services.metrics); this module lays the tab out
and fills it, drawing with its parts: metric_cards (KPI cards), metric_charts (the forecast)
and metric_tables (owners, sources, fit, stale deals).
`targets_provider` is the hook for revenue targets (issue 8): a callable returning
{"YYYY-MM": amount in currency units}, drawn as a line over the forecast."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSplitter, QTabWidget, QVBoxLayout, QWidget

from pipeline_desktop.domain.currency import unconverted_sentence
from pipeline_desktop.domain.money import format_compact, format_money
from pipeline_desktop.services.fit_metrics import fit_figures
from pipeline_desktop.services.health import target_months, target_status
from pipeline_desktop.services.periods import Period
from pipeline_desktop.services.totals import Metrics
from pipeline_desktop.ui.charts import (
    GREEN,
    RED,
    AnalysisTab,
    ChartWidget,
    PercentAxis,
    PeriodBar,
    months_shown,
    set_category_ticks,
    set_month_ticks,
    text_item,
)
from pipeline_desktop.ui.period_bar import NoDataNotice, shared_period
from pipeline_desktop.ui.tabs.metric_cards import KpiCard, change_of, points_of
from pipeline_desktop.ui.tabs.metric_charts import ForecastChart, placed
from pipeline_desktop.ui.tabs.metric_tables import FitTable, GroupTable, StaleTable

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
        self.cards["win_rate"].show_figure(
            rate, points_of(m.win_rate, p.win_rate if p else None), vs)
        self.cards["average_deal_size"].show_figure(
            money(m.average_deal_size),
            change_of(m.average_deal_size, p.average_deal_size if p else None), vs)
        days = "—" if m.median_days_to_close is None else \
            self.tr("%s days") % f"{m.median_days_to_close:.0f}"
        self.cards["median_days"].show_figure(
            days, change_of(m.median_days_to_close, p.median_days_to_close if p else None,
                          lower_is_better=True), vs)
        self.cards["open_value"].show_figure(money(m.open_value), None,
                                      self.tr("%s open deals") % f"{m.open:,}")
        self.cards["weighted_value"].show_figure(money(m.weighted_value), None, now)
        velocity = "—" if m.velocity_per_day is None else \
            self.tr("%s / day") % format_compact(m.velocity_per_day, cur)
        self.cards["velocity"].show_figure(
            velocity, change_of(m.velocity_per_day, p.velocity_per_day if p else None), vs)
        self.cards["stale"].show_figure(f"{len(m.stale):,}", None, self.tr("no activity or move"))
        if p is None:
            for key in ("win_rate", "average_deal_size", "median_days", "velocity"):
                self.cards[key].delta.setText(self.tr("all time"))

    def _fill_target_card(self, currency: str) -> None:
        """Attainment of the current month's or quarter's target and its coverage (issue 8)."""
        card = self.cards["target"]
        status = _target_status(self.controller.repository)
        if status is None:
            card.show_figure("—", None, self.tr("no target set (Pipeline › Revenue targets…)"))
            return
        coverage = status.coverage
        if coverage is None:
            note, good = self.tr("target met"), True
        else:
            note = self.tr("gap %s · coverage %.1f× (healthy ≥ %.0f×)") % (
                format_compact(status.gap_cents, currency), coverage, status.threshold)
            good = coverage >= status.threshold
        card.show_figure(f"{status.attainment * 100:.0f} %", (status.period, good), note)

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
                plot.addItem(placed(text_item(label, (0, 0.5)), n, i))
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
    """The revenue targets (issue 8), month by month."""
    return lambda: target_months(repository)


def _target_status(repository):
    return target_status(repository)
