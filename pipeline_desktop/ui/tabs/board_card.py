"""How the Board paints a deal card: a two-line title, company, value · age, next activity,
the stale mark; every card the same height so the list never measures text."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QSize, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter, QPalette, QPen
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem, QWidget

from pipeline_desktop.domain.money import format_money
from pipeline_desktop.domain.process import BoardCard
from pipeline_desktop.ui.theme import readable

CARD_LINES = 5  # the title on two lines, company, value · age, next activity
COLUMN_WIDTH = 200
CARD_ROLE = Qt.ItemDataRole.UserRole
STALE_ROLE = Qt.ItemDataRole.UserRole + 1
STALE = QColor("#ef6c00")
OVERDUE = QColor("#c62828")
AnyIndex = QModelIndex | QPersistentModelIndex


def two_lines(text: str, metrics: QFontMetrics, width: int) -> list[str]:
    """`text` word-wrapped to `width`: one line, or two with the second elided."""
    def fits(line: str) -> bool:  # the painter's own test: it elides what fails it
        return metrics.elidedText(line, Qt.TextElideMode.ElideRight, width) == line

    if fits(text):
        return [text]
    words = text.split()
    first = ""
    for index, word in enumerate(words):
        candidate = f"{first} {word}".strip()
        if not fits(candidate):
            rest = " ".join(words[index:])
            if not first:  # one word wider than the card: break inside it
                cut = len(word)
                while cut > 1 and not fits(word[:cut]):
                    cut -= 1
                first, rest = word[:cut], " ".join([word[cut:], *words[index + 1:]])
            return [first, metrics.elidedText(rest, Qt.TextElideMode.ElideRight, width)]
        first = candidate
    return [first]


class CardDelegate(QStyledItemDelegate):
    """Paints a deal as a card: title, company, value · age, next activity; stale marked."""

    def __init__(self, today: Callable[[], date], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._today = today

    def sizeHint(self, option: QStyleOptionViewItem, index: AnyIndex) -> QSize:
        """Every card has the same height (room for a two-line title), so the list never
        measures text."""
        line = QFontMetrics(option.font).height() + 1  # type: ignore[attr-defined]
        return QSize(COLUMN_WIDTH - 24, CARD_LINES * line + 16)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: AnyIndex) -> None:
        """Draw the card box and four lines of text."""
        card: BoardCard = index.data(CARD_ROLE)
        stale: bool = index.data(STALE_ROLE)
        palette = option.palette  # type: ignore[attr-defined]
        rect: QRect = option.rect.adjusted(3, 3, -3, -3)  # type: ignore[attr-defined]
        selected = bool(option.state & QStyle.StateFlag.State_Selected)  # type: ignore[attr-defined]
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setPen(QPen(palette.color(QPalette.ColorRole.Highlight) if selected
                            else palette.color(QPalette.ColorRole.Mid), 2 if selected else 1))
        painter.setBrush(palette.color(QPalette.ColorRole.Base))
        painter.drawRoundedRect(rect, 5, 5)
        if stale:
            painter.fillRect(QRect(rect.left() + 1, rect.top() + 4, 4, rect.height() - 8), STALE)
        text_rect = rect.adjusted(10, 5, -6, -4)
        self._draw_lines(painter, option, text_rect, card, stale)
        painter.restore()

    def _draw_lines(self, painter: QPainter, option: QStyleOptionViewItem, rect: QRect,
                    card: BoardCard, stale: bool) -> None:
        base = QFont(option.font)  # type: ignore[attr-defined]
        bold = QFont(base)
        bold.setBold(True)
        metrics = QFontMetrics(base)
        line = metrics.height() + 1
        width = rect.width()
        text_color = option.palette.color(QPalette.ColorRole.Text)  # type: ignore[attr-defined]
        muted = option.palette.color(QPalette.ColorRole.PlaceholderText)  # type: ignore[attr-defined]
        card_colour = option.palette.color(QPalette.ColorRole.Base)  # type: ignore[attr-defined]
        today = self._today()
        age = card.age_days(today)
        value = format_money(card.value_cents, card.currency, whole=True) \
            if card.value_cents is not None else "—"
        if card.next_activity is None:
            next_text, next_color = "No next activity", readable(STALE, card_colour)
        elif card.next_activity < today.isoformat():
            next_text, next_color = (f"Overdue: {card.next_activity}",
                                     readable(OVERDUE, card_colour))
        else:
            next_text, next_color = f"Next: {card.next_activity}", muted
        title = [*two_lines(card.title, QFontMetrics(bold), width), ""]
        lines = (
            (bold, text_color, title[0]),
            (bold, text_color, title[1]),
            (base, muted, card.company or "—"),
            (base, text_color, f"{value} · {age} d" + (" · stale" if stale else "")),
            (base, next_color, next_text),
        )
        y = rect.top()
        for font, color, text in lines:
            painter.setFont(font)
            painter.setPen(color)
            elided = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
            painter.drawText(QRect(rect.left(), y, width, line),
                             Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter, elided)
            y += line
