"""A pipeline opened read-only offers nothing that would change it."""

from __future__ import annotations

from PySide6.QtWidgets import QLineEdit

from pipeline_desktop.session import open_session
from pipeline_desktop.ui.models.deal_table import COLUMNS
from pipeline_desktop.ui.settings import AppSettings
from pipeline_desktop.ui.shell import build_window


def test_read_only_window_disables_every_way_to_edit(qtbot, demo_session):
    path = str(demo_session.path)
    demo_session.close()
    viewer = open_session(path, read_only=True)
    window = build_window(viewer, AppSettings())
    qtbot.addWidget(window)
    tab = window.deals_tab
    assert tab.model.rowCount() == 60  # everything can still be seen and searched
    title = tab.model.index(0, [c.key for c in COLUMNS].index("title"))
    assert not tab.model.flags(title) & tab.model.flags(title).ItemIsEditable
    assert not tab.new_button.isEnabled()
    assert not window.actions_by_name["new_deal"].isEnabled()
    assert all(edit.isReadOnly() for edit in tab.ensure_panel().findChildren(QLineEdit)
               if edit.objectName().startswith("deal_"))
    board = window.tab("board")
    assert board.columns
    assert not any(column.list.dragEnabled() for column in board.columns.values())
    viewer.close()
