"""The exit criteria of the deal's stage as tick boxes; ticking one is an undoable command."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QLabel, QVBoxLayout, QWidget

from pipeline_desktop.domain.process import parse_criteria
from pipeline_desktop.domain.process_commands import SetCriteria
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.deal_panel.section import Section


class CriteriaSection(Section):
    """One tick box per exit criterion of an open stage ("None for this stage." otherwise)."""

    def __init__(self, controller: PipelineController, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Exit criteria"), parent)
        self.controller = controller
        self.boxes: list[QCheckBox] = []
        self.column = QVBoxLayout(self)

    def fill(self, deal: dict[str, Any], stage: Any) -> None:
        """Show the criteria of `stage` (the deal's, None if unknown), ticked as `deal` met."""
        self.deal = deal
        self.boxes = []
        while self.column.count():
            item = self.column.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        met = set(parse_criteria(deal["criteria_met"]))
        criteria = stage.exit_criteria if stage is not None and stage.is_open else ()
        name = stage.name if stage is not None else ""
        self.setTitle(self.tr("Exit criteria — %s") % name)
        if not criteria:
            self.column.addWidget(QLabel(self.tr("None for this stage."), self))
        for criterion in criteria:
            box = QCheckBox(criterion, self)
            box.setChecked(criterion in met)
            box.clicked.connect(lambda on, c=criterion: self.tick(c, on))
            self.column.addWidget(box)
            self.boxes.append(box)

    def tick(self, criterion: str, on: bool) -> None:
        """Tick or untick one exit criterion of the deal's stage."""
        if self.deal_id is None:
            return
        met = list(parse_criteria(self.deal["criteria_met"]))
        if on and criterion not in met:
            met.append(criterion)
        elif not on:
            met = [c for c in met if c != criterion]
        label = ("Tick “%s”" if on else "Untick “%s”") % criterion[:40]
        self.run(self.controller, SetCriteria(self.deal["id"], tuple(met), label=label))
