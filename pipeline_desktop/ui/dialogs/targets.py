"""Pipeline › Revenue targets…: targets per month or quarter (for the business or one owner),
the healthy coverage, and the other thresholds of the health check.

Targets and thresholds travel with the pipeline file (its settings table), so the owner sets
them once for everyone who opens it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from pipeline_desktop.domain import targets as tg
from pipeline_desktop.domain.commands import Changes
from pipeline_desktop.domain.money import format_money, parse_money
from pipeline_desktop.errors import ValidationError
from pipeline_desktop.services import health
from pipeline_desktop.storage.currency_store import home_currency
from pipeline_desktop.ui.controller import PipelineController

BUSINESS = "(whole business)"


def edit_targets(parent: QWidget, controller: PipelineController) -> None:
    """The menu action: edit, save, and let every tab refresh."""
    TargetsDialog.ask(controller, parent)


class TargetsDialog(QDialog):
    def __init__(self, controller: PipelineController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        repository = controller.repository
        self.currency = home_currency(repository.db)  # targets are in the home currency
        self.owners = repository.owners()
        self.setWindowTitle(self.tr("Revenue targets"))
        self.setObjectName("targets_dialog")
        self.resize(620, 520)
        tabs = QTabWidget(self)
        tabs.addTab(self._build_targets(health.load_targets(repository)), self.tr("Targets"))
        thresholds = health.load_thresholds(repository)
        tabs.addTab(self._build_thresholds(thresholds), self.tr("Health thresholds"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(tabs)
        layout.addWidget(buttons)
        self.result_value: tuple[list[tg.Target], health.Thresholds] | None = None

    # ---- targets ---------------------------------------------------------------------------

    def _build_targets(self, targets: list[tg.Target]) -> QWidget:
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(QLabel(self.tr(
            "A target per month (YYYY-MM) or quarter (YYYY-Q1…Q4), for the whole business or "
            "one owner. A month's own target wins over its quarter's.")))
        self.table = QTableWidget(0, 3)
        self.table.setObjectName("targets_table")
        self.table.setHorizontalHeaderLabels([self.tr("Period"), self.tr("Owner"),
                                              self.tr("Target")])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnWidth(0, 110)
        self.table.setColumnWidth(2, 170)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        for target in targets:
            self.add_row(target.period, target.owner, target.amount_cents)
        layout.addWidget(self.table)
        row = QHBoxLayout()
        today = date.today()
        add_month = QPushButton(self.tr("Add month"))
        add_month.clicked.connect(lambda: self.add_row(tg.month_key(today), "", None))
        add_quarter = QPushButton(self.tr("Add quarter"))
        add_quarter.clicked.connect(lambda: self.add_row(tg.quarter_key(today), "", None))
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(self.remove_selected)
        for button in (add_month, add_quarter, remove):
            row.addWidget(button)
        row.addStretch(1)
        layout.addLayout(row)
        form = QFormLayout()
        self.coverage = QDoubleSpinBox()
        self.coverage.setObjectName("coverage")
        self.coverage.setRange(0.5, 20)
        self.coverage.setSingleStep(0.5)
        self.coverage.setSuffix("×")
        self.coverage.setDecimals(1)
        self.coverage.setMaximumWidth(120)
        form.addRow(self.tr("Healthy coverage (weighted pipeline ÷ gap):"), self.coverage)
        layout.addLayout(form)
        return page

    def add_row(self, period: str, owner: str, amount_cents: int | None) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(period))
        owner_box = QComboBox()
        owner_box.setEditable(True)
        owner_box.addItems([BUSINESS, *self.owners])
        owner_box.setCurrentText(owner or BUSINESS)
        self.table.setCellWidget(row, 1, owner_box)
        amount = "" if amount_cents is None else format_money(amount_cents, self.currency,
                                                              whole=amount_cents % 100 == 0)
        self.table.setItem(row, 2, QTableWidgetItem(amount))
        self.table.setCurrentCell(row, 2)
        return row

    def remove_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectedIndexes()}, reverse=True)
        for row in rows:
            self.table.removeRow(row)

    def targets(self) -> list[tg.Target]:
        """The table as targets; a row that makes no sense raises ValidationError."""
        found = []
        for row in range(self.table.rowCount()):
            period = (self.table.item(row, 0) or QTableWidgetItem()).text()
            owner_box = self.table.cellWidget(row, 1)
            owner = owner_box.currentText() if isinstance(owner_box, QComboBox) else ""
            owner = "" if owner.strip() in ("", BUSINESS) else owner
            amount_text = (self.table.item(row, 2) or QTableWidgetItem()).text()
            try:
                amount = parse_money(amount_text)
                found.append(tg.make_target(period, amount, owner))
            except ValidationError as error:
                raise ValidationError(f"Row {row + 1}: {error}") from None
        tg.check_unique(found)
        return found

    # ---- thresholds ------------------------------------------------------------------------

    def _build_thresholds(self, thresholds: health.Thresholds) -> QWidget:
        self.coverage.setValue(thresholds.coverage)
        self.threshold_editor = ThresholdsEditor(thresholds, include_coverage=False)
        area = QScrollArea()
        area.setWidgetResizable(True)
        area.setWidget(self.threshold_editor)
        return area

    def thresholds(self) -> health.Thresholds:
        return replace(self.threshold_editor.value(), coverage=self.coverage.value())

    # ---- result ----------------------------------------------------------------------------

    def accept(self) -> None:
        """Save when everything is valid; otherwise say which row is wrong and stay open."""
        try:
            targets = self.targets()
        except ValidationError as error:
            QMessageBox.warning(self, self.windowTitle(), str(error))
            return
        thresholds = self.thresholds()
        repository = self.controller.repository
        health.save_targets(repository, targets)
        health.save_thresholds(repository, thresholds)
        self.result_value = (targets, thresholds)
        self.controller.notify(Changes())  # the metrics and health tabs redraw
        super().accept()

    @classmethod
    def ask(cls, controller: PipelineController, parent: QWidget | None = None
            ) -> tuple[list[tg.Target], health.Thresholds] | None:
        """Show the dialog; the saved (targets, thresholds), or None when cancelled."""
        dialog = cls(controller, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_value


class ThresholdsEditor(QWidget):
    """A form over every health threshold; reusable (e.g. as a Preferences page).
    Shares are shown as percentages and stored as fractions."""

    def __init__(self, thresholds: health.Thresholds, *, include_coverage: bool = True,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("thresholds_editor")
        self._base = thresholds
        form = QFormLayout(self)
        form.addRow(QLabel(self.tr("When the health check raises a finding.")))
        self.inputs: dict[str, tuple[QSpinBox | QDoubleSpinBox, bool]] = {}
        for name, label, suffix, low, high, step, percent in health.THRESHOLD_LABELS:
            if name == "coverage" and not include_coverage:
                continue
            value = getattr(thresholds, name)
            if isinstance(value, int) and not percent:
                box: QSpinBox | QDoubleSpinBox = QSpinBox()
                box.setRange(int(low), int(high))
                box.setValue(value)
            else:
                box = QDoubleSpinBox()
                box.setDecimals(0 if percent else 1)
                box.setRange(low, high)
                box.setSingleStep(step)
                box.setValue(value * 100 if percent else value)
            box.setSuffix(suffix)
            box.setObjectName(name)
            box.setMaximumWidth(160)
            self.inputs[name] = (box, percent)
            form.addRow(self.tr(label), box)
        defaults = QPushButton(self.tr("Restore defaults"))
        defaults.clicked.connect(lambda: self.load(health.Thresholds()))
        form.addRow("", defaults)

    def load(self, thresholds: health.Thresholds) -> None:
        for name, (box, percent) in self.inputs.items():
            value = getattr(thresholds, name)
            box.setValue(value * 100 if percent else value)

    def value(self) -> health.Thresholds:
        values: dict[str, float | int] = {}
        for name, (box, percent) in self.inputs.items():
            number = box.value()
            values[name] = round(number / 100, 4) if percent else number
        return _merge(self._base, values)


def _merge(base: health.Thresholds, values: dict[str, float | int]) -> health.Thresholds:
    """`base` with `values` over it, through the same checks as stored values."""
    return health.Thresholds.from_json({**base.to_json(), **values})
