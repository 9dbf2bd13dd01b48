"""The period the analysis tabs show: one choice for the Funnel and the Metrics (held by the
controller, so changing it in one tab changes the other), the bar that picks it, and the
notice a pipeline gets when nothing closed in that period."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, QObject, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QWidget,
)

from pipeline_desktop.services.closed_span import closed_span
from pipeline_desktop.services.periods import (
    PRESET_LABELS,
    Period,
    Preset,
    preset_period,
)

DEFAULT_PRESET = Preset.LAST_90_DAYS
IN_WORDS = {Preset.THIS_MONTH: "this month", Preset.THIS_QUARTER: "this quarter",
            Preset.THIS_YEAR: "this year", Preset.LAST_90_DAYS: "in the last 90 days",
            Preset.ALL_TIME: "ever"}


class SharedPeriod(QObject):
    """A preset, or custom dates: what every PeriodBar bound to it shows."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.preset = DEFAULT_PRESET
        self.start: date | None = None
        self.end: date | None = None

    def choose(self, preset: Preset, start: date | None = None,
               end: date | None = None) -> None:
        if (preset, start, end) == (self.preset, self.start, self.end):
            return
        self.preset, self.start, self.end = preset, start, end
        self.changed.emit()


def shared_period(controller: QObject) -> SharedPeriod:
    """The controller's period, made on first use (like charts.shared_engine)."""
    found = getattr(controller, "_shared_period", None)
    if found is None:
        found = SharedPeriod(controller)
        controller._shared_period = found  # type: ignore[attr-defined]
    return found


class PeriodBar(QWidget):
    """This month / quarter / year, last 90 days, all time, or custom dates: the period that
    selects won and lost deals by closed date. Emits `changed` with the new Period. Bound to
    a SharedPeriod, it shows and sets that one (and emits when another bar changes it)."""

    changed = Signal(object)

    def __init__(self, today: Callable[[], date] = date.today, parent: QWidget | None = None,
                 default: Preset = Preset.ALL_TIME, shared: SharedPeriod | None = None) -> None:
        super().__init__(parent)
        self._today = today
        self.shared = shared
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("Closed in:")))
        self.combo = QComboBox()
        self.combo.setObjectName("period")
        self.combo.setAccessibleName(self.tr("Period"))
        for preset, label in PRESET_LABELS.items():
            self.combo.addItem(self.tr(label), preset.value)
        layout.addWidget(self.combo)
        self.start_edit, self.end_edit = QDateEdit(), QDateEdit()
        self.start_edit.setAccessibleName(self.tr("Period starts"))
        self.end_edit.setAccessibleName(self.tr("Period ends"))
        for edit in (self.start_edit, self.end_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setVisible(False)
            edit.dateChanged.connect(self._emit)
        self.to_label = QLabel(self.tr("to"))
        self.to_label.setVisible(False)
        layout.addWidget(self.start_edit)
        layout.addWidget(self.to_label)
        layout.addWidget(self.end_edit)
        self.combo.setCurrentIndex(self.combo.findData(default.value))
        if shared is not None:
            self._follow()
            shared.changed.connect(self._shared_changed)
        self.combo.currentIndexChanged.connect(self._preset_changed)

    def period(self) -> Period:
        preset = Preset(self.combo.currentData())
        if preset is Preset.CUSTOM:
            start, end = self.start_edit.date().toPython(), self.end_edit.date().toPython()
            return Period(min(start, end), max(start, end))
        return preset_period(preset, self._today())

    def set_preset(self, preset: Preset) -> None:
        self.combo.setCurrentIndex(self.combo.findData(Preset(preset).value))

    def set_custom(self, start: date, end: date) -> None:
        self._set_dates(start, end)
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(self.combo.findData(Preset.CUSTOM.value))
        self.combo.blockSignals(False)
        self._emit()

    def describe(self) -> str:
        """How the window names the period in sentences: `this quarter`, `2026-01-01 – …`."""
        preset = Preset(self.combo.currentData())
        if preset is Preset.CUSTOM:
            return self.period().label()
        return self.tr(PRESET_LABELS[preset]).lower()

    def in_words(self) -> str:
        """The period in a sentence: `No deals closed in the last 90 days`."""
        preset = Preset(self.combo.currentData())
        if preset is Preset.CUSTOM:
            period = self.period()
            return self.tr("from %s to %s") % (period.start, period.end)
        return self.tr(IN_WORDS[preset])

    def _set_dates(self, start: date, end: date) -> None:
        for edit, day in ((self.start_edit, start), (self.end_edit, end)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _preset_changed(self) -> None:
        custom = Preset(self.combo.currentData()) is Preset.CUSTOM
        if custom and self.start_edit.date() == QDate(2000, 1, 1):
            today = self._today()
            start = preset_period(Preset.THIS_QUARTER, today).start or today
            self.set_custom(start, today)
            return
        self._emit()

    def _show_dates(self) -> None:
        custom = Preset(self.combo.currentData()) is Preset.CUSTOM
        for widget in (self.start_edit, self.to_label, self.end_edit):
            widget.setVisible(custom)

    def _emit(self) -> None:
        """The user chose: tell the shared period (which tells every bar), or just ours."""
        self._show_dates()
        if self.shared is not None:
            preset = Preset(self.combo.currentData())
            period = self.period() if preset is Preset.CUSTOM else Period()
            self.shared.choose(preset, period.start, period.end)
            return
        self.changed.emit(self.period())

    def _follow(self) -> None:
        """Show what the shared period holds, without echoing it back."""
        assert self.shared is not None
        if self.shared.start is not None and self.shared.end is not None:
            self._set_dates(self.shared.start, self.shared.end)
        self.combo.blockSignals(True)
        self.combo.setCurrentIndex(self.combo.findData(self.shared.preset.value))
        self.combo.blockSignals(False)
        self._show_dates()

    def _shared_changed(self) -> None:
        self._follow()
        self.changed.emit(self.period())


class NoDataNotice(QFrame):
    """"No deals closed in the last 90 days; the latest closed on 2017-06-30", with a button
    that sets `bar` to the period holding the pipeline's closed deals."""

    def __init__(self, bar: PeriodBar, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.bar = bar
        self.setObjectName("no_data_notice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.text = QLabel(self)
        self.text.setObjectName("no_data_text")
        self.text.setWordWrap(True)
        self.button = QPushButton(self)
        self.button.setObjectName("show_data_period")
        self.button.setAccessibleName(self.tr("Show the period with closed deals"))
        self.button.clicked.connect(self._show_span)
        self.span: Period | None = None
        layout = QHBoxLayout(self)
        layout.setContentsMargins(8, 4, 8, 4)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.setVisible(False)

    def judge(self, closed: int, repository: Any) -> None:
        """Show the notice when the period has no closed deal but the pipeline has some;
        hide it otherwise (the pipeline is only asked when the period shows none)."""
        span = None if closed else closed_span(repository)
        self.span = span
        if span is None or span.start is None or span.end is None:
            self.setVisible(False)
            return
        self.text.setText(self.tr("No deals closed %s; the latest closed on %s.") % (
            self.bar.in_words(), span.end.isoformat()))
        self.button.setText(self.tr("Show %s – %s") % (span.start.isoformat(),
                                                        span.end.isoformat()))
        self.setVisible(True)

    def _show_span(self) -> None:
        if self.span is not None and self.span.start and self.span.end:
            self.bar.set_custom(self.span.start, self.span.end)
