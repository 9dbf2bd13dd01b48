"""How well the deal's company fits the ideal customer profile (read only)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

from pipeline_desktop.domain.icp import fit_class, fit_score
from pipeline_desktop.storage import process_store as store
from pipeline_desktop.ui.deal_panel.section import Section


class FitSection(Section):
    """The fit score against the profile and what is known about the company."""

    def __init__(self, repository: Any, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Ideal customer fit"), parent)
        self.repository = repository
        layout = QVBoxLayout(self)
        self.score_label = QLabel(self)
        self.score_label.setStyleSheet("font-weight: 600;")
        self.details = QLabel(self)
        self.details.setWordWrap(True)
        layout.addWidget(self.score_label)
        layout.addWidget(self.details)

    def fill(self, deal: dict[str, Any]) -> None:
        """Score `deal`'s company against the stored profile."""
        self.deal = deal
        profile = store.load_icp(self.repository)
        industry, employees, region, title = store.fit_inputs(self.repository, deal["id"])
        known = [x for x in (industry, f"{employees} employees" if employees is not None else "",
                             region, title) if x]
        self.details.setText(" · ".join(known) or self.tr("Nothing known about the company"))
        if profile.is_empty:
            self.score_label.setText(self.tr("No ideal customer profile set (Pipeline menu)"))
            return
        score = fit_score(profile, industry, employees, region, title)
        if score is None:
            self.score_label.setText(self.tr("Fit unknown"))
            return
        verdict = self.tr("good fit") if fit_class(score) == "good" else self.tr("poor fit")
        self.score_label.setText(self.tr("%d / 100 — %s") % (score, verdict))
