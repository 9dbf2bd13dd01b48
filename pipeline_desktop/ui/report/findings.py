"""The last pages of the report: the findings, most serious first, and the deals to act on."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QPen

from pipeline_desktop.services import health
from pipeline_desktop.ui.report.page import (
    CONTENT_W,
    INK,
    MARGIN,
    MUTED,
    PAGE_W,
    RULE,
    SEVERITY_COLOURS,
    Doc,
    font,
)


def findings_pages(doc: Doc) -> None:
    """Each finding with its severity pill, the checks skipped, then the deals to act on."""
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


def _act_on_table(doc: Doc) -> None:
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
