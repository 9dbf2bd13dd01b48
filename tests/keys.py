"""Driving the window as a person does: shortcuts and keys go to the widget that has focus,
modal dialogs are answered by pressing their real buttons or keys while they are open."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer
from PySide6.QtTest import QTest
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QMessageBox,
    QWidget,
)

Key = Qt.Key
CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier


def activate(qtbot, window: QWidget) -> None:
    """Shortcuts only reach the active window. (Also after a dialog closes: offscreen there is
    no window manager to hand the activation back to the window.)"""
    window.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def focused() -> QWidget:
    widget = QApplication.focusWidget()
    assert widget is not None, "nothing has the keyboard focus"
    return widget


def press(key: Key, modifier: Qt.KeyboardModifier = NONE, widget: QWidget | None = None) -> None:
    """A key press where the keyboard focus is (as the window system delivers it)."""
    QTest.keyClick(widget or focused(), key, modifier)


def type_text(text: str) -> None:
    QTest.keyClicks(focused(), text)


def when_dialog_opens(answer: Callable[[QDialog], None], timeout_ms: int = 5000,
                      kind: type[QDialog] = QDialog) -> dict:
    """Run `answer` on the next dialog (of `kind`) once it is the active window (a modal `exec`
    blocks the test until the dialog closes). If `answer` fails or leaves the dialog open, the
    dialog is rejected so nothing hangs, and the error fails the test. Returns a dict that gets
    "dialog" and "results" (what `finished` said) once it has been seen."""
    seen: dict = {"results": []}
    timer = QTimer()
    timer.setInterval(10)
    waited = [0]

    def poll() -> None:
        waited[0] += 10
        dialog = QApplication.activeWindow()  # keys go to the active window
        if isinstance(dialog, kind) and dialog.isVisible():
            timer.stop()
            seen["dialog"] = dialog
            dialog.finished.connect(lambda result: seen["results"].append(_closed(dialog, result)))
            try:
                answer(dialog)
            except BaseException:
                if dialog.isVisible():
                    dialog.reject()
                raise
            QTimer.singleShot(timeout_ms, dialog, lambda: _still_open(dialog, seen))
        elif waited[0] > timeout_ms:
            timer.stop()
            raise AssertionError("no dialog opened")

    timer.timeout.connect(poll)
    timer.start()
    seen["timer"] = timer  # kept alive by the caller
    return seen


def _closed(dialog: QDialog, result: int) -> dict:
    """How a dialog closed, noted when it says so (a static QMessageBox or QFileDialog
    function deletes its dialog as soon as it returns)."""
    state = {"result": result, "visible": dialog.isVisible(), "own_result": dialog.result()}
    if isinstance(dialog, QMessageBox):
        state["pressed"] = dialog.standardButton(dialog.clickedButton())
    if isinstance(dialog, QFileDialog):
        state["folder"] = dialog.directory().absolutePath()
    return state


def _still_open(dialog: QDialog, seen: dict) -> None:
    """The answer did not close the dialog: close it, so the test ends and says so."""
    if dialog.isVisible():
        seen["stuck"] = True
        dialog.reject()
        raise AssertionError(f"{type(dialog).__name__} stayed open after the answer")


def button(dialog: QDialog, *roles: QDialogButtonBox.ButtonRole):
    """The dialog's first push button with one of `roles` (a dialog button box or message box's
    OK/Close for AcceptRole, Cancel/Close for RejectRole)."""
    boxes = dialog.findChildren(QDialogButtonBox)
    if isinstance(dialog, QMessageBox):
        candidates = [(b, dialog.buttonRole(b)) for b in dialog.buttons()]
    else:
        candidates = [(b, box.buttonRole(b)) for box in boxes for b in box.buttons()]
    for wanted in roles:
        for found, role in candidates:
            # a message box's roles are its own enum with the same values
            if role.value == wanted.value and found.isVisible() and found.isEnabled():
                return found
    raise AssertionError(f"{type(dialog).__name__} has no button with role {roles}")


def click(widget: QWidget) -> None:
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)
