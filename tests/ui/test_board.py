"""The Board tab: columns, headers, cards, drag-to-move, drop zones, and undo."""

from __future__ import annotations

from datetime import date

import pytest
from PySide6.QtCore import QByteArray, QMimeData, QPoint, QPointF, Qt
from PySide6.QtGui import QDropEvent

from pipeline_desktop.domain import process_commands as pc
from pipeline_desktop.domain.model import Outcome
from pipeline_desktop.ui import stage_moves
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.tabs import board as board_module
from pipeline_desktop.ui.tabs.board import CARD_ROLE, BoardTab
from pipeline_desktop.ui.tabs.board_card import STALE_ROLE
from pipeline_desktop.ui.tabs.board_drop import MIME

TODAY = date(2026, 6, 15)


@pytest.fixture
def board(qtbot, controller) -> BoardTab:
    tab = BoardTab(controller, AppSettings(), today=lambda: TODAY)
    qtbot.addWidget(tab)
    tab.resize(1280, 760)
    tab.show()
    return tab


def _column_ids(column) -> list[int]:
    return [column.list.item(i).data(CARD_ROLE).id for i in range(column.list.count())]


def test_columns_match_open_stages_and_counts(board: BoardTab, controller) -> None:
    stages = controller.repository.stages()
    assert list(board.columns) == [s.id for s in stages if s.is_open]
    assert set(board.zones) == {"won", "lost"}
    rows = controller.repository.deal_rows(today=TODAY)
    for stage_id, column in board.columns.items():
        in_stage = [r for r in rows if r.stage_id == stage_id]
        assert column.count == len(in_stage)
        assert sorted(_column_ids(column)) == sorted(r.id for r in in_stage)
        assert column.summary.text().startswith(f"{len(in_stage):,} deals")


def test_first_cards_only_then_more(board: BoardTab, monkeypatch) -> None:
    monkeypatch.setattr(board_module, "PAGE", 2)
    board.limits.clear()
    board.reload()
    column = max(board.columns.values(), key=lambda c: c.count)
    assert column.list.count() == 2
    assert column.more.isVisibleTo(board)
    assert column.more.text() == f"{column.count - 2:,} more…"
    column.more.click()
    assert column.list.count() == min(column.count, 12)


def test_drag_card_to_next_column_with_criteria_confirmation(board: BoardTab, controller,
                                                             monkeypatch) -> None:
    first, second = list(board.columns)[:2]
    deal_id = _column_ids(board.columns[first])[0]
    controller.execute(pc.SetCriteria(deal_id, ()))
    asked: list[str] = []

    def refuse(cls, parent, deal_title, unmet):
        asked.append(deal_title)
        return False

    monkeypatch.setattr(stage_moves.MissingCriteriaDialog, "ask", classmethod(refuse))
    assert not board.drop_deal(deal_id, second)
    assert asked and controller.repository.deal(deal_id)["stage"] == first
    monkeypatch.setattr(stage_moves.MissingCriteriaDialog, "ask",
                        classmethod(lambda cls, parent, deal_title, unmet: True))
    assert board.drop_deal(deal_id, second)
    assert controller.repository.deal(deal_id)["stage"] == second
    assert deal_id in _column_ids(board.columns[second])
    controller.undo_stack.undo()
    board.reload()
    assert controller.repository.deal(deal_id)["stage"] == first
    assert deal_id in _column_ids(board.columns[first])


def test_real_drop_event_on_lost_zone_asks_reason(board: BoardTab, controller, qtbot,
                                                  monkeypatch) -> None:
    monkeypatch.setattr(stage_moves.LostReasonDialog, "ask",
                        classmethod(lambda cls, parent, reasons: "Price"))
    deal_id = _column_ids(next(iter(board.columns.values())))[0]
    zone = board.zones["lost"]
    mime = QMimeData()
    mime.setData(MIME, QByteArray(str(deal_id).encode()))
    event = QDropEvent(QPointF(QPoint(10, 10)), Qt.DropAction.MoveAction, mime,
                       Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    zone.dropEvent(event)
    qtbot.waitUntil(lambda: controller.repository.deal(deal_id)["status"] == "lost")
    assert controller.repository.deal(deal_id)["lost_reason"] == "Price"
    assert all(deal_id not in _column_ids(c) for c in board.columns.values())
    controller.undo_stack.undo()
    assert controller.repository.deal(deal_id)["status"] == "open"


def test_drop_on_own_column_does_nothing(board: BoardTab, controller) -> None:
    stage_id, column = next(iter(board.columns.items()))
    deal_id = _column_ids(column)[0]
    assert not board.drop_deal(deal_id, stage_id)
    assert controller.undo_stack.count() == 0


def test_won_zone_and_stale_marks(board: BoardTab, controller) -> None:
    won = next(s for s in controller.repository.stages() if s.outcome is Outcome.WON)
    stage_id, column = [(i, c) for i, c in board.columns.items() if c.count][-1]
    deal_id = _column_ids(column)[0]
    remaining = [s for s in controller.repository.stages() if s.is_open][
        list(board.columns).index(stage_id):]
    controller.execute(pc.SetCriteria(deal_id, tuple(c for s in remaining
                                                     for c in s.exit_criteria)))
    assert board.drop_deal(deal_id, won.id)
    assert controller.repository.deal(deal_id)["status"] == "won"
    stale = [column.list.item(i).data(STALE_ROLE)
             for column in board.columns.values() for i in range(column.list.count())]
    assert any(stale) and not all(stale)


def test_board_follows_stage_edits(board: BoardTab, controller) -> None:
    stages = controller.repository.stages()
    edits = tuple(pc.StageEdit(s.id, s.name + (" X" if s.is_open else ""), s.probability,
                               s.outcome, s.exit_criteria, s.stale_after_days) for s in stages)
    controller.execute(pc.EditStages(edits))
    board.reload()
    assert next(iter(board.columns.values())).title.text().endswith(" X")


def test_double_click_opens_the_deal_in_a_dialog(board: BoardTab, qtbot) -> None:
    from PySide6.QtWidgets import QDialog

    from pipeline_desktop.ui.deal_panel import DealPanel

    column = next(c for c in board.columns.values() if c.list.count())
    item = column.list.item(0)
    board.open_card(item)
    dialog = board.findChild(QDialog)
    assert dialog is not None and dialog.isVisible()
    panel = dialog.findChild(DealPanel)
    assert panel.deal_id == item.data(CARD_ROLE).id
    dialog.close()
