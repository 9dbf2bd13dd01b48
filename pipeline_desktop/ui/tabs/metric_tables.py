"""The Metrics tab's tables: figures by owner or lead source, by ideal-customer fit, and
the stale deals (cells shown as text, sorted by number)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from pipeline_desktop.domain.icp import GOOD_FIT_THRESHOLD
from pipeline_desktop.domain.money import format_money
from pipeline_desktop.services.fit_metrics import FitFigures
from pipeline_desktop.services.totals import GroupFigures


class _Item(QTableWidgetItem):
    """A cell shown as text but sorted by a number."""

    def __init__(self, text: str, key: float | str | None = None) -> None:
        super().__init__(text)
        self.key = text.casefold() if key is None else key
        if key is not None:
            self.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def __lt__(self, other: QTableWidgetItem) -> bool:
        other_key = getattr(other, "key", None)
        if isinstance(self.key, str) or isinstance(other_key, str) or other_key is None:
            return str(self.key) < str(other_key)
        return self.key < other_key


class GroupTable(QTableWidget):
    """Open now, won and lost in the period, win rate and value won, per owner or source."""

    def __init__(self, name: str) -> None:
        super().__init__(0, 6)
        self.setHorizontalHeaderLabels([name, self.tr("Open"), self.tr("Won"), self.tr("Lost"),
                                        self.tr("Win rate"), self.tr("Won value")])
        self.setAccessibleName(self.tr("Figures by %s") % name.lower())
        _setup(self)

    def show_groups(self, groups: list[GroupFigures], currency: str) -> None:
        self.setSortingEnabled(False)
        self.setRowCount(len(groups))
        for row, g in enumerate(groups):
            rate = g.win_rate
            cells = [_Item(g.name), _Item(f"{g.open:,}", g.open), _Item(f"{g.won:,}", g.won),
                     _Item(f"{g.lost:,}", g.lost),
                     _Item("—" if rate is None else f"{rate * 100:.1f} %",
                           -1 if rate is None else rate),
                     _Item(format_money(g.won_value, currency, whole=True), g.won_value)]
            for column, cell in enumerate(cells):
                self.setItem(row, column, cell)
        self.setSortingEnabled(True)


class FitTable(QTableWidget):
    """Is the ideal customer profile right? Good-fit deals should win more often."""

    def __init__(self) -> None:
        super().__init__(0, 5)
        self.setHorizontalHeaderLabels([self.tr("Fit"), self.tr("Won"), self.tr("Lost"),
                                        self.tr("Win rate"), self.tr("Average deal size")])
        self.setAccessibleName(self.tr("Figures by ideal-customer fit"))
        _setup(self)

    def show_fits(self, figures: list[FitFigures], currency: str) -> None:
        self.setRowCount(len(figures))
        names = {"good": self.tr("Good fit (%d or more)") % GOOD_FIT_THRESHOLD,
                 "poor": self.tr("Poor fit")}
        for row, f in enumerate(figures):
            rate, average = f.win_rate, f.average_deal_size
            cells = [_Item(names[f.fit]), _Item(f"{f.won:,}", f.won),
                     _Item(f"{f.lost:,}", f.lost),
                     _Item("—" if rate is None else f"{rate * 100:.1f} %", rate or 0),
                     _Item("—" if average is None else format_money(round(average), currency,
                                                                     whole=True), average or 0)]
            for column, cell in enumerate(cells):
                self.setItem(row, column, cell)
        if not figures:
            self.setRowCount(1)
            self.setItem(0, 0, _Item(self.tr("Set an ideal customer profile "
                                             "(Pipeline › Ideal customer…) to compare.")))


class StaleTable(QTableWidget):
    def __init__(self) -> None:
        super().__init__(0, 5)
        self.setHorizontalHeaderLabels([self.tr("Deal"), self.tr("Stage"), self.tr("Owner"),
                                        self.tr("Days idle"), self.tr("Value")])
        self.setAccessibleName(self.tr("Stale deals"))
        _setup(self)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in range(1, 5):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

    def show_stale(self, stale, rows, currency: str) -> None:
        self.setSortingEnabled(False)
        self.setRowCount(len(stale))
        for row, s in enumerate(stale):
            deal = rows.get(s.deal_id)
            title = _Item(deal.title if deal else f"#{s.deal_id}")
            title.setData(Qt.ItemDataRole.UserRole, s.deal_id)
            cells = [title, _Item(deal.stage if deal else ""), _Item(deal.owner if deal else ""),
                     _Item(f"{s.idle_days:,}", s.idle_days),
                     _Item(format_money(s.value, currency, whole=True), s.value or 0)]
            for column, cell in enumerate(cells):
                self.setItem(row, column, cell)
        self.setSortingEnabled(True)

    def deal_id(self, row: int) -> int | None:
        item = self.item(row, 0)
        return None if item is None else item.data(Qt.ItemDataRole.UserRole)


def _setup(table: QTableWidget) -> None:
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
    table.setAlternatingRowColors(True)
    table.horizontalHeader().setSortIndicator(0, Qt.SortOrder.AscendingOrder)
