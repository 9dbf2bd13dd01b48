"""The deal panel beside the deal table: every field of the selected deal, the exit criteria of
its stage as tick boxes, BANT, ICP fit, activities and stage history, one section widget each.
Every edit made here is a command on the undo stack."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QScrollArea, QVBoxLayout, QWidget

from pipeline_desktop.domain.commands import Changes
from pipeline_desktop.errors import PipelineError
from pipeline_desktop.ui.controller import PipelineController
from pipeline_desktop.ui.deal_panel.activities import ActivitiesSection
from pipeline_desktop.ui.deal_panel.criteria import CriteriaSection
from pipeline_desktop.ui.deal_panel.fields import FieldsSection
from pipeline_desktop.ui.deal_panel.fit import FitSection
from pipeline_desktop.ui.deal_panel.history import HistorySection
from pipeline_desktop.ui.deal_panel.qualification import QualificationSection
from pipeline_desktop.ui.deal_panel.section import Section
from pipeline_desktop.ui.settings import AppSettings


class DealPanel(QWidget):
    """A heading and the sections in a scroll area; reads the selected deal once and hands
    each section what it shows. Refills whenever the deal, the stages or everything changed."""

    def __init__(self, controller: PipelineController, settings: AppSettings,
                 today: Callable[[], date] = date.today) -> None:
        super().__init__()
        self.setObjectName("deal_panel")
        self.controller = controller
        self.repository = controller.repository
        self.settings = settings
        self.deal_id: int | None = None
        self.fields = FieldsSection(controller)
        self.criteria = CriteriaSection(controller)
        self.bant = QualificationSection(controller)
        self.fit = FitSection(controller.repository)
        self.activities = ActivitiesSection(controller, today)
        self.history = HistorySection(controller.repository)
        self._build()
        for section in self.sections():
            section.refused.connect(self._reload)
        controller.changed.connect(self._changed)
        self.show_deal(None)

    def sections(self) -> tuple[Section, ...]:
        return (self.fields, self.criteria, self.bant, self.fit, self.activities, self.history)

    def _build(self) -> None:
        self.heading = QLabel(self)
        self.heading.setWordWrap(True)
        self.heading.setStyleSheet("font-size: 15px; font-weight: 600;")
        self.empty = QLabel(self.tr("Select a deal to see its details."), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.setContentsMargins(0, 0, 4, 0)
        for section in self.sections():
            column.addWidget(section)
        column.addStretch(1)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        self.scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll.setWidget(body)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.empty, 1)
        layout.addWidget(self.scroll, 1)
        self.setMinimumWidth(300)

    def show_deal(self, deal_id: int | None) -> None:
        """Show one deal (None: the empty hint)."""
        deal: dict[str, Any] = {}
        if deal_id is not None:
            try:
                deal = self.repository.deal(deal_id)
            except PipelineError:
                deal_id = None
        self.deal_id = deal_id
        if deal_id is None:  # before hiding: a field losing focus then stores nothing
            for section in self.sections():
                section.forget()
        self.scroll.setVisible(deal_id is not None)
        self.empty.setVisible(deal_id is None)
        if deal_id is None:
            self.heading.setText(self.tr("No deal selected"))
            return
        self._fill(deal)

    def _fill(self, deal: dict[str, Any]) -> None:
        stages = self.repository.stages()
        stage = next((s for s in stages if s.id == deal["stage"]), None)
        self.heading.setText(f"#{deal['id']} {deal['title']}")
        self.fields.fill(deal, stages)
        self.criteria.fill(deal, stage)
        self.bant.fill(deal)
        self.fit.fill(deal)
        self.activities.fill(deal)
        self.history.fill(deal)

    def _reload(self) -> None:
        """An edit was refused or a move cancelled: show the deal as stored."""
        self.show_deal(self.deal_id)

    def _changed(self, changes: Changes) -> None:
        if self.deal_id is None:
            return
        if changes.everything or changes.stages or self.deal_id in changes.deals:
            self.show_deal(self.deal_id)
