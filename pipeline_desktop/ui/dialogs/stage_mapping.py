"""The import wizard's table of stage names the pipeline does not have: for each, a combo of
the pipeline's stages or "New stage", and the new stage's probability. The choices are the
same text the command line's --stage takes (services/excel/stage_choices.py)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHeaderView,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from pipeline_desktop.services.excel.stage_choices import NEW, StageChoice, parse_choice


@dataclass
class StageContext:
    """What the wizard needs to ask about stages: the pipeline's stage names (in order), the
    stage choices saved with each preset, and how to save them."""

    stages: list[str]
    presets: dict[str, dict[str, str]] = field(default_factory=dict)
    save_presets: Callable[[dict[str, dict[str, str]]], None] = lambda _presets: None


class StageMappingTable(QTableWidget):
    """One row per unknown stage name: the name, where it goes, a new stage's probability."""

    edited = Signal()  # the user changed a choice

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 3, parent)
        self.setObjectName("stage_mapping_table")
        self.setHorizontalHeaderLabels([self.tr("Stage in the file"), self.tr("Becomes"),
                                        self.tr("Probability of a new stage")])
        self.verticalHeader().setVisible(False)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        self.names: list[str] = []
        self.targets: list[QComboBox] = []
        self.spins: list[QSpinBox] = []

    def fill(self, names: list[str], stages: list[str], choices: Mapping[str, str],
             probabilities: Mapping[str, int]) -> None:
        """`choices`: as given so far; otherwise a new stage at `probabilities` (what the
        preview planned), else 10 %."""
        self.setRowCount(0)
        self.names, self.targets, self.spins = list(names), [], []
        for row, name in enumerate(names):
            choice = parse_choice(choices[name]) if name in choices else StageChoice(None)
            self.insertRow(row)
            self.setItem(row, 0, QTableWidgetItem(name))
            combo = QComboBox(self)
            combo.setObjectName(f"stage_target_{row}")
            combo.addItem(self.tr("New stage (before Won and Lost)"), NEW)
            for stage in stages:
                combo.addItem(stage, stage)
            spin = QSpinBox(self)
            spin.setObjectName(f"stage_probability_{row}")
            spin.setRange(0, 100)
            spin.setSuffix(" %")
            spin.setValue(choice.probability if choice.probability is not None
                          else probabilities.get(name, 10))
            found = combo.findData(choice.stage) if choice.stage else 0
            combo.setCurrentIndex(max(found, 0))
            spin.setEnabled(combo.currentData() == NEW)
            combo.currentIndexChanged.connect(self._target_changed)
            spin.valueChanged.connect(self.edited)
            self.setCellWidget(row, 1, combo)
            self.setCellWidget(row, 2, spin)
            self.targets.append(combo)
            self.spins.append(spin)
        self.resizeColumnsToContents()

    def _target_changed(self) -> None:
        for combo, spin in zip(self.targets, self.spins, strict=True):
            spin.setEnabled(combo.currentData() == NEW)
        self.edited.emit()

    def choices(self) -> dict[str, str]:
        """{stage name in the file: "Proposal" or "new:40"}."""
        return {name: (f"{NEW}:{spin.value()}" if combo.currentData() == NEW
                       else str(combo.currentData()))
                for name, combo, spin in zip(self.names, self.targets, self.spins,
                                             strict=True)}
