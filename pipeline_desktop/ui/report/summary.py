"""Page 1 of the report: the title and period, the health score and its breakdown, the
target and the key figures against the previous period."""

from __future__ import annotations

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QPen

from pipeline_desktop.domain import targets as tg
from pipeline_desktop.domain.currency import unconverted_sentence
from pipeline_desktop.services.periods import Period
from pipeline_desktop.services.totals import Metrics
from pipeline_desktop.ui.report.page import (
    ACCENT,
    BAD,
    CONTENT_W,
    GOOD,
    INK,
    MARGIN,
    MUTED,
    RULE,
    SEVERITY_COLOURS,
    Doc,
    font,
)


def summary_page(doc: Doc) -> None:
    """Title, pipeline name and period, then the score, target and key-figure blocks."""
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


def _score_block(doc: Doc) -> None:
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


def _target_block(doc: Doc) -> None:
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


def _kpi_grid(doc: Doc) -> None:
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

