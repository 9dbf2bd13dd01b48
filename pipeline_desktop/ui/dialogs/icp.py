"""Pipeline › Ideal customer…: target industries, company size, regions and job titles, each
with a weight. Saving is one undoable step; every deal's fit score follows at once."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from pipeline_desktop.domain.icp import GOOD_FIT_THRESHOLD, IdealCustomerProfile
from pipeline_desktop.domain.process_commands import SetSetting
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.storage import process_store as store
from pipeline_desktop.ui.controller import PipelineController

MAX_EMPLOYEES = 10_000_000


class TargetList(QGroupBox):
    """Tick the values that fit (known ones are listed), add others, and give a weight."""

    def __init__(self, title: str, known: list[str], chosen: tuple[str, ...], weight: int,
                 parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.list = QListWidget(self)
        self.list.setMinimumHeight(110)
        chosen_keys = {c.casefold() for c in chosen}
        for value in [*chosen, *(k for k in known if k.casefold() not in chosen_keys)]:
            self._add(value, value.casefold() in chosen_keys)
        self.new = QLineEdit(self)
        self.new.setPlaceholderText(self.tr("Add another…"))
        self.new.returnPressed.connect(self.add_typed)
        add = QPushButton(self.tr("Add"), self)
        add.setAutoDefault(False)
        add.clicked.connect(self.add_typed)
        self.weight = QSpinBox(self)
        self.weight.setRange(0, 100)
        self.weight.setValue(weight)
        row = QHBoxLayout()
        row.addWidget(self.new, 1)
        row.addWidget(add)
        weight_row = QHBoxLayout()
        weight_row.addWidget(QLabel(self.tr("Weight"), self))
        weight_row.addWidget(self.weight)
        weight_row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list, 1)
        layout.addLayout(row)
        layout.addLayout(weight_row)

    def _add(self, value: str, checked: bool) -> QListWidgetItem:
        item = QListWidgetItem(value, self.list)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
        item.setCheckState(Qt.CheckState.Checked if checked else Qt.CheckState.Unchecked)
        return item

    def add_typed(self) -> None:
        text = " ".join(self.new.text().split())
        if not text:
            return
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.text().casefold() == text.casefold():
                item.setCheckState(Qt.CheckState.Checked)
                break
        else:
            self._add(text, True)
        self.new.clear()

    def set_checked(self, value: str, on: bool = True) -> None:
        for row in range(self.list.count()):
            item = self.list.item(row)
            if item.text().casefold() == value.casefold():
                item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                return
        if on:
            self._add(value, True)

    def chosen(self) -> list[str]:
        return [self.list.item(r).text() for r in range(self.list.count())
                if self.list.item(r).checkState() == Qt.CheckState.Checked]


class IcpDialog(QDialog):
    def __init__(self, controller: PipelineController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ideal customer profile"))
        self.controller = controller
        repository = controller.repository
        profile = store.load_icp(repository)
        known = store.known_profile_values(repository)
        self.industries = TargetList(self.tr("Industries"), known["industries"],
                                     profile.industries, profile.industry_weight, self)
        self.regions = TargetList(self.tr("Regions"), known["regions"], profile.regions,
                                  profile.region_weight, self)
        self.titles = TargetList(self.tr("Job titles (a title containing one fits)"),
                                 known["job_titles"], profile.job_titles, profile.title_weight,
                                 self)
        self.size_box = self._build_size(profile)
        intro = QLabel(self.tr(
            "A deal's fit is the weighted share of these criteria its company and contact "
            "meet, 0–100. Criteria left empty do not count. %d or more is a good fit."
        ) % GOOD_FIT_THRESHOLD, self)
        intro.setWordWrap(True)
        grid = QGridLayout()
        grid.addWidget(self.industries, 0, 0)
        grid.addWidget(self.regions, 0, 1)
        grid.addWidget(self.titles, 1, 0)
        grid.addWidget(self.size_box, 1, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(grid, 1)
        layout.addWidget(buttons)
        self.resize(760, 620)

    def _build_size(self, profile: IdealCustomerProfile) -> QGroupBox:
        box = QGroupBox(self.tr("Company size (employees)"), self)
        self.use_min = QCheckBox(self.tr("At least"), box)
        self.use_max = QCheckBox(self.tr("At most"), box)
        self.min_employees = QSpinBox(box)
        self.max_employees = QSpinBox(box)
        for spin, check, value in ((self.min_employees, self.use_min, profile.min_employees),
                                   (self.max_employees, self.use_max, profile.max_employees)):
            spin.setRange(0, MAX_EMPLOYEES)
            spin.setGroupSeparatorShown(True)
            spin.setValue(value or 0)
            check.setChecked(value is not None)
            spin.setEnabled(value is not None)
            check.toggled.connect(spin.setEnabled)
        self.size_weight = QSpinBox(box)
        self.size_weight.setRange(0, 100)
        self.size_weight.setValue(profile.size_weight)
        grid = QGridLayout(box)
        grid.addWidget(self.use_min, 0, 0)
        grid.addWidget(self.min_employees, 0, 1)
        grid.addWidget(self.use_max, 1, 0)
        grid.addWidget(self.max_employees, 1, 1)
        grid.addWidget(QLabel(self.tr("Weight"), box), 2, 0)
        grid.addWidget(self.size_weight, 2, 1)
        grid.setRowStretch(3, 1)
        return box

    def profile(self) -> IdealCustomerProfile:
        return IdealCustomerProfile.from_json({
            "industries": self.industries.chosen(),
            "industry_weight": self.industries.weight.value(),
            "min_employees": self.min_employees.value() if self.use_min.isChecked() else None,
            "max_employees": self.max_employees.value() if self.use_max.isChecked() else None,
            "size_weight": self.size_weight.value(),
            "regions": self.regions.chosen(), "region_weight": self.regions.weight.value(),
            "job_titles": self.titles.chosen(), "title_weight": self.titles.weight.value(),
        })

    def accept(self) -> None:
        """Store the profile as one undoable step (nothing when unchanged)."""
        profile = self.profile()
        if profile != store.load_icp(self.controller.repository):
            try:
                self.controller.execute(SetSetting("icp", profile.to_json(),
                                                   label="Edit ideal customer profile"))
            except PipelineError as error:
                QMessageBox.warning(self, self.windowTitle(), str(error))
                return
        super().accept()


def edit_icp(parent: QWidget, controller: PipelineController) -> None:
    IcpDialog(controller, parent).exec()
