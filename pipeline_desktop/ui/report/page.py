"""The page: A4 geometry in points (the writer runs at 72 dpi, so a page is 595 × 842), the
report's colours and fonts, and `Doc`, a y cursor over pages that draws text and footers."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetricsF, QPainter, QPdfWriter, QPen

from pipeline_desktop.domain.money import format_compact, format_money
from pipeline_desktop.ui.report.data import ReportData

PAGE_W, PAGE_H = 595.0, 842.0
MARGIN = 50.0
CONTENT_W = PAGE_W - 2 * MARGIN
TOP, BOTTOM = 60.0, PAGE_H - 60.0

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


def font(size: float, *, bold: bool = False) -> QFont:
    """The report's typeface at `size` points."""
    f = QFont("DejaVu Sans")
    f.setPointSizeF(size)
    f.setBold(bold)
    return f


class Doc:
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
