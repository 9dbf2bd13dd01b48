"""The report's charts: the funnel of open stages and the won/weighted forecast by month with
the target line."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QFontMetricsF, QPen

from pipeline_desktop.domain import targets as tg
from pipeline_desktop.services.periods import month_index, month_label
from pipeline_desktop.ui.report.data import FORECAST_AHEAD, FORECAST_PAST
from pipeline_desktop.ui.report.page import (
    ACCENT,
    CONTENT_W,
    INK,
    LIGHT,
    MARGIN,
    MUTED,
    RULE,
    TARGET,
    Doc,
    font,
)

FUNNEL_STEP = 34.0  # points from one funnel bar to the next
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def funnel(doc: Doc) -> None:
    """One centred bar per open stage, its count and value, and the share moving on."""
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


def _forecast_months(doc: Doc) -> list[tuple[int, float, float, float | None]]:
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


def forecast(doc: Doc) -> None:
    """Won and weighted value by month as stacked bars, the target as a dashed line."""
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


def _legend(doc: Doc, y: float, x: float) -> None:
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
