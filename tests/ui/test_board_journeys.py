"""The Board as a person uses it: a card picked up with the mouse shows its picture and lights
up the column it would land in, long titles read on two lines, and a stage an import created
is a column beside the others, none hidden behind Won and Lost."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import (
    QColor,
    QDrag,
    QDragEnterEvent,
    QDragLeaveEvent,
    QDragMoveEvent,
    QDropEvent,
    QMouseEvent,
)
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from pipeline_desktop.domain import commands as cmd
from pipeline_desktop.services.excel.preview import apply_preview, build_preview
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.tabs.board import CARD_ROLE, BoardTab

TODAY = date(2026, 6, 15)
LONG = "Annual maintenance contract for the northern warehouses"


@pytest.fixture
def board(qtbot, controller) -> BoardTab:
    tab = BoardTab(controller, AppSettings(), today=lambda: TODAY)
    qtbot.addWidget(tab)
    tab.resize(1440, 860)
    tab.show()
    qtbot.waitExposed(tab)
    return tab


def held_move(widget, pos: QPoint) -> None:
    """A mouse move with the left button held (QTest's move carries no button)."""
    point = QPointF(pos)
    QApplication.sendEvent(widget, QMouseEvent(
        QEvent.Type.MouseMove, point, QPointF(widget.mapToGlobal(pos)),
        Qt.MouseButton.NoButton, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))


def pick_up(column) -> tuple[int, QDrag]:
    """Press on the first card and pull it sideways: the list starts a drag."""
    item = column.list.item(0)
    viewport = column.list.viewport()
    start = column.list.visualItemRect(item).center()
    QTest.mousePress(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     start)
    for dx in (5, 40, 80):
        held_move(viewport, start + QPoint(dx, 0))
    drag = column.list.findChild(QDrag)
    assert drag is not None, "no drag started"
    return item.data(CARD_ROLE).id, drag


def highlighted_pixels(widget) -> int:
    image = widget.grab().toImage()
    highlight = widget.palette().color(widget.palette().ColorRole.Highlight).rgb()
    return sum(1 for x in range(0, image.width(), 2) for y in range(0, image.height(), 2)
               if QColor(image.pixel(x, y)).rgb() == highlight)


def test_dragging_a_card_shows_it_and_lights_the_column_it_would_land_in(
        board: BoardTab, controller, qtbot, monkeypatch) -> None:
    from pipeline_desktop.ui import stage_moves

    monkeypatch.setattr(stage_moves.MissingCriteriaDialog, "ask",
                        classmethod(lambda cls, parent, title, unmet: True))
    source, target = list(board.columns.values())[:2]
    deal_id, drag = pick_up(source)
    assert not drag.pixmap().isNull()  # the card follows the mouse
    assert drag.pixmap().size() == source.list.visualItemRect(source.list.item(0)).size()
    assert drag.mimeData().text() == controller.repository.deal(deal_id)["title"]
    viewport = target.list.viewport()
    at = QPointF(30, 30)
    before = highlighted_pixels(target)
    QApplication.sendEvent(viewport, QDragEnterEvent(
        at.toPoint(), Qt.DropAction.MoveAction, drag.mimeData(), Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier))
    QApplication.sendEvent(viewport, QDragMoveEvent(
        at.toPoint(), Qt.DropAction.MoveAction, drag.mimeData(), Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier))
    assert highlighted_pixels(target) > before + 200  # the column is lit up
    QApplication.sendEvent(viewport, QDragLeaveEvent())
    assert highlighted_pixels(target) == before
    QApplication.sendEvent(viewport, QDragEnterEvent(
        at.toPoint(), Qt.DropAction.MoveAction, drag.mimeData(), Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier))
    QApplication.sendEvent(viewport, QDropEvent(
        at, Qt.DropAction.MoveAction, drag.mimeData(), Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier))
    qtbot.waitUntil(lambda: controller.repository.deal(deal_id)["stage"] == target.stage.id)
    assert highlighted_pixels(target) == before


def test_a_long_title_reads_on_two_lines_with_the_whole_title_as_tooltip(
        board: BoardTab, controller, qtbot) -> None:
    column = next(c for c in board.columns.values() if c.list.count() >= 2)
    long_id, short_id = (column.list.item(i).data(CARD_ROLE).id for i in (0, 1))
    controller.execute(cmd.EditDeal(long_id, {"title": LONG}))
    controller.execute(cmd.EditDeal(short_id, {"title": "Pilot"}))
    board.reload()
    items = {column.list.item(i).data(CARD_ROLE).id: column.list.item(i)
             for i in range(column.list.count())}
    assert items[long_id].toolTip().startswith(LONG)

    def ink_on_second_line(deal_id: int) -> int:
        rect = column.list.visualItemRect(items[deal_id])
        image = column.list.viewport().grab(rect).toImage()
        line = column.list.fontMetrics().height() + 1
        text = column.palette().color(column.palette().ColorRole.Text).rgb()
        return sum(1 for x in range(12, image.width() - 8) for y in range(8 + line, 8 + 2 * line)
                   if image.pixel(x, y) == text)

    assert ink_on_second_line(long_id) > 20  # the title goes on below its first line
    assert ink_on_second_line(short_id) == 0


def hubspot_stages_csv(path: Path) -> Path:
    path.write_text("Record ID,Deal Name,Deal Stage,Amount,Close Date,Pipeline\n"
                    "1,Alpha,Contract Sent,100,07/04/2026,Sales\n"
                    "2,Beta,Appointment Scheduled,200,07/06/2026,Sales\n", encoding="utf-8")
    return path


def test_stages_an_import_created_are_columns_before_won_and_lost_all_in_view(
        board: BoardTab, controller, tmp_path: Path, qtbot) -> None:
    repository = controller.repository
    preview = build_preview(repository, hubspot_stages_csv(tmp_path / "hubspot.csv"))
    apply_preview(repository, preview, controller.session.path)
    controller.notify()
    qtbot.waitUntil(lambda: len(board.columns) == 8)
    names = [c.stage.name for c in board.columns.values()]
    assert names[-2:] == ["Contract Sent", "Appointment Scheduled"]
    qtbot.wait(20)
    view = board.scroll.viewport()
    for column in board.columns.values():  # nothing to scroll to, nothing under Won/Lost
        right = column.mapTo(view, QPoint(column.width(), 0)).x()
        assert right <= view.width(), f"{column.stage.name} is cut off"
    assert board.scroll.horizontalScrollBar().maximum() == 0


def test_the_sample_pipeline_has_no_deal_created_today(session) -> None:
    from pipeline_desktop.services.demo import generate

    generate(session.db, session.repository.stages(), deals=300, seed=1, today=TODAY)
    created = sorted(row.created for row in session.repository.deal_rows(today=TODAY))
    assert created[-1] < TODAY.isoformat()  # the newest was made yesterday, not today
    assert created[0] < "2025-08-01"  # about a year of history behind it
    assert len({day[:7] for day in created}) >= 12


def test_a_large_board_loads_in_the_background_and_catches_up_with_edits(
        qtbot, controller, monkeypatch) -> None:
    """Above LOAD_IN_THREAD deals the cards are read in a thread: the columns say so, then
    fill; an edit made while they load is on its card when they land."""
    from pipeline_desktop.ui.tabs import board as board_module

    monkeypatch.setattr(board_module, "LOAD_IN_THREAD", 10)  # the 60-deal sample is "large"
    tab = BoardTab(controller, AppSettings(), today=lambda: TODAY)
    qtbot.addWidget(tab)
    assert tab.heading.text() == "Loading the board…"
    assert len(tab.columns) == 6  # the columns stand at once, their cards follow
    open_ids = {r.id for r in controller.repository.deal_rows(today=TODAY)
                if r.status == "open"}
    controller.execute(cmd.EditDeal(next(iter(open_ids)), {"title": "Renamed while loading"}))
    tab.show()
    qtbot.waitUntil(lambda: "open deals" in tab.heading.text())
    shown = {column.list.item(i).data(CARD_ROLE).id: column.list.item(i).data(CARD_ROLE)
             for column in tab.columns.values() for i in range(column.list.count())}
    assert set(shown) == open_ids
    assert shown[next(iter(open_ids))].title == "Renamed while loading"


@pytest.mark.parametrize("title", ["Consulting package — Iron Works LLC", LONG,
                                   "Supercalifragilisticexpialidocious-integration-project"])
def test_the_first_line_of_a_title_is_never_elided(qtbot, title: str) -> None:
    from PySide6.QtGui import QFont, QFontMetrics

    from pipeline_desktop.ui.tabs.board_card import two_lines

    font = QFont()
    font.setBold(True)
    metrics = QFontMetrics(font)
    for width in range(80, 260, 7):
        lines = two_lines(title, metrics, width)
        assert metrics.elidedText(lines[0], Qt.TextElideMode.ElideRight, width) == lines[0]
        assert "…" not in lines[0]
        if len(lines) == 2 and "…" not in lines[1]:
            assert title in (" ".join(lines), "".join(lines))  # nothing lost between lines
