"""The Deals tab's filter bar: a search box, quick filters and the New deal button. Every
filter that is on shows here: a stage another tab asked for (the Funnel, a Board column) in
the stage filter, deals it asked for (Health's "Show 21 deals") as a chip with ✕, and
"Clear filters" turns everything off."""

from __future__ import annotations

from collections.abc import Iterable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QWidget,
)

from pipeline_desktop.ui.models.deal_table import DealFilter

ANY = None


class DealFilterBar(QWidget):
    """Emits `changed` with the DealFilter the user set; the stage and owner choices come from
    the pipeline (`fill_choices`), the others are fixed."""

    changed = Signal(object)  # DealFilter

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.search = QLineEdit(self)
        self.search.setObjectName("deal_search")
        self.search.setPlaceholderText(self.tr("Search title, company, contact, owner…"))
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName(self.tr("Search deals"))
        self.search.textChanged.connect(self._emit)
        self.stage_filter = self._combo("stage_filter", self.tr("All stages"))
        self.owner_filter = self._combo("owner_filter", self.tr("All owners"))
        self.status_filter = self._combo("status_filter", self.tr("Any status"), (
            (self.tr("Open"), "open"), (self.tr("Won"), "won"), (self.tr("Lost"), "lost")))
        self.bant_filter = self._combo("bant_filter", self.tr("Any qualification"), (
            (self.tr("Qualified (4/4)"), "full"), (self.tr("Partly qualified"), "partial"),
            (self.tr("Not qualified"), "none")))
        self.fit_filter = self._combo("fit_filter", self.tr("Any fit"), (
            (self.tr("Good fit"), "good"), (self.tr("Poor fit"), "poor")))
        self._deal_ids: frozenset[int] | None = None  # asked for by another tab (the chip)
        self.chip = QToolButton(self)
        self.chip.setObjectName("deal_ids_chip")
        self.chip.setToolTip(self.tr("Show every deal again"))
        self.chip.setAccessibleName(self.tr("Deals chosen by another tab: remove"))
        self.chip.clicked.connect(self._drop_chosen)
        self.chip.setVisible(False)
        self.clear_button = QPushButton(self.tr("Clear filters"), self)
        self.clear_button.setObjectName("clear_filters")
        self.clear_button.clicked.connect(self.clear_filters)
        self.clear_button.setVisible(False)
        self.new_button = QPushButton(self.tr("New deal…"), self)
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)  # one line
        self._lay_out()

    def _combo(self, name: str, everything: str,
               choices: Iterable[tuple[str, str]] = ()) -> QComboBox:
        combo = QComboBox(self)
        combo.setObjectName(name)
        combo.setAccessibleName(everything)
        combo.addItem(everything, ANY)
        for text, data in choices:
            combo.addItem(text, data)
        combo.currentIndexChanged.connect(self._emit)
        return combo

    def _lay_out(self) -> None:
        bar = QHBoxLayout(self)
        bar.setContentsMargins(0, 0, 0, 0)
        bar.addWidget(self.search, 3)
        for combo in self.combos():
            bar.addWidget(combo, 1)
        bar.addWidget(self.chip)
        bar.addWidget(self.clear_button)
        bar.addWidget(self.new_button)

    def combos(self) -> tuple[QComboBox, ...]:
        return (self.stage_filter, self.owner_filter, self.status_filter, self.bant_filter,
                self.fit_filter)

    def fill_choices(self, stages: Iterable[tuple[str, int]], owners: Iterable[str]) -> None:
        """The pipeline's stages (name, id) and owners; what was chosen stays chosen."""
        for combo, items in ((self.stage_filter, list(stages)),
                             (self.owner_filter, [(owner, owner) for owner in owners])):
            current = combo.currentData()
            combo.blockSignals(True)
            while combo.count() > 1:
                combo.removeItem(1)
            for text, data in items:
                combo.addItem(text, data)
            combo.setCurrentIndex(max(combo.findData(current), 0))
            combo.blockSignals(False)

    def knows_owner(self, owner: str) -> bool:
        return self.owner_filter.findData(owner) >= 0

    def current(self) -> DealFilter:
        return DealFilter(
            text=self.search.text().strip().casefold(),
            stage_id=self.stage_filter.currentData(),
            owner=self.owner_filter.currentData(),
            status=self.status_filter.currentData(),
            qualification=self.bant_filter.currentData(),
            fit=self.fit_filter.currentData(),
            deal_ids=self._deal_ids,
        )

    def reset(self, stage_id: int | None = None) -> None:
        """Clear every filter (then show one stage) without emitting `changed`."""
        for widget in (*self.combos(), self.search):
            widget.blockSignals(True)
        for combo in self.combos():
            combo.setCurrentIndex(0)
        self.search.clear()
        self._deal_ids = None
        if stage_id is not None:
            self.stage_filter.setCurrentIndex(self.stage_filter.findData(stage_id))
        for widget in (*self.combos(), self.search):
            widget.blockSignals(False)
        self._show_state()

    def show_only(self, request: dict) -> None:
        """Another tab asks: {"stage_id": id} and/or {"deal_ids": [...], "label": "Health"}.
        Everything else is cleared, and what is asked shows in the bar."""
        self.reset(request.get("stage_id"))
        ids = request.get("deal_ids")
        if ids:
            self._deal_ids = frozenset(ids)
            label = request.get("label") or self.tr("Chosen deals")
            count = self.tr("1 deal") if len(ids) == 1 else self.tr("%s deals") % f"{len(ids):,}"
            self.chip.setText(f"{label}: {count}  ✕")
            self.chip.setAccessibleName(self.tr("Filter %s: remove") % f"{label}: {count}")
        self._emit()

    def clear_filters(self) -> None:
        """Clear filters: every deal again."""
        self.reset()
        self._emit()

    def _drop_chosen(self) -> None:
        """The chip's ✕: forget the deals another tab asked for, keep the other filters."""
        self._deal_ids = None
        self._emit()

    def _show_state(self) -> None:
        self.chip.setVisible(self._deal_ids is not None)
        self.clear_button.setVisible(self.current() != DealFilter())

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _emit(self) -> None:
        self._show_state()
        self.changed.emit(self.current())
