"""The printable report: a few A4 pages drawn with Qt's own PDF writer (QPdfWriter + QPainter).

Page 1: health score and its breakdown, the target, the KPIs against the previous period.
Page 2: the funnel and the forecast with the target line. Then the findings and the deals to act
on. Every page carries the pipeline's name, the date and "page n of N" (the document is laid
out twice: once to count the pages, once to write them).

The figures come from the Qt-free core (services.metrics and services.health); this module only
draws them. Coordinates are points (the writer runs at 72 dpi): an A4 page is 595 × 842."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from PySide6.QtCore import QBuffer, QIODevice, QMarginsF, QPointF, QRectF, Qt
from PySide6.QtGui import (
    QColor,
    QFont,
    QFontMetricsF,
    QPageLayout,
    QPageSize,
    QPainter,
    QPdfWriter,
    QPen,
)

from pipeline_desktop import APP_NAME
from pipeline_desktop.domain import targets as tg
from pipeline_desktop.domain.currency import unconverted_sentence
from pipeline_desktop.domain.money import format_compact, format_money
from pipeline_desktop.errors import StorageError, ValidationError
from pipeline_desktop.services import health
from pipeline_desktop.services.metrics import compute_metrics
from pipeline_desktop.services.periods import Period, month_index, month_label
from pipeline_desktop.services.snapshot import PipelineSnapshot
from pipeline_desktop.services.totals import Metrics
from pipeline_desktop.session import Session

PAGE_W, PAGE_H = 595.0, 842.0
MARGIN = 50.0
CONTENT_W = PAGE_W - 2 * MARGIN
TOP, BOTTOM = 60.0, PAGE_H - 60.0
DEFAULT_DAYS = 90
FORECAST_PAST, FORECAST_AHEAD = 5, 6  # months either side of the current one
FUNNEL_STEP = 34.0  # points from one funnel bar to the next

INK = QColor("#1f2933")
MUTED = QColor("#66727f")
RULE = QColor("#d5dbe1")
ACCENT = QColor("#2c5d8f")
LIGHT = QColor("#a9c4e0")
GOOD = QColor("#2e7d32")
BAD = QColor("#c0392b")
TARGET = QColor("#c0392b")
SEVERITY_COLOURS = {"critical": QColor("#c0392b"), "warning": QColor("#d68910"),
                    "info": QColor("#2e86c1")}
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


@dataclass
class ReportData:
    name: str
    today: date
    period: Period
    previous: Period | None
    now: Metrics
    before: Metrics | None
    forecast: Metrics  # the last months before today and the next ones
    health: health.HealthReport
    targets: list[tg.Target]

    @property
    def currency(self) -> str:
        return self.now.currency


def gather(session: Session, start: date | None = None, end: date | None = None,
           today: date | None = None) -> ReportData:
    """Every figure the report shows, from the Qt-free core."""
    today = today or end or date.today()
    end = end or today
    start = start or end - timedelta(days=DEFAULT_DAYS - 1)
    if start > end:
        raise ValidationError(f"The report's period starts ({start}) after it ends ({end})")
    period = Period(start, end)
    snapshot = PipelineSnapshot.load(session.repository)
    previous = period.previous()
    return ReportData(
        session.display_name, today, period, previous,
        compute_metrics(snapshot, period, today),
        compute_metrics(snapshot, previous, today) if previous else None,
        compute_metrics(snapshot, Period(_months_back(today, FORECAST_PAST), today), today),
        health.check(session.repository, today), health.load_targets(session.repository))


def _months_back(today: date, months: int) -> date:
    index = month_index(today) - months
    return date(index // 12, index % 12 + 1, 1)


def write_report(session: Session, out: Path, *, start: date | None = None,
                 end: date | None = None, today: date | None = None) -> int:
    """Write the PDF; return its number of pages. A folder that refuses it is a StorageError."""
    data = gather(session, start, end, today)
    return render(data, out)


def render(data: ReportData, out: Path) -> int:
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    pages = _draw(_writer(buffer, data), data, total=0)  # a dry run to count the pages
    buffer.close()
    if not out.parent.is_dir():
        raise StorageError(f"Cannot write {out}: the folder {out.parent} does not exist")
    _draw(_writer(str(out), data), data, total=pages)
    if not out.exists() or out.stat().st_size == 0:
        raise StorageError(f"Could not write {out}")
    return pages


def _writer(target: str | QBuffer, data: ReportData) -> QPdfWriter:
    writer = QPdfWriter(target)
    writer.setResolution(72)
    writer.setPageSize(QPageSize(QPageSize.PageSizeId.A4))
    writer.setPageMargins(QMarginsF(0, 0, 0, 0), QPageLayout.Unit.Point)
    writer.setTitle(f"{data.name} — pipeline report {data.today.isoformat()}")
    writer.setCreator(APP_NAME)
    return writer


def _draw(writer: QPdfWriter, data: ReportData, total: int) -> int:
    painter = QPainter()
    if not painter.begin(writer):
        raise StorageError("Could not start the PDF (is the file open in another program?)")
    try:
        doc = _Doc(painter, writer, data, total)
        _summary_page(doc)
        doc.ensure(60 + FUNNEL_STEP * len(data.now.open_stage_figures()))  # keep it together
        doc.heading("Funnel", "Open deals by stage, as of today; the share that moves on to "
                    "the next stage between the bars")
        _funnel(doc)
        if doc.page == 1:
            doc.new_page()
        doc.ensure(300)
        doc.heading("Forecast", "Won value by month, and the weighted value of open deals "
                    "expected to close; the red line is the target")
        _forecast(doc)
        _findings_pages(doc)
        doc.finish()
        return doc.page
    finally:
        painter.end()


def font(size: float, *, bold: bool = False) -> QFont:
    f = QFont("DejaVu Sans")
    f.setPointSizeF(size)
    f.setBold(bold)
    return f


class _Doc:
    """A y cursor over pages, with the footer drawn as each page closes."""

    def __init__(self, painter: QPainter, writer: QPdfWriter, data: ReportData, total: int
                 ) -> None:
        self.p = painter
        self.writer = writer
        self.data = data
        self.total = total
        self.page = 1
        self.y = TOP
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)

    def money(self, cents: float | None, *, compact: bool = False) -> str:
        if cents is None:
            return "—"
        if compact:
            return format_compact(cents, self.data.currency)
        return format_money(round(cents), self.data.currency, whole=True)

    def ensure(self, height: float) -> None:
        if self.y + height > BOTTOM:
            self.new_page()

    def new_page(self) -> None:
        self._footer()
        self.writer.newPage()
        self.page += 1
        self.y = TOP

    def finish(self) -> None:
        self._footer()

    def _footer(self) -> None:
        p = self.p
        p.setPen(QPen(RULE, 0.6))
        p.drawLine(QPointF(MARGIN, PAGE_H - 42), QPointF(PAGE_W - MARGIN, PAGE_H - 42))
        p.setFont(font(7.5))
        p.setPen(MUTED)
        left = f"{self.data.name} · Pipeline report · {self.data.today.isoformat()}"
        rect = QRectF(MARGIN, PAGE_H - 38, CONTENT_W, 14)
        p.drawText(rect, Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, left)
        right = f"Page {self.page} of {self.total}" if self.total else f"Page {self.page}"
        p.drawText(rect, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, right)

    # ---- text ------------------------------------------------------------------------------

    def text(self, x: float, y: float, w: float, text: str, f: QFont, colour: QColor = INK,
             align: Qt.AlignmentFlag = Qt.AlignmentFlag.AlignLeft, *, wrap: bool = False
             ) -> float:
        """Draw text in a box `w` wide from (x, y); return its height."""
        flags = align | Qt.AlignmentFlag.AlignTop
        if wrap:
            flags |= Qt.TextFlag.TextWordWrap
        metrics = QFontMetricsF(f, self.writer)
        if not wrap:
            text = metrics.elidedText(text, Qt.TextElideMode.ElideRight, w)
        box = metrics.boundingRect(QRectF(x, y, w, 10_000), int(flags), text)
        self.p.setFont(f)
        self.p.setPen(colour)
        self.p.drawText(QRectF(x, y, w, box.height() + 2), int(flags), text)
        return box.height()

    def height_of(self, text: str, w: float, f: QFont) -> float:
        flags = int(Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap)
        return QFontMetricsF(f, self.writer).boundingRect(QRectF(0, 0, w, 10_000), flags,
                                                          text).height()

    def heading(self, title: str, subtitle: str = "") -> None:
        self.ensure(60)
        self.y += self.text(MARGIN, self.y, CONTENT_W, title, font(13, bold=True), ACCENT) + 2
        if subtitle:
            self.y += self.text(MARGIN, self.y, CONTENT_W, subtitle, font(8), MUTED)
        self.p.setPen(QPen(RULE, 0.6))
        self.p.drawLine(QPointF(MARGIN, self.y + 4), QPointF(PAGE_W - MARGIN, self.y + 4))
        self.y += 12


# ---- page 1: score, target, KPIs ---------------------------------------------------------------


def _summary_page(doc: _Doc) -> None:
    data = doc.data
    doc.text(MARGIN, doc.y, CONTENT_W * 0.7, "Pipeline report", font(22, bold=True))
    doc.text(MARGIN, doc.y + 4, CONTENT_W, data.today.strftime("%d %B %Y").lstrip("0"),
             font(9), MUTED, Qt.AlignmentFlag.AlignRight)
    doc.y += 32
    doc.y += doc.text(MARGIN, doc.y, CONTENT_W, data.name, font(12), MUTED) + 4
    compared = ""
    if data.previous is not None:
        compared = f", compared with {_period_text(data.previous)}"
    left_out = unconverted_sentence(data.now.unconverted)  # deals without an exchange rate
    doc.y += doc.text(MARGIN, doc.y, CONTENT_W, f"Period: {_period_text(data.period)}{compared}."
                      f" Open deals are as of today. Amounts in {data.currency}."
                      + (f" {left_out}" if left_out else ""), font(8.5), MUTED, wrap=True) + 16
    _score_block(doc)
    _target_block(doc)
    _kpi_grid(doc)


def _period_text(period: Period) -> str:
    if period.start is None or period.end is None:
        return "all time"
    return (f"{period.start.isoformat()} to {period.end.isoformat()} "
            f"({period.days} days)")


def _score_block(doc: _Doc) -> None:
    report = doc.data.health
    doc.heading("Health", "A score out of 100 and what it is made of")
    top = doc.y
    colour = GOOD if report.score >= 75 else (SEVERITY_COLOURS["warning"] if report.score >= 50
                                              else BAD)
    doc.text(MARGIN, top, 120, str(report.score), font(40, bold=True), colour,
             Qt.AlignmentFlag.AlignHCenter)
    doc.text(MARGIN, top + 52, 120, "out of 100", font(8.5), MUTED, Qt.AlignmentFlag.AlignHCenter)
    x = MARGIN + 140
    y = top
    label_w, bar_w = 170.0, CONTENT_W - 140 - 170 - 60
    for area in report.breakdown:
        doc.text(x, y, label_w - 8, area.label, font(8.5))
        doc.text(x, y + 11, label_w - 8, area.note, font(6.5), MUTED)
        bar = QRectF(x + label_w, y + 4, bar_w, 8)
        doc.p.setPen(Qt.PenStyle.NoPen)
        doc.p.setBrush(RULE)
        doc.p.drawRoundedRect(bar, 2, 2)
        if area.points is not None:
            filled = QRectF(bar.x(), bar.y(), bar.width() * area.points / area.maximum, 8)
            doc.p.setBrush(ACCENT)
            doc.p.drawRoundedRect(filled, 2, 2)
            points = f"{area.points:g} / {area.maximum:g}"
        else:
            points = f"n/a / {area.maximum:g}"
        doc.p.setBrush(Qt.BrushStyle.NoBrush)
        doc.text(x + label_w + bar_w, y + 2, 60, points, font(8.5), INK,
                 Qt.AlignmentFlag.AlignRight)
        y += 24
    doc.y = max(top + 72, y) + 12


def _target_block(doc: _Doc) -> None:
    status = doc.data.health.target
    doc.heading("Target")
    if status is None:
        text = (f"No revenue target is set for {tg.period_label(tg.month_key(doc.data.today))}. "
                "Set one in Pipeline › Revenue targets… to see attainment and coverage.")
        doc.y += doc.text(MARGIN, doc.y, CONTENT_W, text, font(9), MUTED, wrap=True) + 16
        return
    cells = (
        (f"{status.label} target", doc.money(status.target_cents)),
        ("Won so far", doc.money(status.won_cents)),
        ("Attainment", f"{status.attainment * 100:.0f}%"),
        ("Gap", doc.money(status.gap_cents)),
        (f"Coverage (healthy {status.threshold:g}×)", "target met" if status.coverage is None
         else f"{status.coverage:.1f}×"),
    )
    width = CONTENT_W / len(cells)
    for index, (label, value) in enumerate(cells):
        x = MARGIN + index * width
        doc.text(x, doc.y, width - 6, label, font(7.5), MUTED)
        colour = INK
        if label.startswith("Coverage"):
            colour = GOOD if status.healthy else BAD
        doc.text(x, doc.y + 12, width - 6, value, font(10.5, bold=True), colour)
    doc.y += 36
    for owner in doc.data.health.owner_targets:
        coverage = "target met" if owner.coverage is None else f"coverage {owner.coverage:.1f}×"
        line = (f"{owner.owner}: {owner.label} target {doc.money(owner.target_cents)}, won "
                f"{doc.money(owner.won_cents)} ({owner.attainment * 100:.0f}%), gap "
                f"{doc.money(owner.gap_cents)}, {coverage}")
        doc.y += doc.text(MARGIN, doc.y, CONTENT_W, line, font(8), MUTED) + 2
    doc.y += 8


def _change(now: float | None, before: float | None, *, points: bool = False,
            lower_is_better: bool = False) -> tuple[str, QColor]:
    if now is None or before is None:
        return "no comparison", MUTED
    if points:
        delta = (now - before) * 100
        text = f"{delta:+.1f} pts vs previous"
    else:
        if before == 0:
            return "no comparison", MUTED
        delta = (now - before) / abs(before) * 100
        text = f"{delta:+.0f}% vs previous"
    if abs(delta) < (0.05 if points else 0.5):
        return "about the same as before", MUTED
    better = (delta < 0) if lower_is_better else (delta > 0)
    arrow = "▲" if delta > 0 else "▼"
    return f"{arrow} {text}", GOOD if better else BAD


def _won_value(m: Metrics | None) -> int | None:
    return None if m is None else sum(g.won_value for g in m.by_owner)


def _kpi_grid(doc: _Doc) -> None:
    now, before = doc.data.now, doc.data.before
    b = before
    days = f"{now.median_days_to_close:.0f} days" if now.median_days_to_close is not None \
        else "—"
    stale_share = len(now.stale) / now.open if now.open else 0
    cards = (
        ("Won value", doc.money(_won_value(now)), _change(_won_value(now), _won_value(b))),
        ("Deals won", f"{now.won:,}", _change(now.won, b.won if b else None)),
        ("Win rate", "—" if now.win_rate is None else f"{now.win_rate * 100:.0f}%",
         _change(now.win_rate, b.win_rate if b else None, points=True)),
        ("Average deal size", doc.money(now.average_deal_size),
         _change(now.average_deal_size, b.average_deal_size if b else None)),
        ("Median days to close", days,
         _change(now.median_days_to_close, b.median_days_to_close if b else None,
                 lower_is_better=True)),
        ("Velocity per day", doc.money(now.velocity_per_day),
         _change(now.velocity_per_day, b.velocity_per_day if b else None)),
        ("Weighted pipeline", doc.money(now.weighted_value),
         (f"of {doc.money(now.open_value, compact=True)} open", MUTED)),
        ("Stale deals", f"{len(now.stale):,}",
         (f"{stale_share * 100:.0f}% of open deals now", MUTED)),
    )
    doc.heading("Key figures", f"The period against the {doc.data.period.days or ''} days "
                "before it")
    columns, gap = 4, 10.0
    width = (CONTENT_W - gap * (columns - 1)) / columns
    height = 62.0
    for index, (label, value, (change, colour)) in enumerate(cards):
        row, col = divmod(index, columns)
        x, y = MARGIN + col * (width + gap), doc.y + row * (height + gap)
        doc.p.setPen(QPen(RULE, 0.8))
        doc.p.setBrush(QColor("#f7f9fb"))
        doc.p.drawRoundedRect(QRectF(x, y, width, height), 4, 4)
        doc.p.setBrush(Qt.BrushStyle.NoBrush)
        doc.text(x + 8, y + 7, width - 16, label, font(7.5), MUTED)
        doc.text(x + 8, y + 20, width - 16, value, font(13, bold=True))
        doc.text(x + 8, y + 43, width - 16, change, font(7), colour)
    doc.y += 2 * height + gap + 16


# ---- the charts ------------------------------------------------------------------------------


def _funnel(doc: _Doc) -> None:
    stages = doc.data.now.open_stage_figures()
    if not stages:
        doc.y += doc.text(MARGIN, doc.y, CONTENT_W, "No open stages.", font(9), MUTED) + 12
        return
    biggest = max(s.value for s in stages) or 1
    label_w, figures_w = 110.0, 120.0
    chart_x = MARGIN + label_w
    chart_w = CONTENT_W - label_w - figures_w
    bar_h, step = 20.0, FUNNEL_STEP
    for index, figures in enumerate(stages):
        y = doc.y + index * step
        width = max(3.0, chart_w * figures.value / biggest)
        doc.p.setPen(Qt.PenStyle.NoPen)
        doc.p.setBrush(ACCENT)
        doc.p.drawRoundedRect(QRectF(chart_x + (chart_w - width) / 2, y, width, bar_h), 3, 3)
        doc.p.setBrush(Qt.BrushStyle.NoBrush)
        doc.text(MARGIN, y + 4, label_w - 8, figures.stage.name, font(9))
        doc.text(chart_x + chart_w + 8, y + 4, figures_w - 8,
                 f"{figures.count:,} · {doc.money(figures.value, compact=True)}", font(9),
                 INK, Qt.AlignmentFlag.AlignRight)
        if figures.conversion_to_next is not None and index < len(stages) - 1:
            doc.text(chart_x, y + bar_h + 1, chart_w,
                     f"↓ {figures.conversion_to_next * 100:.0f}% move on", font(7), MUTED,
                     Qt.AlignmentFlag.AlignHCenter)
    doc.y += len(stages) * step + 18


def _forecast_months(doc: _Doc) -> list[tuple[int, float, float, float | None]]:
    """(month index, won cents, weighted cents, target cents) from 5 months back to 6 ahead."""
    current = month_index(doc.data.today)
    by_month = {m.month: m for m in doc.data.forecast.months}
    rows = []
    for month in range(current - FORECAST_PAST, current + FORECAST_AHEAD + 1):
        figures = by_month.get(month)
        target = tg.monthly_target(doc.data.targets, month_label(month))
        rows.append((month, float(figures.won_value) if figures else 0.0,
                     figures.weighted if figures else 0.0, target))
    return rows


def _forecast(doc: _Doc) -> None:
    rows = _forecast_months(doc)
    height = 230.0
    doc.ensure(height + 40)
    axis_w = 50.0
    left, top = MARGIN + axis_w, doc.y + 8
    width, plot_h = CONTENT_W - axis_w, height - 40
    peak = max([won + weighted for _, won, weighted, _ in rows]
               + [t or 0 for *_, t in rows]) or 100_00
    scale_top = _nice_ceiling(peak * 1.08)  # headroom above the tallest bar or target
    p = doc.p
    for tick in range(5):  # grid lines and money labels
        value = scale_top * tick / 4
        y = top + plot_h - plot_h * tick / 4
        p.setPen(QPen(RULE, 0.5))
        p.drawLine(QPointF(left, y), QPointF(left + width, y))
        doc.text(MARGIN, y - 5, axis_w - 6, doc.money(value, compact=True), font(7), MUTED,
                 Qt.AlignmentFlag.AlignRight)
    slot = width / len(rows)
    current = month_index(doc.data.today)
    for index, (month, won, weighted, target) in enumerate(rows):
        x = left + index * slot + slot * 0.18
        bar_w = slot * 0.64
        won_h = plot_h * won / scale_top
        weighted_h = plot_h * weighted / scale_top
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(ACCENT)
        p.drawRect(QRectF(x, top + plot_h - won_h, bar_w, won_h))
        p.setBrush(LIGHT)
        p.drawRect(QRectF(x, top + plot_h - won_h - weighted_h, bar_w, weighted_h))
        p.setBrush(Qt.BrushStyle.NoBrush)
        if target is not None:
            y = top + plot_h - plot_h * target / scale_top
            p.setPen(QPen(TARGET, 1.6, Qt.PenStyle.DashLine))
            p.drawLine(QPointF(left + index * slot + 2, y), QPointF(left + (index + 1) * slot - 2,
                                                                     y))
        label = MONTHS[month % 12] + (f" {month // 12 % 100:02d}" if month % 12 == 0
                                      or index == 0 else "")
        doc.text(left + index * slot, top + plot_h + 4, slot, label,
                 font(7, bold=month == current), INK if month == current else MUTED,
                 Qt.AlignmentFlag.AlignHCenter)
    p.setPen(QPen(MUTED, 0.8))
    p.drawLine(QPointF(left, top + plot_h), QPointF(left + width, top + plot_h))
    _legend(doc, top + plot_h + 20, left)
    doc.y = top + height + 8


def _legend(doc: _Doc, y: float, x: float) -> None:
    items = ((ACCENT, "Won", False), (LIGHT, "Weighted open deals expected", False),
             (TARGET, "Target", True))
    for colour, label, line in items:
        if line:
            doc.p.setPen(QPen(colour, 1.6, Qt.PenStyle.DashLine))
            doc.p.drawLine(QPointF(x, y + 5), QPointF(x + 14, y + 5))
        else:
            doc.p.setPen(Qt.PenStyle.NoPen)
            doc.p.setBrush(colour)
            doc.p.drawRect(QRectF(x, y + 1, 10, 8))
            doc.p.setBrush(Qt.BrushStyle.NoBrush)
        width = QFontMetricsF(font(7.5), doc.writer).horizontalAdvance(label)
        doc.text(x + 18, y, width + 4, label, font(7.5), MUTED)
        x += width + 40


def _nice_ceiling(value: float) -> float:
    """The next round number above `value` whose quarters are round too (4 grid steps)."""
    magnitude = 1.0
    while magnitude * 10 <= value:
        magnitude *= 10
    for step in (1, 1.2, 1.6, 2, 2.4, 3, 4, 5, 6, 8, 10):
        if magnitude * step >= value:
            return magnitude * step
    return magnitude * 10


# ---- findings and deals to act on -----------------------------------------------------------


def _findings_pages(doc: _Doc) -> None:
    report = doc.data.health
    doc.heading("Findings", f"{len(report.findings)} findings, most serious first")
    if not report.findings:
        doc.y += doc.text(MARGIN, doc.y, CONTENT_W, "Nothing to worry about.", font(9)) + 12
    pill_w = 58.0
    text_w = CONTENT_W - pill_w - 10
    for finding in report.findings:
        message = finding.message
        height = doc.height_of(message, text_w, font(9))
        doc.ensure(height + 12)
        colour = SEVERITY_COLOURS[finding.severity]
        doc.p.setPen(Qt.PenStyle.NoPen)
        doc.p.setBrush(colour)
        doc.p.drawRoundedRect(QRectF(MARGIN, doc.y + 1, pill_w, 13), 6, 6)
        doc.p.setBrush(Qt.BrushStyle.NoBrush)
        doc.text(MARGIN, doc.y + 2.5, pill_w, finding.severity.upper(), font(6.5, bold=True),
                 QColor("white"), Qt.AlignmentFlag.AlignHCenter)
        title = health.FINDING_TITLES.get(finding.id, finding.id)
        doc.text(MARGIN + pill_w + 10, doc.y, text_w, title, font(9, bold=True))
        if finding.deal_ids:
            count = len(finding.deal_ids)
            doc.text(MARGIN + pill_w + 10, doc.y, text_w,
                     f"{count:,} deal{'s' if count != 1 else ''}", font(8), MUTED,
                     Qt.AlignmentFlag.AlignRight)
        doc.y += 14
        doc.y += doc.text(MARGIN + pill_w + 10, doc.y, text_w, message, font(9), INK,
                          wrap=True) + 10
    for finding_id, why in report.skipped.items():
        doc.ensure(14)
        title = health.FINDING_TITLES.get(finding_id, finding_id)
        doc.y += doc.text(MARGIN, doc.y, CONTENT_W, f"Not checked — {title}: {why}.", font(7.5),
                          MUTED, wrap=True) + 3
    doc.y += 14
    _act_on_table(doc)


def _act_on_table(doc: _Doc) -> None:
    deals = doc.data.health.act_on
    doc.ensure(150)  # keep the heading with its first rows
    doc.heading("Deals to act on", "Open deals named by the most findings, then by weighted "
                "value")
    if not deals:
        doc.y += doc.text(MARGIN, doc.y, CONTENT_W, "No deal needs attention.", font(9)) + 12
        return
    columns: tuple[tuple[str, float, Qt.AlignmentFlag], ...] = (
        ("#", 30, Qt.AlignmentFlag.AlignRight), ("Deal", 160, Qt.AlignmentFlag.AlignLeft),
        ("Stage", 66, Qt.AlignmentFlag.AlignLeft), ("Value", 56, Qt.AlignmentFlag.AlignRight),
        ("Why", CONTENT_W - 30 - 160 - 66 - 56 - 24, Qt.AlignmentFlag.AlignLeft),
    )

    def draw_row(cells: list[str], f: QFont, colour: QColor) -> float:
        x, height = MARGIN, 0.0
        for index, ((_, width, align), cell) in enumerate(zip(columns, cells, strict=True)):
            last = index == len(cells) - 1
            height = max(height, doc.text(x, doc.y, width, cell, f, colour, align, wrap=last))
            x += width + 6
        return height

    doc.y += draw_row([c[0] for c in columns], font(7.5, bold=True), MUTED) + 6
    why_w = columns[-1][1]
    for deal in deals:
        why = ", ".join(health.FINDING_TITLES.get(r, r) for r in deal.reasons)
        doc.ensure(doc.height_of(why, why_w, font(8)) + 10)
        doc.p.setPen(QPen(RULE, 0.5))
        doc.p.drawLine(QPointF(MARGIN, doc.y - 3), QPointF(PAGE_W - MARGIN, doc.y - 3))
        doc.y += draw_row([str(deal.deal_id), deal.title, deal.stage,
                           doc.money(deal.value_cents), why], font(8), INK) + 8
