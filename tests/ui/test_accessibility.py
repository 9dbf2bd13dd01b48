"""Every control a person can reach has a name a screen reader can say."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QHeaderView,
    QLabel,
    QLineEdit,
    QWidget,
)

from pipeline_desktop.ui.tabs import TABS

CONTROLS = (QAbstractButton, QComboBox, QLineEdit, QAbstractItemView, QAbstractSpinBox)


def _is_qt_internal(widget: QWidget) -> bool:
    """Headers, corner buttons and combo-box pop-ups belong to their named parent."""
    return (widget.objectName().startswith("qt_") or isinstance(widget, QHeaderView)
            or isinstance(widget.parent(), QComboBox | QAbstractSpinBox | QLineEdit)
            or isinstance(widget.parent() and widget.parent().parent(), QComboBox))


def unnamed_controls(root: QWidget) -> list[str]:
    buddies = {id(label.buddy()) for label in root.findChildren(QLabel) if label.buddy()}
    missing = []
    for kind in CONTROLS:
        for widget in root.findChildren(kind):
            if widget.accessibleName() or id(widget) in buddies or _is_qt_internal(widget):
                continue
            if isinstance(widget, QAbstractButton) and widget.text().replace("&", ""):
                continue
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} in "
                           f"{type(widget.parent()).__name__}")
    return missing


def test_every_control_in_every_tab_has_an_accessible_name(window):
    for spec in TABS:
        window.tab(spec.key)
    assert unnamed_controls(window) == []
