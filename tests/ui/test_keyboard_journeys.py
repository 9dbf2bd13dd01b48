"""Journeys from the keyboard, the way a person types them: the shortcut, the text, Enter."""

from __future__ import annotations

from keys import CTRL, SHIFT, Key, activate, focused, press, type_text, when_dialog_opens
from PySide6.QtWidgets import QApplication, QLineEdit

from pipeline_desktop.storage.process_store import activities
from pipeline_desktop.ui.tabs import TABS


def test_ctrl_n_opens_the_new_deal_dialog_in_title_and_enter_creates_it(qtbot, window):
    activate(qtbot, window)
    seen_focus: list[str] = []

    def answer(dialog):
        seen_focus.append(focused().accessibleName())
        type_text("Keyboard deal")
        press(Key.Key_Enter)

    opened = when_dialog_opens(answer)
    press(Key.Key_N, CTRL)
    assert opened.get("dialog") is not None, "Ctrl+N opened nothing"
    assert seen_focus == ["Title"]
    tab = window.deals_tab
    deal_id = tab.selected_deal_id()
    assert deal_id is not None and tab.repository.deal(deal_id)["title"] == "Keyboard deal"
    assert window.tabs.currentIndex() == 0
    assert not opened["dialog"].isVisible()


def test_ctrl_shift_n_is_new_pipeline(window):
    assert window.actions_by_name["new_pipeline"].shortcut().toString() == "Ctrl+Shift+N"
    assert window.actions_by_name["new_deal"].shortcut().toString() == "Ctrl+N"


def test_ctrl_l_logs_an_activity_typed_into_subject_with_enter(qtbot, window):
    activate(qtbot, window)
    tab = window.deals_tab
    deal_id = tab.selected_deal_id()
    assert deal_id is not None
    before = len(activities(tab.repository, deal_id))
    focus: list[QLineEdit] = []

    def answer(dialog):
        focus.append(focused())
        type_text("Called about the renewal")
        press(Key.Key_Return)

    opened = when_dialog_opens(answer)
    press(Key.Key_L, CTRL)
    assert opened.get("dialog") is not None, "Ctrl+L opened nothing"
    assert focus[0] is opened["dialog"].subject
    logged = activities(tab.repository, deal_id)
    assert len(logged) == before + 1
    assert any(a.subject == "Called about the renewal" for a in logged)
    assert not opened["dialog"].isVisible()
    activate(qtbot, window)
    press(Key.Key_2, CTRL)  # the window still answers
    assert window.tabs.currentIndex() == 1


def test_ctrl_1_to_5_switch_tabs(qtbot, window):
    activate(qtbot, window)
    for index in reversed(range(len(TABS))):
        press(getattr(Key, f"Key_{index + 1}"), CTRL)
        assert window.tabs.currentIndex() == index


def test_ctrl_q_quits(qtbot, window):
    activate(qtbot, window)
    press(Key.Key_Q, CTRL)
    qtbot.waitUntil(lambda: not window.isVisible())


def test_ctrl_shift_z_redoes_what_ctrl_z_undid(qtbot, window):
    activate(qtbot, window)
    stack = window.controller.undo_stack
    opened = when_dialog_opens(lambda _d: (type_text("Undo me"), press(Key.Key_Enter)))
    press(Key.Key_N, CTRL)
    assert opened.get("dialog") is not None and stack.count() == 1
    activate(qtbot, window)
    window.deals_tab.table.setFocus()
    press(Key.Key_Z, CTRL)
    assert stack.index() == 0
    press(Key.Key_Z, CTRL | SHIFT)
    assert stack.index() == 1
    assert QApplication.activeModalWidget() is None


def test_each_tab_names_its_shortcut(window):
    for index in range(len(TABS)):
        assert window.tabs.tabToolTip(index).endswith(f"(Ctrl+{index + 1})")
