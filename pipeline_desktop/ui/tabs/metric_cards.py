"""The Metrics tab's KPI cards: a figure, its name, and its change against the previous
period (a share in %, a rate in percentage points)."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QVBoxLayout

from pipeline_desktop.ui.charts import GREEN, RED
from pipeline_desktop.ui.theme import MUTED, readable, window_colour


def change_of(now: float | None, before: float | None, *, lower_is_better: bool = False
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


def points_of(now: float | None, before: float | None) -> tuple[str, bool] | None:
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

    def show_figure(self, value: str, change: tuple[str, bool] | None, note: str) -> None:
        self.value.setText(value)
        if change is None:
            self.delta.setStyleSheet(MUTED)
            self.delta.setText(note)
        else:
            text, good = change
            color = readable(GREEN if good else RED, window_colour(self))
            self.delta.setStyleSheet(f"color: {color.name()};")
            self.delta.setText(f"{text} {note}")
