"""What the deal table shows: the filter bar's choices (and a set of deals another tab asked
for) as one value with a test per row."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from pipeline_desktop.domain.deal_row import DealRow
from pipeline_desktop.domain.icp import fit_class


@dataclass
class DealFilter:
    text: str = ""
    stage_id: int | None = None
    owner: str | None = None
    status: str | None = None  # open | won | lost
    qualification: str | None = None  # full (4/4) | partial (1–3) | none (0)
    fit: str | None = None  # good | poor (against the ideal customer profile)
    deal_ids: frozenset[int] | None = None

    def row_checks(self) -> list[Callable[[DealRow], bool]]:
        """One test per criterion that is set, the text search aside."""
        checks: list[Callable[[DealRow], bool]] = []
        if self.stage_id is not None:
            checks.append(lambda row, v=self.stage_id: row.stage_id == v)
        if self.owner is not None:
            checks.append(lambda row, v=self.owner: row.owner == v)
        if self.status is not None:
            checks.append(lambda row, v=self.status: row.status == v)
        if self.qualification is not None:
            band = QUALIFICATION_BANDS[self.qualification]
            checks.append(lambda row: band(row.qualification))
        if self.fit is not None:
            checks.append(lambda row, v=self.fit: fit_class(row.fit) == v)
        if self.deal_ids is not None:
            checks.append(lambda row, v=self.deal_ids: row.id in v)
        return checks

    def accepts(self, row: DealRow) -> bool:
        return ((not self.text or self.text in row.search)
                and all(check(row) for check in self.row_checks()))


QUALIFICATION_BANDS: dict[str, Callable[[int], bool]] = {
    "full": lambda score: score == 4,
    "partial": lambda score: 0 < score < 4,
    "none": lambda score: score == 0,
}
