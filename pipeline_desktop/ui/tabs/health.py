"""The Health tab: "is my pipeline healthy?" — the score with its breakdown, the target, the
findings (each opens its deals in the Deals tab) and the deals to act on.

The figures come from `services.health.check`; this tab only shows them. The first check runs
when the tab is built; after an edit (the controller's `changed` signal) the tab checks again in
a thread while visible, or when next shown, so a 100,000-deal pipeline never freezes the
window (a check takes about a second there)."""

from __future__ import annotations

import html
import logging
import threading
from datetime import date

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QProgressBar,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pipeline_desktop.domain.money import format_money
from pipeline_desktop.services import health
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.dialogs.targets import TargetsDialog
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.theme import readable, window_colour

SEVERITY_COLOURS = {"critical": "#c0392b", "warning": "#d68910", "info": "#2e86c1"}
REFRESH_DELAY_MS = 250  # edits in quick succession refresh once


def _keep(text: str) -> str:
    """Escaped text that never wraps inside a rich-text table cell."""
    return html.escape(text).replace(" ", "&nbsp;")


class FindingCard(QFrame):
    """One finding: severity, title, its sentence, and a button opening its deals."""

    def __init__(self, finding: health.Finding, controller: PipelineController,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.finding = finding
        self.controller = controller
        self.setObjectName(f"finding_{finding.id}")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        colour = SEVERITY_COLOURS[finding.severity]
        self.setStyleSheet(f"#finding_{finding.id} {{ border-left: 4px solid {colour}; }}")
        layout = QGridLayout(self)
        badge = QLabel(self.tr(finding.severity.upper()))
        badge.setStyleSheet(f"color: white; background: {colour}; border-radius: 3px;"
                            "padding: 1px 6px; font-weight: bold; font-size: 8pt;")
        badge.setAlignment(Qt.AlignmentFlag.AlignCenter)
        badge.setFixedWidth(76)
        title = QLabel(f"<b>{self.tr(health.FINDING_TITLES.get(finding.id, finding.id))}</b>")
        message = QLabel(finding.message)
        message.setWordWrap(True)
        message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout.addWidget(badge, 0, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(title, 0, 1)
        layout.addWidget(message, 1, 1, 1, 2)
        layout.setColumnStretch(1, 1)
        self.button: QPushButton | None = None
        if finding.deal_ids:
            count = len(finding.deal_ids)
            text = self.tr("Show 1 deal") if count == 1 else self.tr("Show %s deals") % (
                f"{count:,}")
            self.button = QPushButton(text)
            self.button.setObjectName("show_deals")
            self.button.clicked.connect(self.show_deals)
            layout.addWidget(self.button, 0, 2, Qt.AlignmentFlag.AlignRight)

    def show_deals(self) -> None:
        title = self.tr(health.FINDING_TITLES.get(self.finding.id, self.finding.id))
        self.controller.show_deals.emit({"deal_ids": list(self.finding.deal_ids),
                                         "label": self.tr("Health · %s") % title})


class HealthTab(QWidget):
    _checked = Signal(object)  # a HealthReport, or the exception, from the checking thread

    def __init__(self, controller: PipelineController, settings: AppSettings,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.settings = settings
        self.report: health.HealthReport | None = None
        self.checking = False  # a check is running in its thread
        self._dirty = True
        self._again = False  # something changed while a check was running
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(REFRESH_DELAY_MS)
        self._timer.timeout.connect(self.refresh_in_background)
        self._checked.connect(self._show_checked)
        self._build()
        controller.changed.connect(self._on_changed)
        self.refresh()

    # ---- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        outer = QVBoxLayout(self)
        outer.addLayout(self._build_header())
        splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.findings_area = QScrollArea()
        self.findings_area.setWidgetResizable(True)
        self.findings_area.setObjectName("findings")
        splitter.addWidget(self.findings_area)
        splitter.addWidget(self._build_act_on())
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 2)
        outer.addWidget(splitter, 1)

    def _build_header(self) -> QHBoxLayout:
        header = QHBoxLayout()
        score_box = QVBoxLayout()
        self.score_label = QLabel()
        self.score_label.setObjectName("score")
        self.score_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        score_box.addWidget(self.score_label)
        caption = QLabel(self.tr("health score out of 100"))
        caption.setAlignment(Qt.AlignmentFlag.AlignCenter)
        score_box.addWidget(caption)
        header.addLayout(score_box)
        self.breakdown = QGridLayout()
        self.bars: dict[str, tuple[QLabel, QProgressBar, QLabel]] = {}
        header.addLayout(self.breakdown, 2)
        side = QVBoxLayout()
        self.target_label = QLabel()
        self.target_label.setObjectName("target")
        self.target_label.setWordWrap(True)
        side.addWidget(self.target_label)
        buttons = QHBoxLayout()
        targets = QPushButton(self.tr("Targets and thresholds…"))
        targets.setObjectName("edit_targets")
        targets.clicked.connect(self.edit_targets)
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh_in_background)
        buttons.addWidget(targets)
        buttons.addWidget(refresh)
        buttons.addStretch(1)
        side.addLayout(buttons)
        self.status_label = QLabel()
        self.status_label.setObjectName("health_status")
        side.addWidget(self.status_label)
        side.addStretch(1)
        header.addLayout(side, 2)
        return header

    def _build_act_on(self) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(QLabel(self.tr("<b>Deals to act on</b> — named by the most findings, "
                                        "then by weighted value; double-click to open")))
        self.act_on_table = QTableWidget(0, 5)
        self.act_on_table.setAccessibleName(self.tr("Deals to act on"))
        self.act_on_table.setObjectName("act_on")
        self.act_on_table.setHorizontalHeaderLabels(
            [self.tr("#"), self.tr("Deal"), self.tr("Stage"), self.tr("Value"), self.tr("Why")])
        self.act_on_table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.act_on_table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.act_on_table.verticalHeader().setVisible(False)
        header = self.act_on_table.horizontalHeader()
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(4, QHeaderView.ResizeMode.Stretch)
        self.act_on_table.cellDoubleClicked.connect(self._open_act_on)
        layout.addWidget(self.act_on_table)
        return box

    # ---- refreshing ------------------------------------------------------------------------

    def _on_changed(self, _changes: object) -> None:
        self._dirty = True
        if self.isVisible():
            self._timer.start()

    def showEvent(self, event) -> None:  # Qt override
        """Catch up with changes made while another tab was showing."""
        super().showEvent(event)
        if self._dirty:
            self._timer.start()

    def refresh(self) -> None:
        """Check now, on this thread (the first time, and after editing targets)."""
        self._timer.stop()
        self._dirty = False
        self._show(health.check(self.controller.repository, date.today()))

    def refresh_in_background(self) -> None:
        """Check in a thread; the result arrives through `_checked`."""
        self._timer.stop()
        if self.checking:
            self._again = True
            return
        self.checking = True
        self._dirty = False
        self.status_label.setText(self.tr("Checking…"))
        threading.Thread(target=self._check_in_thread, args=(date.today(),),
                         daemon=True).start()

    def _check_in_thread(self, today: date) -> None:
        repository = self.controller.repository
        try:
            result: object = health.check(repository, today)
        except Exception as error:  # reaches the tab as a message, never dies in a thread
            logging.getLogger("pipeline_desktop").exception("health check failed")
            result = error
        finally:
            repository.db.close()  # this thread's own connection
        self._checked.emit(result)

    def _show_checked(self, result: object) -> None:
        self.checking = False
        if isinstance(result, health.HealthReport):
            self.status_label.clear()
            self._show(result)
        else:
            self.status_label.setText(self.tr("The check failed: %s") % result)
        if self._again:
            self._again = False
            self.refresh_in_background()

    def _show(self, report: health.HealthReport) -> None:
        self.report = report
        self._show_score(report)
        self._show_target(report)
        self._show_findings(report)
        self._show_act_on(report)

    def _show_score(self, report: health.HealthReport) -> None:
        colour = readable("#2e7d32" if report.score >= 75 else (  # redrawn on a theme switch
            "#d68910" if report.score >= 50 else "#c0392b"), window_colour(self)).name()
        self.score_label.setText(
            f"<span style='font-size: 40pt; font-weight: bold; color: {colour}'>"
            f"{report.score}</span>")
        for row, area in enumerate(report.breakdown):
            if area.key not in self.bars:
                widgets = (QLabel(), QProgressBar(), QLabel())
                widgets[1].setTextVisible(False)
                widgets[1].setMaximumHeight(10)
                widgets[1].setMaximumWidth(220)
                for column, widget in enumerate(widgets):
                    self.breakdown.addWidget(widget, row, column)
                self.bars[area.key] = widgets
            label, bar, points = self.bars[area.key]
            label.setText(f"{self.tr(area.label)}<br><small>{area.note}</small>")
            bar.setRange(0, int(area.maximum * 10))
            bar.setValue(int((area.points or 0) * 10))
            bar.setEnabled(area.points is not None)
            points.setText(self.tr("n/a") if area.points is None
                           else f"{area.points:g} / {area.maximum:g}")

    def _show_target(self, report: health.HealthReport) -> None:
        """A small table: the business, then each owner with a target covering today."""
        statuses = ([report.target] if report.target else []) + list(report.owner_targets)
        if not statuses:
            self.target_label.setText(self.tr(
                "No revenue target covers today. Set one to see attainment, the gap and "
                "coverage."))
            return
        threshold = statuses[0].threshold
        head = (self.tr("Period"), self.tr("Target"), self.tr("Won"), self.tr("Gap"),
                self.tr("Coverage (healthy %s×)") % f"{threshold:g}")
        rows = ["<tr>" + "".join(f"<th align='left'>{_keep(h)}</th>" for h in ("", *head))
                + "</tr>"]
        for status in statuses:
            rows.append(self._target_row(status, report.currency))
        self.target_label.setText("<table cellspacing='0' cellpadding='3'>"
                                  + "".join(rows) + "</table>")

    def _target_row(self, status, currency: str) -> str:
        money = lambda cents: format_money(cents, currency, whole=True)  # noqa: E731
        coverage = (self.tr("target met") if status.coverage is None
                    else f"{status.coverage:.1f}×")
        colour = readable("#2e7d32" if status.healthy else "#c0392b", window_colour(self)).name()
        who = status.owner or self.tr("Business")
        cells = (f"<b>{_keep(who)}</b>", _keep(status.label), _keep(money(status.target_cents)),
                 _keep(f"{money(status.won_cents)} ({status.attainment * 100:.0f}%)"),
                 _keep(money(status.gap_cents)),
                 f"<b style='color: {colour}'>{_keep(coverage)}</b>")
        return "<tr>" + "".join(f"<td>{cell}</td>" for cell in cells) + "</tr>"

    def _show_findings(self, report: health.HealthReport) -> None:
        box = QWidget()
        layout = QVBoxLayout(box)
        self.cards = [FindingCard(f, self.controller) for f in report.findings]
        for card in self.cards:
            layout.addWidget(card)
        if not report.findings:
            layout.addWidget(QLabel(self.tr("Nothing to worry about.")))
        for finding_id, why in report.skipped.items():
            title = health.FINDING_TITLES.get(finding_id, finding_id)
            note = QLabel(f"<i>{self.tr('Not checked')} — {self.tr(title)}: {why}.</i>")
            note.setWordWrap(True)
            layout.addWidget(note)
        layout.addStretch(1)
        self.findings_area.setWidget(box)

    def _show_act_on(self, report: health.HealthReport) -> None:
        table = self.act_on_table
        table.setRowCount(len(report.act_on))
        for row, deal in enumerate(report.act_on):
            why = ", ".join(health.FINDING_TITLES.get(r, r) for r in deal.reasons)
            cells = (str(deal.deal_id), deal.title, deal.stage,
                     format_money(deal.value_cents, report.currency, whole=True), why)
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (0, 3):
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight
                                          | Qt.AlignmentFlag.AlignVCenter)
                table.setItem(row, column, item)
        table.resizeColumnToContents(0)
        table.resizeColumnToContents(2)
        table.resizeColumnToContents(3)

    # ---- actions ---------------------------------------------------------------------------

    def _open_act_on(self, row: int, _column: int) -> None:
        if self.report is not None and 0 <= row < len(self.report.act_on):
            self.controller.show_deals.emit({"deal_ids": [self.report.act_on[row].deal_id]})

    def edit_targets(self) -> None:
        TargetsDialog.ask(self.controller, self)  # saving notifies: this tab checks again
