"""Moving a deal between stages from any view (table, board, panel): one place that asks what a
move needs (confirmation when exit criteria are unmet, a lost reason) and carries it out as an
undoable command."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget

from pipeline_desktop.domain.commands import MoveStage
from pipeline_desktop.domain.model import Outcome
from pipeline_desktop.domain.process import Unmet, parse_criteria, unmet_criteria
from pipeline_desktop.domain.stages import DEFAULT_LOST_REASONS
from pipeline_desktop.ui.controller import PipelineController


class LostReasonDialog:
    @classmethod
    def ask(cls, parent: QWidget | None, reasons: list[str]) -> str | None:
        """The reason a deal was lost ("" is allowed); None when the user cancels the move."""
        reason, ok = QInputDialog.getItem(
            parent, parent.tr("Deal lost") if parent else "Deal lost",
            parent.tr("Why was it lost? (optional)") if parent else "Why was it lost?",
            ["", *reasons], 0, True)
        return reason.strip() if ok else None


class MissingCriteriaDialog:
    @classmethod
    def ask(cls, parent: QWidget | None, deal_title: str, unmet: Sequence[Unmet]) -> bool:
        """Confirm a move past stages whose exit criteria the deal has not met."""
        lines = "\n".join(f"• {u.stage.name}: " + "; ".join(u.criteria) for u in unmet)
        text = (f"“{deal_title}” has not met these exit criteria:\n\n{lines}\n\n"
                "Move it anyway?")
        answer = QMessageBox.question(
            parent, "Exit criteria not met", text,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No)
        return answer == QMessageBox.StandardButton.Yes


def move_deal(parent: QWidget | None, controller: PipelineController, deal_id: int,
              to_stage_id: int, *, expected_version: int | None = None) -> bool:
    """Move one deal; return False when the user cancelled. `expected_version` is the version
    the user was looking at: someone else's newer change refuses the move (team mode)."""
    stages = controller.repository.stages()
    stage = next(s for s in stages if s.id == to_stage_id)
    deal = controller.repository.deal(deal_id)
    unmet = unmet_criteria(stages, deal["stage"], to_stage_id,
                           parse_criteria(deal.get("criteria_met")))
    if unmet and not MissingCriteriaDialog.ask(parent, str(deal["title"]), unmet):
        return False
    lost_reason = None
    if stage.outcome is Outcome.LOST:
        reasons = controller.repository.setting("lost_reasons", list(DEFAULT_LOST_REASONS))
        lost_reason = LostReasonDialog.ask(parent, reasons)
        if lost_reason is None:
            return False
    controller.execute(MoveStage(deal_id, to_stage_id, lost_reason,
                                 label=f"Move to {stage.name}",
                                 expected_version=expected_version))
    return True
